import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import {
  ARTICLE_SCHEMA_VERSION,
  articleSchema,
  emptyDoc,
  pickFields,
  toSummary,
  type Article,
  type ArticleHead,
  type ArticleId,
  type ArticleSummary,
} from '../../../../shared/article/schema'
import { slugify, uniqueSlug } from '../../../../shared/article/slug'
import { buildFilterIndex, byRecentlyUpdated, filterIndexed, type FilterIndex } from '../../../../shared/listing/browse'
import { isFiltering, type ArticleFilter } from '../../../../shared/listing/filter'
import type {
  ArticleDraft,
  AttentionItem,
  DeleteResult,
  EmptyTrashResult,
  JournalEntry,
  LoadResult,
  NewArticleInput,
  RevisionReason,
  SaveResult,
  SyncCopyAction,
  SyncCopyResult,
  TrashRestoreResult,
  WorkspaceInfo,
} from '../../../../shared/ipc/contract'
import { contentHash, readArticleFile, sameFields, serializeArticle, type ReadOutcome } from './article-file'
import { isCode, writeDurable, type WrittenStamp } from '../storage'
import { HistoryStore } from './history'
import { IndexCache, type FileStamp, type IndexEntry } from './index-cache'
import { JournalStore } from './journal'
import { Quarantine } from './quarantine'
import { ServiceEvents } from '../service-events'
import { listSyncCopies, syncCopyPath } from './sync-copies'
import { ChangeTrackedMap, type ChangesSince } from './change-log'
import { importGeneration as importGenerationOf, readOneGeneration, settleImports } from '../import'
import { sweepArticleTemps, sweepStoreTemps } from './temp-sweep'
import { TRASH_RETENTION_DAYS, TrashStore } from './trash'
import { workspaceLayout } from '../workspace'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const STAT_BATCH = 1024

/** Options of a library; `now` is injectable so tests control time. */
export interface LibraryOptions {
  readOnly?: boolean
  /** Why it is read-only (shown in the banner). */
  readOnlyReason?: 'locked' | 'not-writable'
  lockHolder?: string | null
  now?: () => Date
  /** Where the library raises main -> renderer events (changes found on disk, notices). */
  events?: ServiceEvents
  historyRetentionDays?: number
  autoSnapshotIntervalMs?: number
  trashRetentionDays?: number
  /** Use and keep `.newsdesk/index.json` (default true). */
  indexCache?: boolean
  /**
   * List from the index cache at once (file names checked against the folder, unknown files read) and
   * validate every cached row's size and mtime in the background (`validated`), raising list-changed and
   * changed-on-disk events for any difference. Default false: open() validates everything before returning.
   */
  deferValidation?: boolean
  /**
   * How long background work (the deferred validation, the search index) may wait for the first listing to
   * be served before it starts anyway, in ms. Once a listing is served it starts `LISTING_SETTLE_MS` later,
   * so it never competes with the first paint for the main process. Default 0: background work starts at once.
   */
  backgroundAfterListingMs?: number
}

/** Pause between the first listing being served and background work starting (the renderer paints it). */
export const LISTING_SETTLE_MS = 250

/** What a rescan found: ids whose file changed or appeared, and ids whose file went away. */
export interface RescanReport {
  changed: ArticleId[]
  removed: ArticleId[]
}

/**
 * An article another service (the importer) has just validated and written durably: its head, the sha256 of
 * the bytes written, and the file's size and modification time when the writer already knows them.
 */
export interface WrittenArticle {
  article: ArticleHead
  hash: string
  stamp?: WrittenStamp
}

/** What a re-read of one file found, compared with what the library knew. */
export type FileChange = 'unchanged' | 'changed' | 'added' | 'deleted' | 'quarantined'

/**
 * The articles of one workspace folder, owned by the main process: lists, loads, creates, saves, deletes
 * and restores `articles/<id>.json` with durable writes, a content-hash conflict check, history snapshots,
 * a trash, a crash journal and a quarantine for unreadable files. No electron import.
 */
