import type { ArticleId, ArticleSummary } from '../../../../shared/article/schema'
import { buildFilterIndex, byRecentlyUpdated, filterIndexed, type FilterIndex } from '../../../../shared/listing/browse'
import { isFiltering, type ArticleFilter } from '../../../../shared/listing/filter'
import { ChangeTrackedMap, type ChangesSince } from './change-log'
import type { FileStamp, IndexEntry } from './index-cache'

/**
 * The in-memory catalogue of one library: every listed article's summary and the stamp (size, mtime, hash)
 * of its file, with the sorted list, the filter index and the change log built on them. It only holds what
 * the scanner and the article store tell it; it never reads or writes the disk.
 */
export class ArticleCatalogue {
  /** Every listed article; counts its changes so search and the renderer can update incrementally. */
  private readonly summaries = new ChangeTrackedMap<ArticleId, ArticleSummary>()
  /** Size, mtime and hash of each article file as last read or written. */
  private readonly stamps = new Map<ArticleId, FileStamp>()
  /** The ids using each slug, kept with the summaries so a slug check never walks the catalogue. */
  private readonly bySlug = new Map<string, Set<ArticleId>>()
  /** `list()`'s sorted summaries as of a change count. */
  private sorted: { count: number; list: ArticleSummary[] } | null = null
  /** The sorted list's filter index, as of a change count. */
  private filterIndex: { count: number; index: FilterIndex } | null = null

  /** How many articles are listed. */
  get size(): number {
    return this.summaries.size
  }

  /** True when the article is listed. */
  has(id: ArticleId): boolean {
    return this.summaries.has(id)
  }

  /** The summary of one listed article. */
  summary(id: ArticleId): ArticleSummary | undefined {
    return this.summaries.get(id)
  }

  /** The stamp of one listed article's file. */
  stamp(id: ArticleId): FileStamp | undefined {
    return this.stamps.get(id)
  }

  /** The listed ids (a copy: callers may remove while walking it). */
  ids(): ArticleId[] {
    return [...this.summaries.keys()]
  }

  /** Every listed article as an index row (summary and stamp). */
  *entries(): IterableIterator<[ArticleId, IndexEntry]> {
    for (const [id, stamp] of this.stamps) {
      const summary = this.summaries.get(id)
      if (summary) yield [id, { stamp, summary }]
    }
  }

  /** Lists (or re-lists) an article as `entry` says. */
  record(id: ArticleId, entry: IndexEntry): void {
    this.unindexSlug(id)
    this.summaries.set(id, entry.summary)
    this.stamps.set(id, entry.stamp)
    let ids = this.bySlug.get(entry.summary.slug)
    if (!ids) this.bySlug.set(entry.summary.slug, (ids = new Set()))
    ids.add(id)
  }

  /** Takes an article out of the catalogue (its file went away, was trashed or quarantined). */
  remove(id: ArticleId): void {
    this.unindexSlug(id)
    this.summaries.delete(id)
    this.stamps.delete(id)
  }

  private unindexSlug(id: ArticleId): void {
    const slug = this.summaries.get(id)?.slug
    if (slug === undefined) return
    const ids = this.bySlug.get(slug)
    ids?.delete(id)
    if (ids?.size === 0) this.bySlug.delete(slug)
  }

  /** The article other than `except` that uses `slug`, if any. */
  slugOwner(slug: string, except?: ArticleId): ArticleSummary | undefined {
    for (const id of this.bySlug.get(slug) ?? []) if (id !== except) return this.summaries.get(id)
    return undefined
  }

  /** The slugs in use by articles other than `except`, as `uniqueSlug` asks for them (nothing is copied). */
  slugsTaken(except?: ArticleId): Pick<ReadonlySet<string>, 'has'> {
    return { has: (slug) => this.slugOwner(slug, except) !== undefined }
  }

  /** Summaries matching `query`, most recently updated first. */
  list(query: ArticleFilter = {}): ArticleSummary[] {
    // Sorted once per change of the catalogue (the change counter), not on every call: with 50,000 articles
    // the sort costs tens of milliseconds, a filter over the sorted list a few.
    if (this.sorted?.count !== this.summaries.changeCount) {
      this.sorted = {
        count: this.summaries.changeCount,
        list: [...this.summaries.values()].sort(byRecentlyUpdated),
      }
    }
    if (!isFiltering(query)) return this.sorted.list.slice()
    // The filter index (typed arrays of codes, each tag's rows) is built on the first filtered call after a change.
    if (this.filterIndex?.count !== this.sorted.count)
      this.filterIndex = { count: this.sorted.count, index: buildFilterIndex(this.sorted.list) }
    return [...filterIndexed(this.filterIndex.index, query)]
  }

  /** Identifies this catalogue's change counter (another library never shares it). */
  get changeEpoch(): string {
    return this.summaries.epoch
  }

  /** How many times an article was added, changed or removed since the catalogue was made. */
  get changeCount(): number {
    return this.summaries.changeCount
  }

  /** Ids of articles added, changed or removed after change `count`; null when too far back (read everything). */
  changedSince(count: number): ChangesSince<ArticleId> {
    return this.summaries.changedSince(count)
  }
}
