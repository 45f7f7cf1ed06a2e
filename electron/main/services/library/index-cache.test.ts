import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ArticleSummary } from '../../../../shared/article/schema'
import { IndexCache, type IndexEntry } from './index-cache'
import { ArticleLibrary } from './library'
import { ServiceEvents } from '../service-events'
import { workspaceLayout } from '../storage'
import { tempDirEach } from '../test-support'

const root = tempDirEach('newsdesk-index-')
beforeEach(async () => {
  await mkdir(workspaceLayout(root()).store)
})

function entry(id: string, updatedAt: string, headline = `Headline ${id.slice(0, 4)}`): IndexEntry {
  const summary: ArticleSummary = {
    id,
    slug: `slug-${id.slice(0, 8)}`,
    headline,
    standfirst: 'Standfirst with “quotes” and ñ',
    kind: 'audio',
    status: 'review',
    tags: ['politics', 'élections'],
    byline: 'A. Writer',
    language: 'es',
    publishAt: null,
    embargoUntil: '2026-01-01T00:00:00.000Z',
    updatedAt,
    revision: 3,
    conflicted: true,
    assignee: 'Ana <ana@example.org>',
    reviewer: null,
  }
  return { stamp: { size: 120, mtimeNs: '1795574444412072800', hash: 'ab'.repeat(32) }, summary }
}

const ID_A = '00000000-0000-4000-8000-00000000000a'
const ID_B = '00000000-0000-4000-8000-00000000000b'
const ID_C = '00000000-0000-4000-8000-00000000000c'

describe('IndexCache', () => {
  it('round-trips every field and keeps the order it was given', async () => {
    const cache = new IndexCache(root())
    await cache.save([
      entry(ID_B, '2026-03-01T00:00:00.000Z'),
      entry(ID_A, '2026-02-01T00:00:00.000Z'),
      entry(ID_C, '2026-01-01T00:00:00.000Z'),
    ])
    const loaded = await new IndexCache(root()).load()
    expect([...loaded.keys()]).toEqual([ID_B, ID_A, ID_C])
    expect(loaded.get(ID_A)).toEqual(entry(ID_A, '2026-02-01T00:00:00.000Z'))
  })

  it('drops a row with a wrong type or length and keeps the others', async () => {
    const cache = new IndexCache(root())
    await cache.save([entry(ID_A, '2026-02-01T00:00:00.000Z'), entry(ID_B, '2026-01-01T00:00:00.000Z')])
    const raw = JSON.parse(await readFile(cache.path, 'utf8')) as { fields: string[]; rows: unknown[][] }
    raw.rows[0]![raw.fields.indexOf('kind')] = 'podcast'
    raw.rows.push(['short'], { not: 'an array' } as never)
    await writeFile(cache.path, JSON.stringify(raw))
    expect([...(await cache.load()).keys()]).toEqual([ID_B])
  })

  it('ignores a missing, broken or unknown-version cache', async () => {
    const cache = new IndexCache(root())
    expect((await cache.load()).size).toBe(0)
    await cache.save([entry(ID_A, '2026-02-01T00:00:00.000Z')])
    await writeFile(cache.path, '{"version":2,"rows":[')
    expect((await cache.load()).size).toBe(0)
    await writeFile(cache.path, JSON.stringify({ version: 99, rows: [] }))
    expect((await cache.load()).size).toBe(0)
  })

  it('does not read an older cache (no conflicted flag, no review fields): the library reads the files and rewrites it', async () => {
    const lib = await ArticleLibrary.open(root())
    const created = await lib.create({ headline: 'Read again' })
    if (!created.ok) throw new Error(created.message)
    await lib.flushIndex()
    const cache = new IndexCache(root())
    const current = await cache.load()
    for (const old of [
      { version: 1, entries: Object.fromEntries(current) },
      {
        version: 2,
        rows: [
          [
            1,
            '1',
            'ab',
            created.article.id,
            'x',
            'Stale',
            '',
            'article',
            'draft',
            [],
            '',
            'en',
            null,
            null,
            created.article.updatedAt,
            1,
          ],
        ],
      },
    ]) {
      await writeFile(cache.path, JSON.stringify(old))
      const outdated = new IndexCache(root())
      expect((await outdated.load()).size).toBe(0)
      expect(outdated.outdated).toBe(true)
      const reopened = await ArticleLibrary.open(root(), { deferValidation: true })
      await reopened.validated
      expect(reopened.list().map((s) => [s.headline, s.conflicted])).toEqual([['Read again', false]])
      const rewritten = JSON.parse(await readFile(cache.path, 'utf8')) as { version: number; rows: unknown[] }
      expect(rewritten.version).toBe(3)
      expect(rewritten.rows).toHaveLength(1)
      await reopened.close()
    }
  })
})

describe('ArticleLibrary with the cache', () => {
  it('writes the cache most recently updated first', async () => {
    let clock = Date.parse('2026-01-01T00:00:00.000Z')
    const lib = await ArticleLibrary.open(root(), { now: () => new Date((clock += 60_000)) })
    for (const headline of ['first', 'second', 'third']) {
      const r = await lib.create({ headline })
      if (!r.ok) throw new Error(r.message)
    }
    await lib.flushIndex()
    const loaded = await new IndexCache(root()).load()
    expect([...loaded.values()].map((e) => e.summary.headline)).toEqual(['third', 'second', 'first'])
  })

  it('starts background validation only once the first listing is served, or when the wait runs out', async () => {
    const lib = await ArticleLibrary.open(root())
    const r = await lib.create({ headline: 'x' })
    if (!r.ok) throw new Error(r.message)
    await lib.flushIndex()
    let validated = false
    const waiting = await ArticleLibrary.open(root(), { deferValidation: true, backgroundAfterListingMs: 60_000 })
    void waiting.validated.then(() => (validated = true))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(validated).toBe(false)
    expect(waiting.head(10).total).toBe(1)
    await waiting.validated
    expect(validated).toBe(true)
    const capped = await ArticleLibrary.open(root(), { deferValidation: true, backgroundAfterListingMs: 50 })
    await capped.firstListing
    await capped.validated
  })

  it('close stops the background work: nothing more is read, changed or announced', async () => {
    const lib = await ArticleLibrary.open(root())
    const r = await lib.create({ headline: 'before' })
    if (!r.ok) throw new Error(r.message)
    await lib.flushIndex()
    // Changed on disk behind the cache's back: the background validation would find it.
    await writeFile(
      lib.pathOf(r.article.id),
      (await readFile(lib.pathOf(r.article.id), 'utf8')).replace('before', 'after!'),
    )
    const events = new ServiceEvents()
    const seen: string[] = []
    events.subscribe((event, ..._args) => void seen.push(event))
    const waiting = await ArticleLibrary.open(root(), {
      deferValidation: true,
      backgroundAfterListingMs: 60_000,
      events,
    })
    const started = performance.now()
    await waiting.close()
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(await waiting.validated).toEqual({ changed: [], removed: [] })
    expect(seen).toEqual([])
    expect(waiting.list().map((s) => s.headline)).toEqual(['before'])
  })
})
