import { startTransition, useCallback, useEffect, useRef, useState } from 'react'
import type { ArticleSummary } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import type { ArticleChanges } from '../../../shared/listing/api-types'
import {
  countFacets,
  emptyFacetCounts,
  facetCountsOf,
  facetsOf,
  type FacetCounts,
  type Facets,
} from '../../../shared/listing/browse'

const NO_FACETS: Facets = { tags: [], languages: [] }

/**
 * Applies one `articles:changes` answer to the list the renderer holds. Returns the same array when nothing
 * changed, so a save that changed nothing visible (or an answer with no changes) re-renders nothing.
 */
export function applyChanges(
  current: ArticleSummary[],
  changes: ArticleChanges,
  onReplace?: (before: ArticleSummary | null, after: ArticleSummary | null) => void,
): ArticleSummary[] {
  if (changes.full) return changes.articles
  if (changes.changed.length === 0 && changes.removed.length === 0) return current
  const changed = new Map(changes.changed.map((s) => [s.id, s]))
  const removed = new Set(changes.removed)
  const next: ArticleSummary[] = []
  for (const s of current) {
    if (removed.has(s.id)) {
      onReplace?.(s, null)
      continue
    }
    const update = changed.get(s.id)
    next.push(update ?? s)
    if (update) {
      onReplace?.(s, update)
      changed.delete(s.id)
    }
  }
  for (const added of changed.values()) onReplace?.(null, added)
  // New articles go first: they are the most recently updated.
  return [...changed.values(), ...next]
}

/**
 * Settles after the next frame has been painted, or after 250 ms at the latest: a hidden window gets no
 * animation frames, and the rest of the list must not wait for it to be shown.
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 250)
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer)
        resolve()
      }, 0),
    )
  })
}

/** How many summaries the first screen asks for before the whole list. */
export const HEAD_LIMIT = 200

/**
 * While main is still reading a freshly cloned workspace (its head is `pending`), how often the renderer asks
 * how far it got ("Reading the workspace… N so far"); main announces the whole list when it is done.
 */
export const READING_POLL_MS = 1000

/** How many summaries one page of a large library's first load carries (~1.6 MB of JSON). */
export const PAGE_SIZE = 2000

function uniqueById(items: readonly ArticleSummary[]): ArticleSummary[] {
  const seen = new Set<string>()
  return items.filter((s) => !seen.has(s.id) && seen.add(s.id) !== undefined)
}

/**
 * The library list the app shows, kept up to date incrementally: the first load paints the newest
 * `HEAD_LIMIT` summaries at once and then fetches the rest in pages of `PAGE_SIZE` (50,000 summaries are tens of
 * megabytes to move); later refreshes (after a save, a trash, a tag change) fetch only what changed since the last
 * answer, so with 50,000 articles an autosave moves one summary over the bridge instead of all of them.
 * Until the whole list is here, `pendingTotal` is the library's size (from the first screen), else null.
 * While main is still reading the workspace's folder for the first time (a fresh clone, `ArticleHead.pending`),
 * `readingSoFar` is how many articles it has read so far (the list holds only those) and `readingOf` how many
 * files it is reading (null when main did not say), else both null.
 */
