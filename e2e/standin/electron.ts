// The module `electron` as the BUILT main process (out/main/index.js) sees it under the electron-standin e2e
// launcher. It runs in a child process under Node (resolve-hook.ts maps the specifier `electron` here); every
// window is a Chromium page that the test process drives with Playwright, reached over Node's IPC channel with
// the V8 serializer (structured clone, as Electron's IPC). Only what the app uses is implemented, each part typed
// against the installed electron.d.ts (`Pick<Electron.X, ...>`), so a signature that drifts fails `tsc -b`.
//
// Lifecycle rules enforced here (each as Electron 45 documents it):
// 1. `ready` is emitted once, after the main script's top level has run; `whenReady()` resolves then.
//    https://www.electronjs.org/docs/latest/api/app#event-ready
// 2. `protocol.registerSchemesAsPrivileged` throws once the app is ready, and may be called only once.
//    https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes
// 3. `protocol.handle` and `new BrowserWindow` throw before `ready`.
//    https://www.electronjs.org/docs/latest/api/protocol (the module "can only be used after the ready event")
//    https://www.electronjs.org/docs/latest/api/browser-window ("cannot be used until the ready event")
// 4. `app.setPath` throws when the folder does not exist.
//    https://www.electronjs.org/docs/latest/api/app#appsetpathname-path
// 5. `app.quit()`: `before-quit` (preventable) -> every window gets `close` (preventable; one prevention cancels
//    the quit) then `closed` -> `will-quit` (preventable) -> `quit` -> exit. `window-all-closed` is NOT emitted
//    during a quit. Calling quit again after a prevention starts over with `before-quit`.
//    https://www.electronjs.org/docs/latest/api/app#event-before-quit
//    https://www.electronjs.org/docs/latest/api/app#event-will-quit
//    https://www.electronjs.org/docs/latest/api/app#event-window-all-closed
// 6. The user closing the last window: `close` (preventable) -> `closed` -> `window-all-closed`; with no
//    listener for it the app quits (rule 5).  https://www.electronjs.org/docs/latest/api/browser-window#event-close
// 7. `app.exit(code)` ends at once: no `before-quit`, no `will-quit`, windows are not asked.
//    https://www.electronjs.org/docs/latest/api/app#appexitexitcode
// 8. Windows log-off / shutdown: every window gets `query-session-end` (preventable: it delays the shutdown),
//    then `session-end`, which cannot be prevented; `before-quit` is NOT emitted. The stand-in then ends the
//    process as Windows does: at once if no window delayed the shutdown, else after SESSION_END_GRACE_MS (the
//    user pressing "Shut down anyway"), unless the app has quit by itself before.
//    https://www.electronjs.org/docs/latest/api/browser-window#event-query-session-end-windows
//    https://www.electronjs.org/docs/latest/api/browser-window#event-session-end-windows
//    https://www.electronjs.org/docs/latest/api/app#event-before-quit ("not emitted ... shutdown/restart ... logout")
// 9. `app.requestSingleInstanceLock()` is false while another live process holds the lock for the same
//    userData; the lock is released when the holding process exits (never while it lingers).
//    https://www.electronjs.org/docs/latest/api/app#apprequestsingleinstancelockadditionaldata
// 10. `ipcMain.handle` twice for one channel throws; an invoke with no handler, or a handler that throws or
//    rejects, reaches the renderer as "Error invoking remote method '<channel>': <error.toString()>" and main
//    logs "Error occurred in handler for '<channel>':". Arguments and results are structured-cloned.
//    https://www.electronjs.org/docs/latest/api/ipc-main#ipcmainhandlechannel-listener
//    https://www.electronjs.org/docs/latest/api/ipc-renderer#ipcrendererinvokechannel-args
// 11. Unhandled promise rejections in main are logged, not fatal (the child runs with --unhandled-rejections=warn).
//    https://www.electronjs.org/docs/latest/tutorial/process-model#the-main-process
import type { App } from 'electron'
import { EventEmitter } from 'node:events'
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import type { ChildMessage, DialogAnswer, ParentMessage, StandinWindowOptions } from './messages.ts'
import { pendingRequests } from './requests.ts'

