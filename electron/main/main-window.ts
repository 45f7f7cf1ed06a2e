import { BrowserWindow, screen, session } from 'electron'
import { join } from 'node:path'
import { APP_ENTRY_URL, isAppUrl } from './security/policy'
import { fitToWorkArea, sanitizeWindowState, type SettingsStore } from './settings/window-state'

/** Smallest window the three panes fit in (smaller only when the display's work area is). */
const MIN_SIZE = { width: 900, height: 600 }
/** Window moves and resizes are written this long after the last one. */
const REMEMBER_DELAY_MS = 500

/** Creates the main window with the security defaults, restoring its last size and position. */
export function createMainWindow(settings: SettingsStore): BrowserWindow {
  const saved = sanitizeWindowState(
    settings.getWindowState(),
    screen.getAllDisplays().map((d) => d.workArea),
  )
  // The display the window will open on: where it was, else the primary one (a 1280×680 work area is common).
  const workArea =
    saved.x !== undefined && saved.y !== undefined
      ? screen.getDisplayMatching({ x: saved.x, y: saved.y, width: saved.width, height: saved.height }).workArea
      : screen.getPrimaryDisplay().workArea
  const state = fitToWorkArea(saved, workArea)
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: Math.min(MIN_SIZE.width, workArea.width),
    minHeight: Math.min(MIN_SIZE.height, workArea.height),
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
  // maximize() shows the window, so it waits for the first paint as show() does (no early, unfocused frame).
  window.once('ready-to-show', () => (state.maximized ? window.maximize() : window.show()))

  const devUrl = process.env.ELECTRON_RENDERER_URL
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  // The details object's url (the positional url argument is deprecated).
  window.webContents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url) && !(devUrl && event.url.startsWith(devUrl))) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  const remember = () => {
    if (window.isDestroyed()) return
    const bounds = window.getNormalBounds()
    settings.setWindowState({ ...bounds, maximized: window.isMaximized() })
  }
  // 'resize' and 'move' fire on every platform ('resized' and 'moved' only on macOS and Windows): written once
  // they stop, and at close.
  let timer: ReturnType<typeof setTimeout> | undefined
  const rememberSoon = () => {
    clearTimeout(timer)
    timer = setTimeout(remember, REMEMBER_DELAY_MS)
  }
  window.on('resize', rememberSoon)
  window.on('move', rememberSoon)
  window.on('close', () => {
    clearTimeout(timer)
    remember()
  })

  void window.loadURL(devUrl ?? APP_ENTRY_URL)
  return window
}
