import { app, BrowserWindow, dialog, protocol } from 'electron'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { installAppMenu } from './app-menu'
import { APP_USER_MODEL_ID } from './app-identity'
import { electronEditorHooks, installSpellingContextMenu, setSpellcheckDownload } from './editor-hooks'
import { createHandlers } from './ipc/handlers'
import { dropUncheckedListeners, registerHandlers, sendEvent } from './ipc/register-handlers'
import { createMainWindow } from './main-window'
import { createPdfPrinter } from './pdf-printer'
import { serveAppRequest } from './security/app-protocol'
import { APP_SCHEME } from './security/policy'
import { createServices } from './services'
import { appDriverCommand } from './services/sync'
import { createBeforeQuitHandler, settleWithin } from './services/editing'
import { createElectronSettingsStore } from './settings/electron-settings-store'
import { SettingsNotices } from './settings/settings-notices'
import { normalizeUiSettings } from '../../shared/settings/ui-settings'

// Composition root: paths, services, handlers, window. Logic lives in the plain modules it wires.
const userDataOverride = process.env.NEWSDESK_USER_DATA
if (userDataOverride) {
  // app.setPath throws for a folder that does not exist yet. Sync: top level, before anything else runs.
  mkdirSync(userDataOverride, { recursive: true })
  app.setPath('userData', userDataOverride)
}
// Windows groups taskbar entries and notifications by this id; it must equal electron-builder.yml's appId.
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
])

let mainWindow: BrowserWindow | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(start).catch(failToStart)
}

/**
 * A throw before the app could run (settings not readable, the window not created): say why, give the
 * single-instance lock back and end the process, so the next launch is not silently refused by a windowless one.
 */
function failToStart(error: unknown): void {
  console.error('Newsdesk could not start:', error)
  try {
    dialog.showErrorBox('Newsdesk could not start', error instanceof Error ? error.message : String(error))
  } finally {
    app.releaseSingleInstanceLock()
    // exit, not quit: a quit handler installed before the throw must not hold a process that cannot work.
    app.exit(1)
  }
}