export function useLibraryList(bridge: NewsdeskBridge) {
  const [articles, setArticles] = useState<ArticleSummary[]>([])
  // The filter menus' values, counted once and then kept per changed article (a save must not recount 50,000
  // summaries); a new object only when a value appears or goes away.
  const [facets, setFacets] = useState<Facets>(NO_FACETS)
  const counts = useRef<FacetCounts>(emptyFacetCounts())
  const list = useRef<ArticleSummary[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [complete, setComplete] = useState(false)
  const [readingSoFar, setReadingSoFar] = useState<number | null>(null)
  const [readingOf, setReadingOf] = useState<number | null>(null)
  const readingTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  // Bumped when another workspace is opened: a poll of the previous one's reading is dropped.
  const generation = useRef(0)
  const cursor = useRef<string | null>(null)
  // Answers are applied in order; a refresh asked for while one runs follows it.
  const chain = useRef<Promise<void>>(Promise.resolve())
  const started = useRef(false)
  const take = useTake(list, counts, cursor, setArticles, setFacets)

  // `reload`: another workspace was opened, so its list starts again with a first screen and pages (its
  // cursor from the old workspace would only get the whole list back in one answer).
  const refresh = useCallback(
    (reload = false) => {
      const run = chain.current.then(async () => {
        if (reload) {
          started.current = false
          cursor.current = null
          setComplete(false)
          generation.current += 1
          stopReading()
        }
        if (!started.current) {
          started.current = true
          const head = await bridge.articles.head(HEAD_LIMIT)
          setTotal(head.total)
          if (head.pending) watchReading(head.total, head.expected)
          // Only a first screen: the pages below replace it. They are asked for once the screen is painted,
          // so the start-up's small calls (settings, attention) are not queued behind tens of megabytes.
          if (head.total > head.articles.length) {
            list.current = head.articles
            counts.current = facetCountsOf(head.articles)
            setArticles(head.articles)
            setFacets(facetsOf(counts.current))
            await afterPaint()
            // The rest in pages: one answer of 50,000 summaries (40 MB) froze the window for seconds after the
            // first paint; pages leave room for input and other calls in between. Changes made while paging are
            // caught up below from the first page's cursor (an article that moved between pages is kept once).
            const pages: ArticleSummary[] = []
            let pageCursor: string | null = null
            for (let offset = 0; ; offset += PAGE_SIZE) {
              const page = await bridge.articles.page(offset, PAGE_SIZE)
              pageCursor ??= page.cursor
              pages.push(...page.articles)
              if (page.articles.length < PAGE_SIZE || offset + PAGE_SIZE >= page.total) break
            }
            const whole = uniqueById(pages)
            list.current = whole
            counts.current = facetCountsOf(whole)
            cursor.current = pageCursor
            const menus = facetsOf(counts.current)
            startTransition(() => {
              setArticles(whole)
              setFacets(menus)
            })
          }
        }
        // Complete in the same render as the list it completes: set apart, one render showed the whole list
        // as empty (and the empty-workspace offer with a second "New article" button) between the two.
        take(await bridge.articles.changes(cursor.current), () => setComplete(true))
      })
      chain.current = run.catch(() => undefined)
      return run
    },
    // watchReading and stopReading use only refs, the bridge and stable setters.
    [bridge, take],
  )
  const refreshRef = useRef(refresh)
  refreshRef.current = refresh

  /** Clears "Reading the workspace…" and its poll. */
  function stopReading() {
    if (readingTimer.current !== null) clearTimeout(readingTimer.current)
    readingTimer.current = null
    setReadingSoFar(null)
    setReadingOf(null)
  }

  /** Shows how far main's first reading of the folder got, asking again until it is done, then catches up. */
  function watchReading(soFar: number, of?: number) {
    if (readingTimer.current !== null) clearTimeout(readingTimer.current)
    setReadingSoFar(soFar)
    setReadingOf(of ?? null)
    const mine = generation.current
    readingTimer.current = setTimeout(() => {
      readingTimer.current = null
      void bridge.articles.head(1).then(
        (head) => {
          if (generation.current !== mine) return
          if (head.pending) return watchReading(head.total, head.expected)
          // Done: the rest comes as changes since the list's cursor (main's list-changed asks for them too).
          void refreshRef.current().finally(() => {
            if (generation.current === mine) {
              setReadingSoFar(null)
              setReadingOf(null)
            }
          })
        },
        () => {
          if (generation.current === mine) watchReading(soFar, of)
        },
      )
    }, READING_POLL_MS)
  }

  useEffect(
    () => () => {
      generation.current += 1
      if (readingTimer.current !== null) clearTimeout(readingTimer.current)
    },
    [],
  )

  /**
   * Applies changes the renderer already has (a save's answer carries them), in turn with refreshes; an
   * answer older than the list it would apply to (a refresh overtook it) is dropped.
   */
  const apply = useCallback(
    (changes: ArticleChanges) => {
      const run = chain.current.then(() => {
        if (cursor.current !== null && !isAtOrAfter(changes.cursor, cursor.current)) return
        take(changes)
      })
      chain.current = run.catch(() => undefined)
      return run
    },
    [take],
  )

  /** The cursor of the list held now (null before the first whole list): a save sends it to get the changes. */
  const currentCursor = useCallback(() => cursor.current, [])

  return {
    articles,
    facets,
    pendingTotal: complete ? null : total,
    readingSoFar,
    readingOf,
    loaded: complete,
    refresh,
    apply,
    cursor: currentCursor,
  }
}

/** True when list cursor `a` ("<epoch>:<count>") is of the same library as `b` and not older. */
function isAtOrAfter(a: string, b: string): boolean {
  const [epochA, countA] = a.split(':')
  const [epochB, countB] = b.split(':')
  return epochA === epochB && Number(countA) >= Number(countB)
}

/** Keeps the list, its facet counts and its cursor in step with one changes answer. */
function useTake(
  list: { current: ArticleSummary[] },
  counts: { current: FacetCounts },
  cursor: { current: string | null },
  setArticles: (next: ArticleSummary[]) => void,
  setFacets: (next: Facets) => void,
) {
  return useCallback(
    (changes: ArticleChanges, alongside?: () => void) => {
      cursor.current = changes.cursor
      let menusChanged = false
      const next = applyChanges(list.current, changes, (before, after) => {
        if (before && countFacets(counts.current, before, -1)) menusChanged = true
        if (after && countFacets(counts.current, after, 1)) menusChanged = true
      })
      if (changes.full) {
        counts.current = facetCountsOf(next)
        menusChanged = true
      }
      list.current = next
      const menus = menusChanged ? facetsOf(counts.current) : null
      // A transition: React renders the panes that follow the list in slices it can interrupt, so a save's
      // list update (with 50,000 articles, tens of ms of sorting and indexing) never blocks typing in one piece.
      startTransition(() => {
        setArticles(next)
        if (menus) setFacets(menus)
        alongside?.()
      })
    },
    [list, counts, cursor, setArticles, setFacets],
  )
}
