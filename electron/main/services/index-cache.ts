import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { ArticleId, ArticleSummary } from '../../../shared/article/schema'
import { isCode, writeDurable } from './durable-write'

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

const INDEX_VERSION = 1

const entrySchema = z.object({
  stamp: z.object({ size: z.number().int().min(0), mtimeNs: z.string().regex(/^\d+$/), hash: z.string() }),
  summary: z
    .object({
      id: z.string(),
      slug: z.string(),
      headline: z.string(),
      standfirst: z.string(),
      kind: z.enum(['article', 'audio', 'video', 'livestream']),
      status: z.enum(['draft', 'review', 'ready', 'published']),
      tags: z.array(z.string()),
      byline: z.string(),
      language: z.string(),
      publishAt: z.string().nullable(),
      embargoUntil: z.string().nullable(),
      updatedAt: z.string(),
      revision: z.number(),
    })
    .passthrough(),
})

/**
 * The cached article index at `.newsdesk/index.json`: summaries keyed by article id with the size, mtime
 * and hash of the file they came from. Never trusted blindly: the library uses a row only when a fresh
 * stat of the file still matches, and re-reads every other file. A broken cache is simply ignored.
 */
export class IndexCache {
  readonly path: string

  constructor(root: string) {
    this.path = join(root, '.newsdesk', 'index.json')
  }

  /** The cached rows, or an empty map when the cache is missing, from another version, or unreadable. */
  async load(): Promise<Map<ArticleId, IndexEntry>> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if (isCode(error, 'ENOENT')) return new Map()
      return new Map()
    }
    try {
      const raw = JSON.parse(text) as { version?: unknown; entries?: unknown }
      if (raw.version !== INDEX_VERSION || typeof raw.entries !== 'object' || raw.entries === null) return new Map()
      const rows = new Map<ArticleId, IndexEntry>()
      for (const [id, value] of Object.entries(raw.entries as Record<string, unknown>)) {
        // Light shape check per row: a bad row is dropped (its file is then read), never used.
        const parsed = quickEntry(value) ?? entrySchema.safeParse(value).data
        if (parsed && parsed.summary.id === id) rows.set(id, parsed as IndexEntry)
      }
      return rows
    } catch {
      return new Map()
    }
  }

  /** Writes the rows durably. */
  async save(rows: Map<ArticleId, IndexEntry>): Promise<void> {
    const entries: Record<string, IndexEntry> = {}
    for (const [id, row] of rows) if (row.stamp) entries[id] = row
    await writeDurable(this.path, JSON.stringify({ version: INDEX_VERSION, entries }))
  }
}

/** A fast structural check for well-formed rows (the zod schema is the fallback); null when unsure. */
function quickEntry(value: unknown): IndexEntry | null {
  if (typeof value !== 'object' || value === null) return null
  const { stamp, summary } = value as Partial<IndexEntry>
  if (
    !stamp ||
    !summary ||
    typeof stamp.size !== 'number' ||
    typeof stamp.mtimeNs !== 'string' ||
    typeof stamp.hash !== 'string' ||
    typeof summary.id !== 'string' ||
    typeof summary.slug !== 'string' ||
    typeof summary.headline !== 'string' ||
    typeof summary.standfirst !== 'string' ||
    typeof summary.updatedAt !== 'string' ||
    typeof summary.revision !== 'number' ||
    !Array.isArray(summary.tags) ||
    typeof summary.status !== 'string' ||
    typeof summary.kind !== 'string'
  )
    return null
  return value as IndexEntry
}
