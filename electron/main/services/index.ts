import { join, resolve } from 'node:path'
import { createEditorServices, type EditorHooks, type EditorServices, QuitFlush } from './editing'
import { ExportController, type PickDestination } from './export'
import { ImportController, type PickSources } from './import'
import { createWorkerPool, type WorkerPool } from './storage'
import { ArticleLibrary } from './library'
import { createFindingServices, type FindingServices } from './search'
import { type PickFolder, seedWorkspace, Workspaces, WorkspaceSession } from './workspace'
import { ServiceEvents } from './service-events'
import { WorkspaceSync, type DriverCommand, type WorkspaceSyncOptions } from './sync'

/** Where the main process keeps its data, resolved by the caller (electron's app paths, or a test's temp dir). */
export interface ServicePaths {
  /** The user-data folder; the default workspace lives at `<userData>/workspace`. */
  userData: string
  /** The bundled sample workspace copied into a brand-new default workspace, or null for none. */
  sampleDir: string | null
  /** Open this workspace instead of the default one. */
  workspace?: string
  /** Native folder dialog for workspace open/new (main injects one; without it those calls are cancelled). */
  pickFolder?: PickFolder
  /** Watch the workspace for external changes (default true). */
  watch?: boolean
  /** Native save dialog for exports (main injects one; without it exports are cancelled). */
  pickDestination?: PickDestination
  /** Native open dialog for imports (main injects one; without it imports are cancelled). */
  pickSources?: PickSources
  /** Worker threads for big exports and imports (default: a pool over the built worker entry, if any; null: none). */
  workers?: WorkerPool | null
  /**
   * The merge driver git sync registers in a workspace repository (main passes its built CLI run as Node);
   * default: this process's program and script, as the CLI registers itself.
   */
  syncDriver?: DriverCommand
  /** Timings of the background sync (tests shorten or turn off the batch window, the polling, the renewal). */
  syncTimings?: Pick<WorkspaceSyncOptions, 'batchMs' | 'pollMs' | 'firstPollMs' | 'renewMs' | 'networkTimeoutMs'>
}

/** Every service main owns for one open workspace. */
export interface Services extends EditorServices, FindingServices {
  workspaceRoot: string
  /** The open workspace's library; replaced when another workspace is opened. */
  library: ArticleLibrary
  /** Main -> renderer events raised by services (main forwards them with sendEvent). */
  events: ServiceEvents
  workspaces: Workspaces
  /** Exports asked for by the renderer (destination from the injected dialog). */
  exports: ExportController
  /** Imports asked for by the renderer (sources from the injected dialog). */
  imports: ImportController
  /** Quit waits for the renderer to save the open article (the 'app:flush-request' round trip). */
  quitFlush: QuitFlush
  /** Git sync of the open workspace: the scheduler, claims and the indicator's state (idle without git or a repository). */
  sync: WorkspaceSync
  /** Stops watchers and releases the workspace lock. */
  dispose(): Promise<void>
}

/** Folder of the default workspace inside a user-data folder. */
export function defaultWorkspace(userData: string): string {
  return join(userData, 'workspace')
}

/** Creates the services over a workspace (seeding the default one on first run). Used by main, e2e and the CLI. */
export async function createServices(paths: ServicePaths, hooks: EditorHooks = {}): Promise<Services> {
  const workspaceRoot = paths.workspace ?? defaultWorkspace(paths.userData)
  if (paths.workspace === undefined) await seedWorkspace(workspaceRoot, paths.sampleDir)
  const events = new ServiceEvents()
  const pickDestination = paths.pickDestination
  // One pool for every export and import of this process's services, closed by dispose.
  const workers = paths.workers === undefined ? createWorkerPool() : paths.workers
  let session = await WorkspaceSession.open(workspaceRoot, { events, watch: paths.watch ?? true })
  const library = session.library
  // Getters over `services.library`, never the first library: a workspace switch must move every service.
  const editor = createEditorServices(
    paths.userData,
    () => services.library.root,
    () => services.library.info().readOnly,
    hooks,
  )
  let disposed = false
  const services: Services = {
    workspaceRoot,
    library,
    ...editor,
    ...createFindingServices(() => services.library, {
      ...(pickDestination ? { pickPdfDestination: (name: string) => pickDestination(name, 'pdf') } : {}),
    }),
    events,
    workspaces: new Workspaces({
      userData: paths.userData,
      events,
      pickFolder: paths.pickFolder ?? (async () => null),
      current: () => session,
      onSwitch: (next) => {
        session = next
        services.library = next.library
        services.workspaceRoot = next.root
        // The previous workspace's sync stops and its claims are released; the new one's starts.
        void services.sync
          .open(next.root, next.library.info().readOnly, next.library.firstListing)
          .catch(() => undefined)
        // Index the new workspace in the background now, not at its first query.
        void services.search.start()
      },
      sessionOptions: { watch: paths.watch ?? true },
    }),
    exports: new ExportController(
      () => services.library,
      paths.pickDestination ?? (async () => null),
      (progress) => events.emit('exports:progress', progress),
      () => new Date(),
      workers,
    ),
    imports: new ImportController(
      () => services.library,
      paths.pickSources ?? (async () => []),
      (progress) => events.emit('imports:progress', progress),
      workers,
    ),
    quitFlush: new QuitFlush((requestId) => {
      events.emit('app:flush-request', requestId)
      return true
    }),
    sync: new WorkspaceSync({
      driver: paths.syncDriver ?? { argv: [process.execPath, resolve(process.argv[1] ?? 'newsdesk')] },
      editor: async () => {
        const settings = await services.settings.get()
        return { name: settings.editorName, email: settings.editorEmail }
      },
      onChange: (view) => events.emit('sync:changed', view),
      ...paths.syncTimings,
    }),
    dispose: async () => {
      disposed = true
      // Background sync stops (a sync under way ends first) and the open article's claim is released.
      await services.sync.close()
      // A running export is cancelled (it leaves nothing behind); an import's all-or-nothing apply is waited for.
      await Promise.all([services.exports.stop(), services.imports.stop()])
      // Live worker threads can crash Electron's exit.
      await workers?.close()
      await services.search.stop()
      await services.workspaces.settled()
      await session.close()
    },
  }
  // A settings file set aside or a settings write that failed reaches the renderer as it happens.
  services.settings.onNotice((notice) => events.emit('settings:notice', notice))
  // The recent list is written in the background: a durable write waits for the disk, which the first listing
  // is reading (it took seconds on a fresh 50,000-article clone); `workspaces.recent()` waits for it.
  void services.workspaces.remember(workspaceRoot).catch(() => undefined)
  // Recovery of an interrupted sync and the background sync, when the workspace is a repository (nothing
  // happens without git or outside one). In the background, and only once the first listing is served (the
  // library's gate, at most about 2.25 s): git's start-up and the recovery's `git status` (every file of a
  // fresh clone) do not compete with it. Every sync call waits for this start (see WorkspaceSync.transition).
  void services.sync.open(workspaceRoot, library.info().readOnly, library.firstListing).catch(() => undefined)
  // The search index builds in the background once the first listing is served (a query before that starts
  // it at once; queries meanwhile answer from what is indexed).
  void library.firstListing.then(() => {
    if (!disposed && services.library === library) void services.search.start()
  })
  return services
}
