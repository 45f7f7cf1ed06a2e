// A workspace with a large index cache lists its first screen from the cache's head and the rest after the
// first listing (library/large-cache.test.ts). The search index builds once the first listing is served: it
// must still find every article, with and without its own saved index.
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ArticleLibrary } from '../library'
import { makeArticle, tempDir, writeArticles } from '../test-support'
import { SearchService } from './search'

const ARTICLES = 1500

let root: string
beforeEach(async () => {
  root = await tempDir('newsdesk-search-large-cache-')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('search over a workspace listed from a large index cache', () => {
  for (const persist of [false, true]) {
    it(`finds an article past the cache's head (${persist ? 'with' : 'without'} a saved search index)`, async () => {
      await writeArticles(
        root,
        Array.from({ length: ARTICLES }, (_, i) =>
          makeArticle({
            id: randomUUID(),
            headline: `Story ${i} ${i === 3 ? 'zanzibar' : 'ordinary'}`,
            standfirst: `Standfirst of story ${i}. `.repeat(30),
            updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
          }),
        ),
      )
      // A first open writes the index cache (and, when persisted, the search index).
      const first = await ArticleLibrary.open(root)
      if (persist) {
        const warm = new SearchService(() => first)
        await warm.start()
        expect((await warm.query('zanzibar')).total).toBe(1)
        await warm.stop()
      }
      await first.close()

      const library = await ArticleLibrary.open(root, { deferValidation: true })
      // Listed from the cache's head: the first screen only.
      expect(library.list({}).length).toBeLessThan(ARTICLES)
      const search = new SearchService(() => library, { persist })
      // As the app does: the build starts once the first listing is served, the rest not yet listed.
      await library.firstListing
      await search.start()
      await library.listedWhole
      expect(library.list({})).toHaveLength(ARTICLES)
      // The library checks every row against its file after the first listing: no article changed, so the
      // index built once stays whole (no second build, answers not marked as indexing).
      await library.validated
      const found = await search.query('zanzibar')
      expect(found.indexing).toBeUndefined()
      expect(found.total).toBe(1)
      expect((await search.query('ordinary')).total).toBe(ARTICLES - 1)
      await search.stop()
      await library.close()
    })
  }
})
