import { act, useEffect } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Article, ArticleSummary } from '../../../shared/article/schema'
import { toSummary } from '../../../shared/article/schema'
import type { ArticleDraft, ArticleSaveResult, NewsdeskBridge, WorkspaceInfo } from '../../../shared/ipc/contract'
import { articleFixture } from '../../../shared/article/test-support/article-fixture'
import { useLibraryList } from '../library/use-library-list'
import { domSuite } from '../../test-support/dom'
import { AUTOSAVE_DELAY_MS, useArticleDraft } from './use-article-draft'

// The IPC count of an autosave: every bridge request is counted, and one autosave of an open article must make
// exactly one (articles:save), with the list and the workspace facts updated from its answer as the app does.
const ID = '7c392812-0b37-4ba7-a2ad-974d78d6413c'
const HASH = 'a'.repeat(64)
const article: Article = articleFixture({ id: ID })
const info: WorkspaceInfo = { name: 'ws', displayPath: '/ws', articleCount: 1, readOnly: false }

let requests: string[]
let saves: ArticleDraft[]
let shown: { info: WorkspaceInfo | null; list: ArticleSummary[] }
let draft: ReturnType<typeof useArticleDraft>

/** A bridge whose every method call is a counted request. */
function countingBridge(): NewsdeskBridge {
  const groups: Record<string, Record<string, (...args: never[]) => unknown>> = {
    articles: {
      head: async () => ({ total: 1, articles: [toSummary(article)] }),
      changes: async () => ({ full: false, cursor: 'e:1', changed: [], removed: [] }),
      load: async () => ({ ok: true, article, hash: HASH }),
      save: async (d: ArticleDraft): Promise<ArticleSaveResult> => {
        saves.push(d)
        const saved = { ...article, ...d.fields, revision: 2 }
        return {
          ok: true,
          article: saved,
          hash: 'b'.repeat(64),
          savedAt: '2026-11-25T12:00:00.000Z',
          info: { ...info, name: 'after the save' },
          changes: { full: false, cursor: 'e:2', changed: [toSummary(saved)], removed: [] },
        }
      },
    },
    journal: { write: async () => ({ ok: true, journaledAt: '' }), discard: async () => undefined },
    workspace: { info: async () => info },
  }
  const counted = Object.fromEntries(
    Object.entries(groups).map(([group, methods]) => [
      group,
      new Proxy(methods, {
        get:
          (target, method: string) =>
          (...args: never[]) => {
            requests.push(`${group}.${method}`)
            const fn = target[method]
            if (!fn) throw new Error(`unexpected request ${group}.${method}`)
            return fn(...args)
          },
      }),
    ]),
  )
  return { ...counted, on: () => () => undefined } as unknown as NewsdeskBridge
}

/** The app's wiring of the draft and the list (renderer/app.tsx). */
function Probe({ bridge }: { bridge: NewsdeskBridge }) {
  const list = useLibraryList(bridge)
  shown.list = list.articles
  draft = useArticleDraft(
    bridge,
    ID,
    (saved) => {
      shown.info = saved.info
      void (saved.changes ? list.apply(saved.changes) : list.refresh())
    },
    list.cursor,
  )
  const refresh = list.refresh
  useEffect(() => void refresh(), [refresh])
  return null
}

beforeEach(() => {
  vi.useFakeTimers()
  requests = []
  saves = []
  shown = { info: null, list: [] }
})
afterEach(() => vi.useRealTimers())
// After the file's own hooks, so that its unmount (after each) comes before the real timers are back.
const dom = domSuite()

const wait = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)))

describe('one autosave of an open article', () => {
  it('makes exactly one request, and the list and workspace facts come from its answer', async () => {
    await dom.render(<Probe bridge={countingBridge()} />)
    await wait(0)
    expect(requests).toContain('articles.load')
    expect(requests).toContain('articles.changes')
    await act(async () => draft.update({ headline: 'Bridge reopens' }))
    // Typing journals the text (crash protection) 300 ms after it stops; that is not the autosave.
    await wait(AUTOSAVE_DELAY_MS - 50)
    requests = []
    await wait(100)
    expect(requests).toEqual(['articles.save'])
    expect(saves[0]).toMatchObject({ id: ID, mode: 'auto', listCursor: 'e:1', fields: { headline: 'Bridge reopens' } })
    expect(draft.saveState.kind).toBe('clean')
    expect(shown.info?.name).toBe('after the save')
    expect(shown.list.map((s) => s.headline)).toEqual(['Bridge reopens'])
    // Nothing follows: no journal discard, no workspace info, no list changes.
    await wait(AUTOSAVE_DELAY_MS * 3)
    expect(requests).toEqual(['articles.save'])
  })
})