/** How long a shutdown delayed by query-session-end waits before the process is ended anyway. */
export const SESSION_END_GRACE_MS = 5000

const APP_ROOT = resolve(process.env.NEWSDESK_STANDIN_APP_ROOT ?? process.cwd())
const HOME = process.env.NEWSDESK_STANDIN_HOME ?? homedir()

// What Electron's main process has that plain Node has not.
Object.assign(process, { type: 'browser', resourcesPath: join(APP_ROOT, 'node_modules', 'electron', 'dist', 'resources') })
Object.assign(process.versions, { electron: '45.4.1', chrome: 'standin' })

function post(message: ChildMessage): void {
  if (process.send && process.connected) process.send(message)
}

const requests = pendingRequests(post)
/** Asks the test process for something (a dialog answer, a page load) and waits for its reply. */
function ask<T>(build: (rid: number) => ChildMessage): Promise<T> {
  return requests.ask<T>(build)
}

/** An Electron event: preventable, with the extra fields a given event carries. */
function electronEvent<T extends object>(extra: T = {} as T) {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
    ...extra,
  }
  return event
}

function lifecycle(name: string): void {
  post({ t: 'lifecycle', event: name })
}

// ---------------------------------------------------------------------------------------------------- app

type AppPart = Pick<
  App,
  | 'getPath'
  | 'setPath'
  | 'getAppPath'
  | 'getName'
  | 'getVersion'
  | 'whenReady'
  | 'isReady'
  | 'quit'
  | 'exit'
  | 'requestSingleInstanceLock'
  | 'releaseSingleInstanceLock'
  | 'setAppUserModelId'
  | 'getLocale'
  | 'focus'
>

class StandinApp extends EventEmitter implements AppPart {
  isPackaged = false
  private ready = false
  private readyPromise: Promise<void>
  private markReady: () => void = () => undefined
  private quitting: 'no' | 'closing' | 'done' = 'no'
  private paths = new Map<string, string>()
  private lockFile: string | null = null
  private packageJson: { name?: string; productName?: string; version?: string } = JSON.parse(
    readFileSync(join(APP_ROOT, 'package.json'), 'utf8'),
  ) as { name?: string; productName?: string; version?: string }

  constructor() {
    super()
    this.readyPromise = new Promise((r) => (this.markReady = r))
    const appData = process.platform === 'win32' ? join(HOME, 'AppData', 'Roaming') : join(HOME, '.config')
    this.paths.set('home', HOME)
    this.paths.set('appData', appData)
    this.paths.set('userData', join(appData, this.getName()))
    this.paths.set('temp', process.env.TMPDIR ?? '/tmp')
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (typeof event === 'string') lifecycle(`app:${event}`)
    return super.emit(event, ...args)
  }

  /** Rule 1: emitted once, after the main script's top level ran. */
  becomeReady(): void {
    this.ready = true
    this.emit('will-finish-launching')
    this.markReady()
    this.emit('ready', electronEvent(), {})
  }

  getPath(name: Parameters<App['getPath']>[0]): string {
    const path = this.paths.get(name)
    if (!path) throw new Error(`Failed to get '${name}' path`)
    return path
  }

  /** Rule 4: a folder that does not exist is refused, as Electron refuses it. */
  setPath(name: Parameters<App['setPath']>[0], path: string): void {
    let isDir: boolean
    try {
      isDir = statSync(path).isDirectory()
    } catch {
      isDir = false
    }
    if (!isDir) throw new Error(`Failed to set path`)
    this.paths.set(name, path)
  }

  getAppPath(): string {
    return APP_ROOT
  }
  getName(): string {
    return this.packageJson.productName ?? this.packageJson.name ?? 'Electron'
  }
  getVersion(): string {
    return this.packageJson.version ?? '0.0.0'
  }
  getLocale(): string {
    return 'en-US'
  }
  focus(): void {}
  setAppUserModelId(id: string): void {
    post({ t: 'record', key: 'appUserModelId', value: id })
  }
  whenReady(): Promise<void> {
    return this.readyPromise
  }
  isReady(): boolean {
    return this.ready
  }

