import Store from 'electron-store'
import type { UiSettings } from '../../../shared/settings/ui-settings'
import type { UiSettingsStore } from './ui-settings'
import type { SettingsStore, WindowState } from './window-state'

interface Schema {
  windowState?: WindowState
  recentWorkspaces: string[]
}

/** The SettingsStore backed by electron-store (a JSON file in the user-data folder). Only main loads this. */
export function createElectronSettingsStore(options: { cwd?: string } = {}): SettingsStore {
  const store = new Store<Schema>({
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
  const store = new Store<{ ui?: UiSettings }>({
    name: 'ui-settings',
    clearInvalidConfig: false,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  })
  return {
    load: async () => store.get('ui'),
    save: async (settings) => store.set('ui', settings),
  }
}
