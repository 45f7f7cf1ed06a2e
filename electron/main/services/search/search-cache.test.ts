import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { ArticleLibrary, serializeArticle } from '../library'
import { SearchService } from './search'
import { decodeSearchCache, encodeSearchCache, searchCachePath } from './search-cache'
import { ArticleSearchIndex } from './search-index'
import { seedWorkspace } from '../workspace'
import { workspaceLayout } from '../storage'
import { SAMPLE_WORKSPACE as SAMPLE, searchDoc, tempDirEach } from '../test-support'

const noPace = () => undefined
const root = tempDirEach('newsdesk-search-cache-')

beforeEach(async () => {
  await seedWorkspace(root(), SAMPLE)
})

/** Opens the workspace afresh (as an app start does) and builds its search index to the end. */
async function openAndIndex() {
  const library = await ArticleLibrary.open(root())
  const search = new SearchService(() => library)
  await search.sync()
  return { library, search }
}

/** Answers of a fixed set of queries, to compare a cold and a warm index. */
async function answers(search: SearchService) {
  const out: Record<string, string[]> = {}
  for (const q of ['sorgo', 'eleccion', 'Mexico', 'bookbind', 'council', 'podcast', 'the']) {
    out[q] = (await search.query(q)).ids
  }
  return out
}

describe('the saved search index', () => {
  it('is written after a cold build and loaded at the next open without reading any article', async () => {
    const cold = await openAndIndex()
    const count = cold.library.list({}).length
    expect(cold.search.lastBuild).toMatchObject({ cache: 'missing', read: count, reused: 0 })
    expect(cold.search.lastBuild?.savedBytes).toBe((await stat(searchCachePath(root()))).size)
    const expected = await answers(cold.search)
    expect(expected.sorgo?.length).toBe(1)

    const warm = await openAndIndex()
    expect(warm.search.lastBuild).toMatchObject({ cache: 'used', read: 0, reused: count, dropped: 0, savedBytes: 0 })
    expect(await answers(warm.search)).toEqual(expected)
  })

  it('re-reads only articles changed on disk between runs, adds new ones and drops removed ones', async () => {
    const cold = await openAndIndex()
    const count = cold.library.list({}).length
    const [changed, removed] = cold.library.list({})
    if (!changed || !removed) throw new Error('sample too small')
    const loaded = await cold.library.load(changed.id)
    if (!loaded.ok) throw new Error(loaded.message)
    // Edited outside the app while it was closed: a new body word, the old words gone.
    const edited = {
      ...loaded.article,
      headline: 'Wombat census',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Axolotl sightings' }] }] },
    }
    await writeFile(join(root(), 'articles', `${changed.id}.json`), serializeArticle(edited as typeof loaded.article))
    await rm(join(root(), 'articles', `${removed.id}.json`))
    const oldWord = changed.headline.split(/\s+/).find((w) => w.length > 5) ?? changed.headline
    const before = (await cold.search.query(oldWord)).ids
    expect(before).toContain(changed.id)

    const warm = await openAndIndex()
    expect(warm.search.lastBuild).toMatchObject({ cache: 'used', read: 1, reused: count - 2, dropped: 1 })
    expect((await warm.search.query('axolotl')).ids).toEqual([changed.id])
    expect((await warm.search.query('wombat')).ids).toEqual([changed.id])
    expect((await warm.search.query(oldWord)).ids).not.toContain(changed.id)
    expect((await warm.search.query(removed.headline)).ids).not.toContain(removed.id)

    // A new article appears between runs.
    const added = await warm.library.create({ headline: 'Narwhal migration' })
    if (!added.ok) throw new Error(added.message)
    const again = await openAndIndex()
    expect(again.search.lastBuild).toMatchObject({ cache: 'used', read: 1 })
    expect((await again.search.query('narwhal')).ids).toEqual([added.article.id])
  })

  it('ignores and rebuilds a corrupt, truncated or foreign cache file', async () => {
    const cold = await openAndIndex()
    const count = cold.library.list({}).length
    const expected = await answers(cold.search)
    const path = searchCachePath(root())
    const good = await readFile(path)

    const flipped = Buffer.from(good)
    const at = Math.floor(flipped.length * 0.7)
    flipped.writeUInt8(flipped.readUInt8(at) ^ 0xff, at)
    const cases: [string, Buffer][] = [
      ['checksum', flipped],
      ['size', good.subarray(0, good.length - 100)],
      ['magic', Buffer.from('{"not":"an index"}'.padEnd(200, ' '))],
      ['short', Buffer.from('NDSE')],
    ]
    for (const [reason, bytes] of cases) {
      await writeFile(path, bytes)
      const warm = await openAndIndex()
      expect(warm.search.lastBuild).toMatchObject({ cache: reason, read: count })
      expect(await answers(warm.search)).toEqual(expected)
      // The rebuilt index was saved again and is used by the next open.
      const next = await openAndIndex()
      expect(next.search.lastBuild).toMatchObject({ cache: 'used', read: 0 })
    }
  })

  it('rejects a file whose checksum is right but whose postings point outside the index', async () => {
    const index = new ArticleSearchIndex()
    index.add(searchDoc('a', { headline: 'hello world' }))
    const snapshot = await index.snapshot(noPace)
    const ok = await decodeSearchCache(await encodeSearchCache({ snapshot, hashes: ['h'] }, noPace), noPace)
    expect(ok.ok).toBe(true)
    snapshot.docs[0] = 7 // only document 0 exists
    const bad = await decodeSearchCache(await encodeSearchCache({ snapshot, hashes: ['h'] }, noPace), noPace)
    expect(bad).toEqual({ ok: false, reason: 'postings' })
    const mismatched = await decodeSearchCache(
      await encodeSearchCache({ snapshot: { ...snapshot, docs: Int32Array.of(0, 0) }, hashes: [] }, noPace),
      noPace,
    )
    expect(mismatched.ok).toBe(false)
  })

  it('is not written in a read-only workspace', async () => {
    const library = await ArticleLibrary.open(root(), { readOnly: true })
    const search = new SearchService(() => library)
    await search.sync()
    expect((await search.query('sorgo')).ids.length).toBe(1)
    expect(await readdir(workspaceLayout(root()).store).catch(() => [])).not.toContain('search')
  })
})
