import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { articleKinds, articleStatuses, type ArticleSummary } from '../../../shared/article/schema'
import type { AttentionItem, NewsdeskBridge } from '../../../shared/ipc/contract'
import { assertNever } from '../../../shared/assert-never'
import {
  buildFilterIndex,
  facetValues,
  filterIndexed,
  sortSummaries,
  type BrowseSort,
  type Facets,
} from '../../../shared/listing/browse'
import { isFiltering, type ArticleFilter } from '../../../shared/listing/filter'
import { reviewFilters, type ReviewFilter } from '../../../shared/article/review'
import '../../styles/library.css'
import { usePublication } from '../publication/use-publication'
import { useSync } from '../sync/sync-context'
import { useEditorIdentity } from '../sync/use-editor-identity'
import { BrowserRow, type PickGesture, type RowDate } from './browser-row'
import { clockFormat, compactStyle, type ClockStyle } from '../../../shared/publication/clock'
import {
  emptySelection,
  extendSelection,
  orderedSelection,
  pruneSelection,
  selectAll,
  selectOnly,
  selectRange,
  toggleSelection,
  type ListSelection,
} from './selection'
import { useSearch } from './use-search'

const NO_FACETS: Facets = { tags: [], languages: [] }

/** Props of the library browser. */
export interface LibraryPaneProps {
  articles: ArticleSummary[]
  /** The filter menus' values, kept by the list's owner (see useLibraryList); counted here when absent. */
  facets?: Facets
  /** While only the first screen of a large library is here: how many articles there are in all. */
  pendingTotal?: number | null
  /**
   * While main is still reading a freshly cloned workspace: how many articles it has read so far (the list
   * holds only those; "Reading the workspace… N so far", and never the empty-workspace offer), else null.
   */
  readingSoFar?: number | null
  /** While reading (see `readingSoFar`): how many article files main is reading, when it said ("N of M"). */
  readingOf?: number | null
  /** False until the library's first listing has arrived (the empty-workspace offer waits for it). */
  loaded?: boolean
  selectedId: string | null
  onSelect: (id: string) => void
  onCreate: () => void
  /** Search, trash and "Needs attention" go through the bridge; without it the browser only lists. */
  bridge?: NewsdeskBridge
  /** Called after the browser changed the library (trash, undo), so the app reloads the list. */
  onChanged?: () => void
  /** Called with the ids the list shows (filters and search applied), e.g. for "export the current view". */
  onShownChange?: (ids: string[]) => void
  /** Called with the ids selected in the list (in the list's order), e.g. for "export the selection". */
  onSelectionChange?: (ids: string[]) => void
  /** Shows the Trash view (browse, preview, restore, empty). */
  onOpenTrash?: () => void
  /** Opens the import dialog (offered by the empty workspace). */
  onImport?: () => void
}

/**
 * Every row has the same height (a search adds one snippet line), so the virtualiser never measures rows:
 * measuring makes it recompute every row's offset (50,000 of them) in each frame that brings new rows into
 * view, which dropped frames while scrolling a large library. The headline is clamped to two lines to fit.
 */
const ROW_HEIGHT = 76
const SEARCH_ROW_HEIGHT = 92
const sorts: BrowseSort[] = ['updated', 'publish', 'headline']

interface Undo {
  ids: string[]
  /** What the toast says went to the trash. */
  text: string
}

/**
 * The left pane: a virtualised list of every article (kind badge, headline, status, primary tag, updated
 * time) with sorting, filters, as-you-type search with highlighted matches, and keyboard navigation
 * (arrows, Home/End, Enter opens, Delete moves to the trash with undo). Rows can be multi-selected as in a
 * file list (Ctrl/Cmd-click, Shift-click, Shift+arrows, Ctrl/Cmd+A, Escape clears; see ./selection).
 */
