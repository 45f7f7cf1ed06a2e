import { act } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ArticleSummary } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import type { ArticleChanges } from '../../../shared/listing/api-types'
import { summaryFixture } from '../../../shared/listing/test-support/summary-fixture'
import { domSuite } from '../../test-support/dom'
import { applyChanges, HEAD_LIMIT, PAGE_SIZE, READING_POLL_MS, useLibraryList } from './use-library-list'

const dom = domSuite()

/** Mounts a component that only runs the hook; `current()` is the hook's latest answer. */
async function mountList(bridge: NewsdeskBridge) {
  let state: ReturnType<typeof useLibraryList> | null = null
  function Probe() {
    state = useLibraryList(bridge)
    return null
  }
  await dom.render(<Probe />)
  return { current: () => state as unknown as ReturnType<typeof useLibraryList> }
}

function summary(id: string, headline: string): ArticleSummary {
  return summaryFixture({ id, headline })
}

describe('applyChanges', () => {
  const a = summary('a', 'A')
  const b = summary('b', 'B')
  const c = summary('c', 'C')

  it('replaces the list on a full answer', () => {
    expect(applyChanges([a], { full: true, cursor: 'x:1', articles: [b, c] })).toEqual([b, c])
  })

  it('keeps the same array when nothing changed, so nothing re-renders', () => {
    const list = [a, b]
    expect(applyChanges(list, { full: false, cursor: 'x:2', changed: [], removed: [] })).toBe(list)
  })

  it('updates in place, drops removed ids and puts new articles first', () => {
    const a2 = { ...a, headline: 'A2', revision: 2 }
    const next = applyChanges([a, b], { full: false, cursor: 'x:3', changed: [a2, c], removed: ['b'] })
    expect(next.map((s) => s.headline)).toEqual(['C', 'A2'])
  })
})

