import { parse as parseToml } from 'smol-toml'
import { parse as parseYaml } from 'yaml'
import { articleKinds, articleStatuses, type Article } from '../article/schema'
import { slugify } from '../article/slug'
import { isoInZone } from '../publication/clock'
import { findHostileJson } from './deterministic-json'
import { MAX_FRONT_MATTER_CHARS, maxExpandedFrontMatter, weighsMoreThan } from './input-limits'

/** A Markdown file split into its front matter data and body. */
export type SplitResult =
  | {
      ok: true
      format: 'yaml' | 'toml' | 'none'
      data: Record<string, unknown>
      body: string
      bodyLine: number
      raw: string
    }
  | { ok: false; line: number; message: string }

const FENCES = { yaml: /^---[ \t]*\r?\n/, toml: /^\+\+\+[ \t]*\r?\n/ } as const

/** Converts values a front-matter parser returns (TOML dates, YAML maps) into plain JSON data. */
function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: toJsonValue(v), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  if (typeof value === 'bigint') return Number(value)
  return value
}

/** Splits YAML (`---`) or TOML (`+++`) front matter from a Markdown file and parses it, with line numbers on errors. */
export function splitFrontMatter(text: string): SplitResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  const format = FENCES.yaml.test(source) ? 'yaml' : FENCES.toml.test(source) ? 'toml' : 'none'
  if (format === 'none') return { ok: true, format, data: {}, body: source, bodyLine: 1, raw: '' }
  const fence = format === 'yaml' ? '---' : '+++'
  // Walks the lines by index (not split + join of the whole file): the body can be long, the front matter is not.
  let end = -1
  let rawStart = source.indexOf('\n') + 1
  let rawEnd = -1
  let bodyStart = source.length
  for (let start = rawStart, i = 1; start <= source.length; i += 1) {
    const nl = source.indexOf('\n', start)
    const stop = nl < 0 ? source.length : nl
    const line = source.slice(start, stop).replace(/\r$/, '').trimEnd()
    if (line === fence || (format === 'yaml' && line === '...')) {
      end = i
      rawEnd = start - 1
      bodyStart = nl < 0 ? source.length + 1 : nl + 1
      break
    }
    if (nl < 0) break
    start = nl + 1
  }
  if (end < 0) return { ok: false, line: 1, message: `front matter opened with ${fence} on line 1 is never closed` }
  if (rawEnd < rawStart) rawStart = rawEnd = 0
  const raw = source.slice(rawStart, rawEnd)
  if (raw.length > MAX_FRONT_MATTER_CHARS)
    return {
      ok: false,
      line: 1,
      message: `front matter is ${raw.length} characters long, over the limit of ${MAX_FRONT_MATTER_CHARS}`,
    }
  // Line of the first match of `re` in the block (the block starts on line 2), or 2.
  const lineOf = (re: RegExp) => {
    const index = raw.split('\n').findIndex((l) => re.test(l))
    return index < 0 ? 2 : index + 2
  }
  if (format === 'yaml') {
    const tag = /!!(set|omap|pairs|binary)\b/.exec(raw)
    if (tag)
      return {
        ok: false,
        line: lineOf(/!!(set|omap|pairs|binary)\b/),
        message: `YAML tag !!${tag[1]} is not supported: write the values as a plain list ("- value" lines or [a, b])`,
      }
  }
  let parsed: unknown
  try {
    parsed =
      format === 'yaml'
        ? (parseJsonLines(raw) ?? parseYaml(raw, { maxAliasCount: 50, uniqueKeys: true, prettyErrors: true }))
        : parseToml(raw)
  } catch (error) {
    const e = error as { linePos?: { line: number }[]; line?: number; message: string }
    const inner = e.linePos?.[0]?.line ?? e.line ?? 0
    // The parser's own text ends with its position ("at line 3, column 12:"); the file's line is given instead.
    const what = (e.message.split('\n')[0] ?? '').replace(/\s*at line \d+, column \d+:?.*$/, '').replace(/[.:]\s*$/, '')
    return {
      ok: false,
      line: inner + 1,
      message: `${format.toUpperCase()} front matter, line ${inner + 1} of the file: ${what}. Check the quotes, colons and indentation on that line.`,
    }
  }
  if (parsed === null || parsed === undefined) parsed = {}
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, line: 2, message: 'front matter is not a map of keys to values' }
  }
  const hostile = findHostileJson(parsed, 32)
  if (hostile) return { ok: false, line: 2, message: `front matter refused: ${hostile}` }
  // Aliases to a big value pass the alias count; what they expand to is weighed (stopping at the limit).
  const limit = maxExpandedFrontMatter(raw.length)
  if (weighsMoreThan(parsed, limit))
    return {
      ok: false,
      line: lineOf(/(^|[\s[{,:-])\*[^\s,\]}]/),
      message: `YAML front matter expands (through aliases) to more than ${limit} characters, over the limit`,
    }
  const body = source.slice(bodyStart)
  return { ok: true, format, data: toJsonValue(parsed) as Record<string, unknown>, body, bodyLine: end + 2, raw }
}

