import type { BigIntStats } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { toSummary, type ArticleHead, type ArticleId } from '../../../../shared/article/schema'
import type { AttentionItem } from '../../../../shared/ipc/contract'
import { isCode, runBounded } from '../storage'
import type { ServiceEvents } from '../service-events'
import { ARTICLE_ID_RE, readArticleFileStamped, type ReadOutcome } from './article-file'
import type { ArticleCatalogue } from './catalogue'
import type { IndexCache, IndexEntry } from './index-cache'
import type { Quarantine } from './quarantine'
import { listSyncCopies } from './sync-copies'

/**
 * Files stat'ed (or read) at once while scanning the folder; a folder of more files than this with no index
 * cache is listed progressively (see `ArticleLibrary.open`).
 */
export const STAT_BATCH = 1024

/** The first batch of a progressive listing: a little more than the renderer's first screen (200 summaries). */
export const FIRST_SCREEN_BATCH = 256

/**
 * Files stat'ed or read at the same time within a batch. Enough to keep libuv's thread pool busy; few enough
 * that another file operation of the main process (the window's files, a save, an IPC answer's read) waits
 * behind a few dozen, not a thousand: with a whole batch in flight a 25 KB read took about a second during a
 * fresh 50,000-article clone's first listing.
 */
export const READ_WIDTH = 32

/** What a rescan found: ids whose file changed or appeared, and ids whose file went away. */
export interface RescanReport {
  changed: ArticleId[]
  removed: ArticleId[]
}

/** What a re-read of one file found, compared with what the library knew. */
export type FileChange = 'unchanged' | 'changed' | 'added' | 'deleted' | 'quarantined'

/** What the scanner works with: the folder, the catalogue it fills, and where unreadable files go. */
export interface ScannerDeps {
  articlesDir: string
  catalogue: ArticleCatalogue
  index: IndexCache | null
  quarantine: Quarantine
  events: ServiceEvents
  readOnly: boolean
  now: () => Date
  /** Path of an article file (refuses anything that is not an article id). */
  pathOf: (id: ArticleId) => string
  /** True once the library is closed: a scan stops changing anything. */
  isClosed: () => boolean
  /** Called for every article file read or taken from the cache, with its content hash. */
  onListed: (id: ArticleId, hash: string) => void
  /** Called for every file moved to the quarantine. */
  onQuarantined: () => void
  /** Persists the index cache (after a rescan that changed something). */
  flushIndex: () => Promise<void>
  /** Called after each batch of a rescan with the files handled so far and in all; the rescan waits for it. */
  onBatch?: (done: number, total: number) => Promise<void> | void
  /** The size of a rescan's first batch (default `STAT_BATCH`; smaller while the first screen waits for it). */
  firstBatch?: () => number
}

/**
 * Reconciles the catalogue with the article folder: the first listing from the index cache, full rescans,
 * one file at a time for the watcher, and the quarantine of files that cannot be read as articles.
 */
export class ArticleScanner {
  /** Unreadable files that could not be moved (read-only workspace). */
  private readonly unmovable = new Map<string, AttentionItem>()

  constructor(private readonly deps: ScannerDeps) {}

  /**
   * Fast first listing: cached rows whose file names are still in the folder are used as they are; files
   * the cache does not know are read now. False when there is no usable cache. `names` is the folder's
   * listing when the caller has just read it.
   */
  async listFromCache(cached: Map<ArticleId, IndexEntry>, names: string[] | null): Promise<boolean> {
    if (cached.size === 0) return false
    const inFolder = await this.articleIds(names)
    if (!inFolder) return false
    // Rows are taken in the cache's order (most recently updated first), so the first sort is nearly free. An
    // article already listed (from the cache's head, or saved or created since) keeps what the catalogue holds.
    for (const [id, row] of cached) {
      if (!inFolder.delete(id) || this.deps.catalogue.has(id)) continue
      this.recordEntry(id, row)
    }
    // What is left in the folder is unknown to the cache: read now.
    const unknown = [...inFolder]
    for (let start = 0; start < unknown.length; start += STAT_BATCH) {
      await Promise.all(unknown.slice(start, start + STAT_BATCH).map((id) => this.readAndRemember(id)))
    }
    return true
  }