  /** Rule 9: one live holder per userData folder; a lock left by a dead process is taken over. */
  requestSingleInstanceLock(): boolean {
    const file = join(this.getPath('userData'), 'SingletonLock')
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
    } catch {
      const holder = Number(readFileSync(file, 'utf8'))
      if (holder && holder !== process.pid && alive(holder)) return false
      writeFileSync(file, String(process.pid))
    }
    this.lockFile = file
    process.on('exit', () => this.releaseSingleInstanceLock())
    return true
  }

  releaseSingleInstanceLock(): void {
    if (!this.lockFile) return
    try {
      unlinkSync(this.lockFile) // sync: runs in the process's 'exit' handler
    } catch {
      // already gone
    }
    this.lockFile = null
  }

  /** Rule 5. */
  quit(): void {
    if (this.quitting !== 'no') return
    const beforeQuit = electronEvent()
    this.emit('before-quit', beforeQuit)
    if (beforeQuit.defaultPrevented) return
    this.quitting = 'closing'
    for (const window of [...windows.values()]) {
      if (!window.close()) {
        this.quitting = 'no'
        return
      }
    }
    const willQuit = electronEvent()
    this.emit('will-quit', willQuit)
    if (willQuit.defaultPrevented) {
      this.quitting = 'no'
      return
    }
    this.quitting = 'done'
    this.emit('quit', electronEvent(), 0)
    setImmediate(() => process.exit(0))
  }

  /** Rule 7. */
  exit(exitCode = 0): void {
    for (const window of [...windows.values()]) window.destroy()
    process.exit(exitCode)
  }

  /** Rule 6: the last window closed outside a quit. */
  lastWindowClosed(): void {
    if (this.quitting !== 'no') return
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed')
    else this.quit()
  }

  /** Rule 8. */
  async sessionEnd(reasons: Electron.WindowSessionEndEvent['reasons']): Promise<void> {
    let delayed = false
    for (const window of [...windows.values()]) {
      const query = electronEvent({ reasons })
      window.emit('query-session-end', query)
      delayed ||= query.defaultPrevented
    }
    if (delayed) {
      lifecycle('standin:shutdown-delayed')
      await new Promise((r) => setTimeout(r, SESSION_END_GRACE_MS))
    }
    for (const window of [...windows.values()]) window.emit('session-end', electronEvent({ reasons }))
    lifecycle('standin:session-ended')
    process.kill(process.pid, 'SIGKILL')
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export const app = new StandinApp()
// Rule 1: the main script's top level runs synchronously after this module; ready comes after it.
setTimeout(() => app.becomeReady(), 0)

// ---------------------------------------------------------------------------------------------------- protocol

type ProtocolPart = Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'>
const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>()
let schemesRegistered = false

export const protocol: ProtocolPart = {
  /** Rule 2. */
  registerSchemesAsPrivileged(schemes) {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    if (schemesRegistered) throw new Error('protocol.registerSchemesAsPrivileged can only be called once')
    schemesRegistered = true
    post({ t: 'record', key: 'privilegedSchemes', value: schemes })
  },
  /** Rule 3. */
  handle(scheme, handler) {
    if (!app.isReady()) throw new Error('protocol.handle must be called after app is ready')
    if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`)
    protocolHandlers.set(scheme, handler as (request: Request) => Response | Promise<Response>)
  },
  unhandle(scheme) {
    protocolHandlers.delete(scheme)
  },
  isProtocolHandled(scheme) {
    return protocolHandlers.has(scheme)
  },
}

// ---------------------------------------------------------------------------------------------------- session

const spellcheck = { languages: [] as string[], downloadUrl: null as string | null }
type SessionPart = Pick<
  Electron.Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setSpellCheckerLanguages'
  | 'getSpellCheckerLanguages'
  | 'setSpellCheckerDictionaryDownloadURL'
  | 'addWordToSpellCheckerDictionary'
  | 'availableSpellCheckerLanguages'
>
const defaultSession: SessionPart = {
  setPermissionRequestHandler(handler) {
    post({ t: 'record', key: 'permissionRequestHandler', value: handler !== null })
  },
  setPermissionCheckHandler(handler) {
    post({ t: 'record', key: 'permissionCheckHandler', value: handler !== null })
  },
  setSpellCheckerLanguages(languages) {
    spellcheck.languages = [...languages]
    post({ t: 'record', key: 'spellCheckerLanguages', value: languages })
  },
  getSpellCheckerLanguages() {
    return spellcheck.languages
  },
  setSpellCheckerDictionaryDownloadURL(url) {
    spellcheck.downloadUrl = url
    post({ t: 'record', key: 'spellCheckerDictionaryDownloadURL', value: url })
  },
  addWordToSpellCheckerDictionary(word) {
    post({ t: 'record', key: 'addWordToSpellCheckerDictionary', value: word })
    return true
  },
  availableSpellCheckerLanguages: ['en-GB', 'en-US', 'es', 'es-ES', 'fr', 'de'],
}
export const session = { defaultSession }

// ---------------------------------------------------------------------------------------------------- screen

interface StandinDisplay {
  id: number
  bounds: Electron.Rectangle
  workArea: Electron.Rectangle
  scaleFactor: number
}
/** Displays from NEWSDESK_STANDIN_DISPLAYS (JSON [{bounds, workArea}]), else one 1920×1080 display. */
const displays: StandinDisplay[] = (
  JSON.parse(
    process.env.NEWSDESK_STANDIN_DISPLAYS ??
      '[{"bounds":{"x":0,"y":0,"width":1920,"height":1080},"workArea":{"x":0,"y":0,"width":1920,"height":1040}}]',
  ) as Omit<StandinDisplay, 'id' | 'scaleFactor'>[]
).map((d, i) => ({ id: i + 1, scaleFactor: 1, ...d }))

type ScreenPart = Pick<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getDisplayMatching' | 'getDisplayNearestPoint'>
const asDisplay = (d: StandinDisplay) => d as unknown as Electron.Display
export const screen: ScreenPart = {
  getAllDisplays: () => displays.map(asDisplay),
  getPrimaryDisplay: () => asDisplay(displays[0] as StandinDisplay),
  getDisplayMatching: (rect) => asDisplay(displays.find((d) => overlaps(d.bounds, rect)) ?? (displays[0] as StandinDisplay)),
  getDisplayNearestPoint: (point) =>
    asDisplay(displays.find((d) => overlaps(d.bounds, { ...point, width: 1, height: 1 })) ?? (displays[0] as StandinDisplay)),
}
function overlaps(a: Electron.Rectangle, b: Electron.Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

// ---------------------------------------------------------------------------------------------------- windows

const windows = new Map<number, StandinBrowserWindow>()
let nextWindowId = 1
let lastPreload: string | null = null

type WebContentsPart = Pick<
  Electron.WebContents,
  'id' | 'send' | 'isDestroyed' | 'getURL' | 'setWindowOpenHandler' | 'replaceMisspelling' | 'printToPDF'
>

class StandinWebContents extends EventEmitter implements WebContentsPart {
  readonly id: number
  readonly session = defaultSession
  url = ''
  destroyed = false
  openHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null

  constructor(id: number) {
    super()
    this.id = id
  }

  /** Structured clone happens in process.send (the V8 serializer): a function argument throws here as in Electron. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    post({ t: 'send', id: this.id, channel, args })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  getURL(): string {
    return this.url
  }
  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.openHandler = handler
  }
  replaceMisspelling(word: string): void {
    post({ t: 'record', key: 'replaceMisspelling', value: word })
  }
  printToPDF(): Promise<Buffer> {
    return Promise.reject(new Error('printToPDF is not emulated by the electron stand-in'))
  }
}

type WindowPart = Pick<
  Electron.BrowserWindow,
  | 'id'
  | 'show'
  | 'isVisible'
  | 'close'
  | 'destroy'
  | 'isDestroyed'
  | 'focus'
  | 'isMinimized'
  | 'restore'
  | 'maximize'
  | 'isMaximized'
  | 'getBounds'
  | 'getNormalBounds'
  | 'setBounds'
  | 'loadURL'
  | 'loadFile'
>

class StandinBrowserWindow extends EventEmitter implements WindowPart {
  static getAllWindows(): StandinBrowserWindow[] {
    return [...windows.values()]
  }
  static fromWebContents(contents: StandinWebContents): StandinBrowserWindow | null {
    return windows.get(contents.id) ?? null
  }
  static getFocusedWindow(): StandinBrowserWindow | null {
    return [...windows.values()][0] ?? null
  }

  readonly id: number
  readonly webContents: StandinWebContents
  private visible = false
  private maximized = false
  private destroyed = false
  private bounds: Electron.Rectangle

  /** Rule 3: no window before ready. */
  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super()
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready')
    this.id = nextWindowId++
    this.webContents = new StandinWebContents(this.id)
    const work = (displays[0] as StandinDisplay).workArea
    const width = options.width ?? 800
    const height = options.height ?? 600
    this.bounds = {
      x: options.x ?? Math.round(work.x + (work.width - width) / 2),
      y: options.y ?? Math.round(work.y + (work.height - height) / 2),
      width,
      height,
    }
    windows.set(this.id, this)
    const prefs = { ...(options.webPreferences ?? {}) } as Record<string, unknown>
    if (typeof prefs.preload === 'string') lastPreload = prefs.preload
    const wire: StandinWindowOptions = {
      ...this.bounds,
      show: options.show ?? true,
      ...(options.title !== undefined ? { title: options.title } : {}),
      ...(typeof prefs.preload === 'string' ? { preload: prefs.preload } : {}),
      webPreferences: prefs,
    }
    post({ t: 'window-create', id: this.id, options: wire })
    if (options.show ?? true) this.visible = true
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (typeof event === 'string' && ['close', 'closed', 'ready-to-show', 'show', 'query-session-end', 'session-end'].includes(event))
      lifecycle(`window:${event}`)
    return super.emit(event, ...args)
  }

  async loadURL(url: string): Promise<void> {
    this.webContents.url = url
    await ask<void>((rid) => ({ t: 'window-load', id: this.id, rid, url }))
  }
  async loadFile(filePath: string): Promise<void> {
    await this.loadURL(`file://${resolve(filePath)}`)
  }
  /** The test process says the page loaded: Electron's did-finish-load and (first time) ready-to-show. */
  loaded(): void {
    this.webContents.emit('did-finish-load')
    if (!this.shownOnce) {
      this.shownOnce = true
      this.emit('ready-to-show')
    }
  }
  private shownOnce = false

  show(): void {
    this.visible = true
    post({ t: 'window-show', id: this.id })
    this.emit('show')
  }
  isVisible(): boolean {
    return this.visible
  }
  focus(): void {}
  isMinimized(): boolean {
    return false
  }
  restore(): void {}
  maximize(): void {
    this.maximized = true
    post({ t: 'record', key: 'maximize', value: { id: this.id, visible: this.visible } })
  }
  isMaximized(): boolean {
    return this.maximized
  }
  getBounds(): Electron.Rectangle {
    return { ...this.bounds }
  }
  getNormalBounds(): Electron.Rectangle {
    return { ...this.bounds }
  }
  setBounds(bounds: Partial<Electron.Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds }
    post({ t: 'window-bounds', id: this.id, bounds: this.bounds })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }

  /** Rules 5 and 6: `close` may be prevented; returns false then. */
  close(): boolean {
    if (this.destroyed) return true
    const event = electronEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return false
    this.destroy()
    return true
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroyed = true
    windows.delete(this.id)
    post({ t: 'window-destroy', id: this.id })
    this.emit('closed')
    if (windows.size === 0) app.lastWindowClosed()
  }
}
export const BrowserWindow = StandinBrowserWindow

