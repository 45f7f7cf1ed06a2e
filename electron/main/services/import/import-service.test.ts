import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { canonicalBody } from '../../../../shared/editor/tiptap'
import { ExportService } from '../export'
import { makeArticle, richWorkspace, tempDir, treeBytes, writeArticles } from '../test-support'
import { ArticleLibrary } from '../library'
import { PublicationStore } from '../workspace'
import { ImportService } from './import-service'
import { readListedFile, SourceRefusedError } from './source-reader'

const FIXTURES = resolve(import.meta.dirname, 'fixtures')

/** Compares two file trees, reporting the first differing file as text (not a wall of base64). */
function expectSameTree(actual: Record<string, string>, expected: Record<string, string>) {
  expect(Object.keys(actual)).toEqual(Object.keys(expected))
  for (const [path, bytes] of Object.entries(expected)) {
    const text = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8')
    expect(`${path}:\n${text(actual[path])}`).toBe(`${path}:\n${text(bytes)}`)
  }
}

async function services(root: string) {
  const library = await ArticleLibrary.open(root)
  return { library, exporter: new ExportService(library, null), importer: new ImportService(library, null) }
}

async function importAll(root: string, paths: string[], onConflict: 'skip' | 'overwrite' | 'keep-both' = 'skip') {
  const { importer } = await services(root)
  const report = await importer.dryRun(paths)
  const outcome = await importer.apply(report.planId, { onConflict })
  return { report, outcome }
}

/** Gives `to` the publication of `from` (its time zone decides how the export writes every time). */
async function samePublication(from: string, to: string): Promise<void> {
  const settings = await new PublicationStore(() => from).get()
  expect((await new PublicationStore(() => to).set(settings)).ok).toBe(true)
}

describe('round trips', () => {
  for (const format of ['markdown', 'json'] as const) {
    for (const zip of [false, true]) {
      it(`${format}${zip ? ' zip' : ''}: export, import into an empty workspace, export again is byte-identical`, async () => {
        const ws = await richWorkspace()
        const out = await tempDir()
        const a = join(out, zip ? 'a.zip' : 'a')
        const b = join(out, zip ? 'b.zip' : 'b')
        expect((await (await services(ws)).exporter.run({ format, destination: a, zip, reproducible: true })).ok).toBe(
          true,
        )
        const empty = await tempDir()
        await samePublication(ws, empty)
        const { report, outcome } = await importAll(empty, [a])
        expect(report.counts).toMatchObject({ new: 11, invalid: 0, conflict: 0 })
        expect(outcome).toMatchObject({ ok: true, created: 11 })
        expect(
          (await (await services(empty)).exporter.run({ format, destination: b, zip, reproducible: true })).ok,
        ).toBe(true)
        if (zip) expect((await readFile(b)).equals(await readFile(a))).toBe(true)
        else expectSameTree(await treeBytes(b), await treeBytes(a))
      })
    }
  }

  for (const corpus of ['hugo', 'jekyll']) {
    it(`${corpus} corpus: import, export, import into an empty workspace, export again is byte-identical`, async () => {
      const first = await tempDir()
      const { report } = await importAll(first, [join(FIXTURES, corpus)])
      expect(report.counts.invalid).toBe(0)
      expect(report.counts.new).toBeGreaterThanOrEqual(5)
      const out = await tempDir()
      expect(
        (
          await (
            await services(first)
          ).exporter.run({ format: 'markdown', destination: join(out, 'a'), reproducible: true })
        ).ok,
      ).toBe(true)
      const second = await tempDir()
      await samePublication(first, second)
      const again = await importAll(second, [join(out, 'a')])
      expect(again.report.counts.new).toBe(report.counts.new)
      expect(
        (
          await (
            await services(second)
          ).exporter.run({ format: 'markdown', destination: join(out, 'b'), reproducible: true })
        ).ok,
      ).toBe(true)
      expectSameTree(await treeBytes(join(out, 'b')), await treeBytes(join(out, 'a')))
    })
  }
})

