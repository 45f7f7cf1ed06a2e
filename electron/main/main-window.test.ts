import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { SettingsStore } from './settings/window-state'

// Electron cannot run here: a recording stand-in captures what main-window.ts asks of it.
const recorded = vi.hoisted(() => ({
  options: null as null | Record<string, unknown>,
  listeners: new Map<string, (...args: unknown[]) => void>(),
  openHandler: null as null | ((details: unknown) => unknown),
  permissionHandler: null as null | ((...args: unknown[]) => void),
  permissionCheck: null as null | ((...args: unknown[]) => boolean),
  loaded: '' as string,
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: (h: (d: unknown) => unknown) => (recorded.openHandler = h),
      on: (event: string, fn: (...args: unknown[]) => void) => recorded.listeners.set(`wc:${event}`, fn),
    }
    constructor(options: Record<string, unknown>) {
      recorded.options = options
    }
    once() {}
    on(event: string, fn: (...args: unknown[]) => void) {
      recorded.listeners.set(event, fn)
    }
    maximize() {}
    isDestroyed() {
      return false
    }
    isMaximized() {
      return false
    }
    getNormalBounds() {
      return { x: 1, y: 2, width: 1000, height: 700 }
    }
    loadURL(url: string) {
      recorded.loaded = url
      return Promise.resolve()
    }
  }
  return {
    BrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...args: unknown[]) => void) => (recorded.permissionHandler = h),
        setPermissionCheckHandler: (h: (...args: unknown[]) => boolean) => (recorded.permissionCheck = h),
      },
    },
  }
})

const settings: SettingsStore & { saved: unknown[] } = {
  saved: [],
  getWindowState: () => ({ x: 50, y: 60, width: 1200, height: 800, maximized: false }),
  setWindowState(state) {
    this.saved.push(state)
  },
  getRecentWorkspaces: () => [],
  setRecentWorkspaces: () => undefined,
}

describe('createMainWindow', () => {
  beforeEach(async () => {
    delete process.env.ELECTRON_RENDERER_URL
    const { createMainWindow } = await import('./main-window')
    createMainWindow(settings)
  })

  it('creates the window with the security defaults that never move', () => {
    const prefs = recorded.options?.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
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
      disableBlinkFeatures: 'Auxclick',
    })
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/)
  })

  it('loads the app:// page, never file://', () => {
    expect(recorded.loaded).toBe('app://newsdesk/index.html')
  })

  it('restores the stored size and position', () => {
    expect(recorded.options).toMatchObject({ x: 50, y: 60, width: 1200, height: 800 })
  })

  it('denies window.open and prevents navigation away', () => {
    expect(recorded.openHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' })
    const navigate = recorded.listeners.get('wc:will-navigate')
    const away = { preventDefault: vi.fn() }
    navigate?.(away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const inside = { preventDefault: vi.fn() }
    navigate?.(inside, 'app://newsdesk/index.html')
    expect(inside.preventDefault).not.toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    recorded.listeners.get('wc:will-attach-webview')?.(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const callback = vi.fn()
      recorded.permissionHandler?.({}, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
    }
    expect(recorded.permissionCheck?.()).toBe(false)
  })

  it('remembers the window bounds when it closes', () => {
    recorded.listeners.get('close')?.()
    expect(settings.saved.at(-1)).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: false })
  })
})
