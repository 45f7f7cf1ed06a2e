import { dialog, Menu, session, shell, type BrowserWindow } from 'electron'
import { pathToFileURL } from 'node:url'
import { assertNever } from '../../shared/assert-never'
import { CHROMIUM_DICTIONARY_CDN } from '../../shared/settings/ui-settings'
import { type EditorHooks, spellingMenuItems } from './services/editing'
import { createElectronUiSettingsStore } from './settings/electron-settings-store'
import type { SettingsNotices } from './settings/settings-notices'
import type { Spellchecker } from './settings/ui-settings'

/**
 * The platform side of the writing screen: the native image picker, the browser for links (reached only
 * after link-policy.ts allows the URL), Electron's spellchecker and electron-store for UI settings.
 * Electron-only; cannot run on machines without the Electron binary, so it is kept this small.
 */
export function electronEditorHooks(
  getWindow: () => BrowserWindow | null,
  dictionaryFolder: string,
  notices?: SettingsNotices,
): EditorHooks {
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
    spellchecker: electronSpellchecker(dictionaryFolder),
    settingsStore: createElectronUiSettingsStore(notices ? { notices } : {}),
  }
}

/**
 * The dictionary download base for the `spellcheckDownload` setting. Off: a folder inside the app
 * (`<resources>/dictionaries/`), so nothing is fetched from the network; no dictionaries are shipped there, so
 * Windows and Linux show no underlines. On: Google's CDN, set explicitly. macOS uses the system spellchecker and
 * never downloads either way.
 */
export function spellcheckDictionaryURL(download: boolean, dictionaryFolder: string): string {
  return download ? CHROMIUM_DICTIONARY_CDN : `${pathToFileURL(dictionaryFolder).href}/`
}

/** Points Chromium's dictionary downloader per the setting; call before any language is set. */
export function setSpellcheckDownload(download: boolean, dictionaryFolder: string): void {
  session.defaultSession.setSpellCheckerDictionaryDownloadURL(spellcheckDictionaryURL(download, dictionaryFolder))
}

/** Electron's spellchecker on the default session (UiSettingsService decides what to set and when). */
export function electronSpellchecker(dictionaryFolder: string): Spellchecker {
  return {
    available: () => session.defaultSession.availableSpellCheckerLanguages,
    // On macOS the OS spellchecker picks the language itself and this call is a no-op.
    setLanguages: (languages) => session.defaultSession.setSpellCheckerLanguages(languages),
    setDictionaryDownload: (download) => setSpellcheckDownload(download, dictionaryFolder),
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
