import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findElectronBinary } from './electron-binary'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'newsdesk-electron-bin-'))
  await mkdir(join(root, 'node_modules', 'electron'), { recursive: true })
})
afterEach(() => rm(root, { recursive: true, force: true }))

describe('findElectronBinary (the e2e fixture says plainly when the real-Electron launcher cannot run)', () => {
  it('after a fresh npm ci (package, no binary) reports the missing path.txt and the command that fixes it', () => {
    const found = findElectronBinary(root)
    expect(found).toEqual({ ok: false, reason: expect.stringContaining('path.txt is missing; run `npx install-electron`') })
  })
  it('a path.txt naming a binary that is not there is not a binary', async () => {
    await writeFile(join(root, 'node_modules', 'electron', 'path.txt'), 'electron')
    await mkdir(join(root, 'node_modules', 'electron', 'dist'))
    expect(findElectronBinary(root)).toEqual({ ok: false, reason: expect.stringContaining('dist/electron is missing') })
  })
  it('finds the executable path.txt names', async () => {
    await writeFile(join(root, 'node_modules', 'electron', 'path.txt'), 'electron\n')
    await mkdir(join(root, 'node_modules', 'electron', 'dist'))
    await writeFile(join(root, 'node_modules', 'electron', 'dist', 'electron'), '')
    expect(findElectronBinary(root)).toEqual({ ok: true, path: join(root, 'node_modules', 'electron', 'dist', 'electron') })
  })
})
