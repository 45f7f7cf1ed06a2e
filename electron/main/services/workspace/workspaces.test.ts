import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pickFields } from '../../../../shared/article/schema'
import { createServices, type Services } from '..'
import { ServiceEvents } from '../service-events'
import { WorkspaceLock, workspaceLayout } from '../storage'
import { WorkspaceSession } from './workspaces'
import { tempDirEach } from '../test-support'

// A real 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

const dir = tempDirEach('newsdesk-ws-')
let services: Services | null
beforeEach(async () => {
  services = null
})
afterEach(async () => {
  await services?.dispose()
})

/** Services over workspace A whose folder picker answers with the next queued path. */
async function servicesOver(a: string, picks: (string | null)[]) {
  services = await createServices({
    userData: join(dir(), 'user'),
    sampleDir: null,
    workspace: a,
    watch: false,
    pickFolder: async () => picks.shift() ?? null,
  })
  return services
}

async function createArticle(s: Services, headline: string, tags: string[] = []) {
  const created = await s.library.create({ headline })
  if (!created.ok) throw new Error(created.message)
  const saved = await s.library.save({
    id: created.article.id,
    baseHash: created.hash,
    fields: { ...pickFields(created.article), tags },
    mode: 'explicit',
  })
  if (!saved.ok) throw new Error(saved.message)
  return saved
}

describe('switching workspaces', () => {
  it('moves every service to the new workspace and releases the old lock', async () => {
    const a = join(dir(), 'alpha')
    const b = join(dir(), 'bravo')
    const s = await servicesOver(a, [b])
    const old = await createArticle(s, 'Alpha story', ['alpha-tag'])
    expect((await readdir(workspaceLayout(a).store)).includes('lock')).toBe(true)
    await s.search.sync() // the index builds in the background after an open or a switch
    expect((await s.search.query('Alpha', {})).ids).toEqual([old.article.id])

    const opened = await s.workspaces.create()
    expect(opened).toMatchObject({ ok: true, info: { name: 'bravo', readOnly: false, articleCount: 0 } })
    expect(s.library.root).toBe(b)
    expect(s.workspaceRoot).toBe(b)

    // The old lock is released: another instance now gets workspace A writable.
    expect((await readdir(workspaceLayout(a).store)).includes('lock')).toBe(false)
    const other = await WorkspaceLock.acquire(a, { pid: 4242, hostname: 'elsewhere', isAlive: () => true })
    expect(other.kind).toBe('acquired')
    if (other.kind === 'acquired') await other.lock.release()
    const lock = JSON.parse(await readFile(workspaceLayout(b).lock, 'utf8')) as { pid: number }
    expect(lock.pid).toBe(process.pid)

    // Saving, history, search, tags, trash, journal, assets and publication settings act on B.
    const fresh = await createArticle(s, 'Bravo story', ['bravo-tag'])
    expect(await readdir(join(b, 'articles'))).toEqual([`${fresh.article.id}.json`])
    expect((await readdir(join(a, 'articles'))).length).toBe(1)
    expect((await s.library.revisions(fresh.article.id)).length).toBe(2)
    await s.search.sync() // the index builds in the background after an open or a switch
    expect((await s.search.query('Alpha', {})).ids).toEqual([])
    expect((await s.search.query('Bravo', {})).ids).toEqual([fresh.article.id])
    expect((await s.tags.list()).map((t) => t.tag)).toEqual(['bravo-tag'])
    expect(await s.library.writeJournal(fresh.article.id, fresh.hash, pickFields(fresh.article))).toMatchObject({
      ok: true,
    })
    expect(await readdir(workspaceLayout(b).journal)).toEqual([`${fresh.article.id}.json`])
    const asset = await s.assets.importFromRenderer({ fileName: 'p.png', dataBase64: PNG.toString('base64') })
    if (!asset.ok) throw new Error(asset.message)
    expect(await readdir(join(b, 'assets'))).toEqual([asset.asset.name])
    expect(await readdir(join(a, 'assets'))).toEqual([])
    const settings = await s.publication.get()
    expect((await s.publication.set(settings)).ok).toBe(true)
    expect((await readdir(workspaceLayout(b).store)).includes('publication.json')).toBe(true)
    expect((await readdir(workspaceLayout(a).store)).includes('publication.json')).toBe(false)
    expect((await s.library.delete(fresh.article.id)).ok).toBe(true)
    expect((await s.library.trashed()).map((t) => t.id)).toEqual([fresh.article.id])
    expect(await readdir(workspaceLayout(a).trash).catch(() => [])).toEqual([])

    // Back to A through the recent list: its article is listed again.
    const recent = await s.workspaces.recent()
    expect(recent.map((r) => r.name)).toEqual(['bravo', 'alpha'])
    const back = await s.workspaces.openRecent(recent[1]!.key)
    expect(back).toMatchObject({ ok: true, info: { name: 'alpha', articleCount: 1 } })
    await s.search.sync() // the index builds in the background after an open or a switch
    expect((await s.search.query('Alpha', {})).ids).toEqual([old.article.id])
    expect((await readdir(workspaceLayout(b).store)).includes('lock')).toBe(false)
  })
})

