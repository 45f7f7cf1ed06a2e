import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArticleLibrary } from '../library'
import { ExportController, suggestedExportName } from './export-controller'
import { richWorkspace, tempDir } from '../test-support'

const NOW = () => new Date('2026-11-24T10:00:00Z')

describe('ExportController (the app path)', () => {
  it('exports to the picked destination with progress events, and reports a cancelled pick', async () => {
    const library = await ArticleLibrary.open(await richWorkspace())
    const out = await tempDir()
    const picked: string[] = []
    const progress: number[] = []
    const controller = new ExportController(
      () => library,
      async (name, kind) => {
        picked.push(`${name}:${kind}`)
        return join(out, name)
      },
      (p) => progress.push(p.done),
      NOW,
    )
    const report = await controller.run({
      format: 'rss',
      zip: false,
      scope: { kind: 'filter', query: { tag: 'river' } },
    })
    expect(report).toMatchObject({ ok: true, articleCount: 1, displayPath: join(out, 'newsdesk-rss-2026-11-24') })
    expect(picked).toEqual(['newsdesk-rss-2026-11-24:folder'])
    expect(progress.at(-1)).toBe(1)
    const none = new ExportController(
      () => library,
      async () => null,
      () => undefined,
      NOW,
    )
    expect(await none.run({ format: 'json', zip: true, scope: { kind: 'all' } })).toMatchObject({
      ok: false,
      reason: 'cancelled',
    })
    expect(suggestedExportName('markdown', true, NOW())).toBe('newsdesk-markdown-2026-11-24.zip')
  })

  it('cancel() stops a running export and leaves nothing; a second run while busy is refused', async () => {
    const library = await ArticleLibrary.open(await richWorkspace())
    const out = await tempDir()
    let controller: ExportController | null = null
    let busy: unknown = null
    controller = new ExportController(
      () => library,
      async (name) => join(out, name),
      (p) => {
        if (p.done >= 2 && controller) {
          void controller.run({ format: 'json', zip: false, scope: { kind: 'all' } }).then((r) => (busy = r))
          controller.cancel()
        }
      },
      NOW,
    )
    const report = await controller.run({ format: 'markdown', zip: false, scope: { kind: 'all' } })
    expect(report).toMatchObject({ ok: false, reason: 'cancelled' })
    await new Promise((r) => setTimeout(r, 10))
    expect(busy).toMatchObject({ ok: false, reason: 'busy' })
    expect(await readdir(out)).toEqual([])
  })
})

describe('ExportController.stop (the app quitting)', () => {
  it('cancels the running export and resolves only once it has cleaned up', async () => {
    const library = await ArticleLibrary.open(await richWorkspace())
    const out = await tempDir()
    let controller: ExportController | null = null
    let stopped: Promise<void> | null = null
    controller = new ExportController(
      () => library,
      async (name) => join(out, name),
      (p) => {
        if (p.done >= 2 && controller && !stopped) stopped = controller.stop()
      },
      NOW,
    )
    const report = controller.run({ format: 'markdown', zip: false, scope: { kind: 'all' } })
    await expect.poll(() => stopped !== null).toBe(true)
    await stopped
    // Already settled and cleaned up when stop() resolved: nothing under the destination.
    expect(await readdir(out)).toEqual([])
    expect(await report).toMatchObject({ ok: false, reason: 'cancelled' })
    await expect(controller.stop()).resolves.toBeUndefined() // idle: a no-op
  })
})
