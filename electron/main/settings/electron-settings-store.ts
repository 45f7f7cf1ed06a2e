import { renameSync } from 'node:fs'
import Store from 'electron-store'
import type { UiSettings } from '../../../shared/settings/ui-settings'
import type { UiSettingsStore } from './ui-settings'
import type { SettingsStore, WindowState } from './window-state'

interface Schema {
  windowState?: WindowState
  recentWorkspaces: string[]
}

/**
 * Opens an electron-store; a settings file that is not valid JSON (a crash or a full disk while conf wrote it)
 * would make the constructor throw and the app fail to start, so it is moved aside as
 * `<name>.json.corrupt-<time>` (kept for the user, never silently wiped) and the store opens with defaults.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- electron-store's own constraint on its schema type
function openStore<T extends Record<string, any>>(options: ConstructorParameters<typeof Store<T>>[0]): Store<T> {
  try {
    return new Store<T>(options)
  } catch (error) {
    const path = error instanceof SyntaxError ? /`([^`]+\.json)`/.exec(error.message)?.[1] : undefined
    if (!path) throw error
    renameSync(path, `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`)
    return new Store<T>(options)
  }
}

/** The SettingsStore backed by electron-store (a JSON file in the user-data folder). Only main loads this. */
export function createElectronSettingsStore(options: { cwd?: string } = {}): SettingsStore {
  const store = openStore<Schema>({
    name: 'settings',
    defaults: { recentWorkspaces: [] },
    clearInvalidConfig: false,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  })
  return {
    getWindowState: () => store.get('windowState'),
    setWindowState: (state) => store.set('windowState', state),
    getRecentWorkspaces: () => {
      const value = store.get('recentWorkspaces')
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
    },
    setRecentWorkspaces: (paths) => store.set('recentWorkspaces', paths.slice(0, 10)),
  }
}

/** The UiSettingsStore backed by electron-store (its own `ui-settings.json` in the user-data folder). */
export function createElectronUiSettingsStore(options: { cwd?: string } = {}): UiSettingsStore {
  const store = openStore<{ ui?: UiSettings }>({
    name: 'ui-settings',
    clearInvalidConfig: false,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  })
  return {
    load: async () => store.get('ui'),
    save: async (settings) => store.set('ui', settings),
  }
}