/** 1-based line of `key` inside a front matter block that starts on line 2, or 0 when the key is not there. */
export function lineOfKey(raw: string, key: string): number {
  const lines = raw.split('\n')
  const re = new RegExp(`^\\s*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*[:=]`)
  const index = lines.findIndex((l) => re.test(l))
  return index < 0 ? 0 : index + 2
}

/** Front matter keys Newsdesk writes itself; they are never kept as extra keys. */
export const RESERVED_KEYS = [
  'title',
  'slug',
  'summary',
  'date',
  'publishAt',
  'tags',
  'kind',
  'byline',
  'dateline',
  'language',
  'status',
  'draft',
  'embargoUntil',
  'id',
  'revision',
  'createdAt',
  'updatedAt',
  'editorsNote',
  'featuredImage',
] as const

/** Article key under which front matter keys Newsdesk does not map are kept (and written back on export). */
export const EXTRA_KEY = 'extraFrontMatter'

/** Front matter keys meant for the newsroom, not for readers: withheld from a Markdown export unless asked for. */
export const INTERNAL_KEYS = ['editorsNote', 'status', 'revision'] as const

/** How a Markdown export writes front matter. */
export interface FrontMatterOptions {
  /** IANA zone the dates are written in (ISO 8601 with that zone's offset); absent: as stored. */
  timeZone?: string
  /** Keep the internal keys (`INTERNAL_KEYS`), for another Newsdesk; false for a site. Default true. */
  includeInternal?: boolean
}

/** Front matter values of an article for a Markdown export; `imageHref` turns an asset name into a link. */
export function articleFrontMatter(
  article: Article,
  imageHref: (asset: string) => string,
  options: FrontMatterOptions = {},
): Record<string, unknown> {
  const zone = options.timeZone
  const at = (iso: string | null) => (iso === null || zone === undefined ? iso : isoInZone(iso, zone))
  const data: Record<string, unknown> = {
    title: article.headline,
    slug: article.slug,
    summary: article.standfirst,
    date: at(article.publishAt ?? article.createdAt),
    publishAt: at(article.publishAt),
    tags: article.tags,
    kind: article.kind,
    byline: article.byline,
    dateline: article.dateline,
    language: article.language,
    status: article.status,
    draft: article.status !== 'published',
    embargoUntil: at(article.embargoUntil),
    id: article.id,
    revision: article.revision,
    createdAt: at(article.createdAt),
    updatedAt: at(article.updatedAt),
    editorsNote: article.editorsNote,
  }
  if (options.includeInternal === false) for (const key of INTERNAL_KEYS) delete data[key]
  if (article.featuredImage) {
    data.featuredImage = {
      src: imageHref(article.featuredImage.asset),
      alt: article.featuredImage.alt,
      caption: article.featuredImage.caption,
    }
  }
  const extra = article[EXTRA_KEY]
  if (extra && typeof extra === 'object' && !Array.isArray(extra)) {
    for (const key of Object.keys(extra).sort()) {
      if (!(key in data)) data[key] = (extra as Record<string, unknown>)[key]
    }
  }
  return data
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/

/** JSON text that is also a safe YAML 1.2 double-quoted / flow scalar (line separators and C1 controls escaped). */
function yamlJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * Serialises front matter and body as a Markdown file with a YAML `---` block: one `key: <JSON>` line per key
 * in a fixed order. JSON is valid YAML 1.2 flow syntax, so Hugo, Jekyll, Astro and Decap read it; writing it
 * by hand (instead of through the yaml library) is about ten times faster and byte-stable by construction.
 */
export function composeMarkdownFile(frontMatter: Record<string, unknown>, body: string): string {
  let yaml = ''
  for (const [key, value] of Object.entries(frontMatter)) {
    if (value === undefined) continue
    yaml += `${PLAIN_KEY.test(key) ? key : yamlJson(key)}: ${yamlJson(value)}\n`
  }
  return `---\n${yaml}---\n\n${body}`
}

const JSON_LINE = /^([A-Za-z_][A-Za-z0-9_-]*|"(?:[^"\\]|\\.)*"): (.*)$/