async function start(): Promise<void> {
  const rendererDir = join(import.meta.dirname, '../renderer')
  protocol.handle(APP_SCHEME, async (request) => {
    const response = await serveAppRequest(rendererDir, request.url)
    return new Response(response.body as ConstructorParameters<typeof Response>[0], {
      status: response.status,
      headers: response.headers,
    })
  })
  // Packaged builds carry the sample workspace as an extra resource; in development it is in assets/.
  const packagedSample = join(process.resourcesPath, 'sample-workspace')
  const sampleDir = existsSync(packagedSample) ? packagedSample : join(app.getAppPath(), 'assets', 'sample-workspace')
  // One log for both settings files, so a damaged one found by either store reaches the renderer's notices.
  const settingsNotices = new SettingsNotices()
  const settings = createElectronSettingsStore({ notices: settingsNotices })
  // Spellcheck dictionaries come only from the app's own folder unless the user turned on the
  // `spellcheckDownload` setting (off by default; SECURITY.md). The offline source is set first, so nothing can
  // leave before the setting is read; then the stored setting, before the window exists (and before any
  // language is set: UiSettingsService.spellcheck applies it again right before each language).
  const dictionaryFolder = join(process.resourcesPath, 'dictionaries')
  setSpellcheckDownload(false, dictionaryFolder)
  const editorHooks = electronEditorHooks(() => mainWindow, dictionaryFolder, settingsNotices)
  const storedUi = await editorHooks.settingsStore?.load().catch(() => undefined)
  if (normalizeUiSettings(storedUi).spellcheckDownload) setSpellcheckDownload(true, dictionaryFolder)
  // The window loads while the services open (a 50,000-article index takes about half a second): the
  // handlers are registered at once over the services' promise, so an early call waits for them.
  const servicesReady = createServices(
    {
      userData: app.getPath('userData'),
      sampleDir,
      // git runs the merge driver as this very binary in Node mode on the CLI bundle built beside this one.
      syncDriver: appDriverCommand(process.execPath, import.meta.dirname),
      // The only place workspace folders are chosen: a native dialog; services take the path it returns.
      pickFolder: async (purpose) => {
        const options: Electron.OpenDialogOptions = {
          properties: purpose === 'open' ? ['openDirectory'] : ['openDirectory', 'createDirectory'],
        }
        const result = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options)
        return result.canceled ? null : (result.filePaths[0] ?? null)
      },
      // Export and import paths likewise come only from native dialogs; the renderer never sends a path.
      pickDestination: async (suggestedName, kind) => {
        const options: Electron.SaveDialogOptions = {
          defaultPath: suggestedName,
          properties: ['createDirectory', 'showOverwriteConfirmation'],
          ...(kind === 'zip' ? { filters: [{ name: 'Zip', extensions: ['zip'] }] } : {}),
          ...(kind === 'pdf' ? { filters: [{ name: 'PDF', extensions: ['pdf'] }] } : {}),
        }
        const result = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options)
        return result.canceled ? null : (result.filePath ?? null)
      },
      pickSources: async (pick) => {
        // Linux and Windows dialogs cannot offer files and folders at once, so the renderer says which.
        const options: Electron.OpenDialogOptions =
          pick === 'folder'
            ? { properties: ['openDirectory'] }
            : {
                properties: ['openFile', 'multiSelections'],
                filters: [{ name: 'Markdown, JSON or Zip', extensions: ['md', 'markdown', 'json', 'zip'] }],
              }
        const result = mainWindow
          ? await dialog.showOpenDialog(mainWindow, options)
          : await dialog.showOpenDialog(options)
        return result.canceled ? [] : result.filePaths
      },
    },
    editorHooks,
  )
  const handlersReady = servicesReady.then((services) => createHandlers(services))
  handlersReady.catch(() => undefined) // a failed open is reported below; each call then fails with its error
  registerHandlers(handlersReady, (contents) => contents === mainWindow?.webContents)
  // electron-store's constructor answered 'electron-store-get-data' for any sender; the app needs none of it.
  dropUncheckedListeners()
  installAppMenu((command) => {
    if (mainWindow) sendEvent(mainWindow.webContents, 'menu:command', command)
  })
  mainWindow = createMainWindow(settings)
  mainWindow.on('closed', () => {
    mainWindow = null
  })
  let services: Awaited<typeof servicesReady>
  try {
    services = await servicesReady
  } catch (error) {
    // Nothing to list and nothing to save into: say why (the folders, the lock, the disk) and stop.
    dialog.showErrorBox('Newsdesk could not open its workspace', error instanceof Error ? error.message : String(error))
    app.quit()
    return
  }
  services.events.subscribe((event, ...args) => {
    if (mainWindow) sendEvent(mainWindow.webContents, event, ...args)
  })
  // Electron does not wait for a promise in will-quit: the quit is held (at most 5 s) until the services are
  // closed and the last settings write (window state) has landed, then asked for again.
  app.on(
    'will-quit',
    createBeforeQuitHandler(
      () => settleWithin(services.dispose().then(() => settings.flush?.())),
      () => app.quit(),
      (result) => {
        if (result.kind !== 'flushed') console.warn('quit: services or settings not closed', result)
      },
    ),
  )
  // Quit, and closing the window (which quits here, before before-quit could ask anything), wait, bounded, for
  // the renderer to save the open article; a failed save stays in the crash journal. One handler for both, so
  // the save is asked for once; when it settles the app quits (every window close quits this app).
  const holdForSave = createBeforeQuitHandler(
    () => (mainWindow ? services.quitFlush.request() : Promise.resolve({ kind: 'no-window' as const })),
    () => app.quit(),
    (result) => {
      if (result.kind !== 'flushed' && result.kind !== 'no-window') console.warn('quit: article not saved', result)
    },
  )
  app.on('before-quit', holdForSave)
  services.preview.setPrinter(createPdfPrinter())
  if (mainWindow) {
    installSpellingContextMenu(mainWindow, async () => (await services.settings.get()).uiLanguage)
    mainWindow.on('close', holdForSave)
    // Windows log-off and shutdown send no before-quit. query-session-end can be held (Windows shows "Newsdesk is
    // preventing shutdown" until the save lands and the app quits); session-end cannot, so it only starts the save
    // in case the query was not delivered.
    mainWindow.on('query-session-end', holdForSave)
    mainWindow.on('session-end', holdForSave)
  }
}
