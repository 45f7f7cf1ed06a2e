// Hostile input and timing (issue 21), generated: alias expansion, deep nesting, delimiter runs, special files,
// damaged zip entries, symlink swaps during import, import/export pairs and two exports to one destination.
// Each generator runs `trials` random cases against the real services on temp folders and checks the class's
// promise: the item fails in words (file, line, limit) within its time box, nothing else is lost, nothing is
// half seen. Kills during these steps are the kill -9 campaigns of HOSTILE_KILL_PATHS in kill.ts (a hostile
// import, an import beside an export, two exports to one destination), run by stress.ts with these.
import { execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { zipSync } from 'fflate'
import { MAX_DOC_DEPTH } from '../../shared/bundle/input-limits'
import { ExportService } from '../../electron/main/services/export'
import { makeArticle, PNG_1X1, tempDir, writeArticles } from '../../electron/main/services/test-support'
import { ImportService, SourceRefusedError } from '../../electron/main/services/import'
import { ArticleLibrary } from '../../electron/main/services/library'
import { WorkspaceLock } from '../../electron/main/services/storage'
import { row, type Row } from './common'

/** Longest one hostile item may take before it counts as a hang. */
export const HOSTILE_TIME_BOX_MS = 3000

type Random = () => number

const between = (random: Random, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))

/** Dry-runs one Markdown file (with two good neighbours) and returns its row, the good rows and the time taken. */
async function dryRunOne(name: string, text: string) {
  const source = await tempDir('newsdesk-hostile-src-')
  await writeFile(join(source, name), text)
  await writeFile(join(source, 'good-1.md'), '---\ntitle: Good one\n---\n\nFine.\n')
  await writeFile(join(source, 'good-2.md'), '---\ntitle: Good two\n---\n\nFine too.\n')
  const ws = await tempDir('newsdesk-hostile-ws-')
  const importer = new ImportService(await ArticleLibrary.open(ws), null)
  const started = performance.now()
  const report = await importer.dryRun([source])
  const ms = performance.now() - started
  const item = report.items.find((i) => i.source.endsWith(name))
  const goods = report.items.filter((i) => i.source.includes('good-') && i.status === 'new').length
  const applied = await importer.apply(report.planId)
  await rm(source, { recursive: true, force: true })
  return { item, goods, ms, applied, ws }
}

/** One generator: `trials` cases, each returning failure messages (empty when it held). */
async function campaign(
  name: string,
  trials: number,
  random: Random,
  trial: (random: Random, i: number) => Promise<string[]>,
  note: (ms: number[]) => string,
): Promise<Row> {
  const failures: string[] = []
  const times: number[] = []
  for (let i = 0; i < trials; i++) {
    const started = performance.now()
    try {
      failures.push(...(await trial(random, i)).map((f) => `trial ${i}: ${f}`))
    } catch (error) {
      failures.push(`trial ${i}: crashed: ${(error as Error).message.slice(0, 200)}`)
    }
    times.push(performance.now() - started)
  }
  return row('import + export', name, trials, failures, note(times))
}

const slowest = (ms: number[]) => `slowest trial ${Math.max(0, ...ms).toFixed(0)} ms`

/** Checks an item was refused in words naming a line, within the time box, and its neighbours imported. */
function refusedItem(r: Awaited<ReturnType<typeof dryRunOne>>, pattern: RegExp): string[] {
  const out: string[] = []
  if (r.item?.status !== 'invalid') out.push(`item was ${r.item?.status ?? 'missing'}, not invalid`)
  else if (!pattern.test(r.item.problem?.message ?? '')) out.push(`message "${r.item.problem?.message}"`)
  if (r.item?.status === 'invalid' && !r.item.problem?.line) out.push('no line named')
  if (r.goods !== 2) out.push(`${r.goods} of 2 good neighbours imported`)
  if (!r.applied.ok || r.applied.created !== 2) out.push(`apply: ${JSON.stringify(r.applied)}`)
  if (r.ms > HOSTILE_TIME_BOX_MS) out.push(`took ${r.ms.toFixed(0)} ms`)
  return out
}

