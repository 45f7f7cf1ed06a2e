import { randomUUID } from 'node:crypto'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createServices } from '.'
import { ArticleLibrary, contentHash, IndexCache } from './library'
import { type ImportJobContext, ImportService } from './import'
import { batchesOf, MIN_FILES_FOR_WORKERS, usableWorkers, WorkerPool } from './storage'
import { ExportService } from './export'
import { addAsset, makeArticle, PNG_1X1, tempDir, treeBytes, writeArticles } from './test-support'

/**
 * A pool whose workers load the worker entry from source: the built app finds out/main/bundle-worker.js,
 * tests run TypeScript, so a tiny bootstrap loads the entry through jiti (already installed for tooling).
 */
async function sourcePool(size = 2): Promise<WorkerPool> {
  const dir = await tempDir('newsdesk-worker-boot-')
  const jiti = join(resolve(createRequire(import.meta.url).resolve('jiti'), '..'), 'jiti.mjs')
  const boot = join(dir, 'boot.mjs')
  await writeFile(
    boot,
    `import { createJiti } from ${JSON.stringify(jiti)}\n` +
      `await createJiti(import.meta.url).import(${JSON.stringify(resolve(import.meta.dirname, 'bundle-worker.ts'))})\n`,
  )
  return new WorkerPool(boot, size)
}

