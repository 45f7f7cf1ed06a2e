import type { ArticleDiff } from '../article/diff'
import type {
  ExportProgressEvent,
  ExportReport,
  ExportRequest,
  ImportApplyRequest,
  ImportApplyResult,
  ImportDryRunResult,
  ImportPick,
} from '../bundle/api-types'
import type {
  ArticleChanges,
  ArticleHead,
  ArticlePage,
  PdfResult,
  PdfTarget,
  PreviewOptions,
  PreviewResult,
  PublicationSetResult,
  SearchAnswer,
  TagChangeResult,
  TagCount,
  TagSuggestion,
} from '../listing/api-types'
import type { PublicationSettings } from '../publication/publication'
import type { UiSettings, UiSettingsPatch } from '../settings/ui-settings'
import type { Article, ArticleFields, ArticleId, ArticleKind, ArticleSummary } from '../article/schema'
import type { ArticleFilter } from '../listing/filter'
import type {
  ArticleSyncState,
  ClaimInfo,
  ClaimOutcome,
  FieldHistory,
  SyncSetupResult,
  SyncView,
} from '../sync/api-types'
import type { ConflictChoice } from '../sync/resolve-conflicts'

/** What the renderer knows about the open workspace. */
export interface WorkspaceInfo {
  name: string
  /** Shown to the user (title bar, settings); never sent back as an argument. */
  displayPath: string
  articleCount: number
  readOnly: boolean
  /** Why the workspace is read-only: another Newsdesk holds its lock, or the folder cannot be written. */
  readOnlyReason?: 'locked' | 'not-writable' | null
  /** Who holds the lock when `readOnlyReason` is 'locked' ("pid 123 on host-a since <ISO>"). */
  lockHolder?: string | null
}

/** An article together with the content hash of the file it was read from (the base of the next save). */
export interface LoadedArticle {
  article: Article
  hash: string
}

/** Result of loading one article. */
export type LoadResult =
  ({ ok: true } & LoadedArticle) | { ok: false; reason: 'not-found' | 'invalid'; message: string }

/** Fields the user may give when creating an article; the rest get defaults. */
export interface NewArticleInput {
  headline?: string
  kind?: ArticleKind
  language?: string
}

/** A save request: the fields as edited plus the hash of the file they were loaded from. */
export interface ArticleDraft {
  id: ArticleId
  baseHash: string
  fields: ArticleFields
  /** 'explicit' (Save command) always snapshots history; 'auto' (autosave, the default) at most every 5 minutes. */
  mode?: 'explicit' | 'auto'
  /**
   * The cursor of the list the renderer holds (from `articles.changes`), so a successful save answers with
   * the list's changes since it; null or absent: no changes in the answer (the renderer fetches them).
   */
  listCursor?: string | null
}

/** Result of a save; a refused save changes nothing on disk. */
export type SaveResult =
  | ({ ok: true; savedAt: string } & LoadedArticle)
  | { ok: false; reason: 'conflict' | 'invalid' | 'read-only' | 'io' | 'not-found'; message: string }

/**
 * Result of settling an article's merge conflicts: saved (a new revision without the settled records), or
 * moved to the trash when the choice was the side that deleted it (`trashed`). A refused call changes nothing.
 */
export type ResolveConflictsResult =
  ({ ok: true; savedAt: string; trashed: boolean } & LoadedArticle) | Extract<SaveResult, { ok: false }>

/**
 * Result of a save from the editor, in one round trip: when saved, also the workspace facts and the list's
 * changes since the draft's `listCursor` (null when it sent none). Main has already discarded the journal
 * entry the save made obsolete.
 */
export type ArticleSaveResult =
  | (Extract<SaveResult, { ok: true }> & { info: WorkspaceInfo; changes: ArticleChanges | null })
  | Extract<SaveResult, { ok: false }>

/** Why a history revision was recorded. */
export type RevisionReason = 'explicit' | 'auto' | 'restore' | 'create' | 'before-delete' | 'disk-version'

/** One revision kept in an article's history. */
export interface RevisionInfo {
  revision: number
  savedAt: string
  /** Bytes of the stored snapshot. */
  size: number
  reason: RevisionReason
}

