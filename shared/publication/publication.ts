import { z } from 'zod'
import { articleKindSchema, articleStatusSchema, articleStatuses, languageSchema } from '../article/schema'

/** Allowed range of items per listing page. */
export const ITEMS_PER_PAGE_RANGE = { min: 1, max: 100 } as const
/** Allowed range of the headline line clamp. */
export const HEADLINE_LINES_RANGE = { min: 1, max: 6 } as const
/** Allowed range of the standfirst line clamp (0 hides the standfirst). */
export const STANDFIRST_LINES_RANGE = { min: 0, max: 10 } as const
/** Allowed range of the number of items an RSS feed carries (the newest ones). */
export const RSS_ITEMS_RANGE = { min: 1, max: 1000 } as const
/** Allowed ranges of the per-field length budgets, in characters (code points). */
export const BUDGET_RANGES = {
  headline: { min: 10, max: 500 },
  standfirst: { min: 20, max: 5000 },
  slug: { min: 10, max: 120 },
} as const

/** True when `zone` is an IANA time zone name the runtime knows ("Europe/Madrid", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** An absolute http(s) base URL ending in "/" (links in feeds are built under it). */
const baseUrlSchema = z
  .string()
  .max(500)
  .regex(
    /^https?:\/\/[^/?#@\s]+(?:\/[^?#\s]*)?$/i,
    'baseUrl must be an absolute http or https URL such as https://news.example.org/',
  )
  .transform((url) => (url.endsWith('/') ? url : `${url}/`))

const budget = (range: { min: number; max: number }) => z.number().int().min(range.min).max(range.max)

/** The length budgets (characters) the readiness rules and the editor's meters hold each field to. */
export const budgetsSchema = z
  .object({
    headline: budget(BUDGET_RANGES.headline),
    standfirst: budget(BUDGET_RANGES.standfirst),
    slug: budget(BUDGET_RANGES.slug),
  })
  .strict()
export type LengthBudgets = z.infer<typeof budgetsSchema>

/**
 * The publication of a workspace, stored at `.newsdesk/publication.json`: the one model the listing preview,
 * the HTML, RSS and ninjs exports, `newsdesk check` and the editor's meters read. Keys are documented in
 * README ("Publication settings").
 */
export const publicationSettingsSchema = z
  .object({
    /** The publication's name: the masthead of every page and the RSS channel title. */
    name: z.string().trim().min(1, 'the publication needs a name').max(200),
    /** Heading of the listing page (the name when empty); the RSS channel description. */
    heading: z.string().max(200),
    /** Absolute URL the site is published under; RSS links are built under it. Null: not set (RSS refused). */
    baseUrl: baseUrlSchema.nullable(),
    /** IANA time zone every time is shown and exported in. */
    timeZone: z.string().max(100).refine(isTimeZone, 'timeZone must be an IANA time zone such as Europe/Madrid'),
    /** Language of the listing page: its dates, badges and labels. */
    locale: languageSchema,
    /** Statuses reader-facing outputs (listing, HTML, RSS) carry. */
    statuses: z.array(articleStatusSchema).min(1, 'choose at least one status').max(articleStatuses.length),
    tag: z.string().trim().min(1).max(100).nullable(),
    language: languageSchema.nullable(),
    kind: articleKindSchema.nullable(),
    itemsPerPage: z.number().int().min(ITEMS_PER_PAGE_RANGE.min).max(ITEMS_PER_PAGE_RANGE.max),
    headlineLines: z.number().int().min(HEADLINE_LINES_RANGE.min).max(HEADLINE_LINES_RANGE.max),
    standfirstLines: z.number().int().min(STANDFIRST_LINES_RANGE.min).max(STANDFIRST_LINES_RANGE.max),
    /** How many of the newest items the RSS feed carries. */
    rssItems: z.number().int().min(RSS_ITEMS_RANGE.min).max(RSS_ITEMS_RANGE.max),
    budgets: budgetsSchema,
  })
  .strict()
export type PublicationSettings = z.infer<typeof publicationSettingsSchema>

/** Budgets of a publication that has set none: a headline fits three lines of a phone's listing, a standfirst too. */
export const DEFAULT_BUDGETS: LengthBudgets = { headline: 80, standfirst: 200, slug: 80 }

/** Settings of a workspace that has none saved yet, named `name` (its folder's name): ready and published items. */
export function defaultPublication(name: string, timeZone = 'UTC'): PublicationSettings {
  return {
    name: name.trim().slice(0, 200) || 'Newsdesk',
    heading: 'Latest news',
    baseUrl: null,
    timeZone: isTimeZone(timeZone) ? timeZone : 'UTC',
    locale: 'en',
    statuses: ['ready', 'published'],
    tag: null,
    language: null,
    kind: null,
    itemsPerPage: 10,
    headlineLines: 3,
    // A standfirst at its 200-character budget takes five lines at phone width.
    standfirstLines: 5,
    rssItems: 50,
    budgets: { ...DEFAULT_BUDGETS },
  }
}

/** Clamps a number into a range, rounding to an integer; NaN falls back to `fallback`. */
export function clampInt(value: number, range: { min: number; max: number }, fallback: number): number {
  if (!Number.isFinite(value)) return fallback
  return Math.min(range.max, Math.max(range.min, Math.round(value)))
}

/**
 * Brings possibly out-of-range settings (an old file, a hand edit) into range instead of refusing them:
 * counts, clamps and budgets are clamped; an empty status list, an unknown time zone or a bad base URL fall
 * back to the defaults of `fallback` (a workspace's defaults).
 */
export function normalizePublication(
  input: Partial<Record<keyof PublicationSettings, unknown>>,
  fallback: PublicationSettings = defaultPublication('Newsdesk'),
): PublicationSettings {
  const d = fallback
  const field = <K extends keyof PublicationSettings>(key: K): PublicationSettings[K] => {
    const parsed = publicationSettingsSchema.shape[key].safeParse(input[key])
    return (parsed.success ? parsed.data : d[key]) as PublicationSettings[K]
  }
  const num = (value: unknown, range: { min: number; max: number }, def: number) =>
    typeof value === 'number' ? clampInt(value, range, def) : def
  const statuses = Array.isArray(input.statuses)
    ? input.statuses.filter(
        (s, i, all): s is PublicationSettings['statuses'][number] =>
          articleStatusSchema.safeParse(s).success && all.indexOf(s) === i,
      )
    : []
  const rawBudgets =
    typeof input.budgets === 'object' && input.budgets !== null ? (input.budgets as Record<string, unknown>) : {}
  return {
    name: typeof input.name === 'string' && input.name.trim() !== '' ? input.name.trim().slice(0, 200) : d.name,
    heading: typeof input.heading === 'string' ? input.heading.slice(0, 200) : d.heading,
    baseUrl: input.baseUrl === null ? null : field('baseUrl'),
    timeZone: field('timeZone'),
    locale: field('locale'),
    statuses: statuses.length > 0 ? statuses : d.statuses,
    tag: typeof input.tag === 'string' && input.tag.trim() !== '' ? input.tag.trim().slice(0, 100) : null,
    language: input.language === undefined || input.language === null ? null : field('language'),
    kind: input.kind === undefined || input.kind === null ? null : field('kind'),
    itemsPerPage: num(input.itemsPerPage, ITEMS_PER_PAGE_RANGE, d.itemsPerPage),
    headlineLines: num(input.headlineLines, HEADLINE_LINES_RANGE, d.headlineLines),
    standfirstLines: num(input.standfirstLines, STANDFIRST_LINES_RANGE, d.standfirstLines),
    rssItems: num(input.rssItems, RSS_ITEMS_RANGE, d.rssItems),
    budgets: {
      headline: num(rawBudgets.headline, BUDGET_RANGES.headline, d.budgets.headline),
      standfirst: num(rawBudgets.standfirst, BUDGET_RANGES.standfirst, d.budgets.standfirst),
      slug: num(rawBudgets.slug, BUDGET_RANGES.slug, d.budgets.slug),
    },
  }
}

/** One documented key of the publication file, as `newsdesk publication` shows and sets it. */
export interface PublicationKeyDoc {
  key: string
  description: string
}

/** The documented keys of `.newsdesk/publication.json` (README and `newsdesk publication --help`). */
export const publicationKeyDocs: readonly PublicationKeyDoc[] = [
  { key: 'name', description: 'the publication name: masthead of every page, RSS channel title' },
  { key: 'heading', description: 'heading of the listing page (the name when empty), RSS channel description' },
  { key: 'baseUrl', description: 'absolute http(s) URL the site is published under; RSS needs it (empty: not set)' },
  { key: 'timeZone', description: 'IANA time zone every time is shown and exported in (Europe/Madrid)' },
  { key: 'locale', description: 'language of the listing page: dates, badges, labels (en, es)' },
  { key: 'statuses', description: 'statuses the listing, HTML and RSS carry, comma-separated (ready,published)' },
  { key: 'tag', description: 'only articles with this tag in the listing (empty: any)' },
  { key: 'language', description: 'only articles in this language in the listing (empty: any)' },
  { key: 'kind', description: 'only articles of this kind in the listing (empty: any)' },
  {
    key: 'itemsPerPage',
    description: `items per listing page (${ITEMS_PER_PAGE_RANGE.min}-${ITEMS_PER_PAGE_RANGE.max})`,
  },
  {
    key: 'headlineLines',
    description: `headline line clamp (${HEADLINE_LINES_RANGE.min}-${HEADLINE_LINES_RANGE.max})`,
  },
  {
    key: 'standfirstLines',
    description: `standfirst line clamp, 0 hides it (${STANDFIRST_LINES_RANGE.min}-${STANDFIRST_LINES_RANGE.max})`,
  },
  {
    key: 'rssItems',
    description: `the newest N items the RSS feed carries (${RSS_ITEMS_RANGE.min}-${RSS_ITEMS_RANGE.max})`,
  },
  { key: 'budgets.headline', description: 'headline length budget in characters' },
  { key: 'budgets.standfirst', description: 'standfirst length budget in characters' },
  { key: 'budgets.slug', description: 'slug length budget in characters' },
]

/** Result of applying `key=value` edits to settings: the new settings or why an edit is refused. */
export type PublicationEditResult = { ok: true; settings: PublicationSettings } | { ok: false; message: string }

/**
 * Applies `key=value` edits (as `newsdesk publication --set` takes them) to settings and validates the result:
 * numbers for counts and budgets, comma-separated statuses, an empty value clears a key that may be empty.
 */
export function applyPublicationEdits(settings: PublicationSettings, edits: readonly string[]): PublicationEditResult {
  const next: Record<string, unknown> = { ...settings, budgets: { ...settings.budgets } }
  const known = new Set(publicationKeyDocs.map((d) => d.key))
  for (const edit of edits) {
    const eq = edit.indexOf('=')
    if (eq <= 0) return { ok: false, message: `"${edit}" is not key=value` }
    const key = edit.slice(0, eq).trim()
    const raw = edit.slice(eq + 1).trim()
    if (!known.has(key)) return { ok: false, message: `unknown key "${key}"; keys: ${[...known].join(', ')}` }
    const [head, sub] = key.split('.') as [string, string | undefined]
    const current = sub ? (next[head] as Record<string, unknown>)[sub] : next[head]
    let value: unknown
    if (typeof current === 'number') {
      value = Number(raw)
      if (raw === '' || !Number.isFinite(value)) return { ok: false, message: `${key} must be a number, not "${raw}"` }
    } else if (Array.isArray(current))
      value = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    else if (raw === '' && (head === 'baseUrl' || head === 'tag' || head === 'language' || head === 'kind'))
      value = null
    else value = raw
    if (sub) (next[head] as Record<string, unknown>)[sub] = value
    else next[head] = value
  }
  const parsed = publicationSettingsSchema.safeParse(next)
  if (!parsed.success) return { ok: false, message: describePublicationIssue(parsed.error.issues[0]) }
  return { ok: true, settings: parsed.data }
}

/** One zod issue of the publication schema in words ("budgets.headline: Too big: …"). */
export function describePublicationIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'settings: invalid'
  return `${issue.path.map(String).join('.') || 'settings'}: ${issue.message}`
}
