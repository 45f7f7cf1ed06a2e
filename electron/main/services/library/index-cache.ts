import { readFile } from 'node:fs/promises'
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