// ---------------------------------------------------------------------------------------------------- ipcMain

type Handler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown
type IpcMainPart = Pick<Electron.IpcMain, 'handle' | 'removeHandler'>
class StandinIpcMain extends EventEmitter implements IpcMainPart {
  private handlers = new Map<string, Handler>()
  /** Rule 10. */
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  async invoke(message: Extract<ParentMessage, { t: 'invoke' }>): Promise<void> {
    const window = windows.get(message.id)
    const reply = (ok: boolean, payload: unknown) => {
      try {
        post(ok ? { t: 'reply', rid: message.rid, ok: true, value: payload } : { t: 'reply', rid: message.rid, ok: false, error: String(payload) })
      } catch (error) {
        // The V8 serializer refused the result: Electron fails the call the same way.
        post({ t: 'reply', rid: message.rid, ok: false, error: String(error) })
      }
    }
    const handler = this.handlers.get(message.channel)
    if (!window || !handler) {
      reply(false, new Error(`No handler registered for '${message.channel}'`))
      return
    }
    const event = {
      sender: window.webContents,
      senderFrame: { url: message.frameUrl, top: null, parent: null },
      frameId: 1,
      processId: 1,
      type: 'frame',
    } as unknown as Electron.IpcMainInvokeEvent
    try {
      reply(true, await handler(event, ...message.args))
    } catch (error) {
      console.error(`Error occurred in handler for '${message.channel}':`, error)
      reply(false, error)
    }
  }
}
export const ipcMain = new StandinIpcMain()

