// A large index cache (issue #19, item 8): parsing all of it took longer than reading a fresh clone's first
// screen, so the first screen comes from the cache's head and the rest of the cache is read after it.
import { randomUUID } from 'node:crypto'
import { readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pickFields } from '../../../../shared/article/schema'
import { makeArticle, tempDir, writeArticles } from '../test-support'
import { ServiceEvents } from '../service-events'
import { workspaceLayout } from '../storage'
import { HEAD_READ_BYTES, IndexCache } from './index-cache'
import { ArticleLibrary } from './library'
import { FIRST_SCREEN_BATCH } from './scanner'

/** Enough articles (with long standfirsts) for a cache several times `HEAD_READ_BYTES`. */
const ARTICLES = 1500

let root: string
beforeEach(async () => {
  root = await tempDir('newsdesk-large-cache-')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Writes the articles (story i updated i minutes after 2026-01-01) and their index cache. */
async function workspaceWithCache(): Promise<string[]> {
  const ids = Array.from({ length: ARTICLES }, () => randomUUID())
  await writeArticles(
    root,
    ids.map((id, i) =>
      makeArticle({
        id,
        headline: `Story ${i}`,
        standfirst: `Standfirst of story ${i}, “quoted” and \\ escaped, ñ. `.repeat(12),
        updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      }),
    ),
  )
  const lib = await ArticleLibrary.open(root)
  await lib.close()
  expect((await stat(new IndexCache(root).path)).size).toBeGreaterThan(2 * HEAD_READ_BYTES)
  return ids
}

function recorder() {
  const events = new ServiceEvents()
  const seen: string[] = []
  events.subscribe((event, ...args) => void seen.push(args.length ? `${event} ${String(args[0])}` : event))
  return { events, seen }
}

describe('IndexCache.loadHead', () => {
  it("reads a large cache's first rows, in the cache's order, as load does", async () => {
    await workspaceWithCache()
    const cache = new IndexCache(root)
    const head = await cache.loadHead(FIRST_SCREEN_BATCH)
    const whole = await cache.load()
    expect(head?.complete).toBe(false)
    expect([...(head?.entries ?? new Map()).entries()]).toEqual([...whole.entries()].slice(0, FIRST_SCREEN_BATCH))
  })

  it('reads a small cache whole, and leaves a missing, broken or other-version cache to load', async () => {
    const cache = new IndexCache(root)
    expect(await cache.loadHead(10)).toEqual({ entries: new Map(), complete: true })
    await workspaceWithCache()
    const text = await readFile(cache.path, 'utf8')
    await writeFile(cache.path, text.replace('"version":3', '"version":2'))
    expect(await cache.loadHead(10)).toBeNull()
    // A row broken inside the head: nothing from the head is trusted.
    await writeFile(cache.path, text.replace('],[', '],["broken"'))
    expect(await cache.loadHead(10)).toBeNull()
    await writeFile(cache.path, `{"version":3,"rows":[${' '.repeat(HEAD_READ_BYTES)}`)
    expect(await cache.loadHead(10)).toBeNull()
  })
})

describe('ArticleLibrary with a large index cache', () => {
  it("lists the first screen from the cache's head, then the whole cache, then checks every row against its file", async () => {
    const ids = await workspaceWithCache()
    // Changed on disk behind the cache's back (one of the newest, so in the head): the check must find it.
    const newest = ids[ARTICLES - 1]!
    const path = workspaceLayout(root).article(newest)
    await writeFile(path, (await readFile(path, 'utf8')).replace(`Story ${ARTICLES - 1}`, 'Changed behind the cache'))
    const { events, seen } = recorder()
    // As the app opens, with the background wait made endless: only serving the first listing starts it.
    const lib = await ArticleLibrary.open(root, { deferValidation: true, backgroundAfterListingMs: 3_600_000, events })
    let done = false
    void lib.validated.then(() => (done = true))
    let whole = 0
    void lib.listedWhole.then(() => (whole = lib.info().articleCount))

    expect(lib.info().articleCount).toBe(FIRST_SCREEN_BATCH)
    const head = lib.head(200)
    expect(head.pending).toBe(true)
    expect(head.expected).toBe(ARTICLES)
    expect(head.total).toBe(FIRST_SCREEN_BATCH)
    // The newest 200 of the whole workspace, newest first, as the cache holds them (not yet checked).
    expect(head.articles.map((s) => s.headline)).toEqual(
      Array.from({ length: 200 }, (_, i) => `Story ${ARTICLES - 1 - i}`),
    )
    expect(done).toBe(false)
    expect(seen).toEqual([])

    const found = await lib.validated
    // An export waits for this: it settled once every cached row was listed.
    expect(whole).toBe(ARTICLES)
    expect(found).toEqual({ changed: [newest], removed: [] })
    const after = lib.head(200)
    expect(after.pending).toBeUndefined()
    expect(after.total).toBe(ARTICLES)
    expect(after.articles[0]?.headline).toBe('Changed behind the cache')
    expect(seen).toEqual(['articles:list-changed', `articles:changed-on-disk ${newest}`, 'articles:list-changed'])
    await lib.close()
  })

  it('ignores a cache broken past its head: every file is read, and the cache is written anew', async () => {
    const ids = await workspaceWithCache()
    const cache = new IndexCache(root)
    await truncate(cache.path, (await stat(cache.path)).size - 1000)
    expect((await cache.load()).size).toBe(0)
    const lib = await ArticleLibrary.open(root, { deferValidation: true })
    expect(lib.head(200).pending).toBe(true)
    const found = await lib.validated
    expect(found.changed).toHaveLength(ARTICLES - FIRST_SCREEN_BATCH)
    expect(
      lib
        .list()
        .map((s) => s.id)
        .sort(),
    ).toEqual([...ids].sort())
    await lib.housekeeping
    expect((await cache.load()).size).toBe(ARTICLES)
    await lib.close()
  })

  it('keeps what was created, saved or trashed while the rest of the cache waited', async () => {
    const ids = await workspaceWithCache()
    const lib = await ArticleLibrary.open(root, { deferValidation: true, backgroundAfterListingMs: 3_600_000 })
    const created = await lib.create({ headline: 'Written during the first screen' })
    if (!created.ok) throw new Error(created.message)
    // One from the head and one the head did not list.
    const trashedHead = ids[ARTICLES - 1]!
    const trashedRest = ids[0]!
    for (const id of [trashedHead, trashedRest]) expect((await lib.delete(id)).ok).toBe(true)
    const loaded = await lib.load(ids[ARTICLES - 2]!)
    if (!loaded.ok) throw new Error(loaded.message)
    const saved = await lib.save({
      id: loaded.article.id,
      baseHash: loaded.hash,
      fields: { ...pickFields(loaded.article), headline: 'Saved during the first screen' },
    })
    expect(saved.ok).toBe(true)
    lib.head(200)
    await lib.validated
    const listed = lib.list()
    expect(listed).toHaveLength(ARTICLES - 1)
    const ids2 = new Set(listed.map((s) => s.id))
    expect(ids2.has(trashedHead) || ids2.has(trashedRest)).toBe(false)
    expect(ids2.has(created.article.id)).toBe(true)
    expect(listed.find((s) => s.id === loaded.article.id)?.headline).toBe('Saved during the first screen')
    await lib.close()
  })
})
