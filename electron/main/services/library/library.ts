import { mkdir, readdir, realpath, rm } from 'node:fs/promises'
import { basename, isAbsolute, join, relative } from 'node:path'
import {
  pickFields,
  type ArticleFields,
  type ArticleHead,
  type ArticleId,
  type ArticleSummary,
} from '../../../../shared/article/schema'
import { uniqueSlug } from '../../../../shared/article/slug'
import type {
  ArticleDraft,
  ArticleSaveResult,
  AttentionItem,
  DeleteResult,
  EmptyTrashResult,
  JournalEntry,
  JournalWriteResult,
  LoadResult,
  NewArticleInput,
  ResolveConflictsResult,
  RevisionDiffResult,
  RevisionInfo,
  RevisionLoadResult,
  SaveResult,
  ShowInFolderResult,
  SyncCopyAction,
  SyncCopyResult,
  TrashItem,
  TrashRestoreResult,
  WorkspaceFileRef,
  WorkspaceInfo,
} from '../../../../shared/ipc/contract'
import type { ArticleFilter } from '../../../../shared/listing/filter'
import type { ConflictChoice } from '../../../../shared/sync/resolve-conflicts'
import type { ArticleHead as ListHead } from '../../../../shared/listing/api-types'
import type { WrittenStamp } from '../storage'
import { importGeneration as importGenerationOf, readOneGeneration, settleImports } from './import-recovery'
import { ServiceEvents } from '../service-events'
import { workspaceLayout } from '../storage'
import { ARTICLE_ID_RE, readArticleFile, sameFields } from './article-file'
import { ArticleStore } from './article-store'
import { ArticleCatalogue } from './catalogue'
import { cursorOf, listChanges, type ChangesSince } from './change-log'
import { HistoryStore } from './history'
import { IndexCache } from './index-cache'
import { JournalStore } from './journal'
import { Quarantine } from './quarantine'
import { ArticleScanner, FIRST_SCREEN_BATCH, STAT_BATCH, type FileChange, type RescanReport } from './scanner'
import { syncCopyPath } from './sync-copies'
import { sweepArticleTemps, sweepStoreTemps } from './temp-sweep'
import { TRASH_RETENTION_DAYS, TrashStore } from './trash'

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
  /**
   * Called after each batch of a progressive first listing (see `open`) with the files read so far and in
   * all; the reading waits for it. Tests hold it to look at the listing while the rest is still unread.
   */
  scanGate?: (read: number, total: number) => Promise<void> | void
}

/** Pause between the first listing being served and background work starting (the renderer paints it). */
export const LISTING_SETTLE_MS = 250

/**
 * An article another service (the importer) has just validated and written durably: its head, the sha256 of
 * the bytes written, and the file's size and modification time when the writer already knows them.
 */
export interface WrittenArticle {
  article: ArticleHead
  hash: string
  stamp?: WrittenStamp
}

/**
 * The articles of one workspace folder, owned by the main process. It opens the folder (sweeping leftover
 * temps, deferring validation and housekeeping until the first listing is served) and puts three parts
 * together: the catalogue (what is listed), the scanner (reconciling it with the disk, quarantine) and the
 * article store (create, save, conflicts, slugs, restore, delete). History, trash, journal and quarantine
 * are reached only through its methods. No electron import.
 */