// ---------------------------------------------------------------------------------------------------- dialog, shell, Menu

type DialogPart = Pick<Electron.Dialog, 'showErrorBox'>
function dialogCall<T extends DialogAnswer>(kind: 'open' | 'save' | 'message', args: unknown[]): Promise<T> {
  // (window, options) or (options)
  const options = (args.length > 1 ? args[1] : args[0]) as Record<string, unknown>
  return ask<T>((rid) => ({ t: 'dialog', rid, kind, options }))
}
export const dialog = {
  showOpenDialog: (...args: unknown[]) => dialogCall<{ canceled: boolean; filePaths: string[] }>('open', args),
  showSaveDialog: (...args: unknown[]) => dialogCall<{ canceled: boolean; filePath?: string }>('save', args),
  showMessageBox: (...args: unknown[]) => dialogCall<{ response: number; checkboxChecked: boolean }>('message', args),
  /** Scripted: recorded by the test process, and written to stderr as Electron does on Linux without a display. */
  showErrorBox(title: string, content: string): void {
    console.error(`[standin] error box: ${title}: ${content}`)
    post({ t: 'error-box', title, content })
  },
} satisfies DialogPart & Record<string, unknown>

export const shell = {
  openExternal: async (url: string): Promise<void> => {
    post({ t: 'open-external', url })
  },
  /** Recorded by the test process (no file manager here); Electron's returns nothing either. */
  showItemInFolder: (fullPath: string): void => {
    post({ t: 'show-item-in-folder', path: fullPath })
  },
} satisfies Pick<Electron.Shell, 'openExternal' | 'showItemInFolder'>

