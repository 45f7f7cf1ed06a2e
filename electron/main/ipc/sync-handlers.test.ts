import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { LoadResult } from '../../../shared/ipc/contract'
import type { FieldHistory, SyncView } from '../../../shared/sync/api-types'
import { createServices, type ServicePaths, type Services } from '../services'
import { claimArticle, listClaims, fetchClaims, runGit, type DriverCommand } from '../services/sync'
import { buildTestDriver, startGitServer, TestEditor, type GitServer } from '../services/test-support'
import { dispatch, IpcValidationError } from './dispatch'
import { createHandlers } from './handlers'

// The sync namespace through the production dispatch over createServices, with real git against a
// `git daemon` on loopback.

let dir: string
let driver: DriverCommand
let server: GitServer
const opened: Services[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nd-sync-handlers-'))
  driver = await buildTestDriver(dir)
  server = await startGitServer(join(dir, 'served'))
}, 120_000)
afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose()
})
afterAll(async () => {
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

let counter = 0
async function open(extra: Partial<ServicePaths> = {}) {
  counter += 1
  const userData = join(dir, `user-${counter}`)
  const workspace = join(dir, `ws-${counter}`)
  await mkdir(workspace, { recursive: true })
  const services = await createServices({
    userData,
    sampleDir: null,
    workspace,
    watch: false,
    workers: null,
    syncDriver: driver,
    // Background syncs only when a test asks (no polling; saves batch for a short while).
    syncTimings: { pollMs: 0, batchMs: 50, networkTimeoutMs: 20_000 },
    ...extra,
  })
  opened.push(services)
  const handlers = createHandlers(services)
  const views: SyncView[] = []
  services.events.subscribe((event, ...args) => {
    if (event === 'sync:changed') views.push(args[0] as SyncView)
  })
  const call = <T>(channel: string, ...args: unknown[]) => dispatch(handlers, channel, args) as Promise<T>
  return { services, handlers, call, workspace, views }
}

/** Resolves with the first 'sync:changed' view that passes `test` (pushed by the services, never polled). */
function nextView(services: Services, test: (view: SyncView) => boolean): Promise<SyncView> {
  return new Promise((resolve) => {
    const stop = services.events.subscribe((event, ...args) => {
      const view = args[0] as SyncView
      if (event === 'sync:changed' && test(view)) {
        stop()
        resolve(view)
      }
    })
  })
}

async function newArticle(call: <T>(channel: string, ...args: unknown[]) => Promise<T>, headline: string) {
  const created = await call<LoadResult>('articles:create', { headline })
  if (!created.ok) throw new Error(created.message)
  return created
}

describe('sync handlers', () => {
  it('a workspace that is not a repository works as before: nothing is created, no claim, no commit', async () => {
    const { call, workspace } = await open()
    expect((await call<SyncView>('sync:status')).state).toBe('not-repository')
    const created = await newArticle(call, 'Bridge reopens')
    const saved = await call<{ ok: boolean }>('articles:save', {
      id: created.article.id,
      baseHash: created.hash,
      fields: { ...created.article, headline: 'Bridge reopens at last' },
      mode: 'explicit',
    })
    expect(saved.ok).toBe(true)
    expect((await call<SyncView>('sync:syncNow')).state).toBe('not-repository')
    expect(await call('sync:articleStates')).toEqual({})
    expect(await call('sync:claims')).toEqual([])
    expect(await call('sync:claim', created.article.id)).toMatchObject({
      ok: false,
      reason: 'not-synced',
      problem: { code: 'claim-not-synced', params: {} },
    })
    expect(await call('sync:fieldHistory', created.article.id)).toMatchObject({
      commits: [],
      lastChanges: [],
      reason: 'not-repository',
      problem: { code: 'history-not-repository', params: {} },
    })
    await expect(call('sync:fieldHistory', '../../etc/passwd')).rejects.toBeInstanceOf(IpcValidationError)
    await expect(stat(join(workspace, '.git'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('without git: the indicator says so with how to install it, and articles save as before', async () => {
    const before = process.env.NEWSDESK_GIT
    process.env.NEWSDESK_GIT = join(dir, 'no-such-git')
    try {
      const { call } = await open()
      const view = await call<SyncView>('sync:status')
      expect(view.state).toBe('git-missing')
      expect(view.message).toMatch(/install git/)
      expect(await call('sync:enable')).toMatchObject({
        ok: false,
        reason: 'git-missing',
        problem: { code: 'git-missing', params: {} },
      })
      expect(await call('sync:fieldHistory', randomUUID())).toMatchObject({
        commits: [],
        reason: 'git-missing',
        problem: { code: 'git-missing', params: {} },
      })
      const created = await newArticle(call, 'Offline desk')
      const saved = await call<{ ok: boolean }>('articles:save', {
        id: created.article.id,
        baseHash: created.hash,
        fields: { ...created.article, headline: 'Offline desk, edited' },
        mode: 'explicit',
      })
      expect(saved.ok).toBe(true)
    } finally {
      if (before === undefined) delete process.env.NEWSDESK_GIT
      else process.env.NEWSDESK_GIT = before
    }
  })

  it('refuses remotes that would run programs or read as options, in words', async () => {
    const { call } = await open()
    for (const url of ['ext::sh -c touch% /tmp/pwned', '--upload-pack=touch /tmp/x', 'fd::3', 'relative/folder']) {
      await expect(call('sync:setRemote', url)).rejects.toBeInstanceOf(IpcValidationError)
    }
    await expect(call('sync:setRemote', 'ext::sh')).rejects.toThrow(/give the remote as a URL/)
  })

  it('enable, set a remote, "N to send", an explicit save syncs: "synced", authored as the editor in Settings', async () => {
    const url = await server.createRepository('desk.git')
    const { call, services, workspace } = await open()
    await call('settings:update', { editorName: 'Ben Ortiz', editorEmail: 'ben@example.org' })
    const a = await newArticle(call, 'Storm closes port')
    await newArticle(call, 'Council vote')
    const enabled = await call<{ ok: true; view: SyncView }>('sync:enable')
    expect(enabled.ok).toBe(true)
    expect(enabled.view.state).toBe('no-remote')
    expect(enabled.view.author).toEqual({ name: 'Ben Ortiz', email: 'ben@example.org' })
    expect(enabled.view.authorSource).toBe('settings')
    const remoteSet = await call<{ ok: true; view: SyncView }>('sync:setRemote', url)
    expect(remoteSet.view).toMatchObject({ state: 'to-send', toSend: 2, remote: url })
    const states = await call<Record<string, { localOnly: boolean }>>('sync:articleStates')
    expect(states[a.article.id]).toMatchObject({ localOnly: true, changedHere: true })

    const synced = nextView(services, (v) => v.state === 'synced')
    await call('articles:save', {
      id: a.article.id,
      baseHash: a.hash,
      fields: { ...a.article, headline: 'Storm closes the port' },
      mode: 'explicit',
    })
    expect((await synced).toSend).toBe(0)
    expect((await call<SyncView>('sync:status')).state).toBe('synced')
    expect(await call('sync:articleStates')).toEqual({})
    const log = await runGit(workspace, ['log', '--format=%an <%ae>', 'origin/main'])
    expect(new Set(log.stdout.trim().split('\n'))).toEqual(new Set(['Ben Ortiz <ben@example.org>']))

    // An autosave goes out after the batch window, by itself.
    const head = await call<LoadResult>('articles:load', a.article.id)
    if (!head.ok) throw new Error(head.message)
    const sent = nextView(services, (v) => v.state === 'synced' && v.lastSyncAt !== null)
    await call('articles:save', {
      id: a.article.id,
      baseHash: head.hash,
      fields: { ...head.article, standfirst: 'Ferries stay in harbour.' },
      mode: 'auto',
    })
    const sentView = await sent
    const remoteHead = await runGit(workspace, ['rev-parse', 'origin/main'])
    expect((await runGit(workspace, ['rev-parse', 'HEAD'])).stdout).toBe(remoteHead.stdout)
    // The view names the commit HEAD is at (what the team history compares to know whether to read again).
    expect(sentView.head).toBe(remoteHead.stdout.trim())
    expect((await call<SyncView>('sync:status')).head).toBe(remoteHead.stdout.trim())

    // The team history names who changed which field: the autosave's standfirst, then the creation.
    const history = await call<FieldHistory>('sync:fieldHistory', a.article.id)
    expect(history.reason).toBeNull()
    expect(history.commits.map((c) => `${c.name} <${c.email}> ${c.change}: ${c.fields.join(', ')}`)).toEqual([
      'Ben Ortiz <ben@example.org> edited: standfirst',
      'Ben Ortiz <ben@example.org> created: ',
    ])
    expect(history.lastChanges).toEqual([
      expect.objectContaining({ field: 'standfirst', name: 'Ben Ortiz', commit: remoteHead.stdout.trim() }),
    ])
  }, 120_000)

  it("claims: another editor's claim shows after a sync, taking it over reports whose it was, releasing and closing give it back, and no claim adds a commit", async () => {
    const url = await server.createRepository('claims.git')
    const { call, services, workspace } = await open()
    await call('settings:update', { editorName: 'Ben Ortiz', editorEmail: 'ben@example.org' })
    const story = await newArticle(call, 'Mayor resigns')
    await call('sync:setRemote', url)
    expect((await call<SyncView>('sync:syncNow')).state).toBe('synced')
    const commits = async () => (await runGit(workspace, ['rev-list', '--count', 'HEAD'])).stdout.trim()
    const before = await commits()

    const ana = await TestEditor.clone('Ana', url, join(dir, 'others'), driver)
    await claimArticle(ana.root, story.article.id, { name: 'Ana Ruiz', email: 'ana@example.org' })
    expect(await call('sync:claims')).toEqual([])
    await call('sync:syncNow')
    const claims = await call<{ name: string; mine: boolean; articleId: string }[]>('sync:claims')
    expect(claims).toMatchObject([{ articleId: story.article.id, name: 'Ana Ruiz', mine: false }])

    const taken = await call<{ ok: true; tookOverFrom: { name: string } | null; shared: boolean }>(
      'sync:claim',
      story.article.id,
    )
    expect(taken).toMatchObject({ ok: true, shared: true, tookOverFrom: { name: 'Ana Ruiz' } })
    expect(await call('sync:claims')).toMatchObject([{ name: 'Ben Ortiz', mine: true }])
    await fetchClaims(ana.root)
    expect((await listClaims(ana.root)).map((c) => c.name)).toEqual(['Ben Ortiz'])

    await call('sync:release', story.article.id)
    await fetchClaims(ana.root)
    expect(await listClaims(ana.root)).toEqual([])

    await call('sync:claim', story.article.id)
    await services.dispose()
    opened.splice(opened.indexOf(services), 1)
    await fetchClaims(ana.root)
    expect(await listClaims(ana.root)).toEqual([])
    expect(await commits()).toBe(before)
    const remoteBranch = await runGit(ana.root, ['ls-remote', '--heads', 'origin'])
    expect(remoteBranch.stdout.split('\n').filter((l) => l.trim() !== '')).toHaveLength(1)
  }, 120_000)

  it('the indicator counts the conflicted articles ("Synced · 1 conflicted") until the editor resolves them', async () => {
    const url = await server.createRepository('conflicted.git')
    const { call, services } = await open()
    await call('settings:update', { editorName: 'Ben Ortiz', editorEmail: 'ben@example.org' })
    const story = await newArticle(call, 'Mayor resigns')
    await call('sync:setRemote', url)
    expect(await call<SyncView>('sync:syncNow')).toMatchObject({ state: 'synced', conflicted: 0 })

    const ana = await TestEditor.clone('Ana', url, join(dir, 'conflicting'), driver)
    await ana.edit(story.article.id, () => ({ headline: 'Mayor quits after vote' }))
    await ana.sync()
    const loaded = await call<LoadResult>('articles:load', story.article.id)
    if (!loaded.ok) throw new Error(loaded.message)
    await call('articles:save', {
      id: story.article.id,
      baseHash: loaded.hash,
      fields: { ...loaded.article, headline: 'Mayor steps down' },
      mode: 'explicit',
    })
    const merged = await nextView(services, (v) => v.conflicted > 0 && !v.running)
    expect(merged).toMatchObject({ state: 'synced', conflicted: 1 })
    expect(await call<SyncView>('sync:status')).toMatchObject({ state: 'synced', conflicted: 1 })

    const conflicted = await call<LoadResult>('articles:load', story.article.id)
    if (!conflicted.ok) throw new Error(conflicted.message)
    const records = conflicted.article.conflicts ?? []
    expect(records.map((r) => r.field)).toEqual(['headline'])
    const settled = nextView(services, (v) => v.conflicted === 0)
    const resolved = await call<{ ok: boolean }>(
      'articles:resolveConflicts',
      story.article.id,
      conflicted.hash,
      records.map((r, index) => ({ index, field: r.field, choice: 'mine' })),
    )
    expect(resolved.ok).toBe(true)
    expect((await settled).conflicted).toBe(0)
    expect((await call<SyncView>('sync:status')).conflicted).toBe(0)
  }, 120_000)

  it('a claim made offline that meets an earlier live claim at the sync is withdrawn, and the editor is told whose won', async () => {
    const url = await server.createRepository('offline-claims.git')
    const { call } = await open()
    await call('settings:update', { editorName: 'Ben Ortiz', editorEmail: 'ben@example.org' })
    const story = await newArticle(call, 'Mayor resigns')
    await call('sync:setRemote', url)
    expect((await call<SyncView>('sync:syncNow')).state).toBe('synced')
    const ana = await TestEditor.clone('Ana', url, join(dir, 'offline-claims'), driver)

    // Ben goes offline and opens the story; Ana, online, had opened it a minute before.
    await call('sync:setRemote', 'git://127.0.0.1:1/unreachable.git')
    const anas = await claimArticle(
      ana.root,
      story.article.id,
      { name: 'Ana Ruiz', email: 'ana@example.org' },
      { now: new Date(Date.now() - 60_000) },
    )
    const bens = await call<{ ok: true; shared: boolean; tookOverFrom: unknown }>('sync:claim', story.article.id)
    expect(bens).toMatchObject({ ok: true, shared: false, tookOverFrom: null })

    await call('sync:setRemote', url)
    await call('sync:syncNow')
    // Ben's later claim did not go over Ana's: hers stands on the remote, and his header tells him.
    const claims = await call<{ name: string; mine: boolean; withdrewMine: boolean }[]>('sync:claims')
    expect(claims).toMatchObject([{ articleId: story.article.id, name: 'Ana Ruiz', mine: false, withdrewMine: true }])
    await fetchClaims(ana.root)
    expect(await listClaims(ana.root)).toEqual([anas.claim])
    // Closing the article releases nothing of Ana's.
    await call('sync:release', story.article.id)
    await fetchClaims(ana.root)
    expect(await listClaims(ana.root)).toEqual([anas.claim])
    expect(await call('sync:claims')).toMatchObject([{ name: 'Ana Ruiz', withdrewMine: false }])
  }, 120_000)

  it('without a remote, saves are committed locally and nothing tries the network; a claim says to set a remote', async () => {
    const { call, services, workspace } = await open()
    await call('settings:update', { editorName: 'Ben Ortiz', editorEmail: 'ben@example.org' })
    await call('sync:enable')
    const story = await newArticle(call, 'Local desk')
    const committed = nextView(services, (v) => v.state === 'no-remote' && v.toSend > 0 && v.lastSyncAt !== null)
    await call('articles:save', {
      id: story.article.id,
      baseHash: story.hash,
      fields: { ...story.article, headline: 'Local desk, edited' },
      mode: 'explicit',
    })
    await committed
    expect((await runGit(workspace, ['status', '--porcelain', '--', 'articles'])).stdout).toBe('')
    expect((await runGit(workspace, ['remote'])).stdout.trim()).toBe('')
    expect(await call('sync:claim', story.article.id)).toMatchObject({ ok: false, reason: 'not-synced' })
  }, 60_000)

  it('at open, an interrupted sync is recovered (a stale git lock is removed) before the next sync', async () => {
    const first = await open()
    await first.call('sync:enable')
    await first.services.dispose()
    opened.splice(opened.indexOf(first.services), 1)
    // A kill inside `git commit` leaves index.lock; one inside an automatic gc, gc.pid.lock.
    for (const lock of ['index.lock', 'gc.pid.lock']) await writeFile(join(first.workspace, '.git', lock), '')
    const again = await open({ workspace: first.workspace })
    const view = await again.call<SyncView>('sync:status')
    expect(view.state).toBe('no-remote')
    for (const lock of ['index.lock', 'gc.pid.lock'])
      await expect(stat(join(first.workspace, '.git', lock))).rejects.toMatchObject({ code: 'ENOENT' })
  }, 60_000)

  it('switching workspace stops the sync of the previous one and gives its claims back', async () => {
    const url = await server.createRepository('switch.git')
    const next = join(dir, 'switch-target')
    await mkdir(next, { recursive: true })
    const { call } = await open({ pickFolder: async () => next })
    await call('settings:update', { editorName: 'Ben Ortiz', editorEmail: 'ben@example.org' })
    const story = await newArticle(call, 'Switch story')
    await call('sync:setRemote', url)
    await call('sync:syncNow')
    expect(await call('sync:claim', story.article.id)).toMatchObject({ ok: true, shared: true })
    const ana = await TestEditor.clone('Ana2', url, join(dir, 'others'), driver)
    await fetchClaims(ana.root)
    expect((await listClaims(ana.root)).map((c) => c.name)).toEqual(['Ben Ortiz'])
    expect(await call('workspace:open')).toMatchObject({ ok: true })
    expect((await call<SyncView>('sync:status')).state).toBe('not-repository')
    await fetchClaims(ana.root)
    expect(await listClaims(ana.root)).toEqual([])
  }, 120_000)

  it("an offline remote: the indicator says offline with git's message, and the changes wait", async () => {
    const { call } = await open()
    await call('settings:update', { editorName: 'Ben Ortiz', editorEmail: 'ben@example.org' })
    await newArticle(call, 'Waiting story')
    await call('sync:setRemote', `git://127.0.0.1:${server.port + 1}/nobody.git`)
    const view = await call<SyncView>('sync:syncNow')
    expect(view.state).toBe('offline')
    expect(view.message).toMatch(/cannot be reached/)
    // The renderer words the code in the UI language; git's text stays apart, verbatim.
    expect(view.problem).toEqual({ code: 'offline', params: { step: 'fetch' } })
    expect(view.detail).not.toBeNull()
    expect(view.toSend).toBe(1)
  }, 60_000)
})
