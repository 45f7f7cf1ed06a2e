import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArticleLibrary } from '../library'
import { PROGRESS_INTERVAL_MS } from '../../../../shared/bundle/progress'
import { ExportController, suggestedExportName } from './export-controller'
import { listTree, makeArticle, richWorkspace, tempDir, writeArticles } from '../test-support'

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

describe('ExportController progress (one throttle)', () => {
  it('pushes every article when the clock moves fast, only first and last when it stands still', async () => {
    // 250 articles: a second throttle by percent (as the service once had) would drop every other count.
    const root = await tempDir()
    const total = 250
    await writeArticles(
      root,
      Array.from({ length: total }, (_, i) =>
        makeArticle({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, slug: `story-${i}` }),
      ),
    )
    const library = await ArticleLibrary.open(root)
    const out = await tempDir()
    const pushed = async (step: number) => {
      let t = 0
      const seen: number[] = []
      const controller = new ExportController(
        () => library,
        async () => join(out, `step-${step}`),
        (p) => seen.push(p.done),
        NOW,
        null,
        () => (t += step),
      )
      const report = await controller.run({
        format: 'markdown',
        zip: false,
        scope: { kind: 'all' },
        reproducible: true,
      })
      expect(report).toMatchObject({ ok: true, articleCount: total })
      return seen
    }
    const all = Array.from({ length: total + 1 }, (_, i) => i)
    expect(await pushed(PROGRESS_INTERVAL_MS + 1)).toEqual(all)
    expect(await pushed(0)).toEqual([0, total])
    // One clock reading per article: with 20 ms a tick, every third count passes (60 ms > 50 ms), and the last.
    expect(await pushed(20)).toEqual([...all.filter((n) => n % 3 === 0), total])
  }, 60_000)
})

describe('ExportController and the open workspace', () => {
  it('exports the library it is given now: a workspace switch moves the next export', async () => {
    const first = await ArticleLibrary.open(await richWorkspace())
    const otherRoot = await tempDir()
    await writeArticles(otherRoot, [makeArticle({ id: '22222222-2222-4222-8222-222222222222', slug: 'only-one' })])
    const second = await ArticleLibrary.open(otherRoot)
    let current = first
    const out = await tempDir()
    let n = 0
    const controller = new ExportController(
      () => current,
      async () => join(out, `run-${++n}`),
      () => undefined,
      NOW,
    )
    const request = { format: 'markdown', zip: false, scope: { kind: 'all' } } as const
    expect(await controller.run(request)).toMatchObject({ ok: true, articleCount: 11 })
    expect(await controller.run(request)).toMatchObject({ ok: true, articleCount: 11 })
    current = second
    expect(await controller.run(request)).toMatchObject({ ok: true, articleCount: 1 })
    expect((await listTree(join(out, 'run-3'))).filter((f) => f.startsWith('articles/'))).toEqual([
      'articles/only-one.md',
    ])
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
