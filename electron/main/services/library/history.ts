import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { diffArticles } from '../../../../shared/article/diff'
import { migrateArticle } from '../../../../shared/article/migrations'
import {
  articleSchema,
  isoDateTimeSchema,
  pickFields,
  type Article,
  type ArticleId,
} from '../../../../shared/article/schema'
import type {
  RevisionDiffResult,
  RevisionInfo,
  RevisionLoadResult,
  RevisionReason,
} from '../../../../shared/ipc/contract'
import { sameFields } from './article-file'
import { isCode, writeDurable, workspaceLayout } from '../storage'

/** Days history snapshots are kept by default. */
export const DEFAULT_HISTORY_RETENTION_DAYS = 90
/** Autosaves record a history snapshot at most this often per article. */
export const AUTO_SNAPSHOT_INTERVAL_MS = 5 * 60 * 1000

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DAY_MS = 24 * 60 * 60 * 1000

const snapshotSchema = z.object({
  snapshotVersion: z.literal(1),
  reason: z.enum(['explicit', 'auto', 'restore', 'create', 'before-delete', 'disk-version']),
  savedAt: isoDateTimeSchema,
  article: z.unknown(),
})

/** Options of the history store. */
export interface HistoryOptions {
  retentionDays?: number
  autoSnapshotIntervalMs?: number
  now?: () => Date
}

/**
 * Revision snapshots of each article at `.newsdesk/history/<id>/<revision>.json`, written durably. Each file
 * holds `{ snapshotVersion, reason, savedAt, article }` so the reason and time survive without an index.
 */
export class HistoryStore {
  readonly dir: string
  private readonly retentionDays: number
  private readonly autoInterval: number
  private readonly now: () => Date
  private readonly lastSnapshotAt = new Map<ArticleId, number>()

  constructor(root: string, options: HistoryOptions = {}) {
    this.dir = workspaceLayout(root).history
    this.retentionDays = options.retentionDays ?? DEFAULT_HISTORY_RETENTION_DAYS
    this.autoInterval = options.autoSnapshotIntervalMs ?? AUTO_SNAPSHOT_INTERVAL_MS
    this.now = options.now ?? (() => new Date())
  }

  private folderOf(id: ArticleId): string {
    if (!UUID_RE.test(id)) throw new Error(`not an article id: ${JSON.stringify(id)}`)
    return join(this.dir, id.toLowerCase())
  }

  /** True when a save in `mode` should record a snapshot now (explicit: always; auto: every 5 minutes). */
  async wants(id: ArticleId, mode: 'explicit' | 'auto'): Promise<boolean> {
    if (mode === 'explicit') return true
    let last = this.lastSnapshotAt.get(id)
    if (last === undefined) {
      const newest = (await this.list(id))[0]
      last = newest ? Date.parse(newest.savedAt) : Number.NEGATIVE_INFINITY
      this.lastSnapshotAt.set(id, last)
    }
    const now = this.now().getTime()
    // A snapshot "from the future" (clock moved back) must not stop snapshots for the clock difference.
    return now - last >= this.autoInterval || last > now
  }

  /** Stores `article` (whose file bytes are `bytes`) as a snapshot of its revision. */
  async record(article: Article, reason: RevisionReason, savedAt: string): Promise<void> {
    const folder = this.folderOf(article.id)
    await mkdir(folder, { recursive: true })
    const snapshot = { snapshotVersion: 1, reason, savedAt, article }
    await writeDurable(join(folder, `${article.revision}.json`), `${JSON.stringify(snapshot)}\n`)
    this.lastSnapshotAt.set(article.id, Date.parse(savedAt))
  }