/** Result of loading one revision from history. */
export type RevisionLoadResult =
  { ok: true; article: Article } | { ok: false; reason: 'not-found' | 'invalid'; message: string }

/** Result of diffing two revisions. */
export type RevisionDiffResult =
  { ok: true; diff: ArticleDiff } | { ok: false; reason: 'not-found' | 'invalid'; message: string }

/** An article in the trash. */
export interface TrashItem {
  id: ArticleId
  slug: string
  headline: string
  deletedAt: string
}

/** Result of deleting (moving to the trash) an article. */
export type DeleteResult =
  { ok: true; deletedAt: string } | { ok: false; reason: 'not-found' | 'read-only' | 'io'; message: string }

/** Result of taking an article out of the trash (its slug may be changed if another article took it). */
export type TrashRestoreResult =
  | ({ ok: true } & LoadedArticle)
  | { ok: false; reason: 'not-found' | 'read-only' | 'io' | 'conflict' | 'invalid'; message: string }

/** Result of emptying the trash. */
export type EmptyTrashResult =
  { ok: true; removed: number } | { ok: false; reason: 'read-only' | 'io'; message: string }

/** Unsaved editor state kept in the crash journal, offered for restoring after a crash. */
export interface JournalEntry {
  id: ArticleId
  /** Headline of the journaled fields, to name the article in the notice. */
  headline: string
  journaledAt: string
  /** Hash of the file the edits were based on (the saved revision at the time). */
  baseHash: string
  fields: ArticleFields
  /** 'editor': typed and not saved; 'temp': an interrupted save found at start, newer than the file. */
  source: 'editor' | 'temp'
}

/** Result of journaling unsaved fields. */
export type JournalWriteResult =
  { ok: true; journaledAt: string } | { ok: false; reason: 'read-only' | 'io' | 'not-found'; message: string }

/**
 * A file in `articles/` that is not a valid article: one moved to `.newsdesk/quarantine/` because it could not
 * be read, or a sync tool's conflict copy of an article (`<id> (conflicted copy …).json`,
 * `<id>.sync-conflict-….json`), left where it is until the editor resolves it.
 */
export interface AttentionItem {
  /** Stable key of the file (its name inside the quarantine folder, or "sync:<name>" for a conflict copy). */
  key: string
  /** Name the file had in `articles/`. */
  originalName: string
  reason:
    | 'empty'
    | 'truncated'
    | 'not-json'
    | 'schema-invalid'
    | 'invalid-utf8'
    | 'too-large'
    | 'unreadable'
    | 'sync-conflict'
  message: string
  quarantinedAt: string
  /** For a sync-conflict copy: the article it is a second version of. */
  articleId?: ArticleId
}

/** What to do with a sync tool's conflict copy of an article. */
export type SyncCopyAction = 'take-copy' | 'keep-current' | 'import-as-new'

/** Result of resolving a conflict copy: the article that holds the outcome. */
export type SyncCopyResult =
  | { ok: true; id: ArticleId }
  | { ok: false; reason: 'not-found' | 'invalid' | 'read-only' | 'io' | 'conflict'; message: string }

/** A workspace opened before, offered in "Open recent". */
export interface RecentWorkspace {
  /** Opaque key to reopen it with (the renderer never sends paths). */
  key: string
  name: string
  displayPath: string
  openedAt: string
}

/** Result of opening or creating a workspace. */
export type WorkspaceOpenResult =
  { ok: true; info: WorkspaceInfo } | { ok: false; reason: 'cancelled' | 'not-found' | 'io'; message: string }

/** Things main tells the renderer about the workspace as a whole. */
export type WorkspaceNotice =
  | { kind: 'read-only'; reason: 'locked' | 'not-writable'; holder: string | null }
  | { kind: 'quarantined'; count: number }
  | { kind: 'watch-error'; message: string }
  | { kind: 'rescanned'; changed: number }

/**
 * Something the user must know about the settings files kept outside the workspace: one that could not be read
 * at start was set aside (kept, never wiped) and defaults are in use, or a settings write failed (the previous
 * file is unchanged).
 */