export class ArticleLibrary {
  readonly articlesDir: string
  readonly events: ServiceEvents
  private readonly history: HistoryStore
  private readonly trash: TrashStore
  private readonly journal: JournalStore
  private readonly quarantine: Quarantine
  private readonly catalogue = new ArticleCatalogue()
  private readonly scanner: ArticleScanner
  private readonly store: ArticleStore
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
  /** True while a progressive first listing is still reading the folder (`head` says the list is pending). */
  private scanning = false
  /** How many article files the progressive first listing is reading (its goal, for "N of M"). */
  private scanTotal = 0
  /** Told about each batch of the progressive first listing while it runs. */
  private scanBatch: ((read: number, total: number) => Promise<void>) | null = null
  /** Settles when the background start-up housekeeping (see `tidy`) of a deferred open is done. */
  housekeeping: Promise<void> = Promise.resolve()
  /**
   * Settles when the first listing holds every article file (at once, unless a large folder or index cache is
   * listed head first: then when the rest is listed). An export waits for it, never exporting a first screen.
   */
  listedWhole: Promise<void> = Promise.resolve()
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
      isStale: (entry) => this.store.journalIsStale(entry),
    })
    this.index = options.indexCache === false ? null : new IndexCache(root)
    const pathOf = (id: ArticleId) => this.pathOf(id)
    this.scanner = new ArticleScanner({
      articlesDir: this.articlesDir,
      catalogue: this.catalogue,
      index: this.index,
      quarantine: this.quarantine,
      events: this.events,
      readOnly: this.readOnly,
      now: this.now,
      pathOf,
      isClosed: () => this.closed,
      onListed: (id, hash) => this.store.listed(id, hash),
      onQuarantined: () => this.startup.quarantined++,
      flushIndex: () => this.flushIndex(),
      onBatch: (read, total) => this.scanBatch?.(read, total),
      firstBatch: () => (this.scanning ? FIRST_SCREEN_BATCH : STAT_BATCH),
    })
    this.store = new ArticleStore({
      catalogue: this.catalogue,
      scanner: this.scanner,
      history: this.history,
      trash: this.trash,
      journal: this.journal,
      events: this.events,
      readOnly: this.readOnly,
      now: this.now,
      pathOf,
    })
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
    // The cache's head is read while the folders are prepared and swept (the sweep does not touch it).
    const cachedHead = deferred ? library.index!.loadHead(FIRST_SCREEN_BATCH) : null
    let articleNames: string[] | null = null
    // Read-only included: an import half in place is waited for (a live one) or rolled back (its process is
    // gone) before anything is listed, so no open ever lists half an import. (A writable opener holds the
    // lock, and its workspace session or the CLI has rolled back first.)
    if (library.readOnly) library.generation = await settleImports(root)
    if (!library.readOnly) {
      const layout = workspaceLayout(root)
      await mkdir(library.articlesDir, { recursive: true })
      await mkdir(layout.assets, { recursive: true })
      await mkdir(layout.store, { recursive: true })
      const swept = await sweepArticleTemps(root, {
        quarantine: (path, outcome) => library.scanner.quarantineFile(path, outcome),
        journal: (id, baseHash, fields) => library.journal.write(id, baseHash, fields, 'temp').then(() => undefined),
      })
      library.startup.tempsRemoved = swept.removed
      library.startup.tempsRecovered = swept.recovered
      articleNames = swept.articleNames
    }
    const head = await cachedHead
    if (head && !head.complete) {
      // A large cache: the first screen comes from its head, the rest of it is read after the first listing.
      const files = await library.scanner.listCachedHead(head.entries, articleNames)
      if (files !== null) return library.listRestOfCache(files)
    }
    const cached = head?.complete ? head.entries : deferred ? await library.index!.load() : null
    if (cached && (await library.scanner.listFromCache(cached, articleNames))) {
      // Listed from the cache: validation and housekeeping wait for the first listing to be served.
      library.validated = library.firstListing.then(() => library.validateCached())
      library.housekeeping = library.validated.then(() => library.tidy()).catch(() => undefined)
      return library
    }
    if (deferred) {
      // No usable cache (a fresh clone): a folder of more than one batch is listed as it is read.
      const names = articleNames ?? (await readdir(library.articlesDir).catch(() => [] as string[]))
      // Writable, the lock is ours and imports were rolled back: no import can move files before the first read,
      // which may take this listing. Read-only, another process may be importing: the first read lists again.
      if (names.length > STAT_BATCH) return library.listProgressively(library.readOnly ? undefined : names)
    }
    await library.tidy()
    await library.relist()
    return library
  }

  /**
   * The first listing of a large folder with no index cache: reads it in the background and returns once the
   * first batch (`FIRST_SCREEN_BATCH` files, a first screen's worth) is listed, so `head` answers at once from
   * what is read so far (marked pending). The rest is read after the first listing (`firstListing`). When the
   * reading is done the rest reaches the renderer through `articles:list-changed` and the cache is written;
   * housekeeping follows.
   */
  private async listProgressively(names: string[] | undefined): Promise<ArticleLibrary> {
    let firstBatch!: () => void
    const shown = new Promise<void>((resolve) => (firstBatch = resolve))
    this.scanning = true
    this.scanBatch = async (read, total) => {
      this.scanTotal = total
      if (read < total) {
        firstBatch()
        // The rest is read once the first screen has been served and painted (or the wait set by
        // `backgroundAfterListingMs` ran out): the window's load and first render do not queue behind it.
        await this.firstListing
      }
      await this.options.scanGate?.(read, total)
    }
    const finish = () => {
      this.scanning = false
      this.scanBatch = null
    }
    this.validated = this.relist(names).then(
      (found) => {
        finish()
        if (this.closed) return found
        // The renderer's list holds only what was read when it asked: the changes since then bring the rest.
        this.events.emit('articles:list-changed')
        return found
      },
      () => {
        finish()
        return { changed: [], removed: [] }
      },
    )
    this.listedWhole = this.validated.then(() => undefined)
    this.housekeeping = this.validated.then(() => this.tidy()).catch(() => undefined)
    await Promise.race([shown, this.validated])
    return this
  }

  /**
   * Checks every row listed from the index cache against its file's size and mtime (a rescan), and tells the
   * renderer what differed.
   */
  private validateCached(): Promise<RescanReport> {
    return this.rescan().then(
      (found) => {
        if (this.closed) return found
        for (const id of found.changed) this.events.emit('articles:changed-on-disk', id)
        for (const id of found.removed) this.events.emit('articles:deleted-on-disk', id)
        if (found.changed.length + found.removed.length > 0) this.events.emit('articles:list-changed')
        return found
      },
      () => ({ changed: [], removed: [] }),
    )
  }

  /**
   * The first listing of a workspace with a large index cache: `open` has listed the cache's head (a first
   * screen, marked pending like a progressive listing, `files` article files in the folder), and returns at
   * once. Parsing the whole cache (about a second at 50,000 rows) waits for the first listing (`firstListing`);
   * then every cached row whose file is in the folder is listed (files the cache does not know are read), the
   * renderer is told the list changed, and every row is checked against its file as after any cached open. A
   * cache that turns out broken past its head is ignored: every file is read, as with no cache.
   */
  private listRestOfCache(files: number): ArticleLibrary {
    this.scanning = true
    this.scanTotal = files
    const finish = () => {
      this.scanning = false
      this.scanBatch = null
    }
    const none = (): RescanReport => ({ changed: [], removed: [] })
    const listed = this.firstListing.then(async () => {
      if (this.closed) return { listedFromCache: true, found: none() }
      const whole = await this.index!.load()
      if (this.closed) return { listedFromCache: true, found: none() }
      // The folder is read again: an article trashed or created since the head was listed is as it is now.
      if (await this.scanner.listFromCache(whole, null)) return { listedFromCache: true, found: none() }
      return { listedFromCache: false, found: await this.relist() }
    })
    this.listedWhole = listed.then(
      () => undefined,
      () => undefined,
    )
    this.validated = listed.then(
      async ({ listedFromCache, found }) => {
        finish()
        if (this.closed) return found
        // The renderer's list holds only the head it was given: the changes since then bring the rest.
        this.events.emit('articles:list-changed')
        return listedFromCache ? this.validateCached() : found
      },
      () => {
        finish()
        return none()
      },
    )
    this.housekeeping = this.validated.then(() => this.tidy()).catch(() => undefined)
    return this
  }

  /**
   * Rescans on one import generation (again if an import moved files meanwhile) and remembers it. `names`: the
   * article folder's listing when the caller has just read it on this generation (used by the first read only;
   * a read done again lists the folder again).
   */
  async relist(names?: string[]): Promise<RescanReport> {
    let generation = ''
    let listed = names
    const found = await readOneGeneration(this.root, async () => {
      generation = await importGenerationOf(this.root)
      const given = listed
      listed = undefined
      return this.scanner.rescan(given)
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
   * Re-reads the article folder (see `ArticleScanner.rescan`): returns the ids whose content changed or
   * appeared, and those that went away.
   */
  rescan(): Promise<RescanReport> {
    return this.scanner.rescan()
  }

  /**
   * Records articles another service (the importer) has just validated and written durably, so the library
   * need not read them back: no hashing (the writer hashed the bytes it wrote), a stat only for a file whose
   * writer did not stamp it, and one index write for the whole batch, instead of a rescan.
   */
  async adoptWritten(written: readonly WrittenArticle[]): Promise<void> {
    await Promise.all(written.map(({ article, hash, stamp }) => this.store.rememberWritten(article, hash, stamp)))
    await this.flushIndex().catch(() => undefined)
  }

  /**
   * Re-reads one article after the watcher saw its file change, and tells the renderer what happened:
   * `articles:changed-on-disk` when its content differs from what the library last read or wrote (so the
   * library's own saves raise nothing), `articles:deleted-on-disk` when it is gone.
   */
  refreshFile(id: ArticleId): Promise<FileChange> {
    return this.store.serial(id, async () => {
      const change = await this.scanner.readAndRemember(id)
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
    await this.index.save(this.list().map((summary) => ({ summary, stamp: this.catalogue.stamp(summary.id)! })))
  }

  /** Facts about the workspace for the renderer. */
  info(): WorkspaceInfo {
    return {
      name: basename(this.root),
      displayPath: this.root,
      articleCount: this.catalogue.size,
      readOnly: this.readOnly,
      readOnlyReason: this.readOnly ? (this.options.readOnlyReason ?? 'not-writable') : null,
      lockHolder: this.options.lockHolder ?? null,
    }
  }

  /** Identifies this library's change counter (another library never shares it). */
  get changeEpoch(): string {
    return this.catalogue.changeEpoch
  }

  /** How many times an article was added, changed or removed since the library was opened. */
  get changeCount(): number {
    return this.catalogue.changeCount
  }

  /** Ids of articles added, changed or removed after change `count`; null when too far back (read everything). */
  changedSince(count: number): ChangesSince<ArticleId> {
    return this.catalogue.changedSince(count)
  }

  /** Content hash of an article file as last read or written by this library (the search cache's key). */
  hashOf(id: ArticleId): string | undefined {
    return this.catalogue.stamp(id)?.hash
  }

  /** The summary of one listed article. */
  summary(id: ArticleId): ArticleSummary | undefined {
    return this.catalogue.summary(id)
  }

  /**
   * The `limit` most recently updated summaries and the total: the renderer paints these before the rest.
   * `pending` while a progressive first listing is still reading the folder (the total is what is read so far,
   * `expected` how many files it is reading).
   */
  head(limit: number): ListHead {
    const all = this.list()
    return {
      total: all.length,
      articles: all.slice(0, limit),
      ...(this.scanning ? { pending: true as const, expected: Math.max(this.scanTotal, all.length) } : {}),
    }
  }

  /** Summaries matching `query`, most recently updated first. */
  list(query: ArticleFilter = {}): ArticleSummary[] {
    if (this.listingServed) {
      this.listingServed()
      this.listingServed = null
    }
    return this.catalogue.list(query)
  }

  /** Path of an article file; refuses anything that is not a UUID so no id can name another path. */
  pathOf(id: ArticleId): string {
    if (!ARTICLE_ID_RE.test(id)) throw new Error(`not an article id: ${JSON.stringify(id)}`)
    return join(this.articlesDir, `${id.toLowerCase()}.json`)
  }

  /** Loads one article with the hash its next save must quote. */
  load(id: ArticleId): Promise<LoadResult> {
    return this.store.load(id)
  }

  /** Creates a new draft article with a unique slug and writes it durably. */
  create(input: NewArticleInput): Promise<LoadResult> {
    return this.store.create(input)
  }

  /**
   * Saves edited fields if the file on disk is still the one the editor loaded; otherwise refuses. A save
   * answers in one round trip: with the workspace facts and the list's changes since `draft.listCursor`
   * (when given). It
   * also drops the article's journal entry when the save made it obsolete (journaled before the save began,
   * or holding exactly the saved fields; edits journaled while the save ran are kept), and then tells every
   * listener that the list changed, with the cursor the answer carries.
   */
  async save(draft: ArticleDraft): Promise<ArticleSaveResult> {
    const began = this.now().toISOString()
    const saved = await this.store.save(draft)
    if (!saved.ok) return saved
    await this.journal
      .discardIf(draft.id, (entry) => entry.journaledAt <= began || sameFields(entry.fields, pickFields(saved.article)))
      .catch(() => false)
    // Only with the renderer's cursor: without one the changes would be the whole list (tens of MB at 50,000).
    const changes = draft.listCursor ? listChanges(this, draft.listCursor) : null
    const cursor = changes?.cursor ?? cursorOf(this)
    // After the answer is on its way: a renderer that applies it already holds this cursor when the event comes.
    setImmediate(() => this.events.emit('articles:list-changed', cursor))
    return { ...saved, info: this.info(), changes }
  }

  /** Saves an old revision's fields as a new revision. */
  restoreRevision(id: ArticleId, revision: number): Promise<SaveResult> {
    return this.store.restoreRevision(id, revision)
  }

  /** Moves an article to the trash (its history stays). */
  delete(id: ArticleId): Promise<DeleteResult> {
    return this.store.delete(id)
  }

  /** Takes an article out of the trash; a slug taken meanwhile is made unique (as a new revision). */
  restoreFromTrash(id: ArticleId): Promise<TrashRestoreResult> {
    return this.store.restoreFromTrash(id)
  }

  /** Removes everything in the trash for good. */
  emptyTrash(): Promise<EmptyTrashResult> {
    return this.store.emptyTrash()
  }

  /** The articles in the trash, most recently deleted first. */
  trashed(): Promise<TrashItem[]> {
    return this.trash.list()
  }

  /** The history revisions of one article, newest first. */
  revisions(id: ArticleId): Promise<RevisionInfo[]> {
    return this.history.list(id)
  }

  /** One history revision of an article. */
  loadRevision(id: ArticleId, revision: number): Promise<RevisionLoadResult> {
    return this.history.load(id, revision)
  }

  /** What changed between two history revisions of an article. */
  diffRevisions(id: ArticleId, fromRevision: number, toRevision: number): Promise<RevisionDiffResult> {
    return this.history.diff(id, fromRevision, toRevision)
  }

  /** Keeps the editor's unsaved fields of an article in the crash journal. */
  writeJournal(id: ArticleId, baseHash: string, fields: ArticleFields): Promise<JournalWriteResult> {
    return this.journal.write(id, baseHash, fields)
  }

  /** Journal entries worth offering after a crash (stale ones are dropped). */
  pendingJournal(): Promise<JournalEntry[]> {
    return this.journal.pending()
  }

  /** Drops an article's journal entry (its fields were saved or thrown away). */
  discardJournal(id: ArticleId): Promise<void> {
    return this.journal.discard(id)
  }

  /** Sync-tool conflict copies and files that could not be read as articles ("Needs attention"). */
  attention(): Promise<AttentionItem[]> {
    return this.scanner.attention()
  }

  /**
   * The file a notice names, resolved inside this workspace: an article's `articles/<id>.json`, or a "Needs
   * attention" item that is listed now (a conflict copy or unreadable file in articles/, a quarantined file).
   * The real path (links followed) must stay inside the workspace folder; anything else is refused.
   */
  async locateFile(
    ref: WorkspaceFileRef,
  ): Promise<{ ok: true; path: string } | { ok: false; reason: 'not-found' | 'refused'; message: string }> {
    const notFound = { ok: false, reason: 'not-found', message: 'that file is no longer in the workspace' } as const
    const candidates: string[] = []
    if (ref.kind === 'article') {
      if (!ARTICLE_ID_RE.test(ref.id)) return notFound
      candidates.push(join(this.articlesDir, `${ref.id}.json`))
    } else {
      const listed = (await this.attention()).some((item) => item.key === ref.key)
      if (!listed) return notFound
      const copy = syncCopyPath(this.articlesDir, ref.key)
      if (copy) candidates.push(copy.path)
      else if (basename(ref.key) === ref.key)
        candidates.push(join(workspaceLayout(this.root).quarantine, ref.key), join(this.articlesDir, ref.key))
    }
    const realRoot = await realpath(this.root).catch(() => null)
    for (const candidate of candidates) {
      const real = await realpath(candidate).catch(() => null)
      if (real === null || realRoot === null) continue
      const inside = relative(realRoot, real)
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
        return { ok: false, reason: 'refused', message: `${basename(candidate)} leads outside the workspace folder` }
      return { ok: true, path: real }
    }
    return notFound
  }

  /** Shows a file a notice names in the file manager through `show` (main's shell.showItemInFolder, or a stand-in). */
  async showInFolder(ref: WorkspaceFileRef, show: (path: string) => boolean): Promise<ShowInFolderResult> {
    const found = await this.locateFile(ref)
    if (!found.ok) return found
    if (!show(found.path)) return { ok: false, reason: 'unavailable', message: 'no file manager is available here' }
    return { ok: true, displayPath: found.path }
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
        const taken = this.catalogue.slugsTaken(target.article.id)
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

  /**
   * Settles a conflicted article's merge records (git sync) with the editor's choices, through the save path;
   * a choice of the side that deleted the article then moves it to the trash (history keeps it). Nothing is
   * committed here: the sync engine commits whatever changed in the shared files on its next sync, so the
   * resolution goes out with the next sync.
   */
  async resolveConflicts(
    id: ArticleId,
    baseHash: string,
    choices: readonly ConflictChoice[],
  ): Promise<ResolveConflictsResult> {
    const saved = await this.store.resolveConflicts(id, baseHash, choices)
    if (!saved.ok) return saved
    const { deleted, ...result } = saved
    if (deleted) {
      const gone = await this.store.delete(id)
      if (!gone.ok)
        return { ok: false, reason: gone.reason === 'not-found' ? 'not-found' : 'io', message: gone.message }
    }
    setImmediate(() => this.events.emit('articles:list-changed'))
    return { ...result, trashed: deleted }
  }
}

/** Removes `.newsdesk/index.json` (tests and the CLI use it to force a cold listing). */
export async function dropIndexCache(root: string): Promise<void> {
  await rm(workspaceLayout(root).index, { force: true })
}