/** The damage a zip generator does: a flipped bit (CRC mismatch), an entry longer than declared, a name twice. */
export const ZIP_DAMAGES = ['crc', 'longer than declared', 'duplicate name'] as const
/** One kind of zip damage. */
export type ZipDamage = (typeof ZIP_DAMAGES)[number]

/**
 * A stored zip of `files` (entry names `p0.md`, `p1.md`, ... with a `Body ` line) damaged one way: a bit of the
 * first entry's data flipped, the first entry's declared sizes cut by 1-5 bytes, or `p1.md` renamed `p0.md`.
 */
export function damagedZip(files: Parameters<typeof zipSync>[0], damage: ZipDamage, random: Random): Buffer {
  const zip = Buffer.from(zipSync(files))
  if (damage === 'crc') {
    const at = zip.indexOf('Body ') + between(random, 0, 4)
    zip[at] = (zip[at] as number) ^ (1 << between(random, 0, 7))
  } else if (damage === 'longer than declared') {
    const shrink = between(random, 1, 5)
    const i = zip.indexOf('PK\x01\x02')
    zip.writeUInt32LE(zip.readUInt32LE(i + 20) - shrink, i + 20)
    zip.writeUInt32LE(zip.readUInt32LE(i + 24) - shrink, i + 24)
    zip.writeUInt32LE(zip.readUInt32LE(18) - shrink, 18)
    zip.writeUInt32LE(zip.readUInt32LE(22) - shrink, 22)
  } else {
    let i = -1
    while ((i = zip.indexOf('p1.md', i + 1)) >= 0) zip.write('p0.md', i)
  }
  return zip
}

/**
 * Swaps `file` as fast as it can between a PNG and a symbolic link to `outside` (each swap a rename over it, so
 * the name always exists), from a separate process so a swap can land between any two steps of an import in
 * this one (an in-process loop only runs when the importer yields). The swapper stops by itself when this
 * process dies (a kill -9 campaign) or the folder goes. Returns the function that stops it and leaves a PNG.
 */
export async function swapForLink(file: string, outside: string): Promise<() => Promise<void>> {
  const dir = dirname(file)
  // Dot files are never read by an import.
  await writeFile(join(dir, '.png'), PNG_1X1)
  const script = [
    'while [ -d "$D" ] && kill -0 "$P" 2>/dev/null; do',
    '  ln -s "$O" "$D/.l" && mv -f "$D/.l" "$F"; cp "$D/.png" "$D/.p" && mv -f "$D/.p" "$F"',
    'done',
  ].join('\n')
  const swapper = spawn('sh', ['-c', script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', D: dir, F: file, O: outside, P: String(process.pid) },
    stdio: 'ignore',
    // Its own process group, so stopping it stops the ln, cp or mv it is running too.
    detached: true,
  })
  const ended = new Promise((resolve) => swapper.on('exit', resolve))
  return async () => {
    try {
      if (swapper.pid) process.kill(-swapper.pid, 'SIGKILL')
    } catch {
      // Already gone (its folder was removed).
    }
    await ended
    await writeFile(join(dir, '.final'), PNG_1X1)
    await rename(join(dir, '.final'), file)
  }
}