/** Reads a front matter block written by `composeMarkdownFile` (one `key: <JSON>` per line), or null if it is not one. */
function parseJsonLines(raw: string): Record<string, unknown> | null {
  const data: Record<string, unknown> = {}
  for (const line of raw.split('\n')) {
    const m = JSON_LINE.exec(line)
    if (!m) return null
    const first = (m[2] ?? '').charCodeAt(0)
    // Only JSON values whose first character cannot start a different YAML reading (quoted, [, {, digit, -, t/f/n).
    if (!(
      first === 34 ||
      first === 91 ||
      first === 123 ||
      first === 45 ||
      (first >= 48 && first <= 57) ||
      first === 116 ||
      first === 102 ||
      first === 110
    ))
      return null
    let key: string
    let value: unknown
    try {
      key = m[1]?.startsWith('"') ? (JSON.parse(m[1]) as string) : (m[1] as string)
      value = JSON.parse(m[2] ?? '')
    } catch {
      return null
    }
    if (Object.hasOwn(data, key)) return null
    Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true })
  }
  return data
}

/** Problem with one front matter field, with the key it came from. */
export interface FieldProblem {
  field: string
  message: string
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

/** Earliest and latest years a date may have: RSS (RFC 822/2822) dates start at 1900 and have four digits. */
export const DATE_YEARS = { min: 1900, max: 9999 } as const

/**
 * Why a date string is not a real date Newsdesk can carry, in words ("2024-02-30 is not a real date: February
 * 2024 has 29 days"; a year outside 1900–9999), or null when it is one (or not in a date form at all).
 */
export function impossibleDate(value: string): string | null {
  const m = DATE_RE.exec(value.trim())
  if (!m) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12) return `"${value}" is not a real date: there is no month ${mo}`
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0)
  if (day < 1 || day > days) return `"${value}" is not a real date: ${MONTHS[month - 1]} ${y} has ${days} days`
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return `"${value}" is not a real time of day`
  if (year < DATE_YEARS.min || year > DATE_YEARS.max)
    return `"${value}" is outside the years ${DATE_YEARS.min}–${DATE_YEARS.max} that feeds (RSS) can carry`
  return null
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/**
 * Parses the date forms Hugo, Jekyll and Decap write ("2016-10-06 11:10:38 -0700", "2019-03-11", ISO) to ISO
 * UTC; null for anything else, an impossible date (2024-02-30 is never rolled over to March) or a year RSS
 * cannot carry (see `impossibleDate` for the words).
 */
