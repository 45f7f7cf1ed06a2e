import { open, readFile } from 'node:fs/promises'
import type { ArticleId, ArticleSummary } from '../../../../shared/article/schema'
import { writeDurable, workspaceLayout } from '../storage'

/** Identity of one article file as last seen: size, modification time in ns, and content hash. */
export interface FileStamp {
  size: number
  mtimeNs: string
  hash: string
}

/** One cached index row: a file's stamp and the summary read from it. */
export interface IndexEntry {
  stamp: FileStamp
  summary: ArticleSummary
}

/**
 * Each row is an array in `FIELDS` order, most recently updated first (half the parse time of keyed objects at
 * 50,000 rows, and the library's sort then runs over an already sorted list). Version 3 added the conflicted
 * flag and the review fields; a cache of an older version lacks them, so it is not read: the library reads
 * every file once and writes the cache anew (a row without them would list a conflicted article as clean).
 */
const INDEX_VERSION = 3
const FIELDS = [
  'size',
  'mtimeNs',
  'hash',
  'id',
  'slug',
  'headline',
  'standfirst',
  'kind',
  'status',
  'tags',
  'byline',
  'language',
  'publishAt',
  'embargoUntil',
  'updatedAt',
  'revision',
  'conflicted',
  'assignee',
  'reviewer',
] as const

const KINDS: ReadonlySet<unknown> = new Set(['article', 'audio', 'video', 'livestream'])
const STATUSES: ReadonlySet<unknown> = new Set(['draft', 'review', 'ready', 'published'])

/**
 * The cached article index at `.newsdesk/index.json`: summaries with the size, mtime and hash of the file
 * they came from. Never trusted blindly: the library uses a row only while its file is still in the folder,
 * checks every row's size and mtime against a fresh stat (in the background when the app opens), and
 * re-reads every file that differs. A broken cache, or a broken row, is simply ignored.
 */
export class IndexCache {
  readonly path: string
  /** True after `load` found a cache of an older version (not read): the library then rewrites it. */
  outdated = false

  constructor(root: string) {
    this.path = workspaceLayout(root).index
  }

  /** The cached rows in the cache's order, or an empty map when it is missing, of another version or unreadable. */
  async load(): Promise<Map<ArticleId, IndexEntry>> {
    let text: string
    try {
      // Decoded from a Buffer in one call: readFile's 'utf8' option decodes in slices, slower at 40 MB.
      text = (await readFile(this.path)).toString('utf8')
    } catch {
      return new Map()
    }
    try {
      const raw = JSON.parse(text) as { version?: unknown; rows?: unknown }
      if (raw.version === INDEX_VERSION && Array.isArray(raw.rows)) return fromRows(raw.rows as unknown[])
      if (typeof raw.version === 'number' && raw.version < INDEX_VERSION) this.outdated = true
      return new Map()
    } catch {
      return new Map()
    }
  }

  /**
   * The cache's first `count` rows (its most recently updated, as it is written), read from the start of the
   * file without reading or parsing the rest, for a first screen: `complete` when that was the whole cache (a
   * cache of at most `HEAD_READ_BYTES`, read and parsed whole, as `load` does). Null when the start of the file
   * is not a cache of this version, or it holds fewer than `count` well-formed rows: then `load` decides (an
   * older version is marked outdated there, a broken cache ignored).
   */
  async loadHead(count: number): Promise<{ entries: Map<ArticleId, IndexEntry>; complete: boolean } | null> {
    let file
    try {
      file = await open(this.path, 'r')
    } catch {
      return { entries: new Map(), complete: true }
    }
    try {
      const { size } = await file.stat()
      if (size <= HEAD_READ_BYTES) return { entries: await this.load(), complete: true }
      for (let length = HEAD_READ_BYTES; length <= MAX_HEAD_READ_BYTES; length *= 2) {
        const buffer = Buffer.alloc(Math.min(length, size))
        const { bytesRead } = await file.read(buffer, 0, buffer.length, 0)
        const rows = headRows(buffer.subarray(0, bytesRead).toString('utf8'), count)
        if (rows === null) return null
        if (rows.length >= count) {
          const entries = fromRows(rows)
          return entries.size === rows.length ? { entries, complete: false } : null
        }
        if (bytesRead >= size) return null
      }
      return null
    } catch {
      return null
    } finally {
      await file.close().catch(() => undefined)
    }
  }

