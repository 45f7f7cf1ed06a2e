import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { articleFieldsSchema, type ArticleFields, type ArticleId } from '../../../../shared/article/schema'
import type { JournalEntry, JournalWriteResult } from '../../../../shared/ipc/contract'
import { RecordFolder, writeDurable, workspaceLayout } from '../storage'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const entrySchema = z.object({
  id: z.string().regex(UUID_RE),
  headline: z.string(),
  journaledAt: z.iso.datetime({ offset: true }),
  baseHash: z.string().regex(/^[a-f0-9]{64}$/),
  fields: articleFieldsSchema,
  source: z.enum(['editor', 'temp']),
})

/** Options of the journal; `isStale` lets the library drop entries the disk already holds. */
export interface JournalOptions {
  readOnly?: boolean
  now?: () => Date
  /** True when an entry no longer needs offering (its fields equal the saved file, or the article is gone). */
  isStale?: (entry: JournalEntry) => Promise<boolean>
}

/**
 * The crash journal: unsaved editor fields at `.newsdesk/journal/<id>.json`, written durably at most a second
 * after typing stops, removed on a successful save, and offered for restoring at the next start.
 */
export class JournalStore {
  readonly dir: string
  private readonly options: JournalOptions
  private readonly queues = new Map<ArticleId, Promise<unknown>>()

  constructor(root: string, options: JournalOptions = {}) {
    this.dir = workspaceLayout(root).journal
    this.options = options
  }

  private fileOf(id: ArticleId): string {
    if (!UUID_RE.test(id)) throw new Error(`not an article id: ${JSON.stringify(id)}`)
    return join(this.dir, `${id.toLowerCase()}.json`)
  }

  /** Runs journal operations on one article one after another, so a late write cannot undo a discard. */
  private serial<T>(id: ArticleId, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve()
    const next = previous.then(task, task)
    this.queues.set(
      id,
      next.catch(() => undefined),
    )
    return next
  }

  /** Journals the unsaved fields of an article. */
  write(
    id: ArticleId,
    baseHash: string,
    fields: ArticleFields,
    source: JournalEntry['source'] = 'editor',
  ): Promise<JournalWriteResult> {
    return this.serial(id, async () => {
      if (this.options.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
      const journaledAt = (this.options.now?.() ?? new Date()).toISOString()
      const entry: JournalEntry = {
        id: id.toLowerCase(),
        headline: fields.headline,
        journaledAt,
        baseHash,
        fields,
        source,
      }
      try {
        await mkdir(this.dir, { recursive: true })
        await writeDurable(this.fileOf(id), `${JSON.stringify(entry)}\n`)
      } catch (error) {
        return { ok: false, reason: 'io', message: `could not journal unsaved edits: ${(error as Error).message}` }
      }
      return { ok: true, journaledAt }
    })
  }

  /** Entries left to offer; unreadable or stale entries are removed and not offered. */
  async pending(): Promise<JournalEntry[]> {
    const names = await new RecordFolder(this.dir).names()
    const entries: JournalEntry[] = []
    for (const name of names.sort()) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : ''
      if (!UUID_RE.test(id)) continue
      let entry: JournalEntry
      try {
        entry = entrySchema.parse(JSON.parse(await readFile(join(this.dir, name), 'utf8')))
      } catch {
        if (!this.options.readOnly) await rm(join(this.dir, name), { force: true })
        continue
      }
      if (this.options.isStale && (await this.options.isStale(entry))) {
        if (!this.options.readOnly) await this.discard(entry.id)
        continue
      }
      entries.push(entry)
    }
    return entries.sort((a, b) => (a.journaledAt < b.journaledAt ? 1 : -1))
  }

  /**
   * Forgets an article's journal entry if `obsolete` says so, in turn with the writes of that article (a
   * write queued before this check is seen by it). Returns true when an entry was removed.
   */
  discardIf(id: ArticleId, obsolete: (entry: JournalEntry) => boolean): Promise<boolean> {
    return this.serial(id, async () => {
      if (this.options.readOnly) return false
      let entry: JournalEntry
      try {
        entry = entrySchema.parse(JSON.parse(await readFile(this.fileOf(id), 'utf8')))
      } catch {
        return false
      }
      if (!obsolete(entry)) return false
      await rm(this.fileOf(id), { force: true })
      return true
    })
  }

  /** Forgets an article's journal entry (after a save, or when the user declines restoring it). */
  discard(id: ArticleId): Promise<void> {
    return this.serial(id, async () => {
      if (this.options.readOnly) return
      await rm(this.fileOf(id), { force: true })
    })
  }
}