export function toIsoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const m = DATE_RE.exec(value.trim())
  if (!m || impossibleDate(value)) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zoneRaw = 'Z'] = m
  const zone = zoneRaw.toUpperCase() === 'Z' ? 'Z' : zoneRaw.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')
  const ms = frac ? frac.slice(0, 4).padEnd(4, '0') : ''
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${zone}`)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[,\s]+/).filter((s) => s !== '')
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String)
  return []
}

/** Context of one imported file: its name without extension, and the time to stamp when a date is missing. */
export interface MappingContext {
  fileStem: string
  now: string
}

/** Outcome of mapping front matter to article fields (the body is supplied by the caller). */
export type MappingResult = { ok: true; fields: Record<string, unknown> } | { ok: false; problem: FieldProblem }

/**
 * Maps front matter as Newsdesk, Hugo, Jekyll and Decap write it onto article fields: title, description /
 * summary / excerpt, date, tags + categories, author, draft, slug; keys it does not map are kept under
 * `extraFrontMatter`. The result still goes through the article schema, which reports bad values by field.
 */
export function mapFrontMatter(data: Record<string, unknown>, ctx: MappingContext): MappingResult {
  const used = new Set<string>(RESERVED_KEYS)
  const has = (k: string) => Object.hasOwn(data, k) && data[k] !== undefined
  const str = (k: string): string | null => (typeof data[k] === 'string' ? (data[k] as string) : null)
  const fail = (field: string, message: string): MappingResult => ({ ok: false, problem: { field, message } })

  const dateOf = (key: string): string | null | 'invalid' => {
    if (!has(key) || data[key] === null || data[key] === '') return null
    return toIsoDate(data[key]) ?? 'invalid'
  }
  const fields: Record<string, unknown> = {}
  fields.headline = str('title') ?? (has('title') ? String(data.title) : '')
  const summaryKey = ['summary', 'description', 'excerpt'].find((k) => typeof data[k] === 'string')
  if (summaryKey) used.add(summaryKey)
  fields.standfirst = summaryKey ? (data[summaryKey] as string).trim() : ''

  const notADate = (key: string) =>
    fail(key, (typeof data[key] === 'string' && impossibleDate(data[key])) || `"${String(data[key])}" is not a date`)
  const date = dateOf('date')
  if (date === 'invalid') return notADate('date')
  for (const key of ['publishAt', 'embargoUntil', 'createdAt', 'updatedAt', 'lastmod'] as const) {
    if (dateOf(key) === 'invalid') return notADate(key)
  }
  fields.publishAt = has('publishAt') ? dateOf('publishAt') : date
  fields.embargoUntil = dateOf('embargoUntil')
  const lastmod = dateOf('lastmod') as string | null
  if (lastmod && !has('updatedAt')) used.add('lastmod')
  fields.createdAt = dateOf('createdAt') ?? date ?? ctx.now
  fields.updatedAt = dateOf('updatedAt') ?? (has('updatedAt') ? null : lastmod) ?? fields.createdAt

  const tags = [...stringList(data.tags), ...stringList(data.categories), ...stringList(data.category)]
  used.add('categories').add('category')
  fields.tags = [...new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))]

  if (has('byline')) fields.byline = str('byline') ?? String(data.byline)
  else {
    const authorKey = ['author', 'authors'].find((k) => has(k))
    const authors = authorKey
      ? stringList(typeof data[authorKey] === 'string' ? [data[authorKey]] : data[authorKey])
      : []
    if (authorKey && authors.length > 0) used.add(authorKey)
    fields.byline = authors.join(', ')
  }
  fields.dateline = str('dateline') ?? ''
  fields.language = str('language') ?? 'en'
  fields.editorsNote = str('editorsNote') ?? ''

  const kind = data.kind ?? 'article'
  if (!(articleKinds as readonly unknown[]).includes(kind)) {
    return fail('kind', `"${String(kind)}" is not one of ${articleKinds.join(', ')}`)
  }
  fields.kind = kind
  if (has('status')) {
    if (!(articleStatuses as readonly unknown[]).includes(data.status)) {
      return fail('status', `"${String(data.status)}" is not one of ${articleStatuses.join(', ')}`)
    }
    fields.status = data.status
  } else fields.status = data.draft === true || data.draft === 'true' ? 'draft' : 'published'

  const rawSlug = str('slug') ?? ctx.fileStem.replace(/^\d{4}-\d{2}-\d{2}-/, '')
  fields.slug = slugify(rawSlug === '' || rawSlug === 'index' ? String(fields.headline) : rawSlug)
  if (has('id')) fields.id = data.id
  if (has('revision')) fields.revision = data.revision

  const extra: Record<string, unknown> = {}
  for (const key of Object.keys(data).sort()) {
    if (!used.has(key)) extra[key] = data[key]
  }
  if (Object.keys(extra).length > 0) fields[EXTRA_KEY] = extra
  return { ok: true, fields }
}
