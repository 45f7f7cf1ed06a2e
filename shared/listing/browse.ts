import type { ArticleKind, ArticleStatus, ArticleSummary } from '../article/schema'
import { compareListing } from './listing'

/** How the library browser orders its list. */
export type BrowseSort = 'updated' | 'publish' | 'headline'

/** The library browser's filters; an undefined field lets everything through. */
export interface BrowseFilters {
  status?: ArticleStatus
  kind?: ArticleKind
  tag?: string
  language?: string
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

/** A sorted copy of the summaries: most recently updated, newest publish date (as the listing), or A–Z headline. */
export function sortSummaries(items: readonly ArticleSummary[], sort: BrowseSort): ArticleSummary[] {
  const copy = [...items]
  switch (sort) {
    case 'updated':
      return copy.sort((a, b) =>
        a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : 1,
      )
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
export function filterSummaries(items: readonly ArticleSummary[], filters: BrowseFilters): readonly ArticleSummary[] {
  const { status, kind, tag, language } = filters
  if (status === undefined && kind === undefined && tag === undefined && language === undefined) return items
  const out: ArticleSummary[] = []
  for (let i = 0; i < items.length; i += 1) {
    const s = items[i] as ArticleSummary
    if (status !== undefined && s.status !== status) continue
    if (kind !== undefined && s.kind !== kind) continue
    if (language !== undefined && s.language !== language) continue
    if (tag !== undefined && !s.tags.includes(tag)) continue
    out.push(s)
  }
  return out
}

/** Distinct tags and languages present, for the filter menus (sorted). */
export function facetValues(items: readonly ArticleSummary[]): { tags: string[]; languages: string[] } {
  const tags = new Set<string>()
  const languages = new Set<string>()
  for (const s of items) {
    languages.add(s.language)
    for (const t of s.tags) tags.add(t)
  }
  return { tags: [...tags].sort(collator.compare), languages: [...languages].sort() }
}
