import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ExportProgressEvent, ImportPick } from '../../../../shared/bundle/api-types'
import { PROGRESS_INTERVAL_MS } from '../../../../shared/bundle/progress'
import { ExportController } from '../export'
import { richWorkspace, tempDir } from '../test-support'
import { ArticleLibrary } from '../library'
import { ImportController } from './import-controller'

describe('ImportController', () => {
  it('asks the picker for files or a folder, reports the dry run and applies it with progress', async () => {
    const src = await tempDir()
    await writeFile(join(src, 'one.md'), '---\ntitle: One\n---\nBody one.\n')
    await writeFile(join(src, 'two.md'), '+++\ntitle = "Two"\n+++\nBody two.\n')
    const library = await ArticleLibrary.open(await tempDir())
    const asked: ImportPick[] = []
    const progress: ExportProgressEvent[] = []
    const controller = new ImportController(
      () => library,
      async (pick) => {
        asked.push(pick)
        return [src]
      },
      (p) => progress.push(p),
    )
    const report = await controller.dryRun('folder')
    expect(asked).toEqual(['folder'])
    expect(report).toMatchObject({ ok: true, counts: { new: 2, invalid: 0 } })
    if (!report.ok) return
    const applied = await controller.apply({ planId: report.planId, onConflict: 'skip' })
    expect(applied).toMatchObject({ ok: true, created: 2 })
    // The first article written names the file "Show in folder" opens at.
    expect(library.list({}).map((s) => s.id)).toContain(applied.ok ? applied.firstId : 'none')
    expect(progress.at(-1)).toEqual({ done: 2, total: 2 })
    expect(
      library
        .list({})
        .map((s) => s.headline)
        .sort(),
    ).toEqual(['One', 'Two'])
  })

  it('says "cancelled" when nothing is chosen and "refused" for hostile input, writing nothing', async () => {
    const library = await ArticleLibrary.open(await tempDir())
    expect(
      await new ImportController(
        () => library,
        async () => [],
      ).dryRun('files'),
    ).toMatchObject({
      ok: false,
      reason: 'cancelled',
    })
    const missing = join(await tempDir(), 'nope.zip')
    expect(
      await new ImportController(
        () => library,
        async () => [missing],
      ).dryRun('files'),
    ).toMatchObject({
      ok: false,
      reason: 'refused',
    })
    expect(library.list({})).toEqual([])
  })
})

const NOW = () => new Date('2026-11-24T10:00:00Z')

describe('ImportController (the app path)', () => {
  it('dry-runs the picked sources and applies the plan', async () => {
    const source = await richWorkspace()
    const out = await tempDir()
    const exporter = new ExportController(
      () => library,
      async () => join(out, 'b'),
      () => undefined,
      NOW,
    )
    const library = await ArticleLibrary.open(source)
    expect((await exporter.run({ format: 'json', zip: true, scope: { kind: 'all' } })).ok).toBe(true)
    const target = await ArticleLibrary.open(await tempDir())
    const importer = new ImportController(
      () => target,
      async () => [join(out, 'b')],
    )
    const dry = await importer.dryRun()
    if (!dry.ok) throw new Error(dry.message)
    expect(dry.counts.new).toBe(11)
    expect(await importer.apply({ planId: dry.planId, onConflict: 'skip' })).toMatchObject({ ok: true, created: 11 })
    expect(target.list({})).toHaveLength(11)
    expect(
      await new ImportController(
        () => target,
        async () => [],
      ).dryRun(),
    ).toMatchObject({ ok: false, reason: 'cancelled' })
    const bad = new ImportController(
      () => target,
      async () => [join(out, 'missing.zip')],
    )
    expect(await bad.dryRun()).toMatchObject({ ok: false, reason: 'refused' })
  })
})

describe('ImportController progress (one throttle, shared with exports)', () => {
  it('pushes every article when the clock moves fast, only first and last when it stands still', async () => {
    // 250 articles: a second throttle by percent (as the service once had: every 2nd count) would drop counts.
    const total = 250
    const source = await tempDir()
    for (let i = 0; i < total; i++)
      await writeFile(join(source, `story-${i}.md`), `---\ntitle: Story ${i}\n---\n\nBody ${i}.\n`)
    const run = async (step: number) => {
      const library = await ArticleLibrary.open(await tempDir('newsdesk-ws-'))
      let t = 0
      const seen: number[] = []
      const controller = new ImportController(
        () => library,
        async () => [source],
        (p) => seen.push(p.done),
        null,
        () => (t += step),
      )
      const dry = await controller.dryRun('folder')
      if (!dry.ok) throw new Error(dry.message)
      expect(await controller.apply({ planId: dry.planId, onConflict: 'skip' })).toMatchObject({
        ok: true,
        created: total,
      })
      return seen
    }
    const all = Array.from({ length: total + 1 }, (_, i) => i)
    expect(await run(PROGRESS_INTERVAL_MS + 1)).toEqual(all)
    expect(await run(0)).toEqual([0, total])
    // One clock reading per article: with 20 ms a tick, every third count passes (60 ms > 50 ms), and the last.
    expect(await run(20)).toEqual([...all.filter((n) => n % 3 === 0), total])
  }, 60_000)
})
