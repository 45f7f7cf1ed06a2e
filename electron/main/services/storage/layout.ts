// Every path under a workspace folder, in one place: no other file joins `.newsdesk` (or `articles/`,
// `assets/`) by hand. A workspace is a folder the user can see, back up, sync or put under git.
import { join } from 'node:path'

/** Name of the workspace's own folder (history, trash, caches, lock), relative to the workspace root. */
export const STORE_DIR = '.newsdesk'

/** Names of the files and folders directly under `.newsdesk/`. */
export const STORE_ENTRIES = {
  history: 'history',
  trash: 'trash',
  quarantine: 'quarantine',
  journal: 'journal',
  index: 'index.json',
  search: 'search',
  lock: 'lock',
  lockTakeover: 'lock.takeover',
  publication: 'publication.json',
  marker: 'workspace.json',
  importGeneration: 'import-generation',
  syncState: 'sync-state.json',
} as const

/** Staging folders of imports under `.newsdesk/`: `import-<12 hex>`. */
export const IMPORT_STAGING_RE = /^import-[0-9a-f]{12}$/

/** The paths of one workspace folder. */
export interface WorkspaceLayout {
  /** The workspace folder itself. */
  readonly root: string
  /** `articles/`: one `<id>.json` per article. */
  readonly articles: string
  /** `assets/`: images by content hash. */
  readonly assets: string
  /** `exports/`: PDFs printed when no save dialog was given (tests, CLI); never shared by git sync. */
  readonly exports: string
  /** `.newsdesk/`: everything Newsdesk keeps beside the articles. */
  readonly store: string
  /** `.newsdesk/history/`: revision snapshots, `<id>/<revision>.json`. */
  readonly history: string
  /** `.newsdesk/trash/`: deleted articles and their records. */
  readonly trash: string
  /** `.newsdesk/quarantine/`: files that could not be read as articles. */
  readonly quarantine: string
  /** `.newsdesk/journal/`: unsaved editor fields, `<id>.json`. */
  readonly journal: string
  /** `.newsdesk/index.json`: the cached article index. */
  readonly index: string
  /** `.newsdesk/search/`: the saved search index. */
  readonly search: string
  /** `.newsdesk/search/index.bin`. */
  readonly searchIndex: string
  /** `.newsdesk/lock`: who has the workspace open. */
  readonly lock: string
  /** `.newsdesk/lock.takeover`: the mutex of a stale-lock takeover. */
  readonly lockTakeover: string
  /** `.newsdesk/publication.json`: the publication settings. */
  readonly publication: string
  /** `.newsdesk/workspace.json`: written once the workspace is initialised (deleting every article never re-seeds). */
  readonly marker: string
  /** `.newsdesk/import-generation`: a token every import replaces just before its first move. */
  readonly importGeneration: string
  /** `.newsdesk/sync-state.json`: the last git sync's result (local, never shared). */
  readonly syncState: string
  /** `articles/<id>.json`. */
  article(id: string): string
  /** `assets/<name>`. */
  asset(name: string): string
  /** `.newsdesk/journal/<id>.json`. */
  journalEntry(id: string): string
  /** `.newsdesk/history/<id>/`. */
  historyOf(id: string): string
  /** `.newsdesk/import-<token>`: the staging folder of one import (`token` is 12 hex digits). */
  importStaging(token: string): string
}

/** The layout of the workspace at `root`. */
export function workspaceLayout(root: string): WorkspaceLayout {
  const store = join(root, STORE_DIR)
  const search = join(store, STORE_ENTRIES.search)
  const articles = join(root, 'articles')
  const assets = join(root, 'assets')
  const journal = join(store, STORE_ENTRIES.journal)
  const history = join(store, STORE_ENTRIES.history)
  return {
    root,
    articles,
    assets,
    exports: join(root, 'exports'),
    store,
    history,
    trash: join(store, STORE_ENTRIES.trash),
    quarantine: join(store, STORE_ENTRIES.quarantine),
    journal,
    index: join(store, STORE_ENTRIES.index),
    search,
    searchIndex: join(search, 'index.bin'),
    lock: join(store, STORE_ENTRIES.lock),
    lockTakeover: join(store, STORE_ENTRIES.lockTakeover),
    publication: join(store, STORE_ENTRIES.publication),
    marker: join(store, STORE_ENTRIES.marker),
    importGeneration: join(store, STORE_ENTRIES.importGeneration),
    syncState: join(store, STORE_ENTRIES.syncState),
    article: (id) => join(articles, `${id}.json`),
    asset: (name) => join(assets, name),
    journalEntry: (id) => join(journal, `${id.toLowerCase()}.json`),
    historyOf: (id) => join(history, id.toLowerCase()),
    importStaging: (token) => join(store, `import-${token}`),
  }
}
