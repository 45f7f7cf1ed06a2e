import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { DEFAULT_UI_SETTINGS } from '../../../shared/settings/ui-settings'
import { SettingsNotices } from './settings-notices'
import { createJsonUiSettingsStore, UiSettingsService } from './ui-settings'

type FaultKind = 'write' | 'sync' | 'rename'
// The stress campaign's fault seam (scripts/stress/common.ts), reused as is; imported by URL because scripts/
// belongs to another TypeScript project (the same way scripts/stress.ts loads it).
const { withFault } = (await import(new URL('../../../scripts/stress/common.ts', import.meta.url).href)) as {
  withFault: (kind: FaultKind, code: string) => () => void
}

const dir = await mkdtemp(join(tmpdir(), 'nd-settings-faults-'))
// electron-store imports electron at its top level; outside Electron it only needs app paths and ipcMain.
vi.mock('electron', () => import('./test-support/fake-electron').then((m) => m.fakeElectron))

afterAll(() => rm(dir, { recursive: true, force: true }))

const faults: [FaultKind, string][] = [
  ['write', 'ENOSPC'],
  ['sync', 'EIO'],
  ['rename', 'EPERM'],
  ['rename', 'EBUSY'],
]

describe('settings writes under disk faults (reliability F3/F6)', () => {
  it.each(faults)(
    'electron-store UI settings: %s %s keeps the previous file and reports the failure',
    async (kind, code) => {
      const { createElectronUiSettingsStore } = await import('./electron-settings-store')
      const cwd = await mkdtemp(join(dir, 'ui-'))
      const notices = new SettingsNotices()
      const service = new UiSettingsService(createElectronUiSettingsStore({ cwd, notices }))
      await service.update({ headlineBudget: 70, uiLanguage: 'es' })
      const before = await readFile(join(cwd, 'ui-settings.json'))
      const undo = withFault(kind, code)
      try {
        await expect(service.update({ headlineBudget: 99 })).rejects.toThrow(code)
      } finally {
        undo()
      }
      expect(await readFile(join(cwd, 'ui-settings.json'))).toEqual(before)
      expect((await readdir(cwd)).sort()).toEqual(['ui-settings.json'])
      const notice = (await service.notices())[0]
      expect(notice).toMatchObject({ kind: 'write-failed', file: 'ui-settings.json' })
      expect(notice?.kind === 'write-failed' && notice.message).toContain(code)
      // After the fault the next write goes through.
      await service.update({ headlineBudget: 71 })
      expect(JSON.parse(await readFile(join(cwd, 'ui-settings.json'), 'utf8')).ui.headlineBudget).toBe(71)
    },
  )

  it('electron-store window state: ENOSPC keeps settings.json intact, is reported without throwing, and the next write lands', async () => {
    const { createElectronSettingsStore } = await import('./electron-settings-store')
    const cwd = await mkdtemp(join(dir, 'win-'))
    const notices = new SettingsNotices()
    const heard: string[] = []
    notices.subscribe((n) => heard.push(n.kind))
    const store = createElectronSettingsStore({ cwd, notices })
    store.setRecentWorkspaces(['/a'])
    await store.flush?.()
    const before = await readFile(join(cwd, 'settings.json'))
    const state = { width: 900, height: 700, maximized: false }
    const undo = withFault('write', 'ENOSPC')
    try {
      // Called as main calls it on every resize: a failed write must not throw into the window's event.
      store.setWindowState(state)
      await store.flush?.()
    } finally {
      undo()
    }
    expect(await readFile(join(cwd, 'settings.json'))).toEqual(before)
    expect(store.getRecentWorkspaces()).toEqual(['/a'])
    expect(heard).toEqual(['write-failed'])
    expect(notices.list()[0]).toMatchObject({ kind: 'write-failed', file: 'settings.json' })
    const notice = notices.list()[0]
    expect(notice?.kind === 'write-failed' && notice.message).toContain('ENOSPC')
    // After the fault the next write goes through, keeping what was there.
    store.setWindowState(state)
    await store.flush?.()
    const after = JSON.parse(await readFile(join(cwd, 'settings.json'), 'utf8'))
    expect(after).toMatchObject({ windowState: state, recentWorkspaces: ['/a'] })
    expect(store.getWindowState()).toEqual(state)
  })

  it('JSON UI settings store (harness, stress): ENOSPC keeps the file and is reported', async () => {
    const path = join(await mkdtemp(join(dir, 'json-')), 'ui-settings.json')
    const service = new UiSettingsService(createJsonUiSettingsStore(path))
    await service.update({ headlineBudget: 66 })
    const before = await readFile(path)
    const undo = withFault('write', 'ENOSPC')
    try {
      await expect(service.update({ headlineBudget: 99 })).rejects.toThrow('ENOSPC')
    } finally {
      undo()
    }
    expect(await readFile(path)).toEqual(before)
    expect((await service.get()).headlineBudget).toBe(66)
    expect(await service.notices()).toMatchObject([{ kind: 'write-failed', file: 'ui-settings.json' }])
    expect(DEFAULT_UI_SETTINGS.headlineBudget).not.toBe(66)
  })
})
