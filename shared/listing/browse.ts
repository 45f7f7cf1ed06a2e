import type { ArticleSummary } from '../article/schema'
import { isFiltering, matchesFilter, matchesFlags, type ArticleFilter } from './filter'
import { compareListing } from './listing'

/** How the library browser orders its list. */
export type BrowseSort = 'updated' | 'publish' | 'headline'

/** Most recently updated first (ties by id): the library's own order and the browser's default sort. */
export function byRecentlyUpdated(a: ArticleSummary, b: ArticleSummary): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

/** A sorted copy of the summaries: most recently updated, newest publish date (as the listing), or A–Z headline. */
export function sortSummaries(items: readonly ArticleSummary[], sort: BrowseSort): ArticleSummary[] {
  const copy = [...items]
  switch (sort) {
    case 'updated':
      return copy.sort(byRecentlyUpdated)
    case 'publish':
      return copy.sort(compareListing)
    case 'headline':
      return copy.sort((a, b) => collator.compare(a.headline, b.headline) || (a.id < b.id ? -1 : 1))
    default: {
      const never: never = sort
      throw new Error(`unknown sort ${String(never)}`)
    }
  }
}

/** The summaries (already sorted) that pass every filter, keeping their order. One linear pass, no copy when unfiltered. */
export function filterSummaries(items: readonly ArticleSummary[], filters: ArticleFilter): readonly ArticleSummary[] {
  if (!isFiltering(filters)) return items
  const out: ArticleSummary[] = []
  for (let i = 0; i < items.length; i += 1) {
    const s = items[i] as ArticleSummary
    if (matchesFilter(s, filters)) out.push(s)
  }
  return out
}

/**
 * A sorted list prepared for filter changes: each row's status, kind and language as small codes in typed
 * arrays, and each tag's row positions. Built once per list change (one pass), so a filter change reads
 * contiguous bytes (or only the tag's rows) instead of 50,000 scattered objects.
 */
export interface FilterIndex {
  items: readonly ArticleSummary[]
  codes: { status: Uint8Array; kind: Uint8Array; language: Uint16Array }
  values: { status: Map<string, number>; kind: Map<string, number>; language: Map<string, number> }
  tagRows: Map<string, number[]>
}

/** Builds the filter index of a sorted list. */
export function buildFilterIndex(items: readonly ArticleSummary[]): FilterIndex {
  const values = {
    status: new Map<string, number>(),
    kind: new Map<string, number>(),
    language: new Map<string, number>(),
  }
  const codeOf = (map: Map<string, number>, value: string) => {
    let code = map.get(value)
    if (code === undefined) map.set(value, (code = map.size))
    return code
  }
  const codes = {
    status: new Uint8Array(items.length),
    kind: new Uint8Array(items.length),
    language: new Uint16Array(items.length),
  }
  const tagRows = new Map<string, number[]>()
  for (let i = 0; i < items.length; i += 1) {
    const s = items[i] as ArticleSummary
    codes.status[i] = codeOf(values.status, s.status)
    codes.kind[i] = codeOf(values.kind, s.kind)
    codes.language[i] = codeOf(values.language, s.language)
    const tags = s.tags
    for (let j = 0; j < tags.length; j += 1) {
      const tag = tags[j] as string
      // A tag listed twice on one article is one row (no Set per article: this runs 50,000 times per change).
      if (j > 0 && tags.indexOf(tag) !== j) continue
      const rows = tagRows.get(tag)
      if (rows) rows.push(i)
      else tagRows.set(tag, [i])
    }
  }
  return { items, codes, values, tagRows }
}

/** `filterSummaries` over a prepared index: the same rows in the same order. */
export function filterIndexed(index: FilterIndex, filters: ArticleFilter): readonly ArticleSummary[] {
  if (!isFiltering(filters)) return index.items
  const { status, kind, tag, language } = filters
  // A value no row has matches nothing; -1 never equals a code.
  const want = (map: Map<string, number>, value: string | undefined) =>
    value === undefined ? null : (map.get(value) ?? -1)
  const st = want(index.values.status, status)
  const kd = want(index.values.kind, kind)
  const lg = want(index.values.language, language)
  const { codes, items } = index
  // Conflicted and the review filters read the row itself (rare filters; the codes settle the common ones first).
  const flags = filters.conflicted !== undefined || filters.review !== undefined
  const passes = (i: number) =>
    (st === null || codes.status[i] === st) &&
    (kd === null || codes.kind[i] === kd) &&
    (lg === null || codes.language[i] === lg) &&
    (!flags || matchesFlags(items[i] as ArticleSummary, filters))
  const out: ArticleSummary[] = []
  if (tag !== undefined) {
    for (const i of index.tagRows.get(tag) ?? []) if (passes(i)) out.push(items[i] as ArticleSummary)
    return out
  }
  for (let i = 0; i < items.length; i += 1) if (passes(i)) out.push(items[i] as ArticleSummary)
  return out
}

/** The filter menus' values: distinct tags and languages, sorted. */
export interface Facets {
  tags: string[]
  languages: string[]
}

/** How many listed articles carry each tag and language; kept up to date one changed article at a time. */
export interface FacetCounts {
  tags: Map<string, number>
  languages: Map<string, number>
}

/** Empty facet counts. */
export function emptyFacetCounts(): FacetCounts {
  return { tags: new Map(), languages: new Map() }
}

/**
 * Adds (`delta` 1) or takes away (-1) one article's tags and language. Returns true when a value appeared
 * or disappeared, i.e. when the menus change.
 */
export function countFacets(counts: FacetCounts, summary: ArticleSummary, delta: 1 | -1): boolean {
  let changed = false
  const bump = (map: Map<string, number>, key: string) => {
    const next = (map.get(key) ?? 0) + delta
    if (next <= 0) {
      map.delete(key)
      changed = true
    } else {
      if (next === 1 && delta === 1) changed = true
      map.set(key, next)
    }
  }
  summary.tags.forEach((tag, i) => {
    if (summary.tags.indexOf(tag) === i) bump(counts.tags, tag)
  })
  bump(counts.languages, summary.language)
  return changed
}

/** The menus' values from the counts, sorted. */
export function facetsOf(counts: FacetCounts): Facets {
  // Tags the collator sees as equal ("Ä" and "a") are ordered by code point, so the order never depends on
  // which article was counted first.
  const byName = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
  return { tags: [...counts.tags.keys()].sort(byName), languages: [...counts.languages.keys()].sort() }
}

/** The facet counts of a whole list. */
export function facetCountsOf(items: readonly ArticleSummary[]): FacetCounts {
  const counts = emptyFacetCounts()
  for (const s of items) countFacets(counts, s, 1)
  return counts
}

/** Facet values of a whole list (for a list that is not kept incrementally). */
export function facetValues(items: readonly ArticleSummary[]): Facets {
  return facetsOf(facetCountsOf(items))
}
