import type { ArticleKind, ArticleSummary } from '../article/schema'
import { assertNever } from '../assert-never'
import { clampInt, type PublicationSettings } from '../publication/publication'

/** The badge a listing shows before a headline; a plain article has none. */
export type ListingBadge = 'audio' | 'video' | 'livestream'

/** Maps an article kind to its listing badge. */
export function badgeFor(kind: ArticleKind): ListingBadge | null {
  switch (kind) {
    case 'article':
      return null
    case 'audio':
      return 'audio'
    case 'video':
      return 'video'
    case 'livestream':
      return 'livestream'
    default:
      return assertNever(kind)
  }
}

/** The fields of a summary the listing needs. */
export type ListingSource = Pick<
  ArticleSummary,
  | 'id'
  | 'headline'
  | 'standfirst'
  | 'kind'
  | 'status'
  | 'tags'
  | 'byline'
  | 'language'
  | 'publishAt'
  | 'embargoUntil'
  | 'updatedAt'
>

/** True when an item passes the publication's filters (status, tag, language, kind). */
export function includedInListing(item: ListingSource, settings: PublicationSettings): boolean {
  return (
    settings.statuses.includes(item.status) &&
    (settings.tag === null || item.tags.some((t) => t.toLowerCase() === settings.tag?.toLowerCase())) &&
    (settings.language === null || item.language.toLowerCase() === settings.language.toLowerCase()) &&
    (settings.kind === null || item.kind === settings.kind)
  )
}

function time(iso: string | null): number | null {
  if (iso === null) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** The date a listing shows for an item, and sorts it by: its publish time, or its updated time when it has none. */
export function listingDate(item: Pick<ListingSource, 'publishAt' | 'updatedAt'>): string {
  return item.publishAt ?? item.updatedAt
}

/**
 * Listing order, newest first, by the date the listing shows (`listingDate`): an unscheduled item sorts by the
 * updated time it shows, so it never sits below older scheduled ones. Ties go by updated time, then id, so the
 * order is total and stable (newer update first, then id). The one order of the preview, the HTML index, RSS and `newsdesk list`.
 */
export function compareListing(
  a: Pick<ListingSource, 'id' | 'publishAt' | 'updatedAt'>,
  b: Pick<ListingSource, 'id' | 'publishAt' | 'updatedAt'>,
): number {
  const da = time(listingDate(a)) ?? 0
  const db = time(listingDate(b)) ?? 0
  if (da !== db) return db - da
  const ua = time(a.updatedAt) ?? 0
  const ub = time(b.updatedAt) ?? 0
  if (ua !== ub) return ub - ua
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** True when an item goes to readers (listing, HTML, RSS): one of the publication's statuses, never a draft. */
export function isPublic(
  item: Pick<ListingSource, 'status'>,
  settings: Pick<PublicationSettings, 'statuses'>,
): boolean {
  return item.status !== 'draft' && settings.statuses.includes(item.status)
}

/** The items a listing carries (publication filters), newest first. */
export function listedItems<T extends ListingSource>(items: readonly T[], settings: PublicationSettings): T[] {
  return items.filter((item) => includedInListing(item, settings)).sort(compareListing)
}

/** Whether an item is still under embargo at `now`, and until when. */
export function embargoOf(item: Pick<ListingSource, 'embargoUntil'>, now: Date): string | null {
  const until = time(item.embargoUntil)
  return until !== null && until > now.getTime() ? item.embargoUntil : null
}

/** One item of a rendered listing. */
export interface ListingEntry {
  id: string
  badge: ListingBadge | null
  headline: string
  standfirst: string
  byline: string
  language: string
  /** The date shown and sorted by (`listingDate`). */
  date: string
  /** Set when the item is embargoed at render time. */
  embargoedUntil: string | null
}

/** A page of the news listing as readers will see it. */
export interface ListingModel {
  entries: ListingEntry[]
  total: number
  page: number
  pageCount: number
}

/** Filters, orders and pages the items the way the published listing will. `page` is 1-based and clamped. */
export function buildListing(
  items: readonly ListingSource[],
  settings: PublicationSettings,
  now: Date,
  page = 1,
): ListingModel {
  const chosen = listedItems(items, settings)
  const pageCount = Math.max(1, Math.ceil(chosen.length / settings.itemsPerPage))
  const current = clampInt(page, { min: 1, max: pageCount }, 1)
  const start = (current - 1) * settings.itemsPerPage
  return {
    total: chosen.length,
    page: current,
    pageCount,
    entries: chosen.slice(start, start + settings.itemsPerPage).map((item) => ({
      id: item.id,
      badge: badgeFor(item.kind),
      headline: item.headline,
      standfirst: item.standfirst,
      byline: item.byline,
      language: item.language,
      date: listingDate(item),
      embargoedUntil: embargoOf(item, now),
    })),
  }
}

/** Why a listing item is flagged by the truncation lint. */
export type TruncationReason = 'headline-overflow' | 'standfirst-overflow'

/** Lines an element needs, measured at a given width (by the preview, in a real layout engine). */
export interface MeasuredLines {
  headlineLines: number
  standfirstLines: number
}

/** The truncation lint's verdict for one item: which texts need more lines than the clamp allows. */
export function truncationReasons(measured: MeasuredLines, settings: PublicationSettings): TruncationReason[] {
  const reasons: TruncationReason[] = []
  if (measured.headlineLines > settings.headlineLines) reasons.push('headline-overflow')
  if (settings.standfirstLines > 0 && measured.standfirstLines > settings.standfirstLines)
    reasons.push('standfirst-overflow')
  return reasons
}