export type SettingsNotice =
  | {
      kind: 'set-aside'
      /** Stable key of the notice (the set-aside file's name). */
      key: string
      /** The settings file that was damaged ("settings.json", "ui-settings.json"). */
      file: string
      /** Name the damaged file now has, beside the new one. */
      setAsideAs: string
      /** Where the set-aside file is, shown to the user; never sent back as an argument. */
      displayPath: string
      reason: 'empty' | 'not-json'
      at: string
    }
  | { kind: 'write-failed'; key: string; file: string; message: string; at: string }

/** An image stored once in the workspace's assets/ folder, named by the sha256 of its bytes. */
export interface AssetRef {
  /** "<sha256>.<ext>", the only way the renderer names an asset. */
  name: string
  mimeType: string
  bytes: number
}

/** Image bytes pasted or dropped in the editor (base64 so both transports carry them as plain data). */
export interface ImageBytesInput {
  fileName: string
  dataBase64: string
}

/** Result of adding an image to the workspace. */
export type AssetResult =
  | { ok: true; asset: AssetRef }
  | { ok: false; reason: 'cancelled' | 'invalid' | 'too-large' | 'read-only' | 'io'; message: string }

/** Result of reading an asset for display. */
export type AssetDataResult =
  { ok: true; mimeType: string; dataBase64: string } | { ok: false; reason: 'not-found' | 'invalid'; message: string }

/** Result of asking main to open a link (only https, http and mailto are ever opened). */
export type OpenLinkResult = { ok: true; url: string } | { ok: false; reason: 'refused' | 'failed'; message: string }

/** Result of "Show in folder" (after an export, or for a file a notice is about). */
export type ShowInFolderResult =
  | { ok: true; displayPath: string }
  | { ok: false; reason: 'nothing-exported' | 'unavailable' | 'not-found' | 'refused'; message: string }

/**
 * A file of the open workspace that a notice is about, named the way the renderer knows it (never a path): a
 * "Needs attention" item (a quarantined file or a sync tool's conflict copy) by its key, or an article's file.
 */
export type WorkspaceFileRef = { kind: 'attention'; key: string } | { kind: 'article'; id: ArticleId }

/** How the renderer answered main's "save now, the app is quitting" request. */
export type FlushOutcome = { ok: true } | { ok: false; reason: 'save-failed'; message: string }

/** Commands the native menu sends to the renderer. */
export type MenuCommand =
  | 'new-article'
  | 'open-workspace'
  | 'export'
  | 'import'
  | 'save'
  | 'preview'
  | 'delete-article'
  | 'show-trash'
  | 'keyboard-shortcuts'

/**
 * The one hand-written description of the bridge (renderer -> main, request/response).
 * Channel names, the handler table and the preload bridge type are all derived from it.
 */
