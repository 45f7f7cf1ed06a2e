// A fresh clone has no index cache: a large folder is listed as it is read (issue #19, item 8). The scan is
// held after its first batch by the library's scan gate, so the head is asked for while the rest is unread.
import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeArticle, tempDir, writeArticles } from '../test-support'
import { ServiceEvents } from '../service-events'
import { IndexCache } from './index-cache'
import { ArticleLibrary } from './library'
import { FIRST_SCREEN_BATCH, STAT_BATCH } from './scanner'

/** A few batches: the first (a first screen's worth) is listed before `open` returns, the rest in the background. */
const ARTICLES = STAT_BATCH * 3 + 17

let root: string
beforeEach(async () => {
  root = await tempDir('newsdesk-progressive-')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function freshClone(count: number): Promise<void> {
  await writeArticles(
    root,
    Array.from({ length: count }, (_, i) =>
      makeArticle({
        id: randomUUID(),
        headline: `Story ${i}`,
        updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      }),
    ),
  )
}

/** A gate the scan waits at after each batch until `open()` is called. */
function gate() {
  let release!: () => void
  const opened = new Promise<void>((resolve) => (release = resolve))
  const batches: number[] = []
  return {
    batches,
    open: release,
    hold: async (read: number) => {
      batches.push(read)
      await opened
    },
  }
}

describe('progressive first listing (no index cache)', () => {
  it('answers the head from the first batch while the rest is read, then announces the whole list', async () => {
    await freshClone(ARTICLES)
    const events = new ServiceEvents()
    const seen: string[] = []
    events.subscribe((event, ..._args) => void seen.push(event))
    const held = gate()
    const lib = await ArticleLibrary.open(root, { deferValidation: true, events, scanGate: held.hold })
    let done = false
    void lib.validated.then(() => (done = true))

    // The scan waits at the gate after its first batch: nothing past it is read yet.
    expect(held.batches).toEqual([FIRST_SCREEN_BATCH])
    const head = lib.head(200)
    expect(head.pending).toBe(true)
    expect(head.total).toBe(FIRST_SCREEN_BATCH)
    // How many files the reading is for, so the screen can say "256 of 3,089".
    expect(head.expected).toBe(ARTICLES)
    expect(head.articles).toHaveLength(200)
    // Most recently updated first among what is read so far.
    const times = head.articles.map((s) => s.updatedAt)
    expect(times).toEqual([...times].sort().reverse())
    expect(done).toBe(false)
    expect(seen).not.toContain('articles:list-changed')

    held.open()
    const found = await lib.validated
    expect(found.changed).toHaveLength(ARTICLES)
    const after = lib.head(200)
    expect(after.pending).toBeUndefined()
    expect(after.expected).toBeUndefined()
    expect(after.total).toBe(ARTICLES)
    expect(after.articles[0]?.headline).toBe(`Story ${ARTICLES - 1}`)
    expect(seen).toContain('articles:list-changed')
    // The index cache is written, so the next open lists from it.
    await lib.housekeeping
    const cache = JSON.parse(await readFile(new IndexCache(root).path, 'utf8')) as { rows: unknown[] }
    expect(cache.rows).toHaveLength(ARTICLES)
    await lib.close()
  })

  it('reads nothing past the first batch until the first listing has been served', async () => {
    await freshClone(ARTICLES)
    const reached: number[] = []
    // As the app opens: background work waits (here without a time limit) for the first listing to be served.
    const lib = await ArticleLibrary.open(root, {
      deferValidation: true,
      backgroundAfterListingMs: 3_600_000,
      scanGate: (read) => void reached.push(read),
    })
    let done = false
    void lib.validated.then(() => (done = true))
    // Many turns of the event loop later the scan still waits after its first batch: the window's load and
    // its first `head` do not queue behind the rest of the folder.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(reached).toEqual([])
    expect(done).toBe(false)
    const head = lib.head(200)
    expect(head).toMatchObject({ pending: true, total: FIRST_SCREEN_BATCH })

    // Served: the rest is read (after the settle pause) and the whole list follows.
    await lib.firstListing
    await lib.validated
    expect(reached[0]).toBe(FIRST_SCREEN_BATCH)
    expect(lib.head(1)).toMatchObject({ total: ARTICLES })
    expect(lib.head(1).pending).toBeUndefined()
    await lib.close()
  })

  it('keeps an article created while the first listing is still reading the folder', async () => {
    await freshClone(ARTICLES)
    const events = new ServiceEvents()
    const held = gate()
    const lib = await ArticleLibrary.open(root, { deferValidation: true, events, scanGate: held.hold })
    expect(lib.head(10).pending).toBe(true)
    // Written after the scan read the folder's names: the scan never sees its file in that listing.
    const created = await lib.create({ headline: 'Breaking: bridge closed' })
    if (!created.ok) throw new Error(created.message)
    expect(lib.summary(created.article.id)?.headline).toBe('Breaking: bridge closed')

    held.open()
    const found = await lib.validated
    expect(found.removed).not.toContain(created.article.id)
    expect(lib.summary(created.article.id)?.headline).toBe('Breaking: bridge closed')
    const after = lib.head(ARTICLES + 10)
    expect(after.pending).toBeUndefined()
    expect(after.total).toBe(ARTICLES + 1)
    expect(after.articles.map((s) => s.id)).toContain(created.article.id)
    // The index cache written at the end holds it too, so the next open lists it.
    await lib.housekeeping
    const cache = JSON.parse(await readFile(new IndexCache(root).path, 'utf8')) as { rows: unknown[] }
    expect(cache.rows).toHaveLength(ARTICLES + 1)
    await lib.close()
  })

  it('a rescan still drops an article whose file went away', async () => {
    await freshClone(ARTICLES)
    const held = gate()
    held.open()
    const lib = await ArticleLibrary.open(root, { deferValidation: true, scanGate: held.hold })
    await lib.validated
    const listed = lib.head(1).articles[0]
    if (!listed) throw new Error('nothing listed')
    await rm(lib.pathOf(listed.id))
    const found = await lib.rescan()
    expect(found.removed).toEqual([listed.id])
    expect(lib.summary(listed.id)).toBeUndefined()
    expect(lib.head(1).total).toBe(ARTICLES - 1)
    await lib.close()
  })

  it('reads a folder of one batch or less whole before open returns (no pending list)', async () => {
    await freshClone(STAT_BATCH)
    const held = gate()
    held.open()
    const lib = await ArticleLibrary.open(root, { deferValidation: true, scanGate: held.hold })
    expect(held.batches).toEqual([])
    const head = lib.head(10)
    expect(head).toMatchObject({ total: STAT_BATCH })
    expect(head.pending).toBeUndefined()
    await lib.close()
  })

  it('closing during the first listing stops the reading and announces nothing', async () => {
    await freshClone(STAT_BATCH * 2 + 1)
    const events = new ServiceEvents()
    const seen: string[] = []
    events.subscribe((event, ..._args) => void seen.push(event))
    const held = gate()
    const lib = await ArticleLibrary.open(root, { deferValidation: true, events, scanGate: held.hold })
    const closing = lib.close()
    held.open()
    await closing
    expect(lib.list()).toHaveLength(FIRST_SCREEN_BATCH)
    expect(seen).not.toContain('articles:list-changed')
  })
})
