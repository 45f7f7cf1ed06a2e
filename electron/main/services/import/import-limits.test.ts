import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MARKDOWN_LIMITS, MAX_DOC_DEPTH } from '../../../../shared/bundle/input-limits'
import { articleStatuses } from '../../../../shared/article/schema'
import { defaultPublication } from '../../../../shared/publication/publication'
import { ArticleLibrary } from '../library'
import { ExportService } from '../export'
import { tempDir } from '../test-support'
import { ImportService } from './import-service'

const good = (n: number) => `---\ntitle: Good ${n}\ndate: 2026-01-0${n}\n---\n\nFine text ${n}.\n`

/** Quotes nested `n` deep: `n` quote nodes plus the paragraph. */
const quotes = (n: number) => `---\ntitle: Deep\n---\n\n${'> '.repeat(n)}bottom\n`

describe('bounded import: each limit fails its item with file, line and limit; the rest imports', () => {
  it('refuses alias bombs, deep nesting, delimiter runs, !!set and impossible dates item by item', async () => {
    const source = await tempDir()
    await mkdir(join(source, 'posts'))
    for (const n of [1, 2, 3]) await writeFile(join(source, 'posts', `good-${n}.md`), good(n))
    const big = 'x'.repeat(50_000)
    const aliases = Array.from({ length: 40 }, (_, i) => `k${i}: *big`).join('\n')
    await writeFile(join(source, 'posts', 'alias.md'), `---\ntitle: Alias\nbig: &big "${big}"\n${aliases}\n---\n\nx\n`)
    await writeFile(
      join(source, 'posts', 'lists.md'),
      `---\ntitle: Lists\n---\n\n${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`,
    )
    await writeFile(join(source, 'posts', 'quotes.md'), quotes(3000))
    await writeFile(join(source, 'posts', 'stars.md'), `---\ntitle: Stars\n---\n\n${'**a'.repeat(16_000)}\n`)
    await writeFile(join(source, 'posts', 'set.md'), '---\ntitle: Set\ntags: !!set\n  ? a\n  ? b\n---\n\nx\n')
    await writeFile(join(source, 'posts', 'feb30.md'), '---\ntitle: Leap\ndate: 2024-02-30\n---\n\nx\n')
    await writeFile(join(source, 'posts', 'year0.md'), '---\ntitle: Zero\ndate: 0000-01-01\n---\n\nx\n')
    await writeFile(
      join(source, 'posts', 'huge.md'),
      `---\ntitle: Huge\nlist: [${'"xxxxxxx", '.repeat(20_000)}"x"]\n---\n\nx\n`,
    )
    await writeFile(join(source, 'posts', 'quoted-deep.md'), quotes(MAX_DOC_DEPTH + 1))
    const ws = await tempDir('newsdesk-ws-')
    const library = await ArticleLibrary.open(ws)
    const importer = new ImportService(library, null)
    const started = Date.now()
    const report = await importer.dryRun([source])
    const elapsed = Date.now() - started
    expect(elapsed).toBeLessThan(15_000)
    const by = Object.fromEntries(report.items.map((i) => [i.source.split('/').pop(), i]))
    for (const n of [1, 2, 3]) expect(by[`good-${n}.md`]?.status).toBe('new')
    expect(by['alias.md']).toMatchObject({ status: 'invalid', problem: { line: 4 } })
    expect(by['alias.md']?.problem?.message).toMatch(
      /expands \(through aliases\) to more than \d+ characters, over the limit/,
    )
    expect(by['lists.md']).toMatchObject({ status: 'invalid' })
    expect(by['lists.md']?.problem?.message).toMatch(/deeper than the limit of \d+ levels/)
    expect(by['lists.md']?.problem?.line).toBeGreaterThan(4)
    expect(by['quotes.md']?.problem?.message).toMatch(/deeper than the limit/)
    expect(by['quotes.md']?.problem?.line).toBe(5)
    expect(by['stars.md']?.problem).toMatchObject({ line: 5 })
    expect(by['stars.md']?.problem?.message).toMatch(/more than 2000 emphasis markers/)
    expect(by['set.md']?.problem).toMatchObject({ line: 3 })
    expect(by['set.md']?.problem?.message).toContain('!!set is not supported')
    expect(by['feb30.md']?.problem).toMatchObject({ field: 'date', line: 3 })
    expect(by['feb30.md']?.problem?.message).toBe('"2024-02-30" is not a real date: February 2024 has 29 days')
    expect(by['year0.md']?.problem?.message).toContain('outside the years 1900–9999')
    expect(by['huge.md']?.problem).toMatchObject({ line: 1 })
    expect(by['huge.md']?.problem?.message).toMatch(/front matter is \d+ characters long, over the limit of 65536/)
    expect(by['quoted-deep.md']?.problem?.message).toContain(`over the limit of ${MAX_DOC_DEPTH}`)
    const applied = await importer.apply(report.planId)
    expect(applied).toMatchObject({ ok: true, created: 3 })
  })

  it('deep indentation is not nesting: a poem and a code listing indented past 100 columns import', async () => {
    const source = await tempDir()
    const poem = Array.from({ length: 30 }, (_, i) => `${' '.repeat(7 * i)}the line steps right ${i}  `).join('\n')
    await writeFile(join(source, 'poem.md'), `---\ntitle: Stairs\n---\n\n${poem}\n`)
    const listing = Array.from({ length: 20 }, (_, i) => `${' '.repeat(6 + 8 * i)}if (depth${i}) {`).join('\n')
    await writeFile(join(source, 'code.md'), `---\ntitle: Code\n---\n\n- the listing:\n\n${listing}\n`)
    // The same width of indentation, but every line a list item one step further right: nesting, refused.
    const stairs = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}- step ${i}`).join('\n')
    await writeFile(join(source, 'stairs.md'), `---\ntitle: Attack\n---\n\n${stairs}\n`)
    const importer = new ImportService(await ArticleLibrary.open(await tempDir('newsdesk-ws-')), null)
    const report = await importer.dryRun([source])
    const by = Object.fromEntries(report.items.map((i) => [i.source.split(' › ').pop(), i]))
    expect(by['poem.md']?.status, JSON.stringify(by['poem.md']?.problem)).toBe('new')
    expect(by['code.md']?.status, JSON.stringify(by['code.md']?.problem)).toBe('new')
    expect(by['stairs.md']).toMatchObject({ status: 'invalid', problem: { line: 5 + MARKDOWN_LIMITS.maxRawNesting } })
    expect(by['stairs.md']?.problem?.message).toBe(
      `quotes and lists nested deeper than the limit of ${MARKDOWN_LIMITS.maxRawNesting} levels`,
    )
    expect(await importer.apply(report.planId)).toMatchObject({ ok: true, created: 2 })
  })

  it('the time limit fails the item while it is parsed, naming the line, and the import goes on', async () => {
    const source = await tempDir()
    await writeFile(join(source, 'slow.md'), `---\ntitle: Slow\n---\n\nFirst paragraph.\n\nSecond.\n`)
    const importer = new ImportService(await ArticleLibrary.open(await tempDir('newsdesk-ws-')), null)
    // A limit already spent when parsing starts: the parser's first check stops it (no wall-clock race).
    const report = await importer.dryRun([source], { limits: { maxItemMs: 0 } })
    expect(report.items).toHaveLength(1)
    expect(report.items[0]).toMatchObject({
      status: 'invalid',
      problem: { message: 'took longer than the limit of 0 s to read (stopped while reading this line)', line: 4 },
    })
    const normal = await importer.dryRun([source])
    expect(normal.counts).toMatchObject({ new: 1, invalid: 0 })
  })

  it('what import accepts at the nesting limit, every export writes (JSON included)', async () => {
    const source = await tempDir()
    // Quotes up to the limit, and lists as deep as the limit allows (two nodes per list level).
    await writeFile(join(source, 'quotes.md'), quotes(MAX_DOC_DEPTH - 1))
    const levels = Math.floor((MAX_DOC_DEPTH - 1) / 2)
    await writeFile(
      join(source, 'lists.md'),
      `---\ntitle: Lists\n---\n\n${Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- **item** [link](https://example.org)`).join('\n')}\n`,
    )
    const ws = await tempDir('newsdesk-ws-')
    const library = await ArticleLibrary.open(ws)
    const importer = new ImportService(library, null)
    const report = await importer.dryRun([source])
    expect(report.counts, JSON.stringify(report.items)).toMatchObject({ new: 2, invalid: 0 })
    expect(await importer.apply(report.planId)).toMatchObject({ ok: true, created: 2 })
    const out = await tempDir()
    const exporter = new ExportService(await ArticleLibrary.open(ws, { readOnly: true }), null)
    // Reader-facing formats carry the publication's statuses and RSS needs a base URL: this one lists every status.
    const publication = {
      ...defaultPublication('Limits', 'UTC'),
      baseUrl: 'https://news.example.org/',
      statuses: [...articleStatuses],
    }
    for (const format of ['markdown', 'json', 'ninjs', 'rss', 'html'] as const) {
      const outcome = await exporter.run({ format, destination: join(out, format), publication })
      expect(outcome, format).toMatchObject({ ok: true, articleCount: 2 })
    }
  })
})
