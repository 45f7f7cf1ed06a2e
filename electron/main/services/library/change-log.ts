import { randomUUID } from 'node:crypto'
import type { ArticleSummary } from '../../../../shared/article/schema'
import type { ArticleChanges, ArticlePage } from '../../../../shared/listing/api-types'

/** Entries kept in the log beyond the map's size before older ones are dropped (readers then start afresh). */
const SLACK = 1024

/** What changed in a `ChangeTrackedMap` since a count: the changed keys, or null when the log no longer reaches back. */
export type ChangesSince<K> = { keys: K[] } | null

/**
 * A Map that counts every set and delete and remembers which keys changed, so a reader (the search index,
 * the renderer's list) can ask "what changed since change N?" and update only those entries instead of
 * re-reading the whole library. `epoch` is new for every map, so a count from another library never matches.
 * The log is bounded: once it grows past the map's size plus some slack, its older half is dropped and a
 * reader that far behind gets null (read everything once more).
 */
export class ChangeTrackedMap<K, V> extends Map<K, V> {
  /** Identifies this map's sequence of changes (a new library gets a new epoch). */
  readonly epoch: string = randomUUID()
  private log: K[] = []
  /** Change number of `log[0]`. */
  private logStart = 0

  /** How many changes the map has seen. */
  get changeCount(): number {
    return this.logStart + this.log.length
  }

  /** Keys set or deleted after change `count` (each once), or null when the log starts later than that. */
  changedSince(count: number): ChangesSince<K> {
    if (!Number.isInteger(count) || count < this.logStart || count > this.changeCount) return null
    return { keys: [...new Set(this.log.slice(count - this.logStart))] }
  }

  override set(key: K, value: V): this {
    super.set(key, value)
    // The log field is not yet initialised while Map's constructor runs (only with an iterable argument).
    this.log?.push(key)
    this.trim()
    return this
  }

  override delete(key: K): boolean {
    const had = super.delete(key)
    if (had) {
      this.log.push(key)
      this.trim()
    }
    return had
  }

  override clear(): void {
    for (const key of this.keys()) this.log.push(key)
    super.clear()
    this.trim()
  }

  private trim(): void {
    if (this.log === undefined || this.log.length <= 2 * (this.size + SLACK)) return
    const drop = Math.floor(this.log.length / 2)
    this.log = this.log.slice(drop)
    this.logStart += drop
  }
}

/** The cursor of the library's current state ("<epoch>:<count>"). */
export function cursorOf(library: ChangeSource): string {
  return `${library.changeEpoch}:${library.changeCount}`
}

/** What `listChanges` needs of the library. */
export interface ChangeSource {
  readonly changeEpoch: string
  readonly changeCount: number
  changedSince(count: number): ChangesSince<string>
  summary(id: string): ArticleSummary | undefined
  list(query: Record<string, never>): ArticleSummary[]
}

/** One page of the whole list (newest first) and the cursor to ask for changes made while paging. */
export function listPage(library: ChangeSource, offset: number, limit: number): ArticlePage {
  const all = library.list({})
  return {
    cursor: cursorOf(library),
    total: all.length,
    articles: all.slice(offset, offset + limit),
  }
}

/**
 * Answers `articles:changes`: the summaries changed and ids removed since `cursor` ("<epoch>:<count>" from
 * an earlier answer), or every summary when the cursor is null, malformed, stale or from another library.
 */
export function listChanges(library: ChangeSource, cursor: string | null): ArticleChanges {
  const next = cursorOf(library)
  const match = cursor === null ? null : /^([0-9a-f-]{36}):(\d{1,15})$/.exec(cursor)
  const changes = match && match[1] === library.changeEpoch ? library.changedSince(Number(match[2])) : null
  if (changes === null) return { full: true, cursor: next, articles: library.list({}) }
  const changed: ArticleSummary[] = []
  const removed: string[] = []
  for (const id of changes.keys) {
    const summary = library.summary(id)
    if (summary) changed.push(summary)
    else removed.push(id)
  }
  return { full: false, cursor: next, changed, removed }
}
