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
  calls: [] as string[],
  workArea: { x: 0, y: 0, width: 1920, height: 1080 },
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
    once(event: string, fn: (...args: unknown[]) => void) {
      recorded.listeners.set(`once:${event}`, fn)
    }
    on(event: string, fn: (...args: unknown[]) => void) {
      recorded.listeners.set(event, fn)
    }
    maximize() {
      recorded.calls.push('maximize')
    }
    show() {
      recorded.calls.push('show')
    }
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
    screen: {
      getAllDisplays: () => [{ workArea: recorded.workArea }],
      getPrimaryDisplay: () => ({ workArea: recorded.workArea }),
      getDisplayMatching: () => ({ workArea: recorded.workArea }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...args: unknown[]) => void) => (recorded.permissionHandler = h),
        setPermissionCheckHandler: (h: (...args: unknown[]) => boolean) => (recorded.permissionCheck = h),
      },
    },
  }
})

let stored: unknown = { x: 50, y: 60, width: 1200, height: 800, maximized: false }
const settings: SettingsStore & { saved: unknown[] } = {
  saved: [],
  getWindowState: () => stored,
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
    // Electron 45 passes a details object; the positional url argument is deprecated, so it is not given here.
    const navigate = recorded.listeners.get('wc:will-navigate')
    const away = { url: 'https://evil.example/', preventDefault: vi.fn() }
    navigate?.(away)
    expect(away.preventDefault).toHaveBeenCalled()
    const inside = { url: 'app://newsdesk/index.html', preventDefault: vi.fn() }
    navigate?.(inside)
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

  it('remembers the bounds after resize and move (which fire on Linux too), once they stop', () => {
    vi.useFakeTimers()
    try {
      const before = settings.saved.length
      recorded.listeners.get('resize')?.()
      recorded.listeners.get('move')?.()
      expect(settings.saved.length).toBe(before)
      vi.advanceTimersByTime(600)
      expect(settings.saved.length).toBe(before + 1)
      expect(recorded.listeners.has('resized')).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it('remembers the window bounds when it closes', () => {
    recorded.listeners.get('close')?.()
    expect(settings.saved.at(-1)).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximized: false })
  })
})

describe('createMainWindow on a small display and maximized', () => {
  beforeEach(() => {
    recorded.calls.length = 0
    recorded.workArea = { x: 0, y: 0, width: 1280, height: 680 }
  })

  it('clamps the default 1400×900 to a 1280×680 work area, minimum size included', async () => {
    stored = undefined
    const { createMainWindow } = await import('./main-window')
    createMainWindow(settings)
    expect(recorded.options).toMatchObject({ width: 1280, height: 680, minWidth: 900, minHeight: 600 })
    expect(recorded.options).not.toHaveProperty('x')
  })

  it('maximizes only at ready-to-show, never before the first paint', async () => {
    stored = { width: 1000, height: 600, maximized: true }
    const { createMainWindow } = await import('./main-window')
    createMainWindow(settings)
    expect(recorded.calls).toEqual([])
    recorded.listeners.get('once:ready-to-show')?.()
    expect(recorded.calls).toEqual(['maximize'])
  })
})
