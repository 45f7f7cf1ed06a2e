import { dialog, Menu, session, shell, type BrowserWindow } from 'electron'
import type { EditorHooks } from './services/editor-services'
import { createElectronUiSettingsStore } from './settings/electron-settings-store'

/**
 * The platform side of the writing screen: the native image picker, the browser for links (reached only
 * after link-policy.ts allows the URL), Electron's spellchecker and electron-store for UI settings.
 * Electron-only; cannot run on machines without the Electron binary, so it is kept this small.
 */
export function electronEditorHooks(getWindow: () => BrowserWindow | null): EditorHooks {
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
    spellchecker: {
      available: () => session.defaultSession.availableSpellCheckerLanguages,
      // On macOS the OS spellchecker picks the language itself and this call is a no-op.
      setLanguages: (languages) => session.defaultSession.setSpellCheckerLanguages(languages),
    },
    settingsStore: createElectronUiSettingsStore(),
  }
}

/** Spelling suggestions (and "Add to dictionary") in the editor's context menu; Electron shows none by default. */
export function installSpellingContextMenu(window: BrowserWindow): void {
  window.webContents.on('context-menu', (_event, params) => {
    if (!params.isEditable) return
    const items: Electron.MenuItemConstructorOptions[] = params.dictionarySuggestions.map((word) => ({
      label: word,
      click: () => window.webContents.replaceMisspelling(word),
    }))
    if (params.misspelledWord) {
      items.push({
        label: 'Add to dictionary',
        click: () => window.webContents.session.addWordToSpellCheckerDictionary(params.misspelledWord),
      })
    }
    if (items.length > 0) items.push({ type: 'separator' })
    items.push({ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' })
    Menu.buildFromTemplate(items).popup({ window })
  })
}
