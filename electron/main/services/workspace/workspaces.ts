import { createHash } from 'node:crypto'
import { cp, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { basename, join, relative, resolve, sep } from 'node:path'
import { z } from 'zod'
import type { RecentWorkspace, WorkspaceOpenResult } from '../../../../shared/ipc/contract'
import {
  describeHolder,
  isCode,
  type LockOptions,
  STORE_DIR,
  STORE_ENTRIES,
  TEMP_SUFFIX,
  WorkspaceLock,
  workspaceLayout,
  writeDurable,
} from '../storage'
import { ArticleLibrary, type LibraryOptions, recoverInterruptedImports } from '../library'
import type { ServiceEvents } from '../service-events'
import { ArticleWatcher } from './watcher'

/** Asks the user for a folder (a native dialog in main); null when cancelled. Services never open dialogs. */
export type PickFolder = (purpose: 'open' | 'create' | 'save-as') => Promise<string | null>

/** Options for opening one workspace. */
export interface SessionOptions {
  events: ServiceEvents
  /** Watch `articles/` for external changes (default true). */
  watch?: boolean
  lock?: LockOptions
  library?: Omit<LibraryOptions, 'events' | 'readOnly' | 'readOnlyReason' | 'lockHolder'>
}

/** One open workspace: its library, lock (when writable) and watcher. */
export class WorkspaceSession {
  private constructor(
    readonly root: string,
    readonly library: ArticleLibrary,
    private readonly lock: WorkspaceLock | null,
    private readonly watcher: ArticleWatcher | null,
  ) {}

  /**
   * Opens `root`: takes the workspace lock (held by another Newsdesk -> read-only), checks the folder can
   * be written (not -> read-only), opens the library and starts the watcher.
   */
  static async open(root: string, options: SessionOptions): Promise<WorkspaceSession> {
    let readOnlyReason: 'locked' | 'not-writable' | undefined
    let lockHolder: string | null = null
    let lock: WorkspaceLock | null = null
    if (!(await isWritable(root))) {
      readOnlyReason = 'not-writable'
    } else {
      const result = await WorkspaceLock.acquire(root, options.lock)
      switch (result.kind) {
        case 'acquired':
          lock = result.lock
          break
        case 'held':
          readOnlyReason = 'locked'
          lockHolder = describeHolder(result.holder)
          break
        case 'unwritable':
          readOnlyReason = 'not-writable'
          break
      }
    }
    // An import killed in the middle of its moves is rolled back before anything is listed.
    if (readOnlyReason === undefined) await recoverInterruptedImports(root)
    const library = await ArticleLibrary.open(root, {
      deferValidation: true,
      // Validation and indexing wait (at most 2 s) until the first listing is served: the first paint goes first.
      backgroundAfterListingMs: 2000,
      ...options.library,
      events: options.events,
      readOnly: readOnlyReason !== undefined,
      ...(readOnlyReason ? { readOnlyReason } : {}),
      lockHolder,
    })
    const watcher = options.watch === false ? null : new ArticleWatcher(library).start()
    return new WorkspaceSession(root, library, lock, watcher)
  }

  /** Stops watching and releases the lock. */
  async close(): Promise<void> {
    this.watcher?.close()
    await this.library.close()
    await this.lock?.release().catch(() => undefined)
  }
}

/** True when a file can be created in the workspace's `.newsdesk/` folder (creating the folders). */
export async function isWritable(root: string): Promise<boolean> {
  const { store } = workspaceLayout(root)
  const probe = join(store, `.probe-${process.pid}-${Date.now()}`)
  try {
    await mkdir(store, { recursive: true })
    await writeDurable(probe, 'probe')
    await rm(probe, { force: true })
    return true
  } catch (error) {
    if (isCode(error, 'EACCES') || isCode(error, 'EROFS') || isCode(error, 'EPERM') || isCode(error, 'ENOSPC')) {
      return false
    }
    throw error
  }
}

const recentSchema = z.array(z.object({ path: z.string(), openedAt: z.string() }))
const MAX_RECENT = 10

/** Opaque key of a workspace path for the renderer (which never sends paths). */
export function workspaceKey(path: string): string {
  return createHash('sha256').update(resolve(path)).digest('hex').slice(0, 32)
}

/** Options of the workspace switcher. */
export interface WorkspacesOptions {
  userData: string
  events: ServiceEvents
  pickFolder: PickFolder
  /** Called with the newly opened session; the caller swaps its services over to it. */
  onSwitch: (session: WorkspaceSession) => void
  current: () => WorkspaceSession
  sessionOptions?: Omit<SessionOptions, 'events'>
  now?: () => Date
}

/**
 * Opening, creating and reopening workspaces. Paths come only from `pickFolder` (a native dialog in main)
 * or from the recent list kept at `<userData>/recent-workspaces.json`.
 */
export class Workspaces {
  private readonly file: string

  constructor(private readonly options: WorkspacesOptions) {
    this.file = join(options.userData, 'recent-workspaces.json')
  }

  /**
   * The recent-list writes under way, one after another. Opening a workspace does not wait for its write (a
   * durable write can take seconds while the first listing reads the disk); every read of the list does.
   */
  private remembering: Promise<void> = Promise.resolve()

  private async readRecent(): Promise<{ path: string; openedAt: string }[]> {
    await this.remembering
    return this.readRecentFile()
  }

  private async readRecentFile(): Promise<{ path: string; openedAt: string }[]> {
    try {
      return recentSchema.parse(JSON.parse(await readFile(this.file, 'utf8')))
    } catch {
      return []
    }
  }

  /** Remembers `path` as the most recently opened workspace (after any write of the list still under way). */
  remember(path: string): Promise<void> {
    const openedAt = (this.options.now?.() ?? new Date()).toISOString()
    const run = this.remembering.then(async () => {
      const rest = (await this.readRecentFile()).filter((r) => resolve(r.path) !== resolve(path))
      const next = [{ path: resolve(path), openedAt }, ...rest].slice(0, MAX_RECENT)
      await mkdir(this.options.userData, { recursive: true })
      await writeDurable(this.file, `${JSON.stringify(next, null, 2)}\n`)
    })
    this.remembering = run.catch(() => undefined)
    return run
  }

  /** Settles when no write of the recent list is under way (dispose waits for it). */
  settled(): Promise<void> {
    return this.remembering
  }

  /** Recently opened workspaces, newest first. */
  async recent(): Promise<RecentWorkspace[]> {
    return (await this.readRecent()).map((r) => ({
      key: workspaceKey(r.path),
      name: basename(r.path),
      displayPath: r.path,
      openedAt: r.openedAt,
    }))
  }

  /** Asks for a folder and opens it as the workspace. */
  async open(): Promise<WorkspaceOpenResult> {
    const path = await this.options.pickFolder('open')
    if (!path) return { ok: false, reason: 'cancelled', message: 'no folder was chosen' }
    return this.openPath(path)
  }

  /** Asks for an empty (or new) folder and makes it a workspace. */
  async create(): Promise<WorkspaceOpenResult> {
    const path = await this.options.pickFolder('create')
    if (!path) return { ok: false, reason: 'cancelled', message: 'no folder was chosen' }
    try {
      const refusal = await notEmpty(path, 'a new workspace')
      if (refusal) return refusal
      await mkdir(workspaceLayout(path).articles, { recursive: true })
    } catch (error) {
      return { ok: false, reason: 'io', message: (error as Error).message }
    }
    return this.openPath(path)
  }

  /**
   * "Save As…" for a read-only workspace: asks for an empty (or new) folder, copies the workspace into it
   * (articles, assets, history, trash, crash journal, settings; never the lock, the index cache or temp
   * files) and opens the copy, writable. The source is only read, so a failure or crash loses nothing.
   */
  async saveAs(): Promise<WorkspaceOpenResult> {
    const path = await this.options.pickFolder('save-as')
    if (!path) return { ok: false, reason: 'cancelled', message: 'no folder was chosen' }
    const source = resolve(this.options.current().root)
    const target = resolve(path)
    if (isInside(target, source) || isInside(source, target)) {
      return { ok: false, reason: 'io', message: `${target} overlaps the open workspace; choose a folder outside it` }
    }
    let before: Set<string> | null = null
    try {
      const refusal = await notEmpty(target, 'a copy of the workspace')
      if (refusal) return refusal
      await mkdir(target, { recursive: true })
      before = new Set(await readdir(target))
      await cp(source, target, {
        recursive: true,
        // The target was checked empty; never overwrite anything that appears there meanwhile.
        force: false,
        filter: (from) => keepInCopy(relative(source, from)),
      })
    } catch (error) {
      // Only what this call copied into the (empty) target is removed; the source is untouched.
      if (before) await clearFolder(target, before).catch(() => undefined)
      return { ok: false, reason: 'io', message: `could not copy the workspace: ${(error as Error).message}` }
    }
    return this.openPath(target)
  }

  /** Reopens a workspace from the recent list. */
  async openRecent(key: string): Promise<WorkspaceOpenResult> {
    const entry = (await this.readRecent()).find((r) => workspaceKey(r.path) === key)
    if (!entry) return { ok: false, reason: 'not-found', message: 'that workspace is no longer in the recent list' }
    return this.openPath(entry.path)
  }

  /** Opens the folder at `path` (which must exist) and switches the services to it. */
  async openPath(path: string): Promise<WorkspaceOpenResult> {
    const root = resolve(path)
    try {
      const info = await stat(root)
      if (!info.isDirectory()) return { ok: false, reason: 'not-found', message: `${root} is not a folder` }
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { ok: false, reason: 'not-found', message: `${root} does not exist` }
      return { ok: false, reason: 'io', message: (error as Error).message }
    }
    const previous = this.options.current()
    if (resolve(previous.root) === root) {
      return { ok: true, info: previous.library.info() }
    }
    let session: WorkspaceSession
    try {
      session = await WorkspaceSession.open(root, { ...this.options.sessionOptions, events: this.options.events })
    } catch (error) {
      return { ok: false, reason: 'io', message: (error as Error).message }
    }
    await previous.close()
    this.options.onSwitch(session)
    // The recent list is written in the background (`recent()` waits for it).
    void this.remember(root).catch(() => undefined)
    const info = session.library.info()
    this.options.events.emit('workspace:changed', info)
    return { ok: true, info }
  }
}

/** A refusal when `path` holds anything but dot-files and empty workspace folders (a missing folder is fine). */
async function notEmpty(path: string, what: string): Promise<WorkspaceOpenResult | null> {
  const entries = await readdir(path).catch((error: unknown) => {
    if (isCode(error, 'ENOENT')) return [] as string[]
    throw error
  })
  if (entries.some((n) => !n.startsWith('.') && n !== 'articles' && n !== 'assets')) {
    return { ok: false, reason: 'io', message: `${path} is not empty; choose an empty folder for ${what}` }
  }
  return null
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

/** What "Save As" leaves behind: the lock and its takeover mutex, the index cache, probes and temp files. */
function keepInCopy(rel: string): boolean {
  const name = basename(rel)
  if (name.endsWith(TEMP_SUFFIX) || name.startsWith('.probe-')) return false
  const parts = rel.split(sep)
  if (parts[0] === STORE_DIR && parts.length === 2) {
    return !([STORE_ENTRIES.lock, STORE_ENTRIES.lockTakeover, STORE_ENTRIES.index] as string[]).includes(name)
  }
  return true
}

async function clearFolder(path: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(path)) {
    if (!keep.has(name)) await rm(join(path, name), { recursive: true, force: true })
  }
}
