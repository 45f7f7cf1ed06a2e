// `npm start` runs this first. On Ubuntu 23.10 / 24.04 and later AppArmor stops unprivileged user namespaces,
// so Chromium falls back to its SUID sandbox helper (chrome-sandbox), which an npm install leaves owned by the
// user: `electron .` then aborts with "The SUID sandbox helper binary was found, but is not configured
// correctly" (electron/electron#42510). This says so before the launch, with the exact commands that fix it.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { findElectronBinary } from './electron-binary.ts'

/** What the check reads from the machine. */
export interface SandboxFacts {
  platform: NodeJS.Platform
  /** node_modules/electron/dist/electron, or null when Electron's binary is not installed. */
  electronBinary: string | null
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns ('1' on Ubuntu 24.04), or null when absent. */
  apparmorRestrictsUserns: string | null
  /** /proc/sys/kernel/unprivileged_userns_clone ('0' turns namespaces off on some kernels), or null. */
  usernsClone: string | null
  /** The SUID helper beside the binary: owner and mode, or null when it is not there. */
  helper: { path: string; uid: number; mode: number } | null
}

/** The problem that would stop `electron .`, with the commands that fix it; null when it can start. */
export function sandboxProblem(facts: SandboxFacts): string | null {
  if (facts.platform !== 'linux') return null
  if (!facts.electronBinary) return "Electron's binary is not installed (npm ci does not download it). Run:\n\n  npx install-electron\n"
  const restricted = facts.apparmorRestrictsUserns?.trim() === '1' || facts.usernsClone?.trim() === '0'
  if (!restricted) return null
  const helper = facts.helper
  if (helper && helper.uid === 0 && (helper.mode & 0o4755) === 0o4755) return null
  const binary = facts.electronBinary
  const helperPath = helper?.path ?? join(binary, '..', 'chrome-sandbox')
  return [
    'This system does not let unprivileged programs create user namespaces (AppArmor on Ubuntu 23.10 / 24.04 and',
    "later), so Electron's Chromium needs its SUID sandbox helper, and the helper is not set up:",
    `  ${helperPath} must be owned by root with mode 4755.`,
    '',
    'Fix it once for this checkout, either way (both keep the sandbox on; never use --no-sandbox):',
    '',
    '1. An AppArmor profile that lets this Electron create user namespaces (what the .deb installs for the app):',
    '',
    "  sudo tee /etc/apparmor.d/newsdesk-dev-electron >/dev/null <<'EOF'",
    'abi <abi/4.0>,',
    'include <tunables/global>',
    `profile newsdesk-dev-electron "${binary}" flags=(unconfined) {`,
    '  userns,',
    '  include if exists <local/newsdesk-dev-electron>',
    '}',
    'EOF',
    '  sudo apparmor_parser -r /etc/apparmor.d/newsdesk-dev-electron',
    '',
    '2. Or make the SUID helper root-owned (redo after every npx install-electron):',
    '',
    `  sudo chown root:root "${helperPath}" && sudo chmod 4755 "${helperPath}"`,
    '',
  ].join('\n')
}

/** Reads the facts for the Electron installed under `root`. */
export function readSandboxFacts(root: string): SandboxFacts {
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : null) // sync: a CLI check
  const found = findElectronBinary(root)
  const binary = found.ok ? found.path : null
  const helperPath = binary ? join(binary, '..', 'chrome-sandbox') : null
  const stat = helperPath && existsSync(helperPath) ? statSync(helperPath) : null
  return {
    platform: process.platform,
    electronBinary: binary,
    apparmorRestrictsUserns: read('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    usernsClone: read('/proc/sys/kernel/unprivileged_userns_clone'),
    helper: helperPath && stat ? { path: helperPath, uid: stat.uid, mode: stat.mode & 0o7777 } : null,
  }
}

if (import.meta.main) {
  const problem = sandboxProblem(readSandboxFacts(resolve(import.meta.dirname, '..')))
  if (problem) {
    console.error(`npm start: Electron cannot start here yet.\n\n${problem}`)
    process.exit(1)
  }
}