export interface NewsdeskApi {
  workspace: {
    info(): Promise<WorkspaceInfo>
    /** Asks for a folder with a native dialog and opens it as the workspace. */
    open(): Promise<WorkspaceOpenResult>
    /** Asks for an (empty or new) folder with a native dialog and makes it a workspace. */
    create(): Promise<WorkspaceOpenResult>
    recent(): Promise<RecentWorkspace[]>
    openRecent(key: string): Promise<WorkspaceOpenResult>
    /** "Save As…" for a read-only workspace: copies it to a folder chosen with a native dialog and opens the copy. */
    saveAs(): Promise<WorkspaceOpenResult>
  }
  articles: {
    list(query: ArticleFilter): Promise<ArticleSummary[]>
    /** Only what changed since `cursor` (every summary when it is null, stale or from another workspace). */
    changes(cursor: string | null): Promise<ArticleChanges>
    /** The `limit` most recently updated summaries and how many there are in all: the first screen, fast. */
    head(limit: number): Promise<ArticleHead>
    /**
     * Summaries `offset` to `offset + limit` of the whole list, newest first, with the change cursor they were
     * read at: a large library arrives in pages the renderer can take in between other work.
     */
    page(offset: number, limit: number): Promise<ArticlePage>
    load(id: ArticleId): Promise<LoadResult>
    create(input: NewArticleInput): Promise<LoadResult>
    save(draft: ArticleDraft): Promise<ArticleSaveResult>
    /** Moves the article to the trash. */
    delete(id: ArticleId): Promise<DeleteResult>
    /** Files quarantined because they could not be read, and sync-tool conflict copies ("Needs attention"). */
    attention(): Promise<AttentionItem[]>
    /** Reads a sync-tool conflict copy (by its attention key) to compare it with the article. */
    syncCopy(key: string): Promise<LoadResult>
    /** Takes the copy over the article (the current version stays in history), keeps the article, or imports the copy as a new article; the copy file goes. */
    resolveSyncCopy(key: string, action: SyncCopyAction): Promise<SyncCopyResult>
    /**
     * Settles the merge conflict records of a conflicted article (git sync) with the editor's choices, if the
     * file is still the one loaded (`baseHash`), through the save path (history, slug rules). It commits
     * nothing itself: the next sync commits the changed file like any other change.
     */
    resolveConflicts(id: ArticleId, baseHash: string, choices: ConflictChoice[]): Promise<ResolveConflictsResult>
    /** Shows a file of the workspace in the system's file manager; main refuses anything outside the workspace. */
    showInFolder(ref: WorkspaceFileRef): Promise<ShowInFolderResult>
  }
  history: {
    /** Revisions kept for an article, newest first. */
    list(id: ArticleId): Promise<RevisionInfo[]>
    load(id: ArticleId, revision: number): Promise<RevisionLoadResult>
    diff(id: ArticleId, fromRevision: number, toRevision: number): Promise<RevisionDiffResult>
    /** Saves the old revision's fields as a new revision (nothing is rewritten). */
    restore(id: ArticleId, revision: number): Promise<SaveResult>
  }
  trash: {
    list(): Promise<TrashItem[]>
    restore(id: ArticleId): Promise<TrashRestoreResult>
    empty(): Promise<EmptyTrashResult>
  }
  journal: {
    /** Keeps unsaved fields of an open article so a crash cannot lose them. */
    write(id: ArticleId, baseHash: string, fields: ArticleFields): Promise<JournalWriteResult>
    /** Journal entries left by an earlier session (offered for restoring at start). */
    pending(): Promise<JournalEntry[]>
    discard(id: ArticleId): Promise<void>
  }
  assets: {
    /** Asks for an image with a native dialog in main and stores it in assets/. */
    pickImage(): Promise<AssetResult>
    /** Stores pasted or dropped image bytes in assets/. */
    importImage(input: ImageBytesInput): Promise<AssetResult>
    read(name: string): Promise<AssetDataResult>
  }
  links: {
    /** Opens a link in the user's browser or mail program, after main's allow-list check. */
    open(url: string): Promise<OpenLinkResult>
  }
  search: {
    /** Ranked ids of articles matching the text (prefix, fuzzy, accent-insensitive) and the list filters. */
    query(text: string, filters: ArticleFilter): Promise<SearchAnswer>
  }
  tags: {
    list(): Promise<TagCount[]>
    /** Near-duplicate tag groups, proposed and never merged automatically. */
    suggestions(): Promise<TagSuggestion[]>
    rename(from: string, to: string): Promise<TagChangeResult>
    merge(sources: string[], target: string): Promise<TagChangeResult>
    delete(tag: string): Promise<TagChangeResult>
  }
  publication: {
    get(): Promise<PublicationSettings>
    set(settings: PublicationSettings): Promise<PublicationSetResult>
  }
  preview: {
    /** The news listing page (complete HTML from the shared renderer). */
    listingHtml(options: PreviewOptions): Promise<PreviewResult>
    articleHtml(id: ArticleId, options: PreviewOptions): Promise<PreviewResult>
    /** Prints the listing or an article to a PDF under the workspace's exports/ folder. */
    pdf(target: PdfTarget): Promise<PdfResult>
  }
  settings: {
    get(): Promise<UiSettings>
    update(patch: UiSettingsPatch): Promise<UiSettings>
    /** Points Electron's spellchecker at the open article's language. */
    spellcheck(language: string): Promise<{ languages: string[] }>
    /** Settings files set aside at start and settings writes that failed in this run (shown as notices). */
    notices(): Promise<SettingsNotice[]>
  }
  app: {
    /** Answers an 'app:flush-request': the open article was saved (or the save failed; the journal keeps it). */
    flushed(requestId: string, outcome: FlushOutcome): Promise<void>
  }
  exports: {
    /** Asks for a destination with a native dialog in main, then exports; progress comes as 'exports:progress'. */
    run(request: ExportRequest): Promise<ExportReport>
    /** Cancels the running export; nothing is left at the destination. */
    cancel(): Promise<void>
    /** Shows the last export of this run in the system's file manager (main knows the path; none is sent). */
    showInFolder(): Promise<ShowInFolderResult>
  }
  sync: {
    /** The indicator's state: no network, counts as of the last fetch. */
    status(): Promise<SyncView>
    /** Syncs now (the Sync button; an explicit save asks too); answers with the state after it. */
    syncNow(): Promise<SyncView>
    /** Turns the open workspace into a git repository (nothing is sent anywhere until a remote is set). */
    enable(): Promise<SyncSetupResult>
    /** Sets the remote (a URL or an absolute folder); "" removes it. */
    setRemote(url: string): Promise<SyncSetupResult>
    /** Articles not plainly in sync, by id (absent: in sync). */
    articleStates(): Promise<Record<ArticleId, ArticleSyncState>>
    /** Live claims (who is editing what), as of the last fetch. */
    claims(): Promise<ClaimInfo[]>
    /** Claims an article for the editor (opening it for editing); a claim of someone else is taken over. */
    claim(id: ArticleId): Promise<ClaimOutcome>
    /** Gives the article back (closing it or switching to another). */
    release(id: ArticleId): Promise<void>
    /** Who changed which field of an article and when, from the commits (empty, with the reason, outside git). */
    fieldHistory(id: ArticleId): Promise<FieldHistory>
  }
  imports: {
    /** Asks for files (Markdown, JSON, zip) or a folder with a native dialog in main and reports what importing them would do. */
    dryRun(pick: ImportPick): Promise<ImportDryRunResult>
    /** Applies a dry run, all or nothing. */
    apply(request: ImportApplyRequest): Promise<ImportApplyResult>
  }
}