export class ArticleLibrary {
  readonly articlesDir: string
  readonly history: HistoryStore
  readonly trash: TrashStore
  readonly journal: JournalStore
  readonly quarantine: Quarantine
  /** Articles whose on-disk original is already kept in history this session (see save). */
  private readonly originalKept = new Set<ArticleId>()
  readonly events: ServiceEvents
  /** Every listed article; counts its changes so search and the renderer can update incrementally. */
  private readonly summaries = new ChangeTrackedMap<ArticleId, ArticleSummary>()
  /** `list()`'s sorted summaries as of a change count. */
  private sorted: { count: number; list: ArticleSummary[] } | null = null
  /** The sorted list's filter index, as of a change count. */
  private filterIndex: { count: number; index: FilterIndex } | null = null
  /** Size, mtime and hash of each article file as last read or written by this library. */
  private readonly stamps = new Map<ArticleId, FileStamp>()
  /**
   * Hash of each article as this library last wrote it, or first saw it (open, or a file appearing). A save
   * over a file whose hash differs (an external edit the user chose to overwrite: conflict "keep mine", or a
   * reload followed by edits) first keeps the disk version in history, so nothing is lost either way.
   */
  private readonly baseline = new Map<ArticleId, string>()
  /** Unreadable files that could not be moved (read-only workspace). */
  private readonly unmovable = new Map<string, AttentionItem>()
  private readonly queues = new Map<ArticleId, Promise<unknown>>()
  private readonly now: () => Date
  private readonly readOnly: boolean
  private readonly index: IndexCache | null
  /**
   * Settles when the first listing has been served and has had time to paint, or when the wait set by
   * `backgroundAfterListingMs` ran out (at once when that is 0). Background work starts from here.
   */
  readonly firstListing: Promise<void>
  private listingServed: (() => void) | null = null
  private readonly releaseBackground: () => void
  private backgroundTimer: ReturnType<typeof setTimeout> | undefined
  private closed = false
  /** Settles when the background start-up housekeeping (see `tidy`) of a deferred open is done. */
  housekeeping: Promise<void> = Promise.resolve()
  /** Settles when the background validation of a deferred open is done (at once otherwise). */
  validated: Promise<RescanReport> = Promise.resolve({ changed: [], removed: [] })
  /** The import generation the listing was taken from (see import-recovery); exports compare it. */
  generation = ''
  /** Findings of the start-up sweep, for tests and the stress script. */
  startup = { tempsRemoved: 0, tempsRecovered: 0, historyPruned: 0, trashPurged: 0, quarantined: 0 }

  private constructor(
    readonly root: string,
    private readonly options: LibraryOptions,
  ) {
    this.articlesDir = workspaceLayout(root).articles
    this.now = options.now ?? (() => new Date())
    this.readOnly = options.readOnly ?? false
    this.events = options.events ?? new ServiceEvents()
    this.history = new HistoryStore(root, {
      now: this.now,
      ...(options.historyRetentionDays !== undefined ? { retentionDays: options.historyRetentionDays } : {}),
      ...(options.autoSnapshotIntervalMs !== undefined
        ? { autoSnapshotIntervalMs: options.autoSnapshotIntervalMs }
        : {}),
    })
    this.trash = new TrashStore(root, this.now)
    this.quarantine = new Quarantine(root, this.now)
    this.journal = new JournalStore(root, {
      readOnly: this.readOnly,
      now: this.now,
      isStale: (entry) => this.journalIsStale(entry),
    })
    this.index = options.indexCache === false ? null : new IndexCache(root)
    const wait = options.backgroundAfterListingMs ?? 0
    let release!: () => void
    this.firstListing = new Promise<void>((resolve) => (release = resolve))
    this.releaseBackground = release
    if (wait <= 0) release()
    else {
      // Not unref'd: whoever awaits the background work (a script, a test) keeps the process alive for it.
      this.backgroundTimer = setTimeout(release, wait)
      this.listingServed = () => {
        clearTimeout(this.backgroundTimer)
        this.backgroundTimer = setTimeout(release, LISTING_SETTLE_MS)
      }
    }
  }