export function LibraryPane({
  articles,
  facets: facetsProp,
  pendingTotal = null,
  readingSoFar = null,
  readingOf = null,
  loaded = true,
  selectedId,
  onSelect,
  onCreate,
  bridge,
  onChanged,
  onShownChange,
  onSelectionChange,
  onOpenTrash,
  onImport,
}: LibraryPaneProps) {
  const { t, i18n } = useTranslation()
  // Labels point at their selects by id instead of wrapping them, so a label's text is only its own words.
  const idBase = useId()
  const [sort, setSort] = useState<BrowseSort>('updated')
  const [picked, setFilters] = useState<Omit<ArticleFilter, 'review'>>({})
  const [review, setReview] = useState<ReviewFilter | ''>('')
  // "Me" of the review filters (the filter carries it, so the list and search in main read the same person).
  const me = useEditorIdentity()
  const filters = useMemo<ArticleFilter>(
    () => (review && me ? { ...picked, review: { filter: review, me } } : picked),
    [picked, review, me],
  )
  const [attentionOnly, setAttentionOnly] = useState(false)
  const [attention, setAttention] = useState<AttentionItem[]>([])
  const [query, setQuery] = useState('')
  const [activeId, setActiveId] = useState<string | null>(null)
  const [undo, setUndo] = useState<Undo | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [selection, setSelection] = useState<ListSelection>(emptySelection)
  // The list is a new array only when the library changed (see useLibraryList), so it is the search's version.
  const { answer, error } = useSearch(bridge ?? NO_BRIDGE, bridge ? query : '', filters, articles)

  const sorted = useMemo(() => sortSummaries(articles, sort), [articles, sort])
  // Prepared once per list or sort change, so a filter change reads typed arrays, not 50,000 objects.
  // The filter index is built from the first filter change on, and then once per list change: an editor
  // who never filters does not pay ~15 ms per save for it at 50,000 articles (the first filter pays once).
  const filtering = isFiltering(filters)
  const [indexWanted, setIndexWanted] = useState(false)
  if (filtering && !indexWanted) setIndexWanted(true)
  const filterIndex = useMemo(() => (indexWanted ? buildFilterIndex(sorted) : null), [sorted, indexWanted])
  // The app keeps the menus' values per changed article; a pane used alone counts its list.
  const ownFacets = useMemo(() => (facetsProp ? null : facetValues(articles)), [facetsProp, articles])
  const facets = facetsProp ?? ownFacets ?? NO_FACETS
  // Built once per list change while a search is shown (not once per keystroke's answer), and not at all
  // while none is: with 50,000 articles every autosave would rebuild it for nothing.
  const searching = answer !== null
  const byId = useMemo(() => (searching ? new Map(articles.map((a) => [a.id, a])) : null), [articles, searching])
  const shown = useMemo(() => {
    if (!answer || !byId) return filterIndex ? filterIndexed(filterIndex, filters) : sorted
    return answer.ids.flatMap((id) => byId.get(id) ?? [])
  }, [answer, filterIndex, filters, byId, sorted])
  const terms = answer?.terms ?? NO_TERMS
  const rowHeight = answer ? SEARCH_ROW_HEIGHT : ROW_HEIGHT
  const shownIds = useMemo(() => shown.map((a) => a.id), [shown])
  // Before a workspace's first push every article is "Local only": said once above the list rather than on every
  // row, where the same badge told nothing row by row and took the room of each row's tag. A row keeps its badge
  // when only some are (a new article in a shared workspace: that one has not gone out).
  const { states: syncStates } = useSync()
  const allLocalOnly = useMemo(
    () => shown.length > 0 && shown.every((a) => syncStates[a.id]?.localOnly === true),
    [shown, syncStates],
  )
  useEffect(() => onShownChange?.(shownIds), [shownIds, onShownChange])
  // An article opened from elsewhere (preview, notices, New) becomes the selection, as a click would make it.
  useEffect(() => {
    if (selectedId) setSelection((s) => (s.ids.has(selectedId) ? s : selectOnly(selectedId)))
  }, [selectedId])
  // Rows a filter, a search or the trash took away are not selected (they come back if shown again).
  const selected = useMemo(() => pruneSelection(selection, shownIds), [selection, shownIds])
  const selectedList = useMemo(() => orderedSelection(selected, shownIds), [selected, shownIds])
  const multi = selectedList.length >= 2
  useEffect(() => onSelectionChange?.(selectedList), [selectedList, onSelectionChange])

  useEffect(() => {
    if (!attentionOnly || !bridge) return
    void bridge.articles.attention().then(setAttention)
  }, [attentionOnly, bridge, articles])

  const listRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  })
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer])
  const activeIndex = useMemo(
    () =>
      Math.max(
        0,
        shown.findIndex((a) => a.id === (activeId ?? selectedId)),
      ),
    [shown, activeId, selectedId],
  )
  const active = shown[activeIndex]

  const moveTo = useCallback(
    (index: number): string | null => {
      const next = shown[Math.min(shown.length - 1, Math.max(0, index))]
      if (!next) return null
      setActiveId(next.id)
      virtualizer.scrollToIndex(shown.indexOf(next), { align: 'auto' })
      return next.id
    },
    [shown, virtualizer],
  )

  // Several rows go to the trash one by one; one Undo brings back all that went.
  const handleTrash = useCallback(
    async (targets: readonly ArticleSummary[]) => {
      if (!bridge || targets.length === 0) return
      const trashed: ArticleSummary[] = []
      let failure: string | null = null
      for (const article of targets) {
        const result = await bridge.articles.delete(article.id)
        if (result.ok) trashed.push(article)
        else failure ??= result.message
      }
      const [first] = trashed
      setUndo(
        first
          ? {
              ids: trashed.map((a) => a.id),
              text:
                trashed.length === 1
                  ? t('browser.trashed', { headline: first.headline || t('library.untitled') })
                  : t('browser.trashedMany', { count: trashed.length }),
            }
          : null,
      )
      setMessage(failure === null ? null : t('browser.trashFailed', { reason: failure }))
      if (trashed.length > 0) onChanged?.()
    },
    [bridge, onChanged, t],
  )

  const handlePick = useCallback(
    (id: string, how: PickGesture) => {
      setActiveId(id)
      switch (how) {
        case 'open':
          setSelection(selectOnly(id))
          onSelect(id)
          break
        case 'toggle':
          setSelection((s) => toggleSelection(pruneSelection(s, shownIds), id))
          break
        case 'range':
          setSelection((s) => selectRange(pruneSelection(s, shownIds), shownIds, id))
          break
        default:
          assertNever(how)
      }
    },
    [onSelect, shownIds],
  )

  const handleUndo = useCallback(async () => {
    if (!bridge || !undo) return
    setUndo(null)
    let failure: string | null = null
    for (const id of undo.ids) {
      const result = await bridge.trash.restore(id)
      if (!result.ok) failure ??= result.message
    }
    if (failure !== null) setMessage(t('browser.undoFailed', { reason: failure }))
    onChanged?.()
  }, [bridge, undo, onChanged, t])

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const command = event.ctrlKey || event.metaKey
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const to = moveTo(activeIndex + (event.key === 'ArrowDown' ? 1 : -1))
        if (event.shiftKey && active && to) setSelection((s) => extendSelection(s, shownIds, active.id, to))
        break
      }
      case 'a':
      case 'A':
        if (!command) return
        setSelection((s) => selectAll(s, shownIds))
        break
      case 'Escape':
        if (selected.ids.size === 0) return
        setSelection(emptySelection)
        break
      case 'Home':
        moveTo(0)
        break
      case 'End':
        moveTo(shown.length - 1)
        break
      case 'PageDown':
        moveTo(activeIndex + 8)
        break
      case 'PageUp':
        moveTo(activeIndex - 8)
        break
      case 'Enter':
        if (active) onSelect(active.id)
        break
      case 'Delete':
        if (multi) void handleTrash(shown.filter((a) => selected.ids.has(a.id)))
        else if (active) void handleTrash([active])
        break
      default:
        return
    }
    event.preventDefault()
  }

  // Compact dates (the time today, day and month this year) leave room on the one metadata line for the
  // primary tag; the full date and time are the tooltip. Times are the publication's clock.
  const timeZone = usePublication(bridge, articles.length).timeZone
  const zone = bridge ? timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone
  const rowDate = useMemo<RowDate>(() => {
    const format = (style: ClockStyle) => clockFormat(i18n.language, zone, style)
    const formats = {
      time: format('time'),
      dayMonth: format('dayMonth'),
      date: format('date'),
      medium: format('medium'),
    }
    return (iso) => {
      const date = new Date(iso)
      return { text: formats[compactStyle(iso, new Date(), zone)].format(date), title: formats.medium.format(date) }
    }
  }, [i18n.language, zone])
  const setFilter = <K extends 'status' | 'kind' | 'tag' | 'language'>(key: K, value: string) =>
    setFilters((f) => ({ ...f, [key]: value === '' ? undefined : (value as ArticleFilter[K]) }))

  // Rendered again only when a control's value changes: not on every scroll frame of the list (the tag
  // filter alone can hold thousands of options in a large library).
  const controls = useMemo(
    () => (
      <div className="browser-controls">
        <input
          type="search"
          className="browser-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('browser.searchPlaceholder')}
          aria-label={t('browser.search')}
          disabled={!bridge}
        />
        <div className="browser-filters">
          <div className="browser-filter">
            <label htmlFor={`${idBase}-sort`}>{t('browser.sort')}</label>
            <select
              id={`${idBase}-sort`}
              value={sort}
              onChange={(e) => setSort(e.target.value as BrowseSort)}
              disabled={searching}
            >
              {sorts.map((s) => (
                <option key={s} value={s}>
                  {t(`browser.sortBy.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="browser-filter">
            <label htmlFor={`${idBase}-status`}>{t('browser.status')}</label>
            <select
              id={`${idBase}-status`}
              value={filters.status ?? ''}
              onChange={(e) => setFilter('status', e.target.value)}
            >
              <option value="">{t('browser.any')}</option>
              {articleStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="browser-filter">
            <label htmlFor={`${idBase}-kind`}>{t('browser.kind')}</label>
            <select
              id={`${idBase}-kind`}
              value={filters.kind ?? ''}
              onChange={(e) => setFilter('kind', e.target.value)}
            >
              <option value="">{t('browser.any')}</option>
              {articleKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="browser-filter">
            <label htmlFor={`${idBase}-tag`}>{t('browser.tag')}</label>
            <select id={`${idBase}-tag`} value={filters.tag ?? ''} onChange={(e) => setFilter('tag', e.target.value)}>
              <option value="">{t('browser.any')}</option>
              {facets.tags.map((tag) => (
                <option key={tag} value={tag}>
                  {tag}
                </option>
              ))}
            </select>
          </div>
          <div className="browser-filter">
            <label htmlFor={`${idBase}-language`}>{t('browser.language')}</label>
            <select
              id={`${idBase}-language`}
              value={filters.language ?? ''}
              onChange={(e) => setFilter('language', e.target.value)}
            >
              <option value="">{t('browser.any')}</option>
              {facets.languages.map((l) => (
                <option key={l} value={l}>
                  {t(`language.${l}`, { defaultValue: l })}
                </option>
              ))}
            </select>
          </div>
          <div className="browser-filter">
            <label htmlFor={`${idBase}-review`}>{t('browser.review')}</label>
            <select
              id={`${idBase}-review`}
              value={me ? review : ''}
              onChange={(e) => setReview(e.target.value as ReviewFilter | '')}
              disabled={!me}
              title={me ? undefined : t('browser.reviewNeedsName')}
              aria-describedby={me ? undefined : `${idBase}-review-hint`}
            >
              <option value="">{t('browser.any')}</option>
              {reviewFilters.map((r) => (
                <option key={r} value={r}>
                  {t(`browser.reviewBy.${r}`)}
                </option>
              ))}
            </select>
            {me ? null : (
              <span id={`${idBase}-review-hint`} className="visually-hidden">
                {t('browser.reviewNeedsName')}
              </span>
            )}
          </div>
          <label className="browser-attention">
            <input
              type="checkbox"
              checked={picked.conflicted === true}
              onChange={(e) => setFilters((f) => ({ ...f, conflicted: e.target.checked ? true : undefined }))}
              data-testid="filter-conflicted"
            />
            <span>{t('browser.conflicted')}</span>
          </label>
          {bridge ? (
            <label className="browser-attention">
              <input type="checkbox" checked={attentionOnly} onChange={(e) => setAttentionOnly(e.target.checked)} />
              <span>{t('browser.needsAttention')}</span>
            </label>
          ) : null}
          {onOpenTrash ? (
            <button type="button" className="browser-trash" onClick={onOpenTrash} data-testid="open-trash">
              {t('trash.open')}
            </button>
          ) : null}
        </div>
        {error ? (
          <p className="browser-error" role="alert">
            {t('browser.searchFailed', { reason: error })}
          </p>
        ) : null}
      </div>
    ),
    // setFilter is left out: it only calls the stable setFilters.
    [query, bridge, idBase, sort, searching, filters, picked, review, me, facets, attentionOnly, error, t, onOpenTrash],
  )

  return (
    <aside className="pane library-pane" aria-label={t('library.heading')}>
      <header className="pane-header">
        <h2>{t('library.heading')}</h2>
        {readingSoFar !== null && !answer ? (
          <span className="muted library-reading" role="status" data-testid="library-count" data-reading="true">
            {readingOf !== null
              ? t('library.readingOf', { count: readingSoFar, total: readingOf })
              : t('library.reading', { count: readingSoFar })}
          </span>
        ) : (
          <span className="muted" data-testid="library-count">
            {answer
              ? t('browser.matches', { count: answer.total })
              : t('library.count', { count: pendingTotal ?? articles.length })}
          </span>
        )}
        {answer?.indexing ? (
          <span
            className="muted search-indexing"
            role="status"
            data-testid="search-indexing"
            title={t('search.indexingDetail', answer.indexing)}
          >
            {t('search.indexing', {
              percent: Math.floor((100 * answer.indexing.done) / Math.max(1, answer.indexing.total)),
            })}
          </span>
        ) : null}
        <button type="button" className="primary" onClick={onCreate} data-testid="new-article">
          {t('library.newArticle')}
        </button>
      </header>
      {controls}
      {multi && !attentionOnly ? (
        <div className="browser-selection" data-testid="library-selection">
          <span role="status">{t('browser.selected', { count: selectedList.length })}</span>
          <button
            type="button"
            onClick={() => setSelection(emptySelection)}
            aria-label={t('browser.clearSelectionLabel')}
          >
            {t('browser.clearSelection')}
          </button>
        </div>
      ) : null}
      {attentionOnly ? (
        <ul className="attention-list" aria-label={t('browser.needsAttention')} data-testid="attention-list">
          {attention.length === 0 ? <li className="muted">{t('browser.attentionEmpty')}</li> : null}
          {attention.map((item) => (
            <li key={item.key}>
              <strong>{item.originalName}</strong>
              <span className="muted">{item.message}</span>
            </li>
          ))}
        </ul>
      ) : loaded &&
        shown.length === 0 &&
        !answer &&
        articles.length === 0 &&
        pendingTotal === null &&
        readingSoFar === null ? (
        <div className="library-first-run" data-testid="library-empty">
          <p>{t('library.emptyWorkspace')}</p>
          <button type="button" className="primary" onClick={onCreate}>
            {t('library.newArticle')}
          </button>
          {onImport ? (
            <button type="button" onClick={onImport}>
              {t('library.importFirst')}
            </button>
          ) : null}
        </div>
      ) : shown.length === 0 ? (
        <p className="muted empty">{answer ? t('browser.noMatches') : t('library.empty')}</p>
      ) : (
        <>
          {allLocalOnly ? (
            <p className="library-local-only muted" data-testid="local-only-notice">
              <span className="sync-badge sync-badge-local">{t('sync.badge.localOnly')}</span>{' '}
              {t('browser.localOnlyAll')}
            </p>
          ) : null}
          <div
            ref={listRef}
            className="article-list browser-list"
            role="listbox"
            aria-multiselectable="true"
            tabIndex={0}
            aria-label={t('library.listLabel')}
            aria-activedescendant={active ? `article-option-${active.id}` : undefined}
            onKeyDown={handleKeyDown}
            data-testid="article-list"
          >
            <div className="browser-list-inner" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((row) => {
                const a = shown[row.index]
                if (!a) return null
                return (
                  <BrowserRow
                    key={a.id}
                    article={a}
                    index={row.index}
                    start={row.start}
                    selected={selected.ids.size > 0 ? selected.ids.has(a.id) : a.id === selectedId}
                    active={a.id === active?.id}
                    terms={terms}
                    showSnippet={answer !== null}
                    rowDate={rowDate}
                    height={rowHeight}
                    localOnlyBadge={!allLocalOnly}
                    onPick={handlePick}
                  />
                )
              })}
            </div>
          </div>
        </>
      )}
      <div className="browser-toast" role="status" aria-live="polite">
        {undo ? (
          <>
            <span>{undo.text}</span>
            <button type="button" onClick={() => void handleUndo()}>
              {t('browser.undo')}
            </button>
          </>
        ) : message ? (
          <span>{message}</span>
        ) : null}
      </div>
    </aside>
  )
}

const NO_TERMS: readonly string[] = []

/** Stand-in used when no bridge is given: search never runs (its text is always empty). */
const NO_BRIDGE = { search: { query: async () => ({ ids: [], total: 0, terms: [] }) } } as unknown as NewsdeskBridge
