import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

const dir = await mkdtemp(join(tmpdir(), 'nd-settings-corrupt-'))
// electron-store imports electron at its top level; outside Electron it only needs app paths and ipcMain.
vi.mock('electron', () => {
  const app = { getPath: () => dir, getName: () => 'Newsdesk', getVersion: () => '0.1.0', on: () => undefined }
  const ipcMain = { on: () => undefined, handle: () => undefined }
  return { default: { app, ipcMain, shell: {} }, app, ipcMain, shell: {} }
})

afterAll(() => rm(dir, { recursive: true, force: true }))

describe('electron-store settings on a damaged file (reliability F9)', () => {
  it('starts with defaults, keeps the damaged file aside and writes a good one', async () => {
    const { createElectronSettingsStore, createElectronUiSettingsStore } = await import('./electron-settings-store')
    const truncated = '{"recentWorkspaces": ["/a", "/b'
    await writeFile(join(dir, 'settings.json'), truncated)
    await writeFile(join(dir, 'ui-settings.json'), '\u0000'.repeat(64))
    const store = createElectronSettingsStore({ cwd: dir })
    expect(store.getRecentWorkspaces()).toEqual([])
    store.setRecentWorkspaces(['/c'])
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).recentWorkspaces).toEqual(['/c'])
    const ui = createElectronUiSettingsStore({ cwd: dir })
    expect(await ui.load()).toBeUndefined()
    const names = await readdir(dir)
    const kept = names.filter((n) => n.startsWith('settings.json.corrupt-'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(dir, kept[0] as string), 'utf8')).toBe(truncated)
    expect(names.filter((n) => n.startsWith('ui-settings.json.corrupt-'))).toHaveLength(1)
  })
})