  /**
   * Opens (creating the folders of) a workspace: sweeps leftover temp files, purges old history and trash,
   * then lists every article (from the index cache where it still matches the files).
   */
  static async open(root: string, options: LibraryOptions = {}): Promise<ArticleLibrary> {
    const library = new ArticleLibrary(root, options)
    const deferred = options.deferValidation === true && library.index !== null
    // The cache is read while the folders are prepared and swept (the sweep does not touch it).
    const cached = deferred ? library.index!.load() : null
    let articleNames: string[] | null = null
    // Read-only included: an import half in place is waited for (a live one) or rolled back (its process is
    // gone) before anything is listed, so no open ever lists half an import. (A writable opener holds the
    // lock, and its workspace session or the CLI has rolled back first.)
    if (library.readOnly) library.generation = await settleImports(root)
    if (!library.readOnly) {
      await mkdir(library.articlesDir, { recursive: true })
      await mkdir(workspaceLayout(root).assets, { recursive: true })
      await mkdir(workspaceLayout(root).store, { recursive: true })
      const swept = await sweepArticleTemps(root, {
        quarantine: (path, outcome) => library.quarantineFile(path, outcome),
        journal: (id, baseHash, fields) => library.journal.write(id, baseHash, fields, 'temp').then(() => undefined),
      })
      library.startup.tempsRemoved = swept.removed
      library.startup.tempsRecovered = swept.recovered
      articleNames = swept.articleNames
    }
    if (deferred && (await library.listFromCache(await cached!, articleNames))) {
      // Listed from the cache: validation and housekeeping wait for the first listing to be served.
      library.validated = library.firstListing
        .then(() => library.rescan())
        .then(
          (found) => {
            if (library.closed) return found
            for (const id of found.changed) library.events.emit('articles:changed-on-disk', id)
            for (const id of found.removed) library.events.emit('articles:deleted-on-disk', id)
            if (found.changed.length + found.removed.length > 0) library.events.emit('articles:list-changed')
            return found
          },
          () => ({ changed: [], removed: [] }),
        )
      library.housekeeping = library.validated.then(() => library.tidy()).catch(() => undefined)
      return library
    }
    await library.tidy()
    await library.relist()
    return library
  }

  /** Rescans on one import generation (again if an import moved files meanwhile) and remembers it. */
  async relist(): Promise<RescanReport> {
    let generation = ''
    const found = await readOneGeneration(this.root, async () => {
      generation = await importGenerationOf(this.root)
      return this.rescan()
    })
    this.generation = generation
    return found
  }