/** A workspace of `n` articles (some with a body image). */
async function bigWorkspace(n: number): Promise<{ root: string; ids: string[] }> {
  const root = await tempDir()
  await writeArticles(root, [])
  const asset = await addAsset(root, PNG_1X1)
  const articles = Array.from({ length: n }, (_, i) =>
    makeArticle({
      id: randomUUID(),
      slug: `story-${i}`,
      headline: `Story ${i}: *marks* & <angle> brackets`,
      tags: [`tag-${i % 7}`],
      body: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Part ${i}` }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Bold ', marks: [{ type: 'bold' }] },
              { type: 'text', text: `text number ${i}, with a [bracket] and a \\ backslash.` },
            ],
          },
          ...(i % 10 === 0 ? [{ type: 'image', attrs: { src: `assets/${asset}`, alt: `Picture ${i}` } }] : []),
          {
            type: 'bulletList',
            content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }],
          },
        ],
      },
    }),
  )
  await writeArticles(root, articles)
  return { root, ids: articles.map((a) => a.id) }
}

const pools: WorkerPool[] = []
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()))
})

describe('bundle workers', () => {
  it('export Markdown and import it back exactly as the main thread does (bytes, manifest, report)', async () => {
    const pool = await sourcePool()
    pools.push(pool)
    const { root } = await bigWorkspace(260)
    const library = await ArticleLibrary.open(root)
    const viaWorkers = join(await tempDir(), 'bundle')
    const onThread = join(await tempDir(), 'bundle')
    const progress: number[] = []
    const a = await new ExportService(library, pool).run({
      format: 'markdown',
      destination: viaWorkers,
      reproducible: true,
      onProgress: (p) => progress.push(p.done),
    })
    const b = await new ExportService(library, null).run({
      format: 'markdown',
      destination: onThread,
      reproducible: true,
    })
    expect(a).toMatchObject({ ok: true, articleCount: 260 })
    expect(b).toMatchObject({ ok: true, articleCount: 260 })
    const bytes = await treeBytes(viaWorkers)
    expect(Object.keys(bytes).filter((f) => f.startsWith('articles/'))).toHaveLength(260)
    expect(Object.keys(bytes).filter((f) => f.startsWith('assets/'))).toHaveLength(1)
    expect(bytes).toEqual(await treeBytes(onThread))
    expect(progress[0]).toBe(0)
    expect(progress.at(-1)).toBe(260)

    // Import of that bundle: same report and same stored files with and without workers.
    const into = async (workers: WorkerPool | null) => {
      const target = await tempDir()
      const importer = new ImportService(await ArticleLibrary.open(target), workers)
      const report = await importer.dryRun([viaWorkers])
      const applied = await importer.apply(report.planId)
      return { report, applied, files: await treeBytes(join(target, 'articles')), root: target }
    }
    const w = await into(pool)
    const t = await into(null)
    expect(w.report.counts).toEqual({ new: 260, update: 0, unchanged: 0, conflict: 0, invalid: 0 })
    // The report's rows are the same (the source label names a different folder, the file inside is the same).
    const rows = (r: typeof w.report) =>
      r.items.map(({ source, ...row }) => ({ ...row, source: source.split(' › ')[1] }))
    expect(rows(w.report)).toEqual(rows(t.report))
    expect(w.applied).toMatchObject({ ok: true, created: 260, assets: 1 })
    expect(Object.keys(w.files)).toHaveLength(260)
    expect(w.files).toEqual(t.files)
    // The library of the target lists what was imported (summaries adopted without re-reading), and the
    // index stamps the workers took (size, modification time, sha256) are those of the files in place.
    const cached = await new IndexCache(w.root).load()
    expect(cached.size).toBe(260)
    for (const [id, { stamp }] of cached) {
      const path = join(w.root, 'articles', `${id}.json`)
      const info = await stat(path, { bigint: true })
      expect(stamp).toEqual({
        size: Number(info.size),
        mtimeNs: info.mtimeNs.toString(),
        hash: contentHash(await readFile(path)),
      })
    }
    const reopened = await ArticleLibrary.open(w.root)
    expect(reopened.list({}).length).toBe(260)
  }, 60_000)

  it('a cancel or an invalid article stops the workers and leaves nothing behind', async () => {
    const pool = await sourcePool()
    pools.push(pool)
    const { root, ids } = await bigWorkspace(400)
    const library = await ArticleLibrary.open(root)
    const parent = await tempDir()
    const controller = new AbortController()
    const cancelled = await new ExportService(library, pool).run({
      format: 'markdown',
      destination: join(parent, 'bundle'),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 100) controller.abort()
      },
    })
    expect(cancelled).toMatchObject({ ok: false, reason: 'cancelled' })
    expect(await readdir(parent)).toEqual([])

    await writeFile(library.pathOf(ids[333] as string), '{"schemaVersion": 1, "id": ')
    const invalid = await new ExportService(library, pool).run({
      format: 'markdown',
      destination: join(parent, 'bundle'),
    })
    expect(invalid).toMatchObject({ ok: false, reason: 'invalid' })
    expect(invalid.ok ? '' : invalid.message).toContain(ids[333])
    expect(await readdir(parent)).toEqual([])
  }, 60_000)

  it('import items a worker finds invalid are reported with their line and field, as on the main thread', async () => {
    const pool = await sourcePool()
    pools.push(pool)
    const source = await tempDir()
    for (let i = 0; i < 220; i++) {
      const status = i === 17 ? 'nonsense' : 'draft'
      await writeFile(
        join(source, `post-${String(i).padStart(3, '0')}.md`),
        `---\ntitle: "Post ${i}"\nstatus: "${status}"\n---\n\nBody ${i}\n`,
      )
    }
    const reports = await Promise.all(
      [pool, null].map(async (workers) =>
        new ImportService(await ArticleLibrary.open(await tempDir()), workers).dryRun([source]),
      ),
    )
    const [w, t] = reports as [
      Awaited<ReturnType<ImportService['dryRun']>>,
      Awaited<ReturnType<ImportService['dryRun']>>,
    ]
    expect(w.counts.invalid).toBe(1)
    expect(w.items[17]?.problem).toMatchObject({ field: 'status', line: 3 })
    expect(w.items[17]?.problem).toEqual(t.items[17]?.problem)
    expect(w.counts).toEqual(t.counts)
  }, 60_000)

  it('says why when the workers cannot start (a big job on one thread is never silent)', async () => {
    const dir = await tempDir('newsdesk-worker-boot-')
    const broken = join(dir, 'broken.mjs')
    await writeFile(broken, "throw new Error('app.asar has no bundle-worker.js')\n")
    const pool = new WorkerPool(broken, 1)
    pools.push(pool)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    try {
      expect(await usableWorkers(pool, 300)).toBeNull()
      expect(warn).toHaveBeenCalledTimes(1)
      const [line, reason] = warn.mock.calls[0] as [string, string]
      expect(line).toContain('bundle workers could not start')
      expect(line).toContain(broken)
      expect(line).toContain('this job of 300 files runs on one thread')
      expect(reason).toContain('app.asar has no bundle-worker.js')
      // Not tried again (and not said again): the next big job goes straight to one thread.
      expect(pool.startFailed).toBe(true)
      expect(await usableWorkers(pool, 300)).toBeNull()
      expect(warn).toHaveBeenCalledTimes(1)
    } finally {
      warn.mockRestore()
    }
  })

  it('falls back to the main thread when the worker file cannot load (nothing written twice)', async () => {
    const dir = await tempDir('newsdesk-worker-boot-')
    const broken = join(dir, 'broken.mjs')
    await writeFile(broken, "throw new Error('this build cannot load its worker')\n")
    const pool = new WorkerPool(broken, 2)
    pools.push(pool)
    await expect(pool.ready()).rejects.toThrow('cannot load its worker')
    expect(await usableWorkers(pool, MIN_FILES_FOR_WORKERS)).toBeNull()
    const { root } = await bigWorkspace(210)
    const library = await ArticleLibrary.open(root)
    const viaFallback = join(await tempDir(), 'bundle')
    const onThread = join(await tempDir(), 'bundle')
    const a = await new ExportService(library, pool).run({
      format: 'markdown',
      destination: viaFallback,
      reproducible: true,
    })
    const b = await new ExportService(library, null).run({
      format: 'markdown',
      destination: onThread,
      reproducible: true,
    })
    expect(a).toMatchObject({ ok: true, articleCount: 210 })
    expect(b).toMatchObject({ ok: true, articleCount: 210 })
    expect(await treeBytes(viaFallback)).toEqual(await treeBytes(onThread))
  }, 60_000)

  it("the app's services hand their one pool to exports, and dispose closes it", async () => {
    const dir = await tempDir('newsdesk-worker-boot-')
    const broken = join(dir, 'broken.mjs')
    await writeFile(broken, "throw new Error('no worker in this build')\n")
    const pool = new WorkerPool(broken, 1)
    const close = vi.spyOn(pool, 'close')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { root } = await bigWorkspace(MIN_FILES_FOR_WORKERS)
    const out = await tempDir()
    const services = await createServices({
      userData: await tempDir(),
      sampleDir: null,
      workspace: root,
      watch: false,
      workers: pool,
      pickDestination: async (name) => join(out, name),
    })
    try {
      const report = await services.exports.run({ format: 'markdown', zip: false, scope: { kind: 'all' } })
      expect(report).toMatchObject({ ok: true, articleCount: MIN_FILES_FOR_WORKERS })
      // The export asked this pool for workers (they could not start, so it ran on this thread and said so).
      expect(pool.startFailed).toBe(true)
      expect(warn).toHaveBeenCalledTimes(1)
    } finally {
      warn.mockRestore()
      await services.dispose()
    }
    expect(close).toHaveBeenCalledTimes(1)
  }, 60_000)

  it('run stops handing out batches after a failure and raises it once started batches settle', async () => {
    const pool = await sourcePool(1)
    pools.push(pool)
    const items = Array.from({ length: 40 }, (_, index) => ({
      index,
      path: `p${index}.md`,
      bytes: new TextEncoder().encode(`# Title ${index}\n`),
    }))
    let seen = 0
    const run = pool.run<{ index: number }>(
      'import-markdown',
      batchesOf(items, 4),
      (results) => {
        seen += results.length
        if (seen >= 8) throw new Error('stop here')
      },
      {
        context: {
          now: '2026-01-01T00:00:00.000Z',
          images: new Map(),
          label: 'test',
          maxFileBytes: 1000,
          maxItemMs: 10_000,
          hashFiles: false,
        } satisfies ImportJobContext,
      },
    )
    await expect(run).rejects.toThrow('stop here')
    // Two batches were in flight when the failure came; nothing after them started.
    expect(seen).toBeLessThanOrEqual(12)
    expect(await readFile(join(import.meta.dirname, 'bundle-worker.ts'), 'utf8')).toContain('WORKER_ROLE')
  }, 60_000)
})
