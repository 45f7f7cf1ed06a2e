import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { ArticleLibrary } from '../library'
import { ExportService } from './export-service'
import { listTree, makeArticle, richWorkspace, tempDir, treeBytes, writeArticles } from '../test-support'

describe('Markdown bundle export', () => {
  it('writes articles with front matter, assets with relative links and a manifest with sha256 per file', async () => {
    const ws = await richWorkspace()
    const service = new ExportService(await ArticleLibrary.open(ws), null)
    const dest = join(await tempDir(), 'bundle')
    const progress: number[] = []
    const outcome = await service.run({
      format: 'markdown',
      destination: dest,
      onProgress: (p) => progress.push(p.done),
    })
    expect(outcome).toMatchObject({ ok: true, articleCount: 11 })
    const files = await listTree(dest)
    expect(files.filter((f) => f.startsWith('articles/'))).toHaveLength(11)
    // The essay's picture and the sample's captioned bridge drawing.
    expect(files.filter((f) => f.startsWith('assets/'))).toHaveLength(2)
    expect(progress.at(-1)).toBe(11)

    const md = await readFile(join(dest, 'articles/river-photo-essay.md'), 'utf8')
    expect(md.startsWith('---\ntitle: "The river at dawn: a photo essay"\nslug: "river-photo-essay"\n')).toBe(true)
    const front = parseYaml(md.split('---\n')[1] as string) as Record<string, unknown>
    expect(front).toMatchObject({
      slug: 'river-photo-essay',
      summary: 'The crossing was closed for six weeks.',
      tags: ['photos', 'river', 'weather'],
      kind: 'article',
      draft: true,
      id: '0f0e0d0c-0b0a-4908-8706-050403020100',
      series: ['River Week'],
      weight: 3,
      // Every time in the publication's zone (the sample's America/Chicago), with its offset.
      date: '2026-11-20T03:00:00-06:00',
      updatedAt: '2026-11-19T02:00:00-06:00',
    })
    // Internal fields are withheld from a Markdown export for a site by default.
    for (const key of ['editorsNote', 'status', 'revision']) expect(front).not.toHaveProperty(key)
    expect(md).not.toContain('Check the caption spelling.')
    expect(front.featuredImage).toMatchObject({ alt: 'Mist over the river' })
    expect(md).toContain('## Morning')
    expect(md).toContain('**slowly**')
    expect(md).toMatch(/!\[The quay\]\(\.\.\/assets\/[a-f0-9]{64}\.png\)/)

    const manifest = JSON.parse(await readFile(join(dest, 'manifest.json'), 'utf8'))
    expect(manifest.bundleFormat).toBe('markdown')
    expect(typeof manifest.exportedAt).toBe('string')
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(files.filter((f) => f !== 'manifest.json'))
    for (const f of manifest.files) {
      const bytes = await readFile(join(dest, f.path))
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256)
    }
  })

  it('keeps every internal field with includeInternal (for another Newsdesk)', async () => {
    const ws = await richWorkspace()
    const service = new ExportService(await ArticleLibrary.open(ws), null)
    const dest = join(await tempDir(), 'internal')
    expect((await service.run({ format: 'markdown', destination: dest, includeInternal: true })).ok).toBe(true)
    const md = await readFile(join(dest, 'articles/river-photo-essay.md'), 'utf8')
    const front = parseYaml(md.split('---\n')[1] as string) as Record<string, unknown>
    expect(front).toMatchObject({ status: 'ready', revision: 2, editorsNote: 'Check the caption spelling.' })
  })

  it('is byte-identical for the same workspace with --reproducible, folder and zip', async () => {
    const ws = await richWorkspace()
    const service = new ExportService(await ArticleLibrary.open(ws), null)
    const out = await tempDir()
    for (const name of ['a', 'b']) {
      expect((await service.run({ format: 'markdown', destination: join(out, name), reproducible: true })).ok).toBe(
        true,
      )
      expect(
        (
          await service.run({
            format: 'markdown',
            destination: join(out, `${name}.zip`),
            zip: true,
            reproducible: true,
          })
        ).ok,
      ).toBe(true)
    }
    expect(await treeBytes(join(out, 'b'))).toEqual(await treeBytes(join(out, 'a')))
    const zipA = await readFile(join(out, 'a.zip'))
    expect(zipA.equals(await readFile(join(out, 'b.zip')))).toBe(true)
    const entries = unzipSync(zipA)
    expect(Object.keys(entries).sort()).toEqual(await listTree(join(out, 'a')))
    const manifest = JSON.parse(Buffer.from(entries['manifest.json'] as Uint8Array).toString('utf8'))
    expect(manifest.exportedAt).toBeUndefined()
  })

  it('leaves nothing behind when cancelled or when the destination exists', async () => {
    const ws = await richWorkspace()
    const service = new ExportService(await ArticleLibrary.open(ws), null)
    const out = await tempDir()
    const controller = new AbortController()
    const outcome = await service.run({
      format: 'markdown',
      destination: join(out, 'cancelled'),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 3) controller.abort()
      },
    })
    expect(outcome).toMatchObject({ ok: false, reason: 'cancelled' })
    expect(await readdir(out)).toEqual([])

    expect((await service.run({ format: 'markdown', destination: join(out, 'x') })).ok).toBe(true)
    const again = await service.run({ format: 'markdown', destination: join(out, 'x') })
    expect(again).toMatchObject({ ok: false, reason: 'exists' })
    expect(await readdir(out)).toEqual(['x'])
    expect((await service.run({ format: 'markdown', destination: join(out, 'x'), overwrite: true })).ok).toBe(true)
    expect(await readdir(out)).toEqual(['x'])
  })

  it('refuses Windows-reserved slugs with a clear message and writes nothing', async () => {
    const ws = await tempDir()
    await writeArticles(ws, [makeArticle({ id: '11111111-1111-4111-8111-111111111111', slug: 'con' })])
    const service = new ExportService(await ArticleLibrary.open(ws), null)
    const out = await tempDir()
    const outcome = await service.run({ format: 'markdown', destination: join(out, 'b') })
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) {
      expect(outcome.reason).toBe('invalid')
      expect(outcome.message).toContain('reserved file name on Windows')
    }
    expect(await readdir(out)).toEqual([])
  })

  it('streams a Markdown export from the listing, and refuses a file whose slug changed behind its back', async () => {
    const ws = await tempDir()
    const id = '22222222-2222-4222-8222-222222222222'
    await writeArticles(ws, [makeArticle({ id, slug: 'before' })])
    const library = await ArticleLibrary.open(ws)
    // Edited on disk after the library listed it (no watcher here): the listing still says "before".
    await writeArticles(ws, [makeArticle({ id, slug: 'after' })])
    const out = await tempDir()
    const outcome = await new ExportService(library, null).run({ format: 'markdown', destination: join(out, 'b') })
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid' })
    if (!outcome.ok) expect(outcome.message).toContain('changed on disk during the export')
    expect(await readdir(out)).toEqual([])
  })

  it('exports only the scope asked for (ids, tag, status)', async () => {
    const ws = await richWorkspace()
    const library = await ArticleLibrary.open(ws)
    const service = new ExportService(library, null)
    const out = await tempDir()
    const one = library.list({})[0]
    expect(
      (await service.run({ format: 'markdown', destination: join(out, 'one'), scope: { ids: [one?.id ?? ''] } })).ok,
    ).toBe(true)
    expect(await readdir(join(out, 'one', 'articles'))).toEqual([`${one?.slug}.md`])
    const tagged = library.list({ tag: 'weather' })
    const r = await service.run({
      format: 'markdown',
      destination: join(out, 'tag'),
      scope: { filter: { tag: 'weather' } },
    })
    expect(r).toMatchObject({ ok: true, articleCount: tagged.length })
    expect((await stat(join(out, 'tag', 'manifest.json'))).isFile()).toBe(true)
  })
})

describe('export during a first listing still under way', () => {
  it('waits for every article to be listed, never exporting only the first screen', async () => {
    // More than one batch with no index cache: listed head first (as a large index cache is).
    const ws = await tempDir()
    const count = 1100
    await writeArticles(
      ws,
      Array.from({ length: count }, (_, i) => makeArticle({ id: randomUUID(), headline: `Story ${i}` })),
    )
    const library = await ArticleLibrary.open(ws, { deferValidation: true, backgroundAfterListingMs: 3_600_000 })
    expect(library.head(200).pending).toBe(true)
    const outcome = await new ExportService(library, null).run({
      format: 'markdown',
      destination: join(await tempDir(), 'bundle'),
    })
    expect(outcome).toMatchObject({ ok: true, articleCount: count })
    await library.close()
  }, 60_000)
})