interface StandinMenuItem {
  label?: string
  role?: string
  type?: string
  enabled?: boolean
  accelerator?: string
  click?: (...args: unknown[]) => void
  submenu?: StandinMenu
}
class StandinMenu {
  static applicationMenu: StandinMenu | null = null
  static buildFromTemplate(template: Electron.MenuItemConstructorOptions[]): StandinMenu {
    return new StandinMenu(
      template.map((item) => ({
        ...(item.label !== undefined ? { label: item.label } : {}),
        ...(item.role !== undefined ? { role: item.role } : {}),
        ...(item.type !== undefined ? { type: item.type } : {}),
        ...(item.accelerator !== undefined ? { accelerator: String(item.accelerator) } : {}),
        ...(item.click ? { click: item.click as (...args: unknown[]) => void } : {}),
        ...(Array.isArray(item.submenu) ? { submenu: StandinMenu.buildFromTemplate(item.submenu) } : {}),
      })),
    )
  }
  static setApplicationMenu(menu: StandinMenu | null): void {
    StandinMenu.applicationMenu = menu
  }
  static getApplicationMenu(): StandinMenu | null {
    return StandinMenu.applicationMenu
  }
  readonly items: StandinMenuItem[]
  constructor(items: StandinMenuItem[] = []) {
    this.items = items
  }
  popup(): void {
    post({ t: 'record', key: 'contextMenu', value: this.items.map((i) => i.label ?? i.role ?? i.type) })
  }
}
export const Menu = StandinMenu

