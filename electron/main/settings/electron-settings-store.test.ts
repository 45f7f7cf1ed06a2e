import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

const dir = await mkdtemp(join(tmpdir(), 'nd-settings-'))
// electron-store imports electron at its top level; outside Electron it only needs app paths and ipcMain.
vi.mock('electron', () => {
  const app = { getPath: () => dir, getName: () => 'Newsdesk', getVersion: () => '0.1.0', on: () => undefined }
  const ipcMain = { on: () => undefined, handle: () => undefined }
  return { default: { app, ipcMain, shell: {} }, app, ipcMain, shell: {} }
})

afterAll(() => rm(dir, { recursive: true, force: true }))

describe('electron-store settings', () => {
  it('keeps window state and recent workspaces in settings.json, never drafts', async () => {
    const { createElectronSettingsStore } = await import('./electron-settings-store')
    const store = createElectronSettingsStore({ cwd: dir })
    store.setWindowState({ x: 10, y: 20, width: 1000, height: 700, maximized: false })
    store.setRecentWorkspaces(['/a', '/b'])
    const again = createElectronSettingsStore({ cwd: dir })
    expect(again.getWindowState()).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false })
    expect(again.getRecentWorkspaces()).toEqual(['/a', '/b'])
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))
    expect(Object.keys(onDisk).sort()).toEqual(['recentWorkspaces', 'windowState'])
  })
})