  /**
   * Keeps a version found on disk (an external edit about to be overwritten) so nothing is lost. Stored at
   * its own revision when that slot is free or already holds the same fields; otherwise (an outside tool kept
   * the revision number) at the next free revision, with the article's revision set to it. Returns the slot.
   */
  async recordDiskVersion(article: Article, savedAt: string): Promise<number> {
    const existing = await this.readSnapshot(article.id, article.revision)
    if (!existing.ok && existing.reason === 'not-found') {
      await this.record(article, 'disk-version', savedAt)
      return article.revision
    }
    if (existing.ok && sameFields(pickFields(existing.article), pickFields(article))) return article.revision
    const newest = (await this.list(article.id))[0]?.revision ?? 0
    const slot = Math.max(newest, article.revision) + 1
    await this.record({ ...article, revision: slot }, 'disk-version', savedAt)
    return slot
  }

  private async readSnapshot(
    id: ArticleId,
    revision: number,
  ): Promise<
    | { ok: true; article: Article; reason: RevisionReason; savedAt: string; size: number }
    | { ok: false; reason: 'not-found' | 'invalid'; message: string }
  > {
    let text: string
    try {
      text = await readFile(join(this.folderOf(id), `${revision}.json`), 'utf8')
    } catch (error) {
      if (isCode(error, 'ENOENT')) {
        return { ok: false, reason: 'not-found', message: `revision ${revision} of ${id} is not in history` }
      }
      throw error
    }
    try {
      const snapshot = snapshotSchema.parse(JSON.parse(text))
      const migrated = migrateArticle(snapshot.article)
      if (!migrated.ok) return { ok: false, reason: 'invalid', message: migrated.message }
      const article = articleSchema.parse(migrated.value)
      const size = Buffer.byteLength(`${JSON.stringify(article, null, 2)}\n`)
      return { ok: true, article, reason: snapshot.reason, savedAt: snapshot.savedAt, size }
    } catch (error) {
      return {
        ok: false,
        reason: 'invalid',
        message: `revision ${revision} is unreadable: ${(error as Error).message}`,
      }
    }
  }

  /** Revisions kept for an article, newest first; unreadable snapshots are skipped. */
  async list(id: ArticleId): Promise<RevisionInfo[]> {
    let names: string[]
    try {
      names = await readdir(this.folderOf(id))
    } catch (error) {
      if (isCode(error, 'ENOENT')) return []
      throw error
    }
    const revisions = names
      .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
      .filter((r): r is string => r !== undefined)
      .map(Number)
    const infos: RevisionInfo[] = []
    for (const revision of revisions) {
      const snap = await this.readSnapshot(id, revision)
      if (snap.ok) infos.push({ revision, savedAt: snap.savedAt, size: snap.size, reason: snap.reason })
    }
    return infos.sort((a, b) => b.revision - a.revision)
  }

  /** One revision of an article. */
  async load(id: ArticleId, revision: number): Promise<RevisionLoadResult> {
    const snap = await this.readSnapshot(id, revision)
    return snap.ok ? { ok: true, article: snap.article } : snap
  }

  /** Per-field diff from one revision to another (either order). */
  async diff(id: ArticleId, fromRevision: number, toRevision: number): Promise<RevisionDiffResult> {
    const [from, to] = await Promise.all([this.load(id, fromRevision), this.load(id, toRevision)])
    if (!from.ok) return from
    if (!to.ok) return to
    return { ok: true, diff: diffArticles(from.article, to.article) }
  }

  /** Removes snapshots older than the retention period (run at start); returns how many went. */
  async prune(): Promise<number> {
    const cutoff = this.now().getTime() - this.retentionDays * DAY_MS
    let ids: string[]
    try {
      ids = await readdir(this.dir)
    } catch (error) {
      if (isCode(error, 'ENOENT')) return 0
      throw error
    }
    let removed = 0
    for (const id of ids.filter((n) => UUID_RE.test(n))) {
      for (const info of await this.list(id)) {
        if (Date.parse(info.savedAt) < cutoff) {
          await rm(join(this.folderOf(id), `${info.revision}.json`), { force: true })
          removed++
        }
      }
    }
    return removed
  }
}
