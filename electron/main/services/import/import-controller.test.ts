import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ExportProgressEvent, ImportPick } from '../../../../shared/bundle/api-types'
import { tempDir } from '../test-support'
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
    expect(await controller.apply({ planId: report.planId, onConflict: 'skip' })).toMatchObject({
      ok: true,
      created: 2,
    })
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