/** Runs every hostile generator `trials` times. */
export async function hostileCampaigns(trials: number, random: Random, log: (s: string) => void): Promise<Row[]> {
  const rows: Row[] = []
  const add = (r: Row) => {
    rows.push(r)
    log(`  hostile ${r.campaign}: ${r.trials} trials, ${r.failures} failures`)
  }

  add(
    await campaign(
      'YAML alias expansion',
      trials,
      random,
      async (rnd) => {
        // Under the front matter size limit (64 KiB), so the expansion check is what must catch it.
        const size = between(rnd, 20_000, 50_000)
        const count = between(rnd, 10, 49)
        const list = rnd() < 0.5
        const value = list
          ? `[${Array.from({ length: size / 10 }, () => '"xxxxxxx"').join(', ')}]`
          : `"${'x'.repeat(size)}"`
        const aliases = Array.from({ length: count }, (_, i) => `k${i}: *big`).join('\n')
        const before = process.memoryUsage().heapUsed
        const r = await dryRunOne('alias.md', `---\ntitle: A\nbig: &big ${value}\n${aliases}\n---\n\nx\n`)
        const grew = process.memoryUsage().heapUsed - before
        await rm(r.ws, { recursive: true, force: true })
        const expanded = size * (count + 1)
        const out = expanded > 64 * 1024 + 4 * (size + count * 10) ? refusedItem(r, /through aliases/) : []
        if (grew > 512 * 1024 ** 2) out.push(`memory grew ${(grew / 1024 ** 2).toFixed(0)} MB`)
        return out
      },
      slowest,
    ),
  )

  add(
    await campaign(
      'deep nesting (quotes, lists)',
      trials,
      random,
      async (rnd) => {
        const depth = between(rnd, MAX_DOC_DEPTH - 3, 3000)
        const quotes = rnd() < 0.5
        const body = quotes
          ? `${'> '.repeat(depth)}deep\n`
          : Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')
        const r = await dryRunOne('deep.md', `---\ntitle: D\n---\n\n${body}\n`)
        const nodes = quotes ? depth + 1 : 2 * depth + 1
        let out: string[] = []
        if (nodes > MAX_DOC_DEPTH) out = refusedItem(r, /deeper than the limit|nested \d+ deep/)
        else {
          if (r.item?.status !== 'new') out.push(`depth ${depth} within the limit was ${r.item?.status}`)
          // Accepted: every export must write it.
          const exporter = new ExportService(await ArticleLibrary.open(r.ws, { readOnly: true }), null)
          const dest = await tempDir('newsdesk-hostile-out-')
          for (const format of ['markdown', 'json', 'ninjs', 'rss', 'html'] as const) {
            const o = await exporter.run({ format, destination: join(dest, format) })
            if (!o.ok) out.push(`${format} export of an accepted item failed: ${o.message}`)
          }
          await rm(dest, { recursive: true, force: true })
        }
        await rm(r.ws, { recursive: true, force: true })
        return out
      },
      slowest,
    ),
  )

  add(
    await campaign(
      'inline delimiter runs',
      trials,
      random,
      async (rnd) => {
        const unit = ['**a', '*a', '_a', '__a', '~~a', '*_'][between(rnd, 0, 5)] as string
        const n = between(rnd, 3_000, 50_000)
        const r = await dryRunOne('stars.md', `---\ntitle: S\n---\n\n${unit.repeat(n)}\n`)
        await rm(r.ws, { recursive: true, force: true })
        const markers = [...unit].filter((c) => c !== 'a').length * n
        return markers > 2000 ? refusedItem(r, /emphasis markers/) : []
      },
      slowest,
    ),
  )

  add(
    await campaign(
      'special files (FIFO, device)',
      trials,
      random,
      async (rnd) => {
        const dir = await tempDir('newsdesk-hostile-src-')
        const out: string[] = []
        const kind = between(rnd, 0, 2)
        let source = dir
        if (kind === 2) source = '/dev/zero'
        else {
          execFileSync('mkfifo', [join(dir, 'pipe.md')])
          await writeFile(join(dir, 'ok.md'), '---\ntitle: ok\n---\n')
          if (kind === 0) source = join(dir, 'pipe.md')
        }
        const ws = await tempDir('newsdesk-hostile-ws-')
        const started = performance.now()
        try {
          const report = await new ImportService(await ArticleLibrary.open(ws, { readOnly: true }), null).dryRun([
            source,
          ])
          if (kind !== 1) out.push(`${source} was accepted`)
          else {
            // Inside a folder: that one entry is refused in words, the rest of the folder imports.
            const pipe = report.items.find((i) => i.source.endsWith('pipe.md'))
            if (pipe?.status !== 'invalid' || !/only regular files are read/.test(pipe.problem?.message ?? ''))
              out.push(`the FIFO in the folder was ${pipe?.status ?? 'missing'}: ${pipe?.problem?.message ?? ''}`)
            if (report.counts.new !== 1) out.push(`${report.counts.new} of 1 regular file imported beside the FIFO`)
          }
        } catch (error) {
          if (!(error instanceof SourceRefusedError)) throw error
          if (kind === 1) out.push(`a FIFO in a folder refused the whole source: ${error.message}`)
          else if (!/only regular files are read/.test(error.message)) out.push(`message "${error.message}"`)
        }
        if (performance.now() - started > HOSTILE_TIME_BOX_MS) out.push('took too long')
        await rm(dir, { recursive: true, force: true })
        await rm(ws, { recursive: true, force: true })
        return out
      },
      slowest,
    ),
  )

  add(
    await campaign(
      'damaged zip entries (CRC, sizes, duplicates)',
      trials,
      random,
      async (rnd) => {
        const files = Object.fromEntries(
          Array.from({ length: between(rnd, 2, 6) }, (_, i) => [
            `p${i}.md`,
            [
              Buffer.from(`---\ntitle: Post ${i}\n---\n\nBody ${i} ${'w'.repeat(between(rnd, 10, 500))}\n`),
              { level: 0 },
            ],
          ]),
        ) as Parameters<typeof zipSync>[0]
        const damage = ZIP_DAMAGES[between(rnd, 0, 2)] as ZipDamage
        const zip = damagedZip(files, damage, rnd)
        const dir = await tempDir('newsdesk-hostile-src-')
        const path = join(dir, 'damaged.zip')
        await writeFile(path, zip)
        const out: string[] = []
        try {
          await new ImportService(await ArticleLibrary.open(dir, { readOnly: true }), null).dryRun([path])
          out.push(`damage ${damage} was accepted`)
        } catch (error) {
          if (!(error instanceof SourceRefusedError)) throw error
          if (!error.message.includes('damaged.zip')) out.push(`refusal does not name the file: ${error.message}`)
          if (!/damaged|declared size|appears twice/.test(error.message)) out.push(`message "${error.message}"`)
        }
        await rm(dir, { recursive: true, force: true })
        return out
      },
      slowest,
    ),
  )

  add(
    await campaign(
      'symlink swaps during folder import',
      trials,
      random,
      async () => {
        const outside = await tempDir('newsdesk-hostile-outside-')
        const secret = Buffer.from(`SECRET-${randomUUID()}`)
        await writeFile(join(outside, 'secret.png'), secret)
        const source = await tempDir('newsdesk-hostile-src-')
        await mkdir(join(source, 'img'))
        await writeFile(join(source, 'story.md'), '---\ntitle: Pic\n---\n\n![alt](img/photo.png)\n')
        const photo = join(source, 'img', 'photo.png')
        await writeFile(photo, PNG_1X1)
        const stopSwapping = await swapForLink(photo, join(outside, 'secret.png'))
        const ws = await tempDir('newsdesk-hostile-ws-')
        const out: string[] = []
        try {
          const importer = new ImportService(await ArticleLibrary.open(ws), null)
          await importer.apply((await importer.dryRun([source])).planId)
        } catch (error) {
          if (!(error instanceof SourceRefusedError)) throw error
        }
        await stopSwapping()
        for (const name of await readdir(join(ws, 'assets')).catch(() => [] as string[]))
          if ((await readFile(join(ws, 'assets', name))).includes(secret)) out.push(`outside file stored as ${name}`)
        for (const d of [outside, source, ws]) await rm(d, { recursive: true, force: true })
        return out
      },
      slowest,
    ),
  )

  add(
    await campaign(
      'import and export at once (one generation)',
      trials,
      random,
      async (rnd) => {
        const ws = await tempDir('newsdesk-hostile-ws-')
        const ids = Array.from({ length: between(rnd, 20, 80) }, () => randomUUID())
        await writeArticles(
          ws,
          ids.map((id) => makeArticle({ id, slug: `s-${id.slice(0, 8)}`, headline: 'before' })),
        )
        // The importer holds the workspace lock as the CLI and the app do (our parent stands in as its holder).
        const lock = await WorkspaceLock.acquire(ws, { pid: process.ppid })
        if (lock.kind !== 'acquired') return ['could not lock']
        const source = await tempDir('newsdesk-hostile-src-')
        const articles = ids.map((id) => ({
          article: makeArticle({ id, slug: `s-${id.slice(0, 8)}`, headline: 'after', revision: 3 }),
          renditions: { html: '', markdown: '' },
        }))
        await writeFile(
          join(source, 'b.json'),
          JSON.stringify({ format: 'newsdesk-bundle', version: 1, generator: 't', articles, assets: {} }),
        )
        const importer = new ImportService(await ArticleLibrary.open(ws), null)
        const report = await importer.dryRun([join(source, 'b.json')])
        const exporter = new ExportService(await ArticleLibrary.open(ws, { readOnly: true }), null)
        const dest = join(source, 'out')
        const delay = between(rnd, 0, 20)
        const [applied, exported] = await Promise.all([
          new Promise((r) => setTimeout(r, delay)).then(() =>
            importer.apply(report.planId, { onConflict: 'overwrite' }),
          ),
          exporter.run({ format: 'json', destination: dest }),
        ])
        const out: string[] = []
        if (!applied.ok) out.push(`import: ${applied.message}`)
        if (!exported.ok) out.push(`export: ${exported.message}`)
        else {
          const bundle = JSON.parse(await readFile(join(dest, 'bundle.json'), 'utf8')) as {
            articles: { article: { headline: string } }[]
          }
          const seen = new Set(bundle.articles.map((a) => a.article.headline))
          if (seen.size !== 1) out.push(`export mixed generations: ${[...seen].join(', ')}`)
        }
        await lock.lock.release()
        for (const d of [ws, source]) await rm(d, { recursive: true, force: true })
        return out
      },
      slowest,
    ),
  )

  add(
    await campaign(
      'two exports to one destination',
      trials,
      random,
      async (rnd) => {
        const ws = await tempDir('newsdesk-hostile-ws-')
        await writeArticles(
          ws,
          Array.from({ length: between(rnd, 5, 40) }, () => makeArticle({ id: randomUUID() })),
        )
        const dir = await tempDir('newsdesk-hostile-out-')
        const zip = rnd() < 0.3
        const dest = join(dir, zip ? 'same.zip' : 'same')
        const force = rnd() < 0.5
        const run = async () =>
          new ExportService(await ArticleLibrary.open(ws, { readOnly: true }), null).run({
            format: (['markdown', 'json', 'html'] as const)[between(rnd, 0, 2)] as 'markdown',
            destination: dest,
            zip,
            overwrite: force,
          })
        const outcomes = await Promise.all([run(), run()])
        const out: string[] = []
        const wins = outcomes.filter((o) => o.ok).length
        if (wins === 0) out.push(`neither export won: ${outcomes.map((o) => (o.ok ? '' : o.message)).join(' | ')}`)
        for (const o of outcomes)
          if (!o.ok && !/another export to .* is running|already exists/.test(o.message))
            out.push(`unclear: ${o.message}`)
        if (!zip && existsSync(dest)) {
          const manifest = JSON.parse(await readFile(join(dest, 'manifest.json'), 'utf8')) as {
            files: { path: string }[]
          }
          for (const f of manifest.files)
            if (!existsSync(join(dest, f.path))) out.push(`manifest lists missing ${f.path}`)
        }
        const stray = (await readdir(dir)).filter((n) => n.startsWith('.'))
        if (stray.length > 0) out.push(`left beside the destination: ${stray.join(', ')}`)
        for (const d of [ws, dir]) await rm(d, { recursive: true, force: true })
        return out
      },
      slowest,
    ),
  )
  return rows
}
