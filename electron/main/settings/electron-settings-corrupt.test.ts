import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { SettingsNotices } from './settings-notices'

const dir = await mkdtemp(join(tmpdir(), 'nd-settings-corrupt-'))
// electron-store imports electron at its top level; outside Electron it only needs app paths and ipcMain.
vi.mock('electron', () => import('./test-support/fake-electron').then((m) => m.fakeElectron))

afterAll(() => rm(dir, { recursive: true, force: true }))

describe('electron-store settings on a damaged file (reliability F9)', () => {
  it('starts with defaults, keeps the damaged file aside, says so, and writes a good one', async () => {
    const { createElectronSettingsStore, createElectronUiSettingsStore } = await import('./electron-settings-store')
    const truncated = '{"recentWorkspaces": ["/a", "/b'
    await writeFile(join(dir, 'settings.json'), truncated)
    await writeFile(join(dir, 'ui-settings.json'), '\u0000'.repeat(64))
    const notices = new SettingsNotices()
    const heard: string[] = []
    notices.subscribe((n) => heard.push(n.key))
    const store = createElectronSettingsStore({ cwd: dir, notices })
    expect(store.getRecentWorkspaces()).toEqual([])
    store.setRecentWorkspaces(['/c'])
    await store.flush?.()
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).recentWorkspaces).toEqual(['/c'])
    const ui = createElectronUiSettingsStore({ cwd: dir, notices })
    expect(await ui.load()).toBeUndefined()
    const names = await readdir(dir)
    const kept = names.filter((n) => n.startsWith('settings.json.corrupt-'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(dir, kept[0] as string), 'utf8')).toBe(truncated)
    const keptUi = names.filter((n) => n.startsWith('ui-settings.json.corrupt-'))
    expect(keptUi).toHaveLength(1)
    // Both set-asides are in the one log the renderer reads, with the name, the full path and the reason.
    const list = notices.list()
    expect(list.map((n) => n.kind)).toEqual(['set-aside', 'set-aside'])
    expect(list[0]).toMatchObject({ file: 'settings.json', setAsideAs: kept[0], reason: 'not-json' })
    expect(list[0]?.kind === 'set-aside' && list[0].displayPath).toBe(join(dir, kept[0] as string))
    expect(list[1]).toMatchObject({ file: 'ui-settings.json', setAsideAs: keptUi[0], reason: 'empty' })
    expect(heard).toEqual([kept[0], keptUi[0]])
    expect(ui.notices).toBe(notices)
  })
})
