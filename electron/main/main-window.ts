import { BrowserWindow, screen, session } from 'electron'
import { join } from 'node:path'
import { APP_ENTRY_URL, isAppUrl } from './security/policy'
import { sanitizeWindowState, type SettingsStore } from './settings/window-state'

/** Creates the main window with the security defaults, restoring its last size and position. */
export function createMainWindow(settings: SettingsStore): BrowserWindow {
  const state = sanitizeWindowState(
    settings.getWindowState(),
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Newsdesk',
    backgroundColor: '#f7f7f5',
    // Written out literally (not built by a helper) so static scanners such as Electronegativity can read it.
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (state.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())

  const devUrl = process.env.ELECTRON_RENDERER_URL
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url) && !(devUrl && url.startsWith(devUrl))) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  const remember = () => {
    if (window.isDestroyed()) return
    const bounds = window.getNormalBounds()
    settings.setWindowState({ ...bounds, maximized: window.isMaximized() })
  }
  window.on('resized', remember)
  window.on('moved', remember)
  window.on('close', remember)

  void window.loadURL(devUrl ?? APP_ENTRY_URL)
  return window
}