describe('front matter mapping', () => {
  it('maps Hugo TOML: title, description, date, tags + categories, author; keeps the rest', async () => {
    const ws = await tempDir()
    await importAll(ws, [join(FIXTURES, 'hugo', 'markdown-syntax.md')])
    const { library } = await services(ws)
    const [summary] = library.list({})
    const loaded = await library.load(summary?.id ?? '')
    if (!loaded.ok) throw new Error(loaded.message)
    const a = loaded.article
    expect(a.headline).toBe('Markdown Syntax Guide')
    expect(a.standfirst).toBe('Sample article showcasing basic Markdown syntax and formatting for HTML elements.')
    expect(a.publishAt).toBe('2019-03-11T00:00:00.000Z')
    expect(a.tags).toEqual(['markdown', 'css', 'html', 'themes', 'syntax'])
    expect(a.byline).toBe('Hugo Authors')
    expect(a.slug).toBe('markdown-syntax')
    expect(a.status).toBe('published')
    expect(a.extraFrontMatter).toEqual({ aliases: ['migrate-from-jekyl'], series: ['Themes Guide'] })
    expect(JSON.stringify(a.body)).toContain('Headings')
  })

  it('maps Jekyll YAML: zoned dates, category, slug from the dated file name', async () => {
    const ws = await tempDir()
    await importAll(ws, [join(FIXTURES, 'jekyll', '2016-10-06-jekyll-3-3-is-here.md')])
    const { library } = await services(ws)
    const [summary] = library.list({})
    const loaded = await library.load(summary?.id ?? '')
    if (!loaded.ok) throw new Error(loaded.message)
    expect(loaded.article).toMatchObject({
      slug: 'jekyll-3-3-is-here',
      publishAt: '2016-10-06T18:10:38.000Z',
      tags: ['release'],
      byline: 'parkr',
      extraFrontMatter: { version: '3.3.0' },
    })
  })
})

