import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SYNC_MESSAGES_EN } from '../../../../shared/sync/sync-messages'
import { tempDirEach } from '../test-support'
import { runGit, WorkspaceSync, type DriverCommand } from '.'

// What WorkspaceSync answers when a claim, a setup or the team history cannot be had: a code of the one table
// in shared/sync/sync-messages.ts (the renderer words it), the code's English words, and git's own text apart.
// Real git on temp folders; nothing here reaches a network (the remotes are folders that do not exist).

const dir = tempDirEach('nd-workspace-sync-')
// Never run: these tests refuse or fail before any merge.
const driver: DriverCommand = { argv: ['/bin/false'] }
const opened: WorkspaceSync[] = []
afterEach(async () => {
  for (const sync of opened.splice(0)) await sync.close()
})

function workspaceSync(editor = { name: 'Ben Ortiz', email: 'ben@example.org' }): WorkspaceSync {
  const sync = new WorkspaceSync({ driver, editor: async () => editor, onChange: () => undefined, pollMs: 0 })
  opened.push(sync)
  return sync
}

/** A repository with a remote that points at a folder that is not there. */
async function repositoryWithRemote(): Promise<string> {
  const root = join(dir(), 'ws')
  await mkdir(root)
  await runGit(root, ['init', '--quiet', '--initial-branch=main'])
  await runGit(root, ['remote', 'add', 'origin', join(dir(), 'nowhere.git')])
  return root
}

describe('WorkspaceSync problems as codes', () => {
  it('a claim outside a synced workspace, and the team history outside a repository, answer with codes', async () => {
    const root = join(dir(), 'plain')
    await mkdir(root)
    const sync = workspaceSync()
    await sync.open(root, false)
    expect(await sync.claim(randomUUID())).toEqual({
      ok: false,
      reason: 'not-synced',
      problem: { code: 'claim-not-synced', params: {} },
      message: SYNC_MESSAGES_EN['claim-not-synced'],
      detail: null,
    })
    expect(await sync.fieldHistory(randomUUID())).toEqual({
      commits: [],
      lastChanges: [],
      reason: 'not-repository',
      problem: { code: 'history-not-repository', params: {} },
      message: SYNC_MESSAGES_EN['history-not-repository'],
      detail: null,
    })
  })

  it('a workspace open read-only refuses a claim and a setup, each with its own code', async () => {
    const root = await repositoryWithRemote()
    const sync = workspaceSync()
    await sync.open(root, true)
    expect(await sync.claim(randomUUID())).toMatchObject({
      ok: false,
      reason: 'read-only',
      problem: { code: 'claim-read-only', params: {} },
      message: SYNC_MESSAGES_EN['claim-read-only'],
    })
    expect(await sync.setRemote('')).toEqual({
      ok: false,
      reason: 'read-only',
      problem: { code: 'setup-read-only', params: {} },
      message: SYNC_MESSAGES_EN['setup-read-only'],
      detail: null,
    })
  })

  it('a claim without a name and email in Settings or git says to set them', async () => {
    const root = await repositoryWithRemote()
    const empty = join(dir(), 'empty-gitconfig')
    await writeFile(empty, '')
    const saved = { global: process.env.GIT_CONFIG_GLOBAL, system: process.env.GIT_CONFIG_NOSYSTEM }
    process.env.GIT_CONFIG_GLOBAL = empty
    process.env.GIT_CONFIG_NOSYSTEM = '1'
    try {
      const sync = workspaceSync({ name: '', email: '' })
      await sync.open(root, false)
      expect(await sync.claim(randomUUID())).toEqual({
        ok: false,
        reason: 'no-identity',
        problem: { code: 'claim-no-identity', params: {} },
        message: SYNC_MESSAGES_EN['claim-no-identity'],
        detail: null,
      })
    } finally {
      for (const [key, value] of [
        ['GIT_CONFIG_GLOBAL', saved.global],
        ['GIT_CONFIG_NOSYSTEM', saved.system],
      ] as const) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
  })

  it("a setup git refuses carries the code and, apart, git's own words", async () => {
    const root = join(dir(), 'broken')
    await mkdir(root)
    // A `.git` file that points nowhere: git init refuses to work in this folder.
    await writeFile(join(root, '.git'), 'gitdir: /nonexistent/newsdesk-test\n')
    const sync = workspaceSync()
    await sync.open(root, false)
    const result = await sync.enable()
    expect(result).toMatchObject({
      ok: false,
      reason: 'git',
      problem: { code: 'setup-failed', params: {} },
      message: SYNC_MESSAGES_EN['setup-failed'],
    })
    expect(!result.ok && result.detail).toMatch(/^git init failed/)
  })
})
