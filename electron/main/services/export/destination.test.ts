import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArticleLibrary } from '../library'
import { lockDestination, overlapOf } from './destination'
import { ExportController } from './export-controller'
import { ExportService } from './export-service'
import { listTree, richWorkspace, tempDir } from '../test-support'
import { workspaceLayout } from '../storage'

async function exporter(ws: string) {
  return new ExportService(await ArticleLibrary.open(ws, { readOnly: true }), null)
}

describe('export destinations', () => {
  it('tells apart the same folder, inside, containing and apart, through symlinks and ..', async () => {
    const base = await tempDir()
    const ws = join(base, 'ws')
    await mkdir(join(ws, 'articles'), { recursive: true })
    await symlink(ws, join(base, 'link'))
    expect(await overlapOf(ws, ws)).toBe('same')
    expect(await overlapOf(join(base, 'link'), ws)).toBe('same')
    expect(await overlapOf(join(ws, 'articles'), ws)).toBe('inside')
    expect(await overlapOf(join(base, 'link', 'new', 'deeper'), ws)).toBe('inside')
    expect(await overlapOf(join(ws, '..'), ws)).toBe('contains')
    expect(await overlapOf(join(base, 'ws-other'), ws)).toBe(null)
  })

  it('refuses the workspace, a folder inside it and one containing it, even with overwrite, and loses nothing', async () => {
    const ws = await richWorkspace()
    const service = await exporter(ws)
    const before = await listTree(ws)
    for (const destination of [ws, join(ws, 'articles'), workspaceLayout(ws).store, join(ws, '..'), join(ws, 'new')]) {
      for (const zip of [false, true]) {
        const outcome = await service.run({ format: 'markdown', destination, zip, overwrite: true })
        expect(outcome, destination).toMatchObject({ ok: false, destination: 'overlap' })
        if (!outcome.ok) expect(outcome.message).toMatch(/workspace/)
      }
    }
    expect(await listTree(ws)).toEqual(before)
  })

  it('replaces only a previous Newsdesk export with overwrite; any other folder or file is kept', async () => {
    const ws = await richWorkspace()
    const service = await exporter(ws)
    const out = await tempDir()
    const previous = join(out, 'previous')
    expect(await service.run({ format: 'markdown', destination: previous })).toMatchObject({ ok: true })
    expect(await service.run({ format: 'markdown', destination: previous })).toMatchObject({
      ok: false,
      reason: 'exists',
      destination: 'exists',
    })
    expect(await service.run({ format: 'html', destination: previous, overwrite: true })).toMatchObject({ ok: true })
    expect(existsSync(join(previous, 'index.html'))).toBe(true)

    const photos = join(out, 'photos')
    await mkdir(photos)
    await writeFile(join(photos, 'holiday.jpg'), 'mine')
    const refused = await service.run({ format: 'markdown', destination: photos, overwrite: true })
    expect(refused).toMatchObject({ ok: false, destination: 'not-an-export' })
    if (!refused.ok) expect(refused.message).toContain('is not a previous Newsdesk export')
    expect(await readFile(join(photos, 'holiday.jpg'), 'utf8')).toBe('mine')

    // A previous export that someone put their own file into is not replaced either.
    await writeFile(join(previous, 'notes.txt'), 'keep me')
    const mixed = await service.run({ format: 'markdown', destination: previous, overwrite: true })
    expect(mixed).toMatchObject({ ok: false, destination: 'not-an-export' })
    if (!mixed.ok) expect(mixed.message).toContain('"notes.txt"')

    const zip = join(out, 'a.zip')
    expect(await service.run({ format: 'json', destination: zip, zip: true })).toMatchObject({ ok: true })
    expect(await service.run({ format: 'json', destination: zip, zip: true, overwrite: true })).toMatchObject({
      ok: true,
    })
    const notZip = join(out, 'b.zip')
    await writeFile(notZip, 'a document')
    expect(await service.run({ format: 'json', destination: notZip, zip: true, overwrite: true })).toMatchObject({
      ok: false,
      destination: 'not-an-export',
    })
    expect(await readFile(notZip, 'utf8')).toBe('a document')
    // Nothing is left beside the destinations (no temp folders, no locks).
    expect((await readdir(out)).sort()).toEqual(['a.zip', 'b.zip', 'photos', 'previous'])
  })

  it('two exports to one destination at once: one wins whole, the other is refused; no manifest lists a missing file', async () => {
    const ws = await richWorkspace()
    const out = await tempDir()
    for (let trial = 0; trial < 6; trial++) {
      const destination = join(out, `same-${trial}`)
      const [a, b] = await Promise.all([
        (await exporter(ws)).run({ format: 'markdown', destination, overwrite: true }),
        (await exporter(ws)).run({ format: 'markdown', destination, overwrite: true }),
      ])
      const wins = [a, b].filter((o) => o.ok)
      expect(wins.length, JSON.stringify([a, b])).toBeGreaterThanOrEqual(1)
      for (const o of [a, b]) if (!o.ok) expect(o.message).toMatch(/another export to .* is running|already exists/)
      const manifest = JSON.parse(await readFile(join(destination, 'manifest.json'), 'utf8')) as {
        files: { path: string }[]
      }
      for (const f of manifest.files) expect(existsSync(join(destination, f.path)), f.path).toBe(true)
    }
    expect((await readdir(out)).filter((n) => n.startsWith('.'))).toEqual([])
  })

  it('a destination lock left by a dead process, or left empty, is taken over; a live holder refuses', async () => {
    const out = await tempDir()
    const destination = join(out, 'x')
    const lock = join(out, '.x.ndexport-lock')
    await writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 12345, hostname: (await import('node:os')).hostname() }))
    const release = await lockDestination(destination)
    await expect(lockDestination(destination)).rejects.toThrow(/another export to .* is running/)
    await release()
    expect(existsSync(lock)).toBe(false)
    await writeFile(lock, '')
    const { utimes } = await import('node:fs/promises')
    await utimes(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000))
    const again = await lockDestination(destination)
    await again()
  })

  it('an empty lock just left by an export killed between its create and its write is waited out, not refused', async () => {
    const out = await tempDir()
    const destination = join(out, 'x')
    const lock = join(out, '.x.ndexport-lock')
    await writeFile(lock, '')
    // Two exporters at once, as the next run of a killed export starts: one takes the lock, the other is refused
    // because the first is running, never because the dead one "is starting".
    const outcomes = await Promise.allSettled([lockDestination(destination), lockDestination(destination)])
    const taken = outcomes.filter((o) => o.status === 'fulfilled')
    expect(taken).toHaveLength(1)
    const refused = outcomes.find((o) => o.status === 'rejected')
    expect(String(refused?.reason)).toMatch(/another export to .* is running \(pid \d+/)
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid })
    await (taken[0] as PromiseFulfilledResult<() => Promise<void>>).value()
    expect(existsSync(lock)).toBe(false)
  })

  it('the app path (dialog, overwrite confirmed there) applies the same rule', async () => {
    const ws = await richWorkspace()
    const library = await ArticleLibrary.open(ws, { readOnly: true })
    const before = await listTree(ws)
    for (const chosen of [ws, join(ws, 'articles')]) {
      const controller = new ExportController(
        () => library,
        async () => chosen,
        () => undefined,
      )
      const report = await controller.run({ format: 'markdown', zip: false, scope: { kind: 'all' } })
      expect(report).toMatchObject({ ok: false, reason: 'invalid' })
      if (!report.ok) expect(report.message).toMatch(/workspace/)
    }
    const mine = await tempDir()
    await writeFile(join(mine, 'notes.txt'), 'mine')
    const controller = new ExportController(
      () => library,
      async () => mine,
      () => undefined,
    )
    expect(await controller.run({ format: 'html', zip: false, scope: { kind: 'all' } })).toMatchObject({ ok: false })
    expect(await readFile(join(mine, 'notes.txt'), 'utf8')).toBe('mine')
    expect(await listTree(ws)).toEqual(before)
  })
})