describe('the recent list', () => {
  it('is written after the services open, and a read of it waits for the write', async () => {
    const a = join(dir(), 'alpha')
    const s = await servicesOver(a, [])
    // createServices did not wait for the durable write; the list read right away still names the workspace.
    expect((await s.workspaces.recent()).map((r) => r.name)).toEqual(['alpha'])
    // Writes run one after another, newest first, and each read sees every write asked for before it.
    const b = join(dir(), 'bravo')
    const c = join(dir(), 'charlie')
    void s.workspaces.remember(b)
    void s.workspaces.remember(c)
    expect((await s.workspaces.recent()).map((r) => r.name)).toEqual(['charlie', 'bravo', 'alpha'])
    await s.workspaces.settled()
    const file = JSON.parse(await readFile(join(dir(), 'user', 'recent-workspaces.json'), 'utf8')) as unknown[]
    expect(file).toHaveLength(3)
  })
})

describe('Save As for a read-only workspace', () => {
  it('copies a workspace locked by another instance to a new folder and opens the copy writable', async () => {
    const a = join(dir(), 'shared')
    const copy = join(dir(), 'my-copy')
    // Seed A (history, a journal entry, an asset) while we hold it, then let another "instance" lock it.
    const seeder = await servicesOver(a, [])
    const story = await createArticle(seeder, 'Shared story')
    await seeder.library.writeJournal(story.article.id, story.hash, {
      ...pickFields(story.article),
      headline: 'Typed, not saved',
    })
    await seeder.assets.importFromRenderer({ fileName: 'p.png', dataBase64: PNG.toString('base64') })
    await seeder.dispose()
    services = null
    const holder = await WorkspaceLock.acquire(a, { pid: 777, hostname: 'desk-b', isAlive: () => true })
    if (holder.kind !== 'acquired') throw new Error('could not lock')
    const lockBytes = await readFile(workspaceLayout(a).lock, 'utf8')

    const s = await servicesOver(a, [copy])
    expect(s.library.info()).toMatchObject({ readOnly: true, readOnlyReason: 'locked' })
    expect(
      await s.library.save({ id: story.article.id, baseHash: story.hash, fields: pickFields(story.article) }),
    ).toMatchObject({ ok: false, reason: 'read-only' })

    const result = await s.workspaces.saveAs()
    expect(result).toMatchObject({ ok: true, info: { name: 'my-copy', readOnly: false, articleCount: 1 } })
    expect(s.library.root).toBe(copy)
    // The copy carries the article (same bytes, so the open editor's base hash still holds), history,
    // the crash journal and assets; never the other instance's lock or the index cache.
    expect(await readFile(join(copy, 'articles', `${story.article.id}.json`), 'utf8')).toBe(
      await readFile(join(a, 'articles', `${story.article.id}.json`), 'utf8'),
    )
    expect((await s.library.revisions(story.article.id)).length).toBe(2)
    expect((await s.library.pendingJournal()).map((e) => e.headline)).toEqual(['Typed, not saved'])
    expect((await readdir(join(copy, 'assets'))).length).toBe(1)
    const lockNow = JSON.parse(await readFile(workspaceLayout(copy).lock, 'utf8')) as { pid: number }
    expect(lockNow.pid).toBe(process.pid)
    const saved = await s.library.save({
      id: story.article.id,
      baseHash: story.hash,
      fields: { ...pickFields(story.article), headline: 'Saved in my copy' },
      mode: 'explicit',
    })
    expect(saved.ok).toBe(true)
    // The original is untouched and still locked by its holder.
    expect(await readFile(workspaceLayout(a).lock, 'utf8')).toBe(lockBytes)
    const original = JSON.parse(await readFile(join(a, 'articles', `${story.article.id}.json`), 'utf8')) as {
      headline: string
    }
    expect(original.headline).toBe('Shared story')
    await holder.lock.release()
  })

  it('refuses a folder that is not empty or lies inside the workspace, and a cancelled dialog', async () => {
    const a = join(dir(), 'ws')
    const full = join(dir(), 'full')
    await mkdir(full, { recursive: true })
    await writeFile(join(full, 'notes.txt'), 'keep me')
    const s = await servicesOver(a, [full, join(a, 'inner'), null])
    expect(await s.workspaces.saveAs()).toMatchObject({ ok: false, reason: 'io' })
    expect(await readFile(join(full, 'notes.txt'), 'utf8')).toBe('keep me')
    expect(await readdir(full)).toEqual(['notes.txt'])
    const inner = await s.workspaces.saveAs()
    expect(inner).toMatchObject({ ok: false, reason: 'io' })
    expect(inner.ok ? '' : inner.message).toContain('overlaps the open workspace')
    expect(await s.workspaces.saveAs()).toMatchObject({ ok: false, reason: 'cancelled' })
    expect(s.library.root).toBe(a)
  })
})

describe('a workspace locked by another Newsdesk', () => {
  it('opens a workspace locked by another Newsdesk read-only, saying who holds it', async () => {
    const other = await WorkspaceLock.acquire(dir(), { pid: 4242, hostname: 'other-machine' })
    const session = await WorkspaceSession.open(dir(), { events: new ServiceEvents(), watch: false })
    expect(session.library.info()).toMatchObject({ readOnly: true, readOnlyReason: 'locked' })
    expect(session.library.info().lockHolder).toContain('other-machine')
    await session.close()
    if (other.kind === 'acquired') await other.lock.release()
  })
})
