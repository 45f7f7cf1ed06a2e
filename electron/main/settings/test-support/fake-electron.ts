import { tmpdir } from 'node:os'

const app = { getPath: () => tmpdir(), getName: () => 'Newsdesk', getVersion: () => '0.1.0', on: () => undefined }
const ipcMain = { on: () => undefined, handle: () => undefined }
const parts = { app, ipcMain, shell: {} }

/**
 * The part of electron that electron-store touches outside Electron (app paths, ipcMain), as a module for the
 * settings tests: `vi.mock('electron', () => import('./fake-electron').then((m) => m.fakeElectron))`.
 * App paths point at the temp folder; every test passes its own `cwd`.
 */
export const fakeElectron = { ...parts, default: parts }
