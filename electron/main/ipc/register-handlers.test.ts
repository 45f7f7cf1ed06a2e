import { EventEmitter } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

// ipcMain as an EventEmitter (what Electron's is), shared by electron-store's own import of electron.
const electronReady = vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  const ipcMain = Object.assign(new Emitter(), { handle: () => undefined })
  const app = { getPath: () => '/nonexistent', getName: () => 'Newsdesk', getVersion: () => '0.1.0', on: () => undefined }
  const parts = { app, ipcMain, shell: {} }
  return { ...parts, default: parts }
})
vi.mock('electron', () => electronReady)

let dir: string | null = null
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = null
})

describe('dropUncheckedListeners (SECURITY.md item 17: main answers only the contract channels)', () => {
  it("removes electron-store's 'electron-store-get-data' listener, which answers any sender", async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-ipc-'))
    const { default: Store } = await import('electron-store')
    new Store({ cwd: dir, name: 'settings' })
    const ipcMain = (await electronReady).ipcMain as unknown as EventEmitter
    expect(ipcMain.listenerCount('electron-store-get-data')).toBe(1)
    const { dropUncheckedListeners } = await import('./register-handlers')
    expect(dropUncheckedListeners()).toEqual(['electron-store-get-data'])
    expect(ipcMain.eventNames()).toEqual([])
  })
})