  /** Writes the entries durably, in the order given (the library passes its most recently updated first). */
  async save(entries: Iterable<IndexEntry>): Promise<void> {
    const rows: unknown[][] = []
    for (const { stamp, summary: s } of entries) {
      if (!stamp) continue
      rows.push([
        stamp.size,
        stamp.mtimeNs,
        stamp.hash,
        s.id,
        s.slug,
        s.headline,
        s.standfirst,
        s.kind,
        s.status,
        s.tags,
        s.byline,
        s.language,
        s.publishAt,
        s.embargoUntil,
        s.updatedAt,
        s.revision,
        s.conflicted,
        s.assignee,
        s.reviewer,
      ])
    }
    await writeDurable(this.path, JSON.stringify({ version: INDEX_VERSION, fields: FIELDS, rows }))
    this.outdated = false
  }
}

/** A cache up to this size is read whole even for its head; a larger one's head is read from its first bytes. */
export const HEAD_READ_BYTES = 512 * 1024
/** How far into the file `loadHead` reads at most (doubling from `HEAD_READ_BYTES`) before leaving it to `load`. */
const MAX_HEAD_READ_BYTES = 8 * 1024 * 1024

const QUOTE = 34
const BACKSLASH = 92
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93

/**
 * The first `count` complete rows of the start of a cache file as `save` writes it
 * (`{"version":3,"fields":[...],"rows":[[...],[...],...`), each parsed on its own; fewer when the text ends
 * first. Null when the text is not that (another version, another shape, a row that does not parse).
 */
function headRows(text: string, count: number): unknown[] | null {
  const marker = ',"rows":['
  const at = text.indexOf(marker)
  if (at < 0) return null
  const header = JSON.parse(`${text.slice(0, at)}}`) as { version?: unknown; fields?: unknown }
  if (header.version !== INDEX_VERSION || !Array.isArray(header.fields)) return null
  const rows: unknown[] = []
  let i = at + marker.length
  while (rows.length < count && i < text.length) {
    if (rows.length > 0) {
      if (text.charCodeAt(i) !== 44 /* , */) return null
      i += 1
    }
    if (i >= text.length) break
    if (text.charCodeAt(i) !== OPEN_BRACKET) return null
    // To the bracket that closes this row, skipping over strings (JSON.stringify escapes quotes in them).
    let depth = 0
    let inString = false
    let end = -1
    for (let j = i; j < text.length; j++) {
      const c = text.charCodeAt(j)
      if (inString) {
        if (c === BACKSLASH) j += 1
        else if (c === QUOTE) inString = false
      } else if (c === QUOTE) inString = true
      else if (c === OPEN_BRACKET) depth += 1
      else if (c === CLOSE_BRACKET && --depth === 0) {
        end = j
        break
      }
    }
    if (end < 0) break // the text stops inside this row
    rows.push(JSON.parse(text.slice(i, end + 1)))
    i = end + 1
  }
  return rows
}

const isString = (value: unknown): value is string => typeof value === 'string'
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string'

/** Version 2 rows; a row of the wrong length or with a value of the wrong type is dropped (its file is read). */
function fromRows(rows: unknown[]): Map<ArticleId, IndexEntry> {
  const out = new Map<ArticleId, IndexEntry>()
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== FIELDS.length) continue
    // prettier-ignore
    const [size, mtimeNs, hash, id, slug, headline, standfirst, kind, status, tags, byline, language, publishAt,
      embargoUntil, updatedAt, revision, conflicted, assignee, reviewer] = row as unknown[]
    if (
      !Number.isInteger(size) ||
      (size as number) < 0 ||
      !isString(mtimeNs) ||
      !/^\d+$/.test(mtimeNs) ||
      !isString(hash) ||
      !isString(id) ||
      !isString(slug) ||
      !isString(headline) ||
      !isString(standfirst) ||
      !KINDS.has(kind) ||
      !STATUSES.has(status) ||
      !Array.isArray(tags) ||
      !tags.every(isString) ||
      !isString(byline) ||
      !isString(language) ||
      !isStringOrNull(publishAt) ||
      !isStringOrNull(embargoUntil) ||
      !isString(updatedAt) ||
      typeof revision !== 'number' ||
      typeof conflicted !== 'boolean' ||
      !isStringOrNull(assignee) ||
      !isStringOrNull(reviewer)
    )
      continue
    out.set(id, {
      stamp: { size: size as number, mtimeNs, hash },
      summary: {
        id,
        slug,
        headline,
        standfirst,
        kind: kind as ArticleSummary['kind'],
        status: status as ArticleSummary['status'],
        tags: tags as string[],
        byline,
        language,
        publishAt,
        embargoUntil,
        updatedAt,
        revision,
        conflicted,
        assignee,
        reviewer,
      },
    })
  }
  return out
}