/** Main -> renderer pushes, with their argument tuples. */
export interface NewsdeskEvents {
  'menu:command': [command: MenuCommand]
  'articles:changed-on-disk': [id: ArticleId]
  'articles:deleted-on-disk': [id: ArticleId]
  /**
   * The set of articles changed (external edits, a rescan, trash restore, a save); the list should refresh.
   * `cursor` is the list's cursor after the change when main knows it (a save: a renderer that already
   * applied the save's answer holds that cursor and has nothing to fetch).
   */
  'articles:list-changed': [cursor?: string]
  'workspace:notice': [notice: WorkspaceNotice]
  /** Another workspace was opened; everything shown must be reloaded. */
  'workspace:changed': [info: WorkspaceInfo]
  /** Progress of the running export (articles done of total). */
  'exports:progress': [progress: ExportProgressEvent]
  /** Progress of the running import apply (articles written of total). */
  'imports:progress': [progress: ExportProgressEvent]
  /** The app is quitting: save the open article now and answer with `app.flushed(requestId, outcome)`. */
  'app:flush-request': [requestId: string]
  /** A settings file was set aside or a settings write failed (the same notice `settings.notices()` lists). */
  'settings:notice': [notice: SettingsNotice]
  /** The sync state or the claims changed (a sync ended, a claim was taken or released): refresh them. */
  'sync:changed': [view: SyncView]
}

type Group = keyof NewsdeskApi & string
type MethodOf<G extends Group> = keyof NewsdeskApi[G] & string

/** Every request channel name, e.g. "articles:save". */
export type NewsdeskChannel = { [G in Group]: `${G}:${MethodOf<G>}` }[Group]

/** What the main process must implement: the same shape as the API (a missing handler fails to compile). */
export type NewsdeskHandlers = {
  [G in Group]: {
    [M in MethodOf<G>]: NewsdeskApi[G][M] extends (...args: infer A) => Promise<infer R>
      ? (...args: A) => Promise<R> | R
      : never
  }
}

/** Subscribes to one main -> renderer event; returns the unsubscribe function. */
export type EventSubscriber = <E extends keyof NewsdeskEvents>(
  event: E,
  listener: (...args: NewsdeskEvents[E]) => void,
) => () => void

/** What the preload exposes as `window.newsdesk`. */
export type NewsdeskBridge = NewsdeskApi & { on: EventSubscriber }