describe('dry run and conflicts', () => {
  it('reports invalid files with file, line and field, and never writes them', async () => {
    const src = await tempDir()
    await writeFile(join(src, 'bad-yaml.md'), '---\ntitle: ok\ntags: [a, b\n---\nbody\n')
    await writeFile(join(src, 'bad-status.md'), '---\ntitle: ok\nsummary: s\nstatus: archived\n---\nbody\n')
    await writeFile(join(src, 'bad-date.md'), '---\ntitle: ok\n\ndate: yesterday\n---\nbody\n')
    await writeFile(join(src, 'bad-utf8.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]))
    await writeFile(join(src, 'good.md'), '---\ntitle: Good one\n---\nHello\n')
    const ws = await tempDir()
    const { importer, library } = await services(ws)
    const report = await importer.dryRun([src])
    const bySource = Object.fromEntries(report.items.map((i) => [i.source.split(' › ')[1], i]))
    expect(bySource['bad-yaml.md']?.status).toBe('invalid')
    expect(bySource['bad-yaml.md']?.problem?.line).toBeGreaterThanOrEqual(3)
    expect(bySource['bad-status.md']?.problem).toMatchObject({ field: 'status', line: 4 })
    expect(bySource['bad-date.md']?.problem).toMatchObject({ field: 'date', line: 4 })
    expect(bySource['bad-utf8.md']?.problem?.message).toContain('UTF-8')
    expect(bySource['good.md']?.status).toBe('new')
    expect(await readdir(join(ws, 'articles'))).toEqual([])
    const outcome = await importer.apply(report.planId)
    expect(outcome).toMatchObject({ ok: true, created: 1, skipped: 4 })
    expect(library.list({}).map((s) => s.slug)).toEqual(['good'])
  })

  it('classifies unchanged, update and slug/id conflicts, and applies skip, overwrite and keep-both', async () => {
    const ws = await tempDir()
    const base = makeArticle({ id: '22222222-2222-4222-8222-222222222222', slug: 'flood', headline: 'Flood' })
    await writeArticles(ws, [base])
    const src = await tempDir()
    const bundleOf = async (name: string, articles: ReturnType<typeof makeArticle>[]) => {
      const dir = join(src, name)
      await writeArticles(dir, articles)
      const out = join(src, `${name}-bundle`)
      expect(
        (await (await services(dir)).exporter.run({ format: 'json', destination: out, reproducible: true })).ok,
      ).toBe(true)
      return out
    }
    const same = await bundleOf('same', [base])
    const newer = await bundleOf('newer', [{ ...base, revision: 5, headline: 'Flood (updated)' }])
    const older = await bundleOf('older', [{ ...base, revision: 1, updatedAt: '2026-11-18T09:00:00.000Z' }])
    const slugClash = await bundleOf('clash', [
      makeArticle({ id: '33333333-3333-4333-8333-333333333333', slug: 'flood', headline: 'Another flood' }),
    ])

    const { importer, library } = await services(ws)
    expect((await importer.dryRun([same])).items[0]?.status).toBe('unchanged')
    expect((await importer.dryRun([newer])).items[0]?.status).toBe('update')
    expect((await importer.dryRun([older])).items[0]).toMatchObject({ status: 'conflict', conflict: { on: 'id' } })
    const clash = await importer.dryRun([slugClash])
    expect(clash.items[0]).toMatchObject({ status: 'conflict', conflict: { on: 'slug', slug: 'flood' } })

    expect(await importer.apply(clash.planId, { onConflict: 'skip' })).toMatchObject({
      ok: true,
      skipped: 1,
      created: 0,
    })
    expect(library.list({})).toHaveLength(1)

    const keep = await importer.dryRun([slugClash])
    expect(await importer.apply(keep.planId, { decisions: { 0: 'keep-both' } })).toMatchObject({ ok: true, created: 1 })
    expect(
      library
        .list({})
        .map((s) => s.slug)
        .sort(),
    ).toEqual(['flood', 'flood-2'])

    const over = await importer.dryRun([older])
    expect(await importer.apply(over.planId, { onConflict: 'overwrite' })).toMatchObject({ ok: true, updated: 1 })
    const reloaded = await library.load(base.id)
    expect(reloaded.ok && reloaded.article.revision).toBe(3)

    const up = await importer.dryRun([newer])
    expect(await importer.apply(up.planId)).toMatchObject({ ok: true, updated: 1 })
    const after = await library.load(base.id)
    expect(after.ok && after.article.headline).toBe('Flood (updated)')
    expect(await importer.apply(up.planId)).toMatchObject({ ok: false, reason: 'stale' })
  })

  it('rolls back completely when a write fails part-way', async () => {
    const ws = await richWorkspace()
    const before = await treeBytes(ws)
    const out = await tempDir()
    const { exporter } = await services(ws)
    await exporter.run({ format: 'json', destination: join(out, 'b'), reproducible: true })
    // Change every article in the bundle so the import overwrites them all.
    const bundle = JSON.parse(await readFile(join(out, 'b', 'bundle.json'), 'utf8'))
    for (const e of bundle.articles) e.article.revision += 1
    await writeFile(join(out, 'edited.json'), JSON.stringify(bundle))
    const { importer } = await services(ws)
    const report = await importer.dryRun([join(out, 'edited.json')])
    expect(report.counts.update).toBe(11)
    const outcome = await importer.apply(report.planId, { failAfterCommits: 5 })
    expect(outcome).toMatchObject({ ok: false, reason: 'io' })
    const withoutCache = (t: Record<string, string>) =>
      Object.fromEntries(Object.entries(t).filter(([p]) => !p.startsWith('.newsdesk/')))
    expectSameTree(withoutCache(await treeBytes(ws)), withoutCache(before))
  })
})

describe('tables and progress', () => {
  it('warns in the dry run that a GFM table was kept as paragraphs, and imports every cell', async () => {
    const src = await tempDir()
    await writeFile(
      join(src, 'results.md'),
      '---\ntitle: Results\n---\nThe count:\n\n| Ward | Votes |\n| --- | --- |\n| North | 1,204 |\n| South | 987 |\n',
    )
    await writeFile(join(src, 'plain.md'), '---\ntitle: Plain\n---\nNo tables.\n')
    const ws = await tempDir()
    const { importer, library } = await services(ws)
    const report = await importer.dryRun([src])
    const results = report.items.find((i) => i.slug === 'results')
    expect(results?.warnings).toEqual([
      'a table was kept as paragraphs (one per row, cells separated by " | "): the editor has no tables',
    ])
    expect(report.items.find((i) => i.slug === 'plain')?.warnings).toBeUndefined()
    expect(await importer.apply(report.planId)).toMatchObject({ ok: true, created: 2 })
    const loaded = await library.load(results?.id ?? '')
    const text = JSON.stringify(loaded.ok && loaded.article.body)
    for (const cell of ['Ward | Votes', 'North | 1,204', 'South | 987']) expect(text).toContain(cell)
  })

  it('lifts Markdown images out of paragraphs into the editor schema, and keeps unfound or hostile ones as text', async () => {
    const src = await tempDir()
    await mkdir(join(src, 'img'))
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    await writeFile(join(src, 'img', 'map.png'), png)
    await writeFile(
      join(src, 'story.md'),
      [
        '---\ntitle: Story\n---',
        'Before ![The map](img/map.png) after.',
        '',
        '![remote](https://example.org/pixel.png) and ![x](javascript:__xss(1))',
        '',
        '- ![In a list](img/map.png)',
        '',
      ].join('\n'),
    )
    const ws = await tempDir()
    const { importer, library } = await services(ws)
    const report = await importer.dryRun([src])
    const item = report.items.find((i) => i.slug === 'story')
    expect(item?.warnings).toEqual([
      '2 images were kept as text, not found in the source: "https://example.org/pixel.png", "javascript:__xss(1)"',
    ])
    expect(await importer.apply(report.planId)).toMatchObject({ ok: true, created: 1 })
    const loaded = await library.load(item?.id ?? '')
    if (!loaded.ok) throw new Error('not loaded')
    const body = loaded.article.body
    // The body fits the schema the editor loads (an image is a block; a list item opens with a paragraph).
    expect(() => canonicalBody(body)).not.toThrow()
    const asset = `assets/${createHash('sha256').update(png).digest('hex')}.png`
    expect(body.content?.slice(0, 3)).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Before ' }] },
      { type: 'image', attrs: { src: asset, alt: 'The map', caption: '' } },
      { type: 'paragraph', content: [{ type: 'text', text: ' after.' }] },
    ])
    const text = JSON.stringify(body)
    expect(text).toContain('![remote](https://example.org/pixel.png)')
    expect(text).toContain('![x](javascript:__xss(1))')
    expect(text).not.toMatch(/"src":"(https|javascript):/)
    expect(await readdir(join(ws, 'assets'))).toEqual([asset.slice('assets/'.length)])
  })

  it('reports apply progress up to the total of articles written', async () => {
    const ws = await richWorkspace()
    const out = await tempDir()
    await (await services(ws)).exporter.run({ format: 'markdown', destination: join(out, 'b'), reproducible: true })
    const { importer } = await services(await tempDir())
    const report = await importer.dryRun([join(out, 'b')])
    const seen: { done: number; total: number }[] = []
    expect(await importer.apply(report.planId, { onProgress: (p) => seen.push(p) })).toMatchObject({ ok: true })
    expect(seen[0]).toEqual({ done: 0, total: 11 })
    expect(seen.at(-1)).toEqual({ done: 11, total: 11 })
    expect(seen.every((p, i) => i === 0 || p.done >= (seen[i - 1]?.done ?? 0))).toBe(true)
  })
})

describe('hostile input', () => {
  const refused = async (path: string, message: RegExp, limits = {}) => {
    const { importer } = await services(await tempDir())
    await expect(importer.dryRun([path], { limits })).rejects.toThrow(message)
    await expect(importer.dryRun([path], { limits })).rejects.toBeInstanceOf(SourceRefusedError)
  }
  const zipWith = async (entries: Record<string, Uint8Array | [Uint8Array, object]>) => {
    const path = join(await tempDir(), 'x.zip')
    await writeFile(path, zipSync(entries as never))
    return path
  }
  const md = Buffer.from('---\ntitle: x\n---\nbody\n')

  it('refuses zip slip paths: .., absolute, drive letter, backslash', async () => {
    await refused(await zipWith({ '../evil.md': md }), /climbs out/)
    await refused(await zipWith({ '/etc/evil.md': md }), /absolute path/)
    await refused(await zipWith({ 'C:/evil.md': md }), /drive letter/)
    await refused(await zipWith({ 'a\\..\\evil.md': md }), /backslash/)
  })

  it('refuses symbolic links in zips and folders', async () => {
    await refused(await zipWith({ 'link.md': [md, { os: 3, attrs: (0o120777 << 16) >>> 0 }] }), /symbolic link/)
    const dir = await tempDir()
    await writeFile(join(dir, 'a.md'), md)
    await symlink('/etc/passwd', join(dir, 'b.md'))
    await refused(dir, /symbolic link/)
  })

  it('refuses zip bombs by ratio, entry count and total size (limits configurable)', async () => {
    await refused(await zipWith({ 'zeros.md': new Uint8Array(5_000_000) }), /ratio limit/)
    const many: Record<string, Uint8Array> = {}
    for (let i = 0; i < 20; i += 1)
      many[`p${i}.md`] = Buffer.from(`---\ntitle: ${i}\n---\n${'word '.repeat(400)}${i}\n`)
    await refused(await zipWith(many), /20 entries, over the limit of 10/, { maxEntries: 10 })
    await refused(await zipWith(many), /bytes uncompressed, over the limit/, { maxTotalBytes: 10_000 })
  })

  it('refuses __proto__ keys, deep nesting and invalid JSON bundles', async () => {
    const dir = await tempDir()
    const proto = join(dir, 'proto.json')
    await writeFile(
      proto,
      '{"format":"newsdesk-bundle","version":1,"articles":[],"assets":{},"__proto__":{"polluted":true}}',
    )
    await refused(proto, /forbidden key "__proto__"/)
    const deep = join(dir, 'deep.json')
    await writeFile(deep, `${'['.repeat(500)}${']'.repeat(500)}`)
    await refused(deep, /nested deeper/)
    const wrong = join(dir, 'wrong.json')
    await writeFile(wrong, '{"format":"newsdesk-bundle","version":2,"articles":[],"assets":{}}')
    await refused(wrong, /not a valid Newsdesk bundle: \/version/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses folder Markdown over the per-file or total limit, and a link put in place of a listed file', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a.md'), md)
    await writeFile(join(dir, 'big.md'), Buffer.concat([md, Buffer.alloc(5000, 97)]))
    await refused(dir, /"big.md" is \d+ bytes, over the per-file limit of 1000/, { maxFileBytes: 1000 })
    await refused(dir, /more than 3000 bytes, over the limit/, { maxTotalBytes: 3000 })
    // Listed files are read where they are parsed; one swapped for a link since the listing is refused.
    await symlink(join(dir, 'a.md'), join(dir, 'swapped.md'))
    expect(() => readListedFile({ path: 'swapped.md', abs: join(dir, 'swapped.md') }, 'src', 1000)).toThrow(
      /"swapped.md" is a symbolic link/,
    )
  })

  it('refuses a Markdown bundle whose files do not match the manifest', async () => {
    const ws = await richWorkspace()
    const out = join(await tempDir(), 'b')
    await (await services(ws)).exporter.run({ format: 'markdown', destination: out })
    await writeFile(join(out, 'articles', 'river-photo-essay.md'), 'tampered')
    await refused(out, /does not match its sha256/)
    await mkdir(join(out, 'unused'))
  })
})

describe('import during a first listing still under way', () => {
  it('finds an article not listed yet as existing (an update), not as new', async () => {
    // More than one batch with no index cache: listed head first (as a large index cache is); the article
    // sorts last by id, so the first batch does not read it.
    const ws = await tempDir()
    const base = makeArticle({ id: 'ffffffff-ffff-4fff-8fff-ffffffffffff', slug: 'flood', headline: 'Flood' })
    await writeArticles(ws, [
      base,
      ...Array.from({ length: 1100 }, (_, i) => makeArticle({ id: randomUUID(), headline: `Story ${i}` })),
    ])
    const src = await tempDir()
    await writeArticles(src, [{ ...base, revision: 5, headline: 'Flood (updated)' }])
    const bundle = join(await tempDir(), 'bundle')
    expect((await (await services(src)).exporter.run({ format: 'json', destination: bundle })).ok).toBe(true)
    const library = await ArticleLibrary.open(ws, { deferValidation: true, backgroundAfterListingMs: 3_600_000 })
    expect(library.head(200).pending).toBe(true)
    expect(library.summary(base.id)).toBeUndefined()
    const report = await new ImportService(library, null).dryRun([bundle])
    expect(report.items[0]?.status).toBe('update')
    await library.close()
  }, 60_000)
})
