import { describe, expect, it } from 'vitest'
import { sandboxProblem, type SandboxFacts } from './check-sandbox'

const ubuntu2404: SandboxFacts = {
  platform: 'linux',
  electronBinary: '/home/ed/newsdesk/node_modules/electron/dist/electron',
  apparmorRestrictsUserns: '1\n',
  usernsClone: null,
  helper: { path: '/home/ed/newsdesk/node_modules/electron/dist/chrome-sandbox', uid: 1000, mode: 0o755 },
}

describe('sandboxProblem (npm start on Ubuntu 24.04, electron/electron#42510)', () => {
  it('explains the AppArmor restriction and prints both exact fixes with this checkout’s paths', () => {
    const problem = sandboxProblem(ubuntu2404) ?? ''
    expect(problem).toContain('AppArmor')
    expect(problem).toContain('profile newsdesk-dev-electron "/home/ed/newsdesk/node_modules/electron/dist/electron"')
    expect(problem).toContain('sudo apparmor_parser -r /etc/apparmor.d/newsdesk-dev-electron')
    expect(problem).toContain(
      'sudo chown root:root "/home/ed/newsdesk/node_modules/electron/dist/chrome-sandbox" && sudo chmod 4755',
    )
    // --no-sandbox appears only in the warning never to use it.
    expect(problem.match(/--no-sandbox/g)).toEqual(['--no-sandbox'])
    expect(problem).toContain('never use --no-sandbox')
  })
  it('passes once the helper is root-owned and setuid', () => {
    expect(sandboxProblem({ ...ubuntu2404, helper: { ...ubuntu2404.helper!, uid: 0, mode: 0o4755 } })).toBeNull()
  })
  it('passes where user namespaces are allowed, and off Linux', () => {
    expect(sandboxProblem({ ...ubuntu2404, apparmorRestrictsUserns: '0' })).toBeNull()
    expect(sandboxProblem({ ...ubuntu2404, apparmorRestrictsUserns: null })).toBeNull()
    expect(sandboxProblem({ ...ubuntu2404, platform: 'darwin' })).toBeNull()
  })
  it('treats unprivileged_userns_clone=0 like the AppArmor restriction', () => {
    expect(sandboxProblem({ ...ubuntu2404, apparmorRestrictsUserns: null, usernsClone: '0' })).toContain('4755')
  })
  it('says to install the binary when it is missing', () => {
    expect(sandboxProblem({ ...ubuntu2404, electronBinary: null })).toContain('npx install-electron')
  })
})