/** Clicks the application menu item at `path` (labels, '&' ignored; a role names an item without a label). */
function clickMenu(path: string[]): void {
  let menu = StandinMenu.applicationMenu
  let item: StandinMenuItem | undefined
  for (const name of path) {
    item = menu?.items.find((i) => (i.label ?? i.role ?? '').replace('&', '') === name)
    if (!item) throw new Error(`no menu item ${path.join(' > ')}`)
    menu = item.submenu ?? null
  }
  if (!item) throw new Error('empty menu path')
  if (item.click) item.click(item, StandinBrowserWindow.getFocusedWindow(), {})
  else if (item.role === 'quit') app.quit()
  else if (item.role === 'close') StandinBrowserWindow.getFocusedWindow()?.close()
  else throw new Error(`menu item ${path.join(' > ')} has no action in the stand-in`)
}

// ---------------------------------------------------------------------------------------------------- the wire

process.on('message', (raw) => {
  const message = raw as ParentMessage
  switch (message.t) {
    case 'reply':
      requests.settle(message)
      return
    case 'protocol': {
      void serveProtocol(message)
      return
    }
    case 'invoke':
      void ipcMain.invoke(message)
      return
    case 'ipc-send': {
      const window = windows.get(message.id)
      if (window) ipcMain.emit(message.channel, { sender: window.webContents, senderFrame: { url: message.frameUrl } }, ...message.args)
      return
    }
    case 'window-close':
      windows.get(message.id)?.close()
      return
    case 'window-loaded':
      windows.get(message.id)?.loaded()
      return
    case 'app-quit':
      app.quit()
      return
    case 'session-end':
      void app.sessionEnd(message.reasons)
      return
    case 'menu-click':
      answer(message.rid, () => clickMenu(message.path))
      return
    case 'webcontents-send':
      answer(message.rid, () => {
        const window = [...windows.values()][0]
        if (!window) throw new Error('no window')
        window.webContents.send(message.channel, ...message.args)
      })
      return
    case 'open-window':
      answer(message.rid, () => {
        // A second window the app did not make (a stand-in for any frame that is not the main window's).
        const extra = new StandinBrowserWindow({ show: true, webPreferences: { sandbox: true, contextIsolation: true, ...(lastPreload ? { preload: lastPreload } : {}) } })
        void extra.loadURL(message.url)
        return extra.id
      })
      return
    default:
      return message satisfies never
  }
})

function answer(rid: number, run: () => unknown): void {
  try {
    post({ t: 'reply', rid, ok: true, value: run() ?? null })
  } catch (error) {
    post({ t: 'reply', rid, ok: false, error: String(error) })
  }
}

async function serveProtocol(message: Extract<ParentMessage, { t: 'protocol' }>): Promise<void> {
  const scheme = new URL(message.url).protocol.slice(0, -1)
  const handler = protocolHandlers.get(scheme)
  try {
    if (!handler) throw new Error(`no handler for ${scheme}:`)
    const response = await handler(new Request(message.url, { method: message.method, headers: message.headers }))
    const headers: Record<string, string> = {}
    response.headers.forEach((value, key) => (headers[key] = value))
    const body = new Uint8Array(await response.arrayBuffer())
    post({ t: 'reply', rid: message.rid, ok: true, value: { status: response.status, headers, body } })
  } catch (error) {
    post({ t: 'reply', rid: message.rid, ok: false, error: String(error) })
  }
}

// electron-store imports electron's default export (the CommonJS module object), so the stand-in has one too.
const electron = { app, protocol, session, screen, BrowserWindow, ipcMain, dialog, shell, Menu }
// eslint-disable-next-line no-restricted-syntax -- electron's CommonJS shape, as imported by electron-store
export default electron
