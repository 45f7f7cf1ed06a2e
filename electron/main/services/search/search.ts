import { toSummary, type Article, type ArticleSummary } from '../../../../shared/article/schema'
import { plainText } from '../../../../shared/editor'
import type { ArticleFilter } from '../../../../shared/listing/filter'
import type { SearchAnswer } from '../../../../shared/listing/api-types'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { type ArticleLibrary, parseArticleBytes } from '../library'
import { loadSearchCache, saveSearchCache, type CacheRejection } from './search-cache'
import { ArticleSearchIndex, type Pace, type SearchDoc } from './search-index'

export { ArticleSearchIndex, type SearchDoc } from './search-index'

/** Most ids one search returns (best first); `total` still counts every match. */
export const SEARCH_RESULT_LIMIT = 500

/** Builds an index over many documents at once (startup, the benchmark). */
export function buildSearchIndex(docs: readonly SearchDoc[]): ArticleSearchIndex {
  const index = new ArticleSearchIndex()
  for (const doc of docs) index.add(doc)
  return index
}

/** Runs one query against an index: ranked ids (best first), the total and the matched terms. */
export function searchIndex(index: ArticleSearchIndex, text: string, filters: ArticleFilter = {}): SearchAnswer {
  return index.search(text, filters, SEARCH_RESULT_LIMIT)
}

/** The search document of an article: its summary's document with the body's plain text. */
export function toSearchDoc(article: Article): SearchDoc {
  return { ...summaryDoc(toSummary(article)), body: plainText(article.body) }
}

/** The search document of a listed article before its file is read: every field but the body. */
export function summaryDoc(summary: ArticleSummary): SearchDoc {
  return {
    id: summary.id,
    headline: summary.headline,
    standfirst: summary.standfirst,
    body: '',
    tags: [...summary.tags],
    byline: summary.byline,
    status: summary.status,
    kind: summary.kind,
    language: summary.language,
    conflicted: summary.conflicted,
    assignee: summary.assignee,
    reviewer: summary.reviewer,
  }
}

/** Options of the search service. */
export interface SearchServiceOptions {
  /** Keep the index in `.newsdesk/search/` between runs (default true; never written in a read-only workspace). */
  persist?: boolean
  /** Article files read at once while indexing bodies (default 50). */
  chunk?: number
  /** Longest the background build holds the event loop before yielding to it, in ms (default 8). */
  sliceMs?: number
  /** Reads an article file's bytes (tests slow it down or gate it; default fs readFile). */
  readBytes?: (path: string) => Promise<Uint8Array>
}

/** What the last completed build did (tests, the bench and logs). */
export interface BuildReport {
  /** 'used' when the saved index was loaded, else why not ('off' when persistence is disabled). */
  cache: 'used' | 'off' | 'unreadable' | CacheRejection
  /** Article files read (new or changed since the saved index, or all of them without one). */
  read: number
  /** Articles taken from the saved index as they were. */
  reused: number
  /** Documents of the saved index dropped because their article is gone. */
  dropped: number
  ms: number
  /** Bytes of the index written afterwards (0 when nothing was written). */
  savedBytes: number
}

interface Build {
  library: ArticleLibrary
  done: number
  total: number
  finished: boolean
  cancelled: boolean
  promise: Promise<void>
}

class Cancelled extends Error {}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Full-text search over the library, kept in the main process so the renderer never blocks on it.
 *
 * The index is built in the background as soon as a workspace opens (`start`), never by a query: first the
 * saved index (`.newsdesk/search/`, its documents keyed by the content hash of their article file) is loaded
 * if it is intact, then every article it lacks gets its summary fields indexed at once (headline,
 * standfirst, tags, byline: already in memory), then their files are read in chunks for the body text. The
 * work runs in slices of a few milliseconds with a yield to the event loop between them, so IPC keeps being
 * answered; queries meanwhile answer at once from what is indexed, marked `indexing: { done, total }`.
 *
 * Once built, the index follows the library's change counter: before a query it re-indexes exactly the
 * articles added, changed or removed since (a save, a tag rename, an import, an edit on disk), so no write
 * path needs a hook and an unchanged library costs one integer comparison per query, at any size.
 */
/**
 * Behind the library by more changed articles than this, the index is rebuilt in the background (queries get
 * partial answers meanwhile) instead of being caught up inside one query: a progressive first listing adds
 * tens of thousands of articles at once, and reading each of them before answering froze the search box.
 */
