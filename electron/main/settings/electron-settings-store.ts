import { readFileSync } from 'node:fs'
import Store from 'electron-store'
import type { UiSettings } from '../../../shared/settings/ui-settings'
import { writeDurable } from '../services/storage'
import { removeTempsOfSync } from '../services/library'
import { setAsideSettingsFile, SettingsNotices } from './settings-notices'
import type { UiSettingsStore } from './ui-settings'
import type { SettingsStore, WindowState } from './window-state'

interface Schema {
  windowState?: WindowState
  recentWorkspaces?: string[]
}

/** Options of both electron-store backed stores. */
export interface ElectronStoreOptions {
  /** Folder of the settings files (electron-store's `cwd`); the user-data folder when absent. */
  cwd?: string
  /** Where set-aside files and failed writes are reported; one log shared by the app's stores. */
  notices?: SettingsNotices
}

/**
 * Opens an electron-store; a settings file that is not valid JSON (a crash or a full disk while it was written)
 * would make the constructor throw and the app fail to start, so it is moved aside as
 * `<name>.json.corrupt-<time>` (kept for the user, never silently wiped), the move is recorded as a notice the
 * renderer shows, and the store opens with defaults. No `defaults` are given to conf, so it never writes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- electron-store's own constraint on its schema type
function openStore<T extends Record<string, any>>(
  name: string,
  options: ElectronStoreOptions,
  notices: SettingsNotices,
) {
  const storeOptions = { name, clearInvalidConfig: false, ...(options.cwd ? { cwd: options.cwd } : {}) }
  try {
    return new Store<T>(storeOptions)
  } catch (error) {
    const path = error instanceof SyntaxError ? /`([^`]+\.json)`/.exec(error.message)?.[1] : undefined
    if (!path) throw error
    setAsideSettingsFile(path, readFileSync(path, 'latin1'), notices)
    return new Store<T>(storeOptions)
  }
}

/**
 * electron-store keeps reading, paths and JSON; writing goes through the project's writeDurable instead of
 * conf's own `atomically.writeFileSync`, which (atomically 2.1.1 under conf 16.0.0, read in node_modules) writes
 * with one unchecked `writeSync`, never checks the size before the rename, never fsyncs the folder, and falls
 * back to an in-place overwrite on EXDEV: on a full disk it promotes a truncated file (measured: on a 3 MiB
 * tmpfs, overwriting a 1 MiB file with a 2.5 MiB one returned success and left a 2,093,056-byte file; see
 * writeDurable in services/storage/durable-write.ts). conf has no write hook, so the store's contents are kept here in memory
 * (read once from conf) and every change is written whole, in order; a failed write leaves the previous file
 * intact and is reported as a notice.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- electron-store's own constraint on its schema type
function durableStore<T extends Record<string, any>>(name: string, options: ElectronStoreOptions) {
  const notices = options.notices ?? new SettingsNotices()
  const store = openStore<T>(name, options, notices)
  // Temps of writes a kill interrupted: never acknowledged, so the file on disk is the last good state.
  removeTempsOfSync(store.path)
  let current: T = { ...store.store }
  let queue: Promise<void> = Promise.resolve()
  return {
    get: <K extends keyof T>(key: K): T[K] => current[key],
    /** Sets one key and writes the whole file; resolves when it is on disk, rejects (after recording) on failure. */
    set: <K extends keyof T>(key: K, value: T[K]): Promise<void> => {
      current = { ...current, [key]: value }
      const text = `${JSON.stringify(current, undefined, '\t')}\n`
      const write = queue.then(() => writeDurable(store.path, text))
      queue = write.catch((error: unknown) => {
        notices.writeFailed(store.path, error)
      })
      return write
    },
    /** Resolves when every write asked for so far has landed or failed (and been recorded). */
    flush: () => queue,
  }
}

/** The SettingsStore backed by electron-store (a JSON file in the user-data folder). Only main loads this. */
export function createElectronSettingsStore(options: ElectronStoreOptions = {}): SettingsStore {
  const store = durableStore<Schema>('settings', options)
  // Window moves and resizes call these from event handlers: a failure is recorded as a notice, never thrown.
  const quiet = (write: Promise<void>) => void write.catch(() => undefined)
  return {
    getWindowState: () => store.get('windowState'),
    setWindowState: (state) => quiet(store.set('windowState', state)),
    getRecentWorkspaces: () => {
      const value = store.get('recentWorkspaces')
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
    },
    setRecentWorkspaces: (paths) => quiet(store.set('recentWorkspaces', paths.slice(0, 10))),
    flush: store.flush,
  }
}

/** The UiSettingsStore backed by electron-store (its own `ui-settings.json` in the user-data folder). */
export function createElectronUiSettingsStore(options: ElectronStoreOptions = {}): UiSettingsStore {
  const notices = options.notices ?? new SettingsNotices()
  const store = durableStore<{ ui?: UiSettings }>('ui-settings', { ...options, notices })
  return {
    load: async () => store.get('ui'),
    save: (settings) => store.set('ui', settings),
    notices,
  }
}