describe('useLibraryList', () => {
  it('fetches everything once, then asks only for changes since its cursor', async () => {
    const cursors: (string | null)[] = []
    const answers: ArticleChanges[] = [
      { full: true, cursor: 'e:2', articles: [summary('a', 'A'), summary('b', 'B')] },
      { full: false, cursor: 'e:2', changed: [], removed: [] },
      { full: false, cursor: 'e:3', changed: [summary('b', 'B2')], removed: [] },
    ]
    const bridge = {
      articles: {
        head: async () => ({ total: 2, articles: [summary('a', 'A'), summary('b', 'B')] }),
        changes: async (cursor: string | null) => {
          cursors.push(cursor)
          return answers.shift() as ArticleChanges
        },
      },
    } as unknown as NewsdeskBridge
    const seen: ArticleSummary[][] = []
    let refresh: () => Promise<void> = async () => undefined
    function Probe() {
      const list = useLibraryList(bridge)
      refresh = list.refresh
      if (seen[seen.length - 1] !== list.articles) seen.push(list.articles)
      return null
    }
    await dom.render(<Probe />)
    await act(() => refresh())
    const afterFull = seen[seen.length - 1]
    await act(() => refresh())
    expect(seen[seen.length - 1]).toBe(afterFull) // nothing changed: the same array, no new render input
    await act(() => refresh())
    expect(cursors).toEqual([null, 'e:2', 'e:2'])
    expect(seen[seen.length - 1]?.map((s) => s.headline)).toEqual(['A', 'B2'])
  })

  it('starts again with a first screen and pages after another workspace was opened', async () => {
    let workspace = [summary('a', 'A')]
    const calls: string[] = []
    const bridge = {
      articles: {
        head: async (limit: number) => {
          calls.push('head')
          return { total: workspace.length, articles: workspace.slice(0, limit) }
        },
        page: async (offset: number, limit: number) => {
          calls.push(`page ${offset}`)
          return { cursor: 'w2:1', total: workspace.length, articles: workspace.slice(offset, offset + limit) }
        },
        changes: async (cursor: string | null) => {
          calls.push(`changes ${cursor}`)
          return cursor === null
            ? ({ full: true, cursor: 'w1:1', articles: workspace } satisfies ArticleChanges)
            : ({ full: false, cursor, changed: [], removed: [] } satisfies ArticleChanges)
        },
      },
    } as unknown as NewsdeskBridge
    const { current } = await mountList(bridge)
    await act(() => current().refresh())
    workspace = Array.from({ length: HEAD_LIMIT + 10 }, (_, i) => summary(`b-${i}`, `B${i}`))
    await act(() => current().refresh(true))
    expect(calls).toEqual(['head', 'changes null', 'head', 'page 0', 'changes w2:1'])
    expect(current().articles.map((a) => a.id)).toEqual(workspace.map((a) => a.id))
  })

  it('keeps the filter menus per changed article, with a new object only when a value comes or goes', async () => {
    const tagged = (id: string, tags: string[], language = 'en') => summaryFixture({ id, headline: id, tags, language })
    const answers: ArticleChanges[] = [
      { full: true, cursor: 'e:1', articles: [tagged('a', ['x', 'y']), tagged('b', ['x'])] },
      { full: false, cursor: 'e:2', changed: [tagged('b', ['x'])], removed: [] },
      { full: false, cursor: 'e:3', changed: [tagged('a', ['x']), tagged('c', ['z'], 'es')], removed: [] },
      { full: false, cursor: 'e:4', changed: [], removed: ['c'] },
    ]
    const bridge = {
      articles: {
        head: async () => ({ total: 0, articles: [] }),
        changes: async () => answers.shift() as ArticleChanges,
      },
    } as unknown as NewsdeskBridge
    const { current } = await mountList(bridge)
    await act(() => current().refresh())
    const first = current().facets
    expect(first).toEqual({ tags: ['x', 'y'], languages: ['en'] })
    await act(() => current().refresh())
    expect(current().facets).toBe(first) // b saved with the same tags: the menus are the same object
    await act(() => current().refresh())
    expect(current().facets).toEqual({ tags: ['x', 'z'], languages: ['en', 'es'] }) // y went, z and es came
    await act(() => current().refresh())
    expect(current().facets).toEqual({ tags: ['x'], languages: ['en'] })
  })

  it('paints the newest screen of a large library first, then the rest in pages, catching up on changes made meanwhile', async () => {
    // The library as main holds it, newest first; it changes while the renderer pages through it.
    let library = Array.from({ length: HEAD_LIMIT + PAGE_SIZE + 50 }, (_, i) => summary(`id-${i}`, `H${i}`))
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const calls: string[] = []
    const moved = { ...library[PAGE_SIZE + 10]!, headline: 'Moved to the top', revision: 2 }
    const bridge = {
      articles: {
        head: async (limit: number) => {
          calls.push(`head ${limit}`)
          return { total: library.length, articles: library.slice(0, limit) }
        },
        page: async (offset: number, limit: number) => {
          calls.push(`page ${offset}`)
          if (offset === 0) await gate
          const page = {
            cursor: `e:${offset === 0 ? 1 : 2}`,
            total: library.length,
            articles: library.slice(offset, offset + limit),
          }
          // After the first page an article from the second page is saved: it moves to the top, so the second
          // page starts one row later and never holds it; the catch-up brings it.
          if (offset === 0) library = [moved, ...library.filter((a) => a.id !== moved.id)]
          return page
        },
        changes: async (cursor: string) => {
          calls.push(`changes ${cursor}`)
          return { full: false, cursor: 'e:2', changed: [moved], removed: [] } satisfies ArticleChanges
        },
      },
    } as unknown as NewsdeskBridge
    const { current } = await mountList(bridge)
    let done: Promise<void> = Promise.resolve()
    await act(async () => {
      done = current().refresh()
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
    expect(current().articles).toHaveLength(HEAD_LIMIT)
    expect(current().pendingTotal).toBe(library.length)
    await act(async () => {
      release()
      await done
    })
    expect(calls).toEqual([`head ${HEAD_LIMIT}`, 'page 0', `page ${PAGE_SIZE}`, 'changes e:1'])
    const ids = current().articles.map((a) => a.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.sort()).toEqual(library.map((a) => a.id).sort())
    expect(current().articles[0]?.headline).toBe('Moved to the top')
    expect(current().pendingTotal).toBeNull()
  })

  describe('while main still reads a freshly cloned workspace (head pending)', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('says how many are read so far, asks again until the reading is done, then catches up on the rest', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      const first = [summary('a', 'A'), summary('b', 'B'), summary('c', 'C')]
      const rest = Array.from({ length: 5 }, (_, i) => summary(`r-${i}`, `R${i}`))
      const heads = [
        { total: 3, articles: first, pending: true as const, expected: 8 },
        { total: 6, articles: first.slice(0, 1), pending: true as const, expected: 8 },
        { total: 8, articles: first.slice(0, 1) },
      ]
      const calls: string[] = []
      const bridge = {
        articles: {
          head: async (limit: number) => {
            calls.push(`head ${limit}`)
            return heads.shift()
          },
          changes: async (cursor: string | null) => {
            calls.push(`changes ${cursor}`)
            return cursor === null
              ? ({ full: true, cursor: 'e:3', articles: first } satisfies ArticleChanges)
              : ({ full: false, cursor: 'e:8', changed: rest, removed: [] } satisfies ArticleChanges)
          },
        },
      } as unknown as NewsdeskBridge
      const { current } = await mountList(bridge)
      await act(() => current().refresh())
      expect(current().readingSoFar).toBe(3)
      expect(current().readingOf).toBe(8)
      expect(current().articles).toHaveLength(3)

      await act(() => vi.advanceTimersByTimeAsync(READING_POLL_MS))
      expect(current().readingSoFar).toBe(6)
      expect(current().articles).toHaveLength(3)

      await act(() => vi.advanceTimersByTimeAsync(READING_POLL_MS))
      expect(current().readingSoFar).toBeNull()
      expect(current().readingOf).toBeNull()
      expect(current().articles).toHaveLength(8)
      expect(calls).toEqual([`head ${HEAD_LIMIT}`, 'changes null', 'head 1', 'head 1', 'changes e:3'])
      // Nothing more is asked once the reading is done.
      await act(() => vi.advanceTimersByTimeAsync(READING_POLL_MS * 3))
      expect(calls).toHaveLength(5)
    })

    it('stops asking when another workspace is opened', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      let pending = true
      const calls: string[] = []
      const bridge = {
        articles: {
          head: async (limit: number) => {
            calls.push(`head ${limit}`)
            return { total: 1, articles: [summary('a', 'A')], ...(pending ? { pending: true as const } : {}) }
          },
          changes: async (cursor: string | null) => {
            calls.push(`changes ${cursor}`)
            return { full: true, cursor: 'e:1', articles: [summary('a', 'A')] } satisfies ArticleChanges
          },
        },
      } as unknown as NewsdeskBridge
      const { current } = await mountList(bridge)
      await act(() => current().refresh())
      expect(current().readingSoFar).toBe(1)
      // A main that does not say how many files it reads: "N so far" only.
      expect(current().readingOf).toBeNull()
      pending = false
      await act(() => current().refresh(true))
      expect(current().readingSoFar).toBeNull()
      await act(() => vi.advanceTimersByTimeAsync(READING_POLL_MS * 2))
      expect(calls).toEqual([`head ${HEAD_LIMIT}`, 'changes null', `head ${HEAD_LIMIT}`, 'changes null'])
    })
  })
})
