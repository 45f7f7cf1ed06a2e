import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyDoc } from '../../../../shared/article/schema'
import { ArticleLibrary } from '../library'
import { makeArticle, saveEdit, writeArticles, tempDirEach } from '../test-support'
import { CATCH_UP_LIMIT, SearchService } from './search'

const root = tempDirEach('newsdesk-search-')

/** Writes `count` articles straight into a workspace: headline "Story <i> harbour", body "… lighthouse<i> …". */
async function workspaceOf(count: number): Promise<ArticleLibrary> {
  const now = new Date('2025-01-01T00:00:00Z').toISOString()
  const articles = Array.from({ length: count }, (_, i) =>
    makeArticle({
      id: randomUUID(),
      slug: `story-${i}`,
      headline: `Story ${i} harbour`,
      standfirst: 'A standfirst',
      status: 'draft',
      tags: ['port'],
      byline: 'Ana Pérez',
      dateline: '',
      publishAt: null,
      createdAt: now,
      updatedAt: now,
      revision: 1,
      body: {
        ...emptyDoc(),
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: `The lighthouse${i} keeper counts ${'gulls and waves '.repeat(40)}` }],
          },
        ],
      },
    }),
  )
  await writeArticles(root(), articles)
  return ArticleLibrary.open(root())
}

function idOf(library: ArticleLibrary, i: number): string | undefined {
  return library.list({}).find((s) => s.headline === `Story ${i} harbour`)?.id
}

describe('SearchService background build', () => {
  it('answers during the build from the summary fields, marked partial, and fully once built', async () => {
    const library = await workspaceOf(20)
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const search = new SearchService(() => library, {
      persist: false,
      readBytes: async (path) => {
        await gate
        return readFile(path)
      },
    })
    const building = search.start()
    // Let the summary phase run; no body can be read until the gate opens.
    for (let i = 0; i < 20 && (await search.query('harbour')).total < 20; i += 1) {
      await new Promise((r) => setImmediate(r))
    }
    const partial = await search.query('harbour')
    expect(partial.total).toBe(20)
    expect(partial.indexing).toEqual({ done: 0, total: 20 })
    expect((await search.query('lighthouse7')).ids).toEqual([]) // bodies not read yet
    expect((await search.query('Perez')).total).toBe(20) // byline, accent-insensitive

    release()
    await building
    const full = await search.query('lighthouse7')
    expect(full.indexing).toBeUndefined()
    expect(full.ids[0]).toBe(idOf(library, 7)) // exact first (prefix and fuzzy reach lighthouse1, lighthouse70…)
    expect((await search.query('harbour')).total).toBe(20) // the summary documents were replaced, not doubled
  })

  it('yields to the event loop while indexing, so timers and IPC keep running', async () => {
    const library = await workspaceOf(150)
    const search = new SearchService(() => library, { persist: false, sliceMs: 2, chunk: 10 })
    let ticks = 0
    let longest = 0
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      longest = Math.max(longest, now - last)
      last = now
      ticks += 1
    }, 1)
    try {
      const started = performance.now()
      await search.start()
      const took = performance.now() - started
      // Several timer turns ran during the build: it never held the loop from start to end.
      expect(ticks).toBeGreaterThan(3)
      expect(longest).toBeLessThan(took)
    } finally {
      clearInterval(timer)
    }
    expect((await search.query('lighthouse149')).ids[0]).toBe(idOf(library, 149))
  })

  it('abandons a build when another workspace is opened and indexes the new one', async () => {
    const first = await workspaceOf(30)
    let current = first
    const search = new SearchService(() => current, { persist: false })
    const building = search.start()
    const other = await mkdtemp(join(tmpdir(), 'newsdesk-search-other-'))
    try {
      current = await ArticleLibrary.open(other)
      const created = await current.create({ headline: 'Solitary heron' })
      if (!created.ok) throw new Error(created.message)
      void search.start()
      await building
      await search.sync()
      expect((await search.query('harbour')).ids).toEqual([])
      expect((await search.query('heron')).ids).toEqual([created.article.id])
    } finally {
      await rm(other, { recursive: true, force: true })
    }
  })

  it('picks up a save made during the build', async () => {
    const library = await workspaceOf(40)
    const search = new SearchService(() => library, { persist: false, chunk: 5 })
    const building = search.start()
    const target = library.list({})[39]
    if (!target) throw new Error('no article')
    await saveEdit(library, target.id, { headline: 'Pelican' })
    await building
    expect((await search.query('pelican')).ids).toEqual([target.id])
    expect((await search.query('harbour')).total).toBe(39)
  })
})

describe('SearchService after a progressive first listing', () => {
  it('builds once the whole list is read, answering meanwhile as indexing, and then finds every article', async () => {
    // A fresh clone with no index cache is listed as it is read: a first batch, then the rest in one go. An index
    // built over the first batch left the rest to a second build (or to a catch-up reading every file inside one
    // query), so the build waits for the whole list; a query meanwhile answers at once, marked as indexing.
    const count = CATCH_UP_LIMIT * 4
    await writeArticles(
      root(),
      Array.from({ length: count }, (_, i) => makeArticle({ id: randomUUID(), headline: `Story ${i} harbour` })),
    )
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const library = await ArticleLibrary.open(root(), { deferValidation: true, scanGate: () => held })
    const search = new SearchService(() => library, { persist: false })
    const building = search.start()
    expect(library.list({}).length).toBeLessThan(count)
    const early = await search.query('harbour')
    expect(early.indexing).toEqual({ done: 0, total: expect.any(Number) })
    expect(early.total).toBeLessThan(count)
    release()
    await building
    await library.validated
    const whole = await search.query('harbour')
    expect(whole.indexing).toBeUndefined()
    expect(whole.total).toBe(count)
    expect(search.lastBuild?.read).toBe(count)
  }, 60_000)
})
