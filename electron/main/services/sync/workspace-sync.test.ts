import { randomUUID } from 'node:crypto'
import { access, chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SYNC_MESSAGES_EN } from '../../../../shared/sync/sync-messages'
import { ArticleLibrary } from '../library'
import { makeArticle, tempDirEach, writeArticles } from '../test-support'
import { initRepository, runGit, syncWorkspace, WorkspaceSync, type DriverCommand } from '.'

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

  it('a remote the contract would refuse is refused with its code and left unset', async () => {
    const root = await repositoryWithRemote()
    const before = (await runGit(root, ['remote', 'get-url', 'origin'])).stdout
    const sync = workspaceSync()
    await sync.open(root, false)
    expect(await sync.setRemote('ext::sh -c touch% /tmp/pwned')).toEqual({
      ok: false,
      reason: 'invalid',
      problem: { code: 'remote-form', params: {} },
      message: SYNC_MESSAGES_EN['remote-form'],
      detail: null,
    })
    expect(await sync.setRemote('-uhttps://example.org/x.git')).toMatchObject({
      reason: 'invalid',
      problem: { code: 'remote-option' },
    })
    expect((await runGit(root, ['remote', 'get-url', 'origin'])).stdout).toBe(before)
  })

  it("a claim git fails to record carries claim-failed and, apart, git's own words; nothing is held", async () => {
    const root = await repositoryWithRemote()
    // A commit for the claim to sit beside (claims live outside the branches, but git needs an object store).
    await runGit(root, ['commit', '--allow-empty', '--quiet', '-m', 'start'], {
      env: {
        GIT_AUTHOR_NAME: 'Ben Ortiz',
        GIT_AUTHOR_EMAIL: 'ben@example.org',
        GIT_COMMITTER_NAME: 'Ben Ortiz',
        GIT_COMMITTER_EMAIL: 'ben@example.org',
      },
    })
    const id = randomUUID()
    // What a git killed while writing this claim leaves: the ref's lock, so git refuses to write the claim.
    await mkdir(join(root, '.git', 'refs', 'newsdesk', 'claims'), { recursive: true })
    await writeFile(join(root, '.git', 'refs', 'newsdesk', 'claims', `${id}.lock`), '')
    const sync = workspaceSync()
    await sync.open(root, false)
    const result = await sync.claim(id)
    expect(result).toMatchObject({
      ok: false,
      reason: 'git',
      problem: { code: 'claim-failed', params: {} },
      message: SYNC_MESSAGES_EN['claim-failed'],
    })
    const detail = result.ok ? null : result.detail
    expect(detail).toMatch(/^git update-ref failed \(exit \d+\): /)
    expect(detail).toContain(`cannot lock ref 'refs/newsdesk/claims/${id}'`)
    expect(detail).not.toContain(SYNC_MESSAGES_EN['claim-failed'])
    expect(await sync.claims()).toEqual([])
  })

  it("a claim the remote refuses is made here and reported with its own code and the remote's words, not as a failure", async () => {
    const remote = join(dir(), 'refusing.git')
    await runGit(dir(), ['init', '--bare', '--quiet', remote])
    // The remote's own rule, as a host might have it: no refs under refs/newsdesk/ (claims live there).
    const hook = join(remote, 'hooks', 'pre-receive')
    await writeFile(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/newsdesk/*) echo "refs under refs/newsdesk/ are not accepted here" >&2; exit 1;; esac; done\n',
    )
    await chmod(hook, 0o755)
    const root = join(dir(), 'ws')
    await mkdir(root)
    await runGit(root, ['init', '--quiet', '--initial-branch=main'])
    await runGit(root, ['remote', 'add', 'origin', `file://${remote}`])
    const sync = workspaceSync()
    await sync.open(root, false)
    const id = randomUUID()
    const result = await sync.claim(id)
    expect(result).toMatchObject({
      ok: true,
      shared: false,
      claim: { articleId: id, mine: true },
      refused: {
        problem: { code: 'claim-refused', params: {} },
        message: SYNC_MESSAGES_EN['claim-refused'],
      },
    })
    const detail = result.ok ? result.refused?.detail : undefined
    // Git's own words, verbatim and apart from ours: the hook's line and the push's status for the ref.
    expect(detail).toContain('remote: refs under refs/newsdesk/ are not accepted here')
    expect(detail).toContain('[remote rejected] (pre-receive hook declined)')
    expect(detail).not.toContain(SYNC_MESSAGES_EN['claim-refused'])
    expect(SYNC_MESSAGES_EN['claim-refused']).toContain('refs/newsdesk/')
    expect((await runGit(remote, ['for-each-ref', 'refs/newsdesk/'])).stdout).toBe('')
    // Editing goes on: the claim holds here (the library and the header see it).
    expect((await sync.claims()).map((c) => [c.articleId, c.mine])).toEqual([[id, true]])
  })

  it('a claim to a remote that cannot be reached is not shared and carries no refusal (it goes out later)', async () => {
    const sync = workspaceSync()
    await sync.open(await repositoryWithRemote(), false)
    expect(await sync.claim(randomUUID())).toMatchObject({ ok: true, shared: false, refused: null })
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

/** Whether a path exists. */
async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

/**
 * A repository with one committed article, left as a killed sync leaves one: a stale `.git/index.lock` (no
 * commit can be made until recovery removes it) and a claim of an earlier run that ended without releasing it.
 */
async function interruptedRepository(): Promise<{ root: string; id: string; claimRef: string }> {
  const root = join(dir(), 'interrupted')
  await mkdir(root)
  const id = randomUUID()
  await writeArticles(root, [makeArticle({ id })])
  await initRepository(root, driver)
  const author = { name: 'Ben Ortiz', email: 'ben@example.org' }
  expect((await syncWorkspace(root, { driver, author })).state).toBe('local-only')
  const claimRef = `refs/newsdesk/claims/${id}`
  await runGit(root, ['update-ref', claimRef, 'HEAD'])
  await writeFile(join(root, '.git', 'index.lock'), '')
  return { root, id, claimRef }
}

/** Whether the repository still holds `ref`. */
async function hasRef(root: string, ref: string): Promise<boolean> {
  return (await runGit(root, ['show-ref', '--verify', '--quiet', ref], { okCodes: [1] })).code === 0
}

describe('WorkspaceSync start after the first listing', () => {
  it('runs no git before the first listing is served; a close meanwhile does not wait for it', async () => {
    const { root, claimRef } = await interruptedRepository()
    // Long enough that only a served listing (or the close) could end the wait.
    const library = await ArticleLibrary.open(root, { deferValidation: true, backgroundAfterListingMs: 600_000 })
    try {
      const sync = workspaceSync()
      const opening = sync.open(root, false, library.firstListing)
      // Close runs after the open's step: had the open not waited for the listing, it would have recovered.
      await sync.close()
      await opening
      expect(await exists(join(root, '.git', 'index.lock'))).toBe(true)
      expect(await hasRef(root, claimRef)).toBe(true)
    } finally {
      await library.close()
    }
  })

  it('starts once the listing is served: recovery first, then the first commit; calls meanwhile get the recovered state', async () => {
    const { root, id, claimRef } = await interruptedRepository()
    const library = await ArticleLibrary.open(root, { deferValidation: true, backgroundAfterListingMs: 600_000 })
    try {
      const sync = workspaceSync()
      const opening = sync.open(root, false, library.firstListing)
      // The renderer asks for the indicator before the first listing: it is answered once the start is done.
      const asked = sync.view()
      expect(library.head(50).articles.map((a) => a.id)).toEqual([id])
      await opening
      expect(await exists(join(root, '.git', 'index.lock'))).toBe(false)
      expect(await hasRef(root, claimRef)).toBe(false)
      expect(await asked).toMatchObject({ state: 'no-remote', running: false, conflicted: 0 })
      // A save after the start: the first commit succeeds (it could not with the stale lock still there).
      await writeArticles(root, [makeArticle({ id, headline: 'Bridge reopens a day early' })])
      await sync.syncNow()
      const log = await runGit(root, ['log', '--format=%an', '--', `articles/${id}.json`])
      expect(log.stdout.trim().split('\n')).toEqual(['Ben Ortiz', 'Ben Ortiz'])
      expect((await runGit(root, ['status', '--porcelain'])).stdout).toBe('')
      expect((await sync.view()).state).toBe('no-remote')
    } finally {
      await library.close()
    }
  })
})