export const CATCH_UP_LIMIT = 500

export class SearchService {
  private index = new ArticleSearchIndex()
  private epoch: string | null = null
  private seen = 0
  private syncing: Promise<void> | null = null
  private build: Build | null = null
  /** Content hash of the file each indexed document was read from (the saved index's key). */
  private hashes = new Map<string, string>()
  private readonly persist: boolean
  private readonly chunk: number
  private readonly sliceMs: number
  private readonly readBytes: (path: string) => Promise<Uint8Array>
  /** What the last completed build did. */
  lastBuild: BuildReport | null = null

  constructor(
    private readonly libraryOf: () => ArticleLibrary,
    options: SearchServiceOptions = {},
  ) {
    this.persist = options.persist ?? true
    this.chunk = Math.max(1, options.chunk ?? 50)
    this.sliceMs = options.sliceMs ?? 8
    this.readBytes = options.readBytes ?? ((path) => readFile(path))
  }

  /**
   * Starts building the index of the open library in the background (after a workspace opens or is
   * switched to); returns the running build when there is one for this library. Settles when it is done.
   */
  start(): Promise<void> {
    const library = this.libraryOf()
    if (this.build && this.build.library === library && this.epoch === library.changeEpoch) return this.build.promise
    if (this.build) this.build.cancelled = true
    const build: Build = {
      library,
      done: 0,
      total: library.info().articleCount,
      finished: false,
      cancelled: false,
      promise: Promise.resolve(),
    }
    this.build = build
    this.epoch = library.changeEpoch
    this.index = new ArticleSearchIndex()
    this.hashes = new Map()
    build.promise = this.run(build).then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof Cancelled || build.cancelled) return
        // Unexpected (I/O) failure: the next query or sync starts over rather than trusting a partial index.
        if (this.build === build) {
          this.build = null
          this.epoch = null
        }
      },
    )
    return build.promise
  }

  /** Cancels a running build (the workspace is closing); settles once it has stopped touching the folder. */
  stop(): Promise<void> {
    const build = this.build
    if (build) build.cancelled = true
    this.build = null
    this.epoch = null
    return build ? build.promise : Promise.resolve()
  }

  /** Progress of the running build, or null when the index is complete. */
  progress(): { done: number; total: number } | null {
    const build = this.build
    return build && !build.finished ? { done: build.done, total: build.total } : null
  }

  /** A `Pace` that yields to the event loop once a slice has run `sliceMs`, and ends a cancelled build. */
  private pacer(build: Build): Pace {
    let sliceStart = performance.now()
    return () => {
      if (build.cancelled) throw new Cancelled()
      if (performance.now() - sliceStart < this.sliceMs) return undefined
      return yieldToLoop().then(() => {
        sliceStart = performance.now()
        if (build.cancelled) throw new Cancelled()
      })
    }
  }

  private async run(build: Build): Promise<void> {
    const started = performance.now()
    const pace = this.pacer(build)
    const library = build.library
    // A first listing may still hold only its first screen (a fresh clone's scan, a large index cache's head):
    // the index is built from the whole list, never from a first screen whose rest would stay unsearchable.
    await library.listedWhole
    if (build.cancelled) throw new Cancelled()
    // Changes from here on are picked up by the first sync after the build.
    const seen = library.changeCount
    const summaries = library.list({})
    build.total = summaries.length
    const report: BuildReport = { cache: 'off', read: 0, reused: 0, dropped: 0, ms: 0, savedBytes: 0 }

    let index = new ArticleSearchIndex()
    let pending = summaries
    if (this.persist) {
      const loaded = await loadSearchCache(library.root, pace).catch((error: unknown) => {
        if (error instanceof Cancelled) throw error
        return { ok: false as const, reason: 'unreadable' as const }
      })
      if (loaded.ok) {
        const { snapshot, hashes } = loaded.cached
        index = await ArticleSearchIndex.restore(snapshot, pace)
        const cachedHash = new Map(snapshot.ids.map((id, i) => [id, hashes[i] as string]))
        pending = []
        for (const summary of summaries) {
          const hash = cachedHash.get(summary.id)
          if (hash && hash === library.hashOf(summary.id)) this.hashes.set(summary.id, hash)
          else pending.push(summary)
        }
        report.reused = this.hashes.size
        for (const id of snapshot.ids) {
          if (!library.summary(id)) {
            index.remove(id)
            report.dropped += 1
          }
        }
        report.cache = 'used'
      } else report.cache = loaded.reason
    }
    index.autoCompact = false
    this.index = index
    build.done = build.total - pending.length

    // Every headline, standfirst, tag and byline at once (from memory), so queries cover them from the start.
    for (const summary of pending) {
      index.add(summaryDoc(summary), true)
      await pace()
    }
    // Then the bodies: a chunk of files read at once (I/O off the thread), each parsed between paces so
    // parsing a chunk never runs as one long task.
    for (let start = 0; start < pending.length; start += this.chunk) {
      const slice = pending.slice(start, start + this.chunk)
      const paths = slice.map((s) => library.pathOf(s.id))
      const raw = await Promise.all(paths.map((path) => this.readBytes(path).catch(() => null)))
      if (build.cancelled) throw new Cancelled()
      for (let i = 0; i < slice.length; i += 1) {
        const id = (slice[i] as ArticleSummary).id
        const bytes = raw[i]
        const result = bytes ? parseArticleBytes(bytes, basename(paths[i] as string)) : null
        if (result?.ok && result.article.id.toLowerCase() === id.toLowerCase()) {
          index.add(toSearchDoc(result.article))
          this.hashes.set(id, result.hash)
        } else if (!library.summary(id)) index.remove(id)
        // An unreadable file keeps its summary document (and no hash, so it is read again next time).
        build.done += 1
        report.read += 1
        await pace()
      }
    }
    await index.compactPaced(pace)
    index.autoCompact = true
    this.seen = seen
    build.finished = true
    report.ms = performance.now() - started

    const changed = report.cache !== 'used' || report.read > 0 || report.dropped > 0
    if (this.persist && changed && !library.info().readOnly) {
      const snapshot = await index.snapshot(pace)
      const hashes = snapshot.ids.map((id) => this.hashes.get(id) ?? '')
      report.savedBytes = await saveSearchCache(library.root, { snapshot, hashes }, pace).catch((error: unknown) => {
        if (error instanceof Cancelled) throw error
        return 0 // an unwritable cache only costs the next open a full build
      })
    }
    this.lastBuild = report
  }

  /** Brings the index fully up to date with the library: finishes the build, then re-indexes what changed. */
  async sync(): Promise<void> {
    for (;;) {
      const library = this.libraryOf()
      if (library.changeEpoch !== this.epoch || (this.build && !this.build.finished)) {
        await this.start()
        continue
      }
      if (this.syncing) {
        await this.syncing
        continue
      }
      if (!this.mustSync()) return
      this.syncing = this.catchUp().finally(() => (this.syncing = null))
    }
  }

  /** Re-indexes the articles changed since the index last caught up (a full build when too far behind). */
  private async catchUp(): Promise<void> {
    const library = this.libraryOf()
    // Read the counter before awaiting anything: changes made while this runs are picked up next time.
    const count = library.changeCount
    const changes = library.changedSince(this.seen)
    if (changes === null) {
      this.epoch = null
      return
    }
    this.seen = count
    for (const id of changes.keys) {
      if (!library.summary(id)) {
        this.index.remove(id)
        this.hashes.delete(id)
        continue
      }
      const loaded = await library.load(id)
      if (loaded.ok) {
        this.index.add(toSearchDoc(loaded.article))
        this.hashes.set(id, loaded.hash)
      } else {
        this.index.remove(id)
        this.hashes.delete(id)
      }
    }
  }

  /** True when the library changed since the index was last brought up to date. */
  private mustSync(): boolean {
    const library = this.libraryOf()
    return library.changeEpoch !== this.epoch || library.changeCount !== this.seen
  }

  /**
   * Ranked ids of the articles matching `text` (prefix, fuzzy, accent-insensitive) and the list filters.
   * While the index is being built this answers at once from what is indexed and says so (`indexing`).
   */
  async query(text: string, filters: ArticleFilter = {}): Promise<SearchAnswer> {
    const library = this.libraryOf()
    if (library.changeEpoch === this.epoch && !this.progress() && library.changeCount - this.seen > CATCH_UP_LIMIT) {
      this.epoch = null
    }
    if (library.changeEpoch !== this.epoch) void this.start()
    const progress = this.progress()
    if (progress) return { ...searchIndex(this.index, text, filters), indexing: progress }
    await this.sync()
    return searchIndex(this.index, text, filters)
  }
}
