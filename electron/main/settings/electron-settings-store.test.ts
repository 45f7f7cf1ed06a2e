import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { SettingsNotices } from './settings-notices'

const dir = await mkdtemp(join(tmpdir(), 'nd-settings-'))
// electron-store imports electron at its top level; outside Electron it only needs app paths and ipcMain.
vi.mock('electron', () => import('./test-support/fake-electron').then((m) => m.fakeElectron))
// conf's own write (atomically.writeFileSync) must never run: every settings write goes through writeDurable.
const confWrites = vi.hoisted(() => ({ count: 0 }))
vi.mock('atomically', async (original) => ({
  ...(await original<typeof import('atomically')>()),
  writeFileSync: () => {
    confWrites.count++
    throw new Error('conf wrote through atomically')
  },
}))

afterAll(() => rm(dir, { recursive: true, force: true }))

describe('electron-store settings', () => {
  it('removes temps a killed write left beside its file at open, and nothing else', async () => {
    const own = await mkdtemp(join(tmpdir(), 'nd-settings-temps-'))
    await writeFile(join(own, 'settings.json'), '{"recentWorkspaces":["/kept"]}')
    await writeFile(join(own, '.settings.json.0123456789ab.ndtmp'), '{"recentWork')
    await writeFile(join(own, '.ui-settings.json.0123456789ab.ndtmp'), '{}')
    await writeFile(join(own, 'notes.txt'), 'mine')
    const { createElectronSettingsStore } = await import('./electron-settings-store')
    const store = createElectronSettingsStore({ cwd: own })
    expect(store.getRecentWorkspaces()).toEqual(['/kept'])
    expect((await readdir(own)).sort()).toEqual(['.ui-settings.json.0123456789ab.ndtmp', 'notes.txt', 'settings.json'])
    await rm(own, { recursive: true, force: true })
  })

  it('keeps window state and recent workspaces in settings.json, never drafts', async () => {
    const { createElectronSettingsStore } = await import('./electron-settings-store')
    const notices = new SettingsNotices()
    const store = createElectronSettingsStore({ cwd: dir, notices })
    expect(store.getRecentWorkspaces()).toEqual([])
    store.setWindowState({ x: 10, y: 20, width: 1000, height: 700, maximized: false })
    store.setRecentWorkspaces(['/a', '/b'])
    // Reads answer at once from memory, before the write has landed.
    expect(store.getRecentWorkspaces()).toEqual(['/a', '/b'])
    await store.flush?.()
    const again = createElectronSettingsStore({ cwd: dir })
    expect(again.getWindowState()).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false })
    expect(again.getRecentWorkspaces()).toEqual(['/a', '/b'])
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))
    expect(Object.keys(onDisk).sort()).toEqual(['recentWorkspaces', 'windowState'])
    expect(notices.list()).toEqual([])
  })

  it('writes through writeDurable, never conf/atomically, and leaves no temp file', async () => {
    const { createElectronUiSettingsStore } = await import('./electron-settings-store')
    const ui = createElectronUiSettingsStore({ cwd: dir })
    const settings = { uiLanguage: 'es', headlineBudget: 72 } as never
    await Promise.all([ui.save(settings), ui.save({ ...(settings as object), headlineBudget: 73 } as never)])
    expect(confWrites.count).toBe(0)
    // The seam is live: conf's own set() would have gone through the mocked atomically and failed.
    const { default: Store } = await import('electron-store')
    expect(() => new Store({ cwd: dir, name: 'probe' }).set('x', 1)).toThrow('conf wrote through atomically')
    expect(confWrites.count).toBe(1)
    // Writes land in order: the last one asked for is what the file holds.
    expect(JSON.parse(await readFile(join(dir, 'ui-settings.json'), 'utf8')).ui.headlineBudget).toBe(73)
    expect((await readdir(dir)).filter((n) => n.endsWith('.ndtmp'))).toEqual([])
    expect(await createElectronUiSettingsStore({ cwd: dir }).load()).toEqual({ uiLanguage: 'es', headlineBudget: 73 })
  })
})