  /**
   * A first screen from the cache's head (see `IndexCache.loadHead`): its rows whose file names are still in the
   * folder are listed as they are; nothing else is read. Returns how many article files the folder holds, or
   * null when nothing could be listed. `names` as for `listFromCache`.
   */
  async listCachedHead(head: Map<ArticleId, IndexEntry>, names: string[] | null): Promise<number | null> {
    const inFolder = await this.articleIds(names)
    if (!inFolder) return null
    let listed = 0
    for (const [id, row] of head) {
      if (!inFolder.has(id)) continue
      this.recordEntry(id, row)
      listed += 1
    }
    return listed > 0 ? inFolder.size : null
  }

  /** The article ids of the folder's file names (`names`, or the folder read now); null when it cannot be read. */
  private async articleIds(names: string[] | null): Promise<Set<ArticleId> | null> {
    if (!names) {
      try {
        names = await readdir(this.deps.articlesDir)
      } catch {
        return null
      }
    }
    const ids = new Set<ArticleId>()
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : ''
      if (ARTICLE_ID_RE.test(id)) ids.add(id)
    }
    return ids
  }

  /**
   * Re-reads the article folder. Files whose name, size and mtime (ns) match what the catalogue holds, or
   * the index cache, keep their summary; the rest are read and validated; unreadable ones are quarantined.
   * Returns the ids whose content changed or appeared, and those that went away. `listed`: the folder's
   * listing when the caller has just read it (else it is read here).
   */
  async rescan(listed?: string[]): Promise<RescanReport> {
    const { catalogue, index } = this.deps
    let names: string[] = listed ?? []
    if (!listed) {
      try {
        names = await readdir(this.deps.articlesDir)
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw error
      }
    }
    const cached = index && catalogue.size === 0 ? await index.load() : new Map<ArticleId, IndexEntry>()
    for (const [id, entry] of catalogue.entries()) cached.set(id, entry)
    const ids = names
      .filter((n) => n.endsWith('.json') && ARTICLE_ID_RE.test(n.slice(0, -5)))
      .map((n) => n.slice(0, -5))
      .sort()
    const seen = new Set<ArticleId>()
    const report: RescanReport = { changed: [], removed: [] }
    const first = this.deps.firstBatch?.() ?? STAT_BATCH
    for (let start = 0, size = first; start < ids.length; start += size, size = STAT_BATCH) {
      // Closed (the workspace was switched or the app is quitting): stop here, change nothing more.
      if (this.deps.isClosed()) return report
      const batch = ids.slice(start, start + size)
      // Only a file the cache knows is stat'ed to compare stamps; any other is read at once (the read takes
      // the stamp of the file it opens, and a file gone by then is skipped as a failed stat skipped it).
      const infos: (BigIntStats | null | undefined)[] = []
      await runBounded(batch, READ_WIDTH, async (id, i) => {
        infos[i] = cached.has(id)
          ? await stat(join(this.deps.articlesDir, `${id}.json`), { bigint: true }).catch(() => null)
          : undefined
      })
      const misses: ArticleId[] = []
      batch.forEach((id, i) => {
        const info = infos[i]
        if (info === undefined) {
          misses.push(id)
          return
        }
        if (!info) return
        const entry = cached.get(id)
        if (entry && entry.stamp.size === Number(info.size) && entry.stamp.mtimeNs === info.mtimeNs.toString()) {
          seen.add(id)
          // An article the catalogue already holds with this stamp is left as it is: recording it again would
          // count as a change of every article (and make search re-index the whole library after a cached open).
          if (catalogue.stamp(id) !== entry.stamp) this.recordEntry(id, entry)
        } else {
          misses.push(id)
        }
      })
      await runBounded(misses, READ_WIDTH, async (id) => {
        let result: FileChange
        try {
          result = await this.readAndRemember(id)
        } catch (error) {
          // A file not stat'ed above whose stat would have failed (a symlink loop...) is skipped, as before.
          if (!cached.has(id) && !(await stat(join(this.deps.articlesDir, `${id}.json`)).catch(() => null))) return
          throw error
        }
        if (result === 'added' || result === 'changed') report.changed.push(id)
        if (catalogue.has(id)) seen.add(id)
      })
      await this.deps.onBatch?.(start + batch.length, ids.length)
    }
    for (const id of catalogue.ids()) {
      if (seen.has(id)) continue
      // Not in the folder as read at the start: gone, unless its file is there now (the store created or
      // restored it while this scan ran, and listed it itself; a long first listing must not drop it).
      if (await this.fileExists(id)) continue
      catalogue.remove(id)
      report.removed.push(id)
    }
    // The cache is rewritten only when it no longer matches (a 50,000-row cache is ~25 MB).
    if (report.changed.length > 0 || report.removed.length > 0 || cached.size !== catalogue.size || index?.outdated) {
      await this.deps.flushIndex().catch(() => undefined)
    }
    return report
  }

  private async fileExists(id: ArticleId): Promise<boolean> {
    try {
      await stat(this.deps.pathOf(id))
      return true
    } catch (error) {
      if (isCode(error, 'ENOENT')) return false
      throw error
    }
  }

  /** Reads one article file and updates what the catalogue holds for it. */
  async readAndRemember(id: ArticleId): Promise<FileChange> {
    const { catalogue } = this.deps
    const path = this.deps.pathOf(id)
    const before = catalogue.stamp(id)
    // Only the summary is kept: the body is checked, not copied.
    const outcome = await readArticleFileStamped(path, { bodyUnused: true })
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') {
        catalogue.remove(id)
        return before ? 'deleted' : 'unchanged'
      }
      await this.quarantineFile(path, outcome)
      catalogue.remove(id)
      return 'quarantined'
    }
    if (outcome.article.id.toLowerCase() !== id.toLowerCase()) {
      await this.quarantineFile(path, {
        ok: false,
        reason: 'invalid',
        problem: 'schema-invalid',
        message: `${basename(path)} holds article ${outcome.article.id}, not ${id}`,
      })
      catalogue.remove(id)
      return 'quarantined'
    }
    this.remember(outcome.article, outcome.hash, outcome.stamp.size, outcome.stamp.mtimeNs)
    if (!before) return 'added'
    return before.hash === outcome.hash ? 'unchanged' : 'changed'
  }

  /** Lists an article just read or written, with its file's stamp. */
  remember(article: ArticleHead, hash: string, size: number, mtimeNs: string): void {
    this.recordEntry(article.id, { summary: toSummary(article), stamp: { size, mtimeNs, hash } })
  }

  /** Lists an article as `entry` says (read from its file or the index cache). */
  private recordEntry(id: ArticleId, entry: IndexEntry): void {
    this.deps.catalogue.record(id, entry)
    this.deps.onListed(id, entry.stamp.hash)
  }

  /** Moves an unreadable file to the quarantine (or, read-only, keeps it in the "Needs attention" list). */
  async quarantineFile(path: string, outcome: Extract<ReadOutcome, { ok: false }>): Promise<void> {
    const reason = outcome.problem ?? 'unreadable'
    if (this.deps.readOnly) {
      const name = basename(path)
      this.unmovable.set(name, {
        key: name,
        originalName: name,
        reason,
        message: outcome.message,
        quarantinedAt: this.deps.now().toISOString(),
      })
      return
    }
    await this.deps.quarantine.add(path, reason, outcome.message)
    this.deps.onQuarantined()
    this.deps.events.emit('workspace:notice', { kind: 'quarantined', count: 1 })
  }

  /** Sync-tool conflict copies and files that could not be read as articles ("Needs attention"). */
  async attention(): Promise<AttentionItem[]> {
    return [
      ...(await listSyncCopies(this.deps.articlesDir)),
      ...this.unmovable.values(),
      ...(await this.deps.quarantine.list()),
    ]
  }
}