  /**
   * Stops the background work of a deferred open (validation, housekeeping) and settles once it no longer
   * touches the folder. Saves and loads still work; the workspace session calls this when it closes.
   */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.backgroundTimer)
    this.listingServed = null
    this.releaseBackground()
    await this.validated
    await this.housekeeping
  }

  /** Start-up housekeeping nothing listed depends on: temps under `.newsdesk/`, old history, old trash. */
  private async tidy(): Promise<void> {
    if (this.readOnly || this.closed) return
    this.startup.tempsRemoved += await sweepStoreTemps(this.root)
    this.startup.historyPruned = await this.history.prune()
    this.startup.trashPurged = await this.trash.purge(this.options.trashRetentionDays ?? TRASH_RETENTION_DAYS)
  }

  /**
   * Fast first listing: cached rows whose file names are still in the folder are used as they are; files
   * the cache does not know are read now. False when there is no usable cache. `names` is the folder's
   * listing when the caller has just read it.
   */
  private async listFromCache(cached: Map<ArticleId, IndexEntry>, names: string[] | null): Promise<boolean> {
    if (cached.size === 0) return false
    if (!names) {
      try {
        names = await readdir(this.articlesDir)
      } catch {
        return false
      }
    }
    // Rows are taken in the cache's order (most recently updated first), so the first sort is nearly free.
    const inFolder = new Set<ArticleId>()
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : ''
      if (UUID_RE.test(id)) inFolder.add(id)
    }
    for (const [id, row] of cached) {
      if (!inFolder.delete(id)) continue
      this.recordEntry(id, row)
    }
    // What is left in the folder is unknown to the cache: read now.
    const unknown = [...inFolder]
    for (let start = 0; start < unknown.length; start += STAT_BATCH) {
      await Promise.all(unknown.slice(start, start + STAT_BATCH).map((id) => this.readAndRemember(id)))
    }
    return true
  }

  /** Runs `task` after every earlier task on the same article (saves, deletes and re-reads never interleave). */
  private serial<T>(id: ArticleId, task: () => Promise<T>): Promise<T> {
    const key = id.toLowerCase()
    const previous = this.queues.get(key) ?? Promise.resolve()
    const next = previous.then(task, task)
    const settled = next.then(
      () => undefined,
      () => undefined,
    )
    this.queues.set(key, settled)
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key)
    })
    return next
  }

  private async quarantineFile(path: string, outcome: Extract<ReadOutcome, { ok: false }>): Promise<void> {
    const reason = outcome.problem ?? 'unreadable'
    if (this.readOnly) {
      const name = basename(path)
      this.unmovable.set(name, {
        key: name,
        originalName: name,
        reason,
        message: outcome.message,
        quarantinedAt: this.now().toISOString(),
      })
      return
    }
    await this.quarantine.add(path, reason, outcome.message)
    this.startup.quarantined++
    this.events.emit('workspace:notice', { kind: 'quarantined', count: 1 })
  }

  /**
   * Re-reads the article folder. Files whose name, size and mtime (ns) match what the library last saw, or
   * the index cache, keep their summary; the rest are read and validated; unreadable ones are quarantined.
   * Returns the ids whose content changed or appeared, and those that went away.
   */
  async rescan(): Promise<RescanReport> {
    let names: string[] = []
    try {
      names = await readdir(this.articlesDir)
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error
    }
    const cached = this.index && this.stamps.size === 0 ? await this.index.load() : new Map<ArticleId, IndexEntry>()
    for (const [id, stamp] of this.stamps) {
      const summary = this.summaries.get(id)
      if (summary) cached.set(id, { stamp, summary })
    }
    const ids = names
      .filter((n) => n.endsWith('.json') && UUID_RE.test(n.slice(0, -5)))
      .map((n) => n.slice(0, -5))
      .sort()
    const seen = new Set<ArticleId>()
    const report: RescanReport = { changed: [], removed: [] }
    for (let start = 0; start < ids.length; start += STAT_BATCH) {
      // Closed (the workspace was switched or the app is quitting): stop here, change nothing more.
      if (this.closed) return report
      const batch = ids.slice(start, start + STAT_BATCH)
      const infos = await Promise.all(
        batch.map((id) => stat(join(this.articlesDir, `${id}.json`), { bigint: true }).catch(() => null)),
      )
      const misses: ArticleId[] = []
      batch.forEach((id, i) => {
        const info = infos[i]
        if (!info) return
        const entry = cached.get(id)
        if (entry && entry.stamp.size === Number(info.size) && entry.stamp.mtimeNs === info.mtimeNs.toString()) {
          seen.add(id)
          this.recordEntry(id, entry)
        } else {
          misses.push(id)
        }
      })
      await Promise.all(
        misses.map(async (id) => {
          const result = await this.readAndRemember(id)
          if (result === 'added' || result === 'changed') report.changed.push(id)
          if (this.summaries.has(id)) seen.add(id)
        }),
      )
    }
    for (const id of [...this.summaries.keys()]) {
      if (!seen.has(id)) {
        this.summaries.delete(id)
        this.stamps.delete(id)
        report.removed.push(id)
      }
    }
    // The cache is rewritten only when it no longer matches (a 50,000-row cache is ~25 MB).
    if (
      report.changed.length > 0 ||
      report.removed.length > 0 ||
      cached.size !== this.summaries.size ||
      this.index?.outdated
    ) {
      await this.flushIndex().catch(() => undefined)
    }
    return report
  }

  /** Reads one article file and updates what the library knows about it. */
  private async readAndRemember(id: ArticleId): Promise<FileChange> {
    const path = this.pathOf(id)
    const before = this.stamps.get(id)
    let info
    try {
      info = await stat(path, { bigint: true })
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error
      this.summaries.delete(id)
      this.stamps.delete(id)
      return before ? 'deleted' : 'unchanged'
    }
    const outcome = await readArticleFile(path)
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') {
        this.summaries.delete(id)
        this.stamps.delete(id)
        return before ? 'deleted' : 'unchanged'
      }
      await this.quarantineFile(path, outcome)
      this.summaries.delete(id)
      this.stamps.delete(id)
      return 'quarantined'
    }
    if (outcome.article.id.toLowerCase() !== id.toLowerCase()) {
      await this.quarantineFile(path, {
        ok: false,
        reason: 'invalid',
        problem: 'schema-invalid',
        message: `${basename(path)} holds article ${outcome.article.id}, not ${id}`,
      })
      this.summaries.delete(id)
      this.stamps.delete(id)
      return 'quarantined'
    }
    this.remember(outcome.article, outcome.hash, Number(info.size), info.mtimeNs.toString())
    if (!before) return 'added'
    return before.hash === outcome.hash ? 'unchanged' : 'changed'
  }

  private remember(article: ArticleHead, hash: string, size: number, mtimeNs: string): void {
    this.recordEntry(article.id, { summary: toSummary(article), stamp: { size, mtimeNs, hash } })
  }

  /** Lists an article as `entry` says (read from its file or the index cache); its first hash is its baseline. */
  private recordEntry(id: ArticleId, entry: IndexEntry): void {
    this.summaries.set(id, entry.summary)
    this.stamps.set(id, entry.stamp)
    if (!this.baseline.has(id)) this.baseline.set(id, entry.stamp.hash)
  }

  /**
   * Records articles another service (the importer) has just validated and written durably, so the library
   * need not read them back: no hashing (the writer hashed the bytes it wrote), a stat only for a file whose
   * writer did not stamp it, and one index write for the whole batch, instead of a rescan.
   */
  async adoptWritten(written: readonly WrittenArticle[]): Promise<void> {
    await Promise.all(written.map(({ article, hash, stamp }) => this.rememberWritten(article, hash, stamp)))
    await this.flushIndex().catch(() => undefined)
  }

  private async rememberWritten(article: ArticleHead, hash: string, stamp?: WrittenArticle['stamp']): Promise<void> {
    this.baseline.set(article.id, hash)
    if (stamp) return this.remember(article, hash, stamp.size, stamp.mtimeNs)
    const info = await stat(this.pathOf(article.id), { bigint: true }).catch(() => null)
    this.remember(article, hash, info ? Number(info.size) : 0, info ? info.mtimeNs.toString() : '0')
  }

  /**
   * Re-reads one article after the watcher saw its file change, and tells the renderer what happened:
   * `articles:changed-on-disk` when its content differs from what the library last read or wrote (so the
   * library's own saves raise nothing), `articles:deleted-on-disk` when it is gone.
   */
  refreshFile(id: ArticleId): Promise<FileChange> {
    return this.serial(id, async () => {
      const change = await this.readAndRemember(id)
      switch (change) {
        case 'changed':
          this.events.emit('articles:changed-on-disk', id)
          this.events.emit('articles:list-changed')
          break
        case 'deleted':
        case 'quarantined':
          this.events.emit('articles:deleted-on-disk', id)
          this.events.emit('articles:list-changed')
          break
        case 'added':
          this.events.emit('articles:list-changed')
          break
        case 'unchanged':
          break
      }
      return change
    })
  }

  /** Persists the index cache (after a batch of watcher refreshes). */
  async flushIndex(): Promise<void> {
    if (!this.index || this.readOnly) return
    await this.index.save(this.list().map((summary) => ({ summary, stamp: this.stamps.get(summary.id)! })))
  }

  /** Facts about the workspace for the renderer. */
  info(): WorkspaceInfo {
    return {
      name: basename(this.root),
      displayPath: this.root,
      articleCount: this.summaries.size,
      readOnly: this.readOnly,
      readOnlyReason: this.readOnly ? (this.options.readOnlyReason ?? 'not-writable') : null,
      lockHolder: this.options.lockHolder ?? null,
    }
  }

  /** Identifies this library's change counter (another library never shares it). */
  get changeEpoch(): string {
    return this.summaries.epoch
  }

  /** How many times an article was added, changed or removed since the library was opened. */
  get changeCount(): number {
    return this.summaries.changeCount
  }

  /** Ids of articles added, changed or removed after change `count`; null when too far back (read everything). */
  changedSince(count: number): ChangesSince<ArticleId> {
    return this.summaries.changedSince(count)
  }

  /** Content hash of an article file as last read or written by this library (the search cache's key). */
  hashOf(id: ArticleId): string | undefined {
    return this.stamps.get(id)?.hash
  }

  /** The summary of one listed article. */
  summary(id: ArticleId): ArticleSummary | undefined {
    return this.summaries.get(id)
  }

  /** The `limit` most recently updated summaries and the total: the renderer paints these before the rest. */
  head(limit: number): { total: number; articles: ArticleSummary[] } {
    const all = this.list()
    return { total: all.length, articles: all.slice(0, limit) }
  }

  /** Summaries matching `query`, most recently updated first. */
  list(query: ArticleFilter = {}): ArticleSummary[] {
    if (this.listingServed) {
      this.listingServed()
      this.listingServed = null
    }
    // Sorted once per change of the library (the change counter), not on every call: with 50,000 articles
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

  /** Path of an article file; refuses anything that is not a UUID so no id can name another path. */
  pathOf(id: ArticleId): string {
    if (!UUID_RE.test(id)) throw new Error(`not an article id: ${JSON.stringify(id)}`)
    return join(this.articlesDir, `${id.toLowerCase()}.json`)
  }

  /** Loads one article with the hash its next save must quote. */
  async load(id: ArticleId): Promise<LoadResult> {
    const outcome = await readArticleFile(this.pathOf(id))
    if (!outcome.ok) return { ok: false, reason: outcome.reason, message: outcome.message }
    return { ok: true, article: outcome.article, hash: outcome.hash }
  }

  /** Creates a new draft article with a unique slug and writes it durably. */
  async create(input: NewArticleInput): Promise<LoadResult> {
    if (this.readOnly) return { ok: false, reason: 'invalid', message: 'the workspace is open read-only' }
    const now = this.now().toISOString()
    const headline = input.headline ?? ''
    const taken = new Set([...this.summaries.values()].map((s) => s.slug))
    const article: Article = {
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      id: randomUUID(),
      slug: uniqueSlug(slugify(headline), taken),
      headline,
      standfirst: '',
      kind: input.kind ?? 'article',
      status: 'draft',
      tags: [],
      byline: '',
      dateline: '',
      language: input.language ?? 'en',
      publishAt: null,
      embargoUntil: null,
      editorsNote: '',
      featuredImage: null,
      createdAt: now,
      updatedAt: now,
      revision: 1,
      body: emptyDoc(),
    }
    const bytes = serializeArticle(article)
    await writeDurable(this.pathOf(article.id), bytes)
    const hash = contentHash(bytes)
    await this.rememberWritten(article, hash)
    await this.history.record(article, 'create', now).catch(() => undefined)
    return { ok: true, article, hash }
  }

  /** Saves edited fields if the file on disk is still the one the editor loaded; otherwise refuses. */
  save(draft: ArticleDraft): Promise<SaveResult> {
    return this.serial(draft.id, () => this.saveNow(draft, draft.mode ?? 'auto'))
  }

  private async saveNow(draft: ArticleDraft, reason: RevisionReason): Promise<SaveResult> {
    if (this.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
    const path = this.pathOf(draft.id)
    const current = await readArticleFile(path)
    let base: Article
    if (!current.ok) {
      if (current.reason !== 'not-found') {
        return { ok: false, reason: 'conflict', message: `the file on disk is unreadable: ${current.message}` }
      }
      // Deleted on disk while open: the editor kept the text, and saving recreates the article.
      const recreated = await this.recreatedBase(draft.id)
      if (!recreated) return { ok: false, reason: 'not-found', message: `article ${draft.id} is not in the workspace` }
      base = recreated
    } else {
      if (current.hash !== draft.baseHash) {
        return {
          ok: false,
          reason: 'conflict',
          message: `the article changed on disk since it was loaded (now revision ${current.article.revision})`,
        }
      }
      base = current.article
    }
    const slugOwner = [...this.summaries.values()].find((s) => s.slug === draft.fields.slug && s.id !== draft.id)
    if (slugOwner) {
      return {
        ok: false,
        reason: 'invalid',
        message: `slug "${draft.fields.slug}" is already used by "${slugOwner.headline}"`,
      }
    }
    const savedAt = this.now().toISOString()
    const candidate = {
      ...base,
      ...draft.fields,
      updatedAt: savedAt,
      revision: base.revision + 1,
    }
    const parsed = articleSchema.safeParse(candidate)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return {
        ok: false,
        reason: 'invalid',
        message: `field ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
      }
    }
    const known = this.baseline.get(draft.id)
    // Overwriting a version this library never wrote (conflict "keep mine"), or the first change of this article
    // in this session (the original as it was on disk, e.g. a sample or an imported article with no history yet):
    // keep it in history first, so every edit can be undone back to what was there.
    const firstChange = !this.originalKept.has(draft.id)
    if (current.ok && ((known !== undefined && known !== current.hash) || firstChange)) {
      try {
        const slot = await this.history.recordDiskVersion(current.article, savedAt)
        parsed.data.revision = Math.max(parsed.data.revision, slot + 1)
      } catch (error) {
        return { ok: false, reason: 'io', message: `could not keep the disk version: ${(error as Error).message}` }
      }
    }
    this.originalKept.add(draft.id)
    const bytes = serializeArticle(parsed.data)
    try {
      await writeDurable(path, bytes)
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not write the article: ${(error as Error).message}` }
    }
    const hash = contentHash(bytes)
    await this.rememberWritten(parsed.data, hash)
    const snapshotMode = reason === 'auto' ? 'auto' : 'explicit'
    try {
      if (await this.history.wants(draft.id, snapshotMode)) await this.history.record(parsed.data, reason, savedAt)
    } catch (error) {
      // The save itself succeeded; a failed snapshot is reported, not turned into a failed save.
      this.events.emit('workspace:notice', {
        kind: 'watch-error',
        message: `history snapshot failed: ${(error as Error).message}`,
      })
    }
    return { ok: true, article: parsed.data, hash, savedAt }
  }

  /** The article a save of a file deleted on disk rebuilds on: its last history snapshot, else a fresh shell. */
  private async recreatedBase(id: ArticleId): Promise<Article | null> {
    const newest = (await this.history.list(id))[0]
    if (newest) {
      const snap = await this.history.load(id, newest.revision)
      if (snap.ok) return snap.article
    }
    const known = this.summaries.get(id)
    const now = this.now().toISOString()
    if (!known) return null
    return {
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      id,
      slug: known.slug,
      headline: known.headline,
      standfirst: known.standfirst,
      kind: known.kind,
      status: known.status,
      tags: known.tags,
      byline: known.byline,
      dateline: '',
      language: known.language,
      publishAt: known.publishAt,
      embargoUntil: known.embargoUntil,
      editorsNote: '',
      featuredImage: null,
      createdAt: now,
      updatedAt: now,
      revision: known.revision,
      body: emptyDoc(),
    }
  }

  /** Saves an old revision's fields as a new revision. */
  restoreRevision(id: ArticleId, revision: number): Promise<SaveResult> {
    return this.serial(id, async () => {
      const old = await this.history.load(id, revision)
      if (!old.ok) return { ok: false, reason: 'not-found', message: old.message }
      const current = await readArticleFile(this.pathOf(id))
      if (!current.ok && current.reason !== 'not-found') {
        return { ok: false, reason: 'conflict', message: `the file on disk is unreadable: ${current.message}` }
      }
      const fields = pickFields(old.article)
      const taken = new Set([...this.summaries.values()].filter((s) => s.id !== id).map((s) => s.slug))
      if (taken.has(fields.slug)) fields.slug = uniqueSlug(fields.slug, taken)
      return this.saveNow({ id, baseHash: current.ok ? current.hash : '', fields }, 'restore')
    })
  }

  /** Moves an article to the trash (its history stays). */
  delete(id: ArticleId): Promise<DeleteResult> {
    return this.serial(id, async () => {
      if (this.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
      const path = this.pathOf(id)
      const current = await readArticleFile(path)
      if (!current.ok && current.reason === 'not-found') {
        return { ok: false, reason: 'not-found', message: `article ${id} is not in the workspace` }
      }
      const facts = current.ok
        ? { slug: current.article.slug, headline: current.article.headline }
        : { slug: this.summaries.get(id)?.slug ?? '', headline: this.summaries.get(id)?.headline ?? '' }
      try {
        const deletedAt = await this.trash.put(id, path, facts)
        this.summaries.delete(id)
        this.stamps.delete(id)
        this.baseline.delete(id)
        await this.journal.discard(id)
        return { ok: true, deletedAt }
      } catch (error) {
        return {
          ok: false,
          reason: 'io',
          message: `could not move the article to the trash: ${(error as Error).message}`,
        }
      }
    })
  }

  /** Takes an article out of the trash; a slug taken meanwhile is made unique (as a new revision). */
  restoreFromTrash(id: ArticleId): Promise<TrashRestoreResult> {
    return this.serial(id, async () => {
      if (this.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
      const trashed = await readArticleFile(this.trash.fileOf(id))
      if (!trashed.ok) {
        return trashed.reason === 'not-found'
          ? { ok: false, reason: 'not-found', message: `article ${id} is not in the trash` }
          : { ok: false, reason: 'invalid', message: trashed.message }
      }
      try {
        await this.trash.takeOut(id, this.pathOf(id))
      } catch (error) {
        if (isCode(error, 'EEXIST')) return { ok: false, reason: 'conflict', message: (error as Error).message }
        return { ok: false, reason: 'io', message: `could not restore from the trash: ${(error as Error).message}` }
      }
      await this.rememberWritten(trashed.article, trashed.hash)
      const taken = new Set([...this.summaries.values()].filter((s) => s.id !== id).map((s) => s.slug))
      if (taken.has(trashed.article.slug)) {
        const fields = { ...pickFields(trashed.article), slug: uniqueSlug(trashed.article.slug, taken) }
        const saved = await this.saveNow({ id, baseHash: trashed.hash, fields }, 'restore')
        if (!saved.ok) return saved
        this.events.emit('articles:list-changed')
        return { ok: true, article: saved.article, hash: saved.hash }
      }
      this.events.emit('articles:list-changed')
      return { ok: true, article: trashed.article, hash: trashed.hash }
    })
  }

  /** Removes everything in the trash for good. */
  async emptyTrash(): Promise<EmptyTrashResult> {
    if (this.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
    try {
      return { ok: true, removed: await this.trash.purge(0) }
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not empty the trash: ${(error as Error).message}` }
    }
  }

  /** Files that could not be read as articles and sync-tool conflict copies ("Needs attention"). */
  async attention(): Promise<AttentionItem[]> {
    return [...(await listSyncCopies(this.articlesDir)), ...this.unmovable.values(), ...(await this.quarantine.list())]
  }

  /** Reads a sync-tool conflict copy named by its attention key (to compare it with the article). */
  async syncCopy(key: string): Promise<LoadResult> {
    const copy = syncCopyPath(this.articlesDir, key)
    if (!copy) return { ok: false, reason: 'not-found', message: 'that file is not a conflict copy in articles/' }
    const outcome = await readArticleFile(copy.path)
    if (!outcome.ok) return { ok: false, reason: outcome.reason, message: outcome.message }
    return { ok: true, article: outcome.article, hash: outcome.hash }
  }

  /**
   * Resolves a conflict copy: 'take-copy' saves its fields over the article (the current version is kept in
   * history), 'keep-current' drops the copy, 'import-as-new' makes it a new article (its slug made unique).
   * The copy file is removed only once its text is safe.
   */
  async resolveSyncCopy(key: string, action: SyncCopyAction): Promise<SyncCopyResult> {
    if (this.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
    const copy = syncCopyPath(this.articlesDir, key)
    if (!copy) return { ok: false, reason: 'not-found', message: 'that file is not a conflict copy in articles/' }
    let id = copy.articleId
    if (action !== 'keep-current') {
      const read = await this.syncCopy(key)
      if (!read.ok)
        return { ok: false, reason: read.reason === 'not-found' ? 'not-found' : 'invalid', message: read.message }
      const fields = pickFields(read.article)
      const target = action === 'take-copy' ? await this.load(copy.articleId) : await this.create({})
      if (action === 'import-as-new' && target.ok) {
        const taken = new Set([...this.summaries.values()].filter((s) => s.id !== target.article.id).map((s) => s.slug))
        if (taken.has(fields.slug)) fields.slug = uniqueSlug(fields.slug, taken)
      }
      if (!target.ok) return { ok: false, reason: 'not-found', message: target.message }
      const saved = await this.save({ id: target.article.id, baseHash: target.hash, fields, mode: 'explicit' })
      if (!saved.ok)
        return { ok: false, reason: saved.reason === 'conflict' ? 'conflict' : 'io', message: saved.message }
      id = target.article.id
    }
    try {
      await rm(copy.path, { force: true })
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not remove the copy: ${(error as Error).message}` }
    }
    this.events.emit('articles:list-changed')
    return { ok: true, id }
  }

  /** A journal entry needs no offering when the saved file already holds exactly those fields. */
  private async journalIsStale(entry: JournalEntry): Promise<boolean> {
    const current = await readArticleFile(this.pathOf(entry.id))
    if (!current.ok) return false
    return sameFields(pickFields(current.article), entry.fields)
  }
}

/** Removes `.newsdesk/index.json` (tests and the CLI use it to force a cold listing). */
export async function dropIndexCache(root: string): Promise<void> {
  await rm(workspaceLayout(root).index, { force: true })
}
