import Store from 'electron-store'
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
