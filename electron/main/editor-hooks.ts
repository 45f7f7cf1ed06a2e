import { dialog, Menu, session, shell, type BrowserWindow } from 'electron'
import { pathToFileURL } from 'node:url'
import { assertNever } from '../../shared/assert-never'
import { type EditorHooks, spellingMenuItems } from './services/editing'
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
 * On Windows and Linux Chromium fetches Hunspell dictionaries from Google's CDN the first time a language is
 * used; SECURITY.md promises that no request leaves the app. The download base is pointed at a folder inside
 * the app instead (`<resources>/dictionaries/`, where en and es `.bdic` files with their licences would be
 * shipped): nothing is fetched from the network. Until dictionaries are shipped there, Windows and Linux show
 * no underlines; macOS uses the system spellchecker and never downloads. Call before any language is set.
 */
export function keepSpellcheckOffline(dictionaryFolder: string): void {
  session.defaultSession.setSpellCheckerDictionaryDownloadURL(`${pathToFileURL(dictionaryFolder).href}/`)
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
