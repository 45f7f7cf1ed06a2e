import { app, BrowserWindow, protocol } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { installAppMenu } from './app-menu'
import { createHandlers } from './ipc/handlers'
import { registerHandlers, sendEvent } from './ipc/register-handlers'
import { createMainWindow } from './main-window'
import { serveAppRequest } from './security/app-protocol'
import { APP_SCHEME } from './security/policy'
import { createServices } from './services'
import { createElectronSettingsStore } from './settings/electron-settings-store'

// Composition root: paths, services, handlers, window. Logic lives in the plain modules it wires.
if (process.env.NEWSDESK_USER_DATA) app.setPath('userData', process.env.NEWSDESK_USER_DATA)

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
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
  void app.whenReady().then(start)
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
  const services = await createServices({ userData: app.getPath('userData'), sampleDir })
  const settings = createElectronSettingsStore()
  registerHandlers(createHandlers(services), (contents) => contents === mainWindow?.webContents)
  installAppMenu((command) => {
    if (mainWindow) sendEvent(mainWindow.webContents, 'menu:command', command)
  })
  mainWindow = createMainWindow(settings)
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}
