import { z } from 'zod'
import {
  articleKindSchema,
  articleStatusSchema,
  articleStatuses,
  languageSchema,
  type ArticleKind,
  type ArticleSummary,
} from '../article/schema'
import { assertNever } from '../assert-never'

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

/** Allowed range of items per listing page. */
export const ITEMS_PER_PAGE_RANGE = { min: 1, max: 100 } as const
/** Allowed range of the headline line clamp. */
export const HEADLINE_LINES_RANGE = { min: 1, max: 6 } as const
/** Allowed range of the standfirst line clamp (0 hides the standfirst). */
export const STANDFIRST_LINES_RANGE = { min: 0, max: 10 } as const

/** How the publication's news listing reads: stored at `.newsdesk/publication.json`. */
export const publicationSettingsSchema = z
  .object({
    name: z.string().trim().min(1, 'the publication needs a name').max(200),
    heading: z.string().max(200),
    /** Language of the listing page: its dates, badges and labels. */
    locale: languageSchema,
    statuses: z.array(articleStatusSchema).min(1, 'choose at least one status').max(articleStatuses.length),
    tag: z.string().trim().min(1).max(100).nullable(),
    language: languageSchema.nullable(),
    kind: articleKindSchema.nullable(),
    itemsPerPage: z.number().int().min(ITEMS_PER_PAGE_RANGE.min).max(ITEMS_PER_PAGE_RANGE.max),
    headlineLines: z.number().int().min(HEADLINE_LINES_RANGE.min).max(HEADLINE_LINES_RANGE.max),
    standfirstLines: z.number().int().min(STANDFIRST_LINES_RANGE.min).max(STANDFIRST_LINES_RANGE.max),
  })
  .strict()
export type PublicationSettings = z.infer<typeof publicationSettingsSchema>

/** Settings of a workspace that has none saved yet: ready and published items, ten per page. */
export const DEFAULT_PUBLICATION: PublicationSettings = {
  name: 'Riverton Daily',
  heading: 'Latest news',
  locale: 'en',
  statuses: ['ready', 'published'],
  tag: null,
  language: null,
  kind: null,
  itemsPerPage: 10,
  headlineLines: 3,
  standfirstLines: 3,
}

/** Clamps a number into a range, rounding to an integer; NaN falls back to `fallback`. */
export function clampInt(value: number, range: { min: number; max: number }, fallback: number): number {
  if (!Number.isFinite(value)) return fallback
  return Math.min(range.max, Math.max(range.min, Math.round(value)))
}

/**
 * Brings possibly out-of-range settings (an old file, a hand edit) into range instead of refusing them:
 * counts and clamps are clamped, an empty status list falls back to the default.
 */
export function normalizePublication(input: Partial<PublicationSettings>): PublicationSettings {
  const d = DEFAULT_PUBLICATION
  const statuses = (input.statuses ?? d.statuses).filter((s, i, all) => all.indexOf(s) === i)
  return {
    name: input.name?.trim() || d.name,
    heading: input.heading ?? d.heading,
    locale: input.locale ?? d.locale,
    statuses: statuses.length > 0 ? statuses : d.statuses,
    tag: input.tag?.trim() || null,
    language: input.language ?? null,
    kind: input.kind ?? null,
    itemsPerPage: clampInt(input.itemsPerPage ?? d.itemsPerPage, ITEMS_PER_PAGE_RANGE, d.itemsPerPage),
    headlineLines: clampInt(input.headlineLines ?? d.headlineLines, HEADLINE_LINES_RANGE, d.headlineLines),
    standfirstLines: clampInt(input.standfirstLines ?? d.standfirstLines, STANDFIRST_LINES_RANGE, d.standfirstLines),
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

/**
 * Listing order, newest first: items with a publish date come first, by publish date; items without one
 * (not yet scheduled) follow. Ties, and undated items among themselves, go by updated time, newest first,
 * then by id so the order is total and stable.
 */
export function compareListing(a: ListingSource, b: ListingSource): number {
  const pa = time(a.publishAt)
  const pb = time(b.publishAt)
  if (pa !== null && pb === null) return -1
  if (pa === null && pb !== null) return 1
  if (pa !== null && pb !== null && pa !== pb) return pb - pa
  const ua = time(a.updatedAt) ?? 0
  const ub = time(b.updatedAt) ?? 0
  if (ua !== ub) return ub - ua
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
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
  /** The date shown: the publish date, or the updated time for an unscheduled item. */
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
  const chosen = items.filter((item) => includedInListing(item, settings)).sort(compareListing)
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
      date: item.publishAt ?? item.updatedAt,
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
