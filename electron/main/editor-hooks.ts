import { dialog, Menu, session, shell, type BrowserWindow } from 'electron'
import { assertNever } from '../../shared/listing/listing'
import type { EditorHooks } from './services/editor-services'
import { spellingMenuItems } from './services/spelling-menu'
import { createElectronUiSettingsStore } from './settings/electron-settings-store'
import type { SettingsNotices } from './settings/settings-notices'

/**
 * The platform side of the writing screen: the native image picker, the browser for links (reached only
 * after link-policy.ts allows the URL), Electron's spellchecker and electron-store for UI settings.
 * Electron-only; cannot run on machines without the Electron binary, so it is kept this small.
 */
export function electronEditorHooks(getWindow: () => BrowserWindow | null, notices?: SettingsNotices): EditorHooks {
  return {
    pickImageFile: async () => {
      const options: Electron.OpenDialogOptions = {
        properties: ['openFile'],
        filters: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp'] }],
      }
      const window = getWindow()
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    openExternal: (url) => shell.openExternal(url, { activate: true }),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    spellchecker: {
      available: () => session.defaultSession.availableSpellCheckerLanguages,
      // On macOS the OS spellchecker picks the language itself and this call is a no-op.
      setLanguages: (languages) => session.defaultSession.setSpellCheckerLanguages(languages),
    },
    settingsStore: createElectronUiSettingsStore(notices ? { notices } : {}),
  }
}

/**
 * Spelling suggestions (and "Add to dictionary") in the editor's context menu; Electron shows none by default.
 * The menu's content comes from spellingMenuItems (unit-tested); this only maps it to Electron's menu.
 */
export function installSpellingContextMenu(window: BrowserWindow, uiLanguage: () => Promise<string>): void {
  window.webContents.on('context-menu', (_event, params) => {
    void uiLanguage()
      .catch(() => 'en')
      .then((language) => {
        const items = spellingMenuItems(params, language)
        if (!items || window.isDestroyed()) return
        const template = items.map((item): Electron.MenuItemConstructorOptions => {
          switch (item.kind) {
            case 'replace':
              return { label: item.label, click: () => window.webContents.replaceMisspelling(item.word) }
            case 'add-to-dictionary':
              return {
                label: item.label,
                click: () => window.webContents.session.addWordToSpellCheckerDictionary(item.word),
              }
            case 'no-suggestions':
              return { label: item.label, enabled: false }
            case 'separator':
              return { type: 'separator' }
            case 'role':
              return { role: item.role }
            default:
              return assertNever(item)
          }
        })
        Menu.buildFromTemplate(template).popup({ window })
      })
  })
}
