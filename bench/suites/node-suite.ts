// Benchmarks of the main-process services under plain Node: open, autosave, search, filter, export, import,
// and how open/search/export scale with the workspace size.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type * as AppBundle from '../app-entry.ts'
import type { CachedWorkspace } from '../lib/workspaces.ts'
import { cloneWorkspace, removeClone, WORKSPACES_DIR } from '../lib/workspaces.ts'
import { rawReadArticles } from '../lib/raw-read.ts'
import { judge, summarize, type Row, type Stats } from '../lib/report.ts'

type Bundle = typeof AppBundle
type Library = Awaited<ReturnType<Bundle['ArticleLibrary']['open']>>

/** What every Node benchmark gets. */
export interface NodeSuiteContext {
  bundle: Bundle
  ws: CachedWorkspace
  quick: boolean
  log: (message: string) => void
}

/** What the renderer asks for first (renderer/features/library/use-library-list.ts, HEAD_LIMIT). */
export const HEAD_LIMIT = 200

const now = () => performance.now()

// Targets are same-run ratios against a peer (bench/README.md says why each peer and each factor).
/** A Markdown export may take this many times a `cp -r` of its own output. */
export const EXPORT_VS_CP = 2
/** An import (dry run + apply) may take this many times the export of the same bundle (the old 5,000 and 3,000/s: 5/3). */
export const IMPORT_VS_EXPORT = 1.67
/** A cold open (no index cache) may take this many times reading every article file raw. */
export const COLD_OPEN_VS_RAW = 2
/** An open with the index cache must not take longer than reading every article file raw: that is what the cache is for. */
export const CACHED_OPEN_VS_RAW = 1
/** One 60 Hz frame, in ms: the yardstick of search as you type. */
export const FRAME_MS = 16.7

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = now()
  const value = await fn()
  return [now() - t, value]
}

/** CPU time a step used, in µs, summed over every thread of this process (worker threads included). */
interface CpuUse {
  user: number
  system: number
}

/** `time`, also taking the CPU the step used in this process (the kernel's own writeback threads are not in it). */
async function timeWithCpu<T>(fn: () => Promise<T> | T): Promise<[number, T, CpuUse]> {
  const before = process.cpuUsage()
  const [ms, value] = await time(fn)
  const used = process.cpuUsage(before)
  return [ms, value, { user: used.user, system: used.system }]
}

/**
 * A row for the CPU one article cost (median over the runs, user + system, every thread of the process) and
 * the rate this machine's cores could give at best with that CPU: no step waits on the disk and the cores do
 * nothing else. `floorUs`, when known, is what one article's steps cost on one thread in memory (the libraries'
 * calls, see perArticleSplit): with this run's system time added, it bounds the rate whatever the rest does.
 * `target` is the rate (articles/s) this run's ratio target asks for.
 */
function cpuRow(group: string, what: string, runs: CpuUse[], articles: number, target: number, floorUs?: number): Row {
  const user = summarize(runs.map((r) => r.user / articles)).median
  const system = summarize(runs.map((r) => r.system / articles)).median
  const cores = availableParallelism()
  const best = (us: number) => Math.round((cores * 1e6) / us).toLocaleString('en')
  const floor =
    floorUs === undefined
      ? ''
      : `; one article's steps in memory on one thread (${floorUs.toFixed(0)} µs) + the system time = ` +
        `${(floorUs + system).toFixed(0)} µs, at most ${best(floorUs + system)} articles/s`
  return {
    group,
    id: `${group}.cpu`,
    label: `${what}: CPU per article, all threads of the process (user + system), and the best rate ${cores} cores allow with it`,
    unit: 'µs',
    value: user + system,
    pass: null,
    note:
      `user ${user.toFixed(0)} µs + system ${system.toFixed(0)} µs: at most ${best(user + system)} articles/s` +
      `${floor} (this run's target, ${Math.round(target).toLocaleString('en')}/s, needs ≤ ${Math.round((cores * 1e6) / target)} µs)`,
  }
}

// ---- the app's services, built the way main builds them ----

type SearchService = InstanceType<Bundle['SearchService']>
type ExportService = InstanceType<Bundle['ExportService']>
type WorkerPool = InstanceType<Bundle['WorkerPool']>

/** The search service over a library, as main creates it. */
export function searchServiceFor(bundle: Bundle, library: Library): SearchService {
  return new bundle.SearchService(() => library)
}

/** A bundle worker pool of `size` threads over the built worker entry, or the reason there is none. */
function workerPool(bundle: Bundle, size: number): WorkerPool | string {
  const script = bundle.findWorkerScript()
  return script ? new bundle.WorkerPool(script, size) : 'no built bundle worker entry beside the app bundle'
}

/** The import as the user runs it: a dry run, then apply of its plan, on the pool the app would pass in. */
async function importBundle(bundle: Bundle, source: string, library: Library, workers: WorkerPool | null) {
  const service = new bundle.ImportService(library, workers)
  const report = await service.dryRun([source])
  if (report.counts.invalid > 0) {
    const first = report.items.find((i) => i.problem)?.problem?.message ?? ''
    return { ok: false as const, message: `dry run found ${report.counts.invalid} invalid items (${first})` }
  }
  return service.apply(report.planId)
}

// ---- open ----

/**
 * Cold (index cache dropped) and warm open -> list ready, in ms, over `runs` runs after one warm-up, and the
 * raw-read peer: `cat` of every article file of the same clone, once before each cold run.
 */
export async function measureOpen(bundle: Bundle, dir: string, expected: number, runs: number) {
  const clone = cloneWorkspace(dir)
  try {
    const openAndList = async () => {
      const library = await bundle.ArticleLibrary.open(clone)
      const listed = library.list({}).length
      if (listed !== expected) throw new Error(`listed ${listed} of ${expected} articles`)
      return library
    }
    await bundle.dropIndexCache(clone)
    await openAndList() // warm-up: JIT and the page cache
    const cold: number[] = []
    const warm: number[] = []
    const raw: number[] = []
    for (let i = 0; i < runs; i++) {
      raw.push(rawReadArticles(clone).ms)
      await bundle.dropIndexCache(clone)
      cold.push((await time(openAndList))[0])
    }
    for (let i = 0; i < runs; i++) warm.push((await time(openAndList))[0])
    // As the app opens a workspace (workspaces.ts): list from the index cache at once, check every file's
    // stamp in the background. Each run waits for that check before the next, so runs do not overlap.
    const app: number[] = []
    for (let i = 0; i < runs; i++) {
      // Timed to the renderer's first question: a large cache lists its head first, the rest after it.
      const [ms, library] = await time(async () => {
        const library = await bundle.ArticleLibrary.open(clone, {
          deferValidation: true,
          backgroundAfterListingMs: 2000,
        })
        library.head(HEAD_LIMIT)
        return library
      })
      app.push(ms)
      await library.validated
      const listed = library.list({}).length
      if (listed !== expected) throw new Error(`listed ${listed} of ${expected} articles once validated`)
      await library.housekeeping
    }
    return { cold: summarize(cold), warm: summarize(warm), app: summarize(app), raw: summarize(raw) }
  } finally {
    removeClone(clone)
  }
}

const perArticleNote = (s: Stats, n: number) => `${((s.median * 1000) / n).toFixed(1)} µs/article`

export async function benchOpen(ctx: NodeSuiteContext): Promise<Row[]> {
  const n = ctx.ws.manifest.articles
  const nf = n.toLocaleString('en')
  ctx.log(`open: ArticleLibrary.open + list on ${nf} articles, and cat of every article file`)
  const { cold, warm, app, raw } = await measureOpen(ctx.bundle, ctx.ws.dir, n, ctx.quick ? 3 : 3)
  const rawLabel = 'cat of every article file'
  const peer = { label: rawLabel, value: raw.median }
  const peers = (s: Stats) => [{ label: rawLabel, median: raw.median, unit: 'ms', ratio: s.median / raw.median }]
  return [
    judge({
      group: 'open',
      id: 'open.node.cold',
      label: `open → list ready, Node, no index cache (${nf})`,
      unit: 'ms',
      stats: cold,
      target: { stat: 'median', peer, max: COLD_OPEN_VS_RAW },
      peers: peers(cold),
      note: perArticleNote(cold, n),
    }),
    judge({
      group: 'open',
      id: 'open.node.warm',
      label: `open → list ready, Node, index cache, every file checked before listing (${nf})`,
      unit: 'ms',
      stats: warm,
      target: { stat: 'median', peer, max: CACHED_OPEN_VS_RAW },
      peers: peers(warm),
      note: perArticleNote(warm, n),
    }),
    judge({
      group: 'open',
      id: 'open.node.app',
      label: `open → head(${HEAD_LIMIT}) answered, Node, as the app opens: index cache (a large one's head first), files checked in the background (${nf})`,
      unit: 'ms',
      stats: app,
      target: { stat: 'median', peer, max: CACHED_OPEN_VS_RAW },
      peers: peers(app),
      note: perArticleNote(app, n),
    }),
    {
      group: 'open',
      id: 'open.peer.raw',
      label: `peer: cat of every article file of the same clone (${nf} files, page cache warm)`,
      unit: 'ms',
      stats: raw,
      pass: null,
      note: perArticleNote(raw, n),
    },
  ]
}

// ---- autosave ----

/** Durable library.save of the 20,000-word article, each save a one-word edit, with N articles open. */
export async function benchAutosave(ctx: NodeSuiteContext): Promise<Row[]> {
  const longRead = ctx.ws.manifest.longReads[0]
  if (!longRead)
    return [
      {
        group: 'autosave',
        id: 'autosave.node',
        label: 'autosave, durable',
        unit: 'ms',
        notMeasured: 'no long read in the workspace',
      },
    ]
  const clone = cloneWorkspace(ctx.ws.dir)
  try {
    const library = await ctx.bundle.ArticleLibrary.open(clone)
    const loaded = await library.load(longRead.id)
    if (!loaded.ok) throw new Error(`cannot load the long read: ${loaded.message}`)
    const keys = Object.keys(ctx.bundle.articleFieldsSchema.shape) as (keyof typeof loaded.article)[]
    let article = loaded.article
    let hash = loaded.hash
    const samples: number[] = []
    const total = ctx.quick ? 12 : 32
    ctx.log(`autosave: ${total} durable saves of a ${longRead.words.toLocaleString('en')}-word article`)
    for (let i = 0; i < total; i++) {
      const fields = Object.fromEntries(keys.map((k) => [k, article[k]])) as Parameters<Library['save']>[0]['fields']
      const body = structuredClone(fields.body)
      const first = body.content?.find((node) => node.type === 'paragraph')?.content?.[0]
      if (first?.text !== undefined) first.text = `${first.text} edit${i}`
      const [ms, result] = await time(() =>
        library.save({ id: longRead.id, baseHash: hash, fields: { ...fields, body }, mode: 'auto' }),
      )
      if (!result.ok) throw new Error(`save ${i} failed: ${result.message}`)
      article = result.article
      hash = result.hash
      if (i >= 2) samples.push(ms) // two warm-up saves
    }
    return [
      judge({
        group: 'autosave',
        id: 'autosave.node',
        label: `autosave of a ${Math.round(longRead.words / 1000)}k-word article, durable (library.save, fsync)`,
        unit: 'ms',
        stats: summarize(samples),
        target: { stat: 'p95', op: '<=', value: 30 },
      }),
    ]
  } finally {
    removeClone(clone)
  }
}

// ---- search and filter ----

/** 200 search-as-you-type queries: growing prefixes of words from the workspace's own text. */
export function typingQueries(count = 200): string[] {
  const words = [
    'council',
    'election',
    'housing',
    'climate',
    'vivienda',
    'sequía',
    'educación',
    'hospital',
    'inflation',
    'tribunal',
    'football',
    'energía',
    'investigation',
    'presupuesto',
    'drought',
    'transport',
    'mañana',
    'teachers',
    'incendios',
    'coalition',
    'madrid',
    'harvest',
    'protesta',
    'museum',
    'sanidad',
    'research',
    'empleo',
    'bridge',
    'campaign',
    'política',
    'markets',
    'festival',
  ]
  const out: string[] = []
  for (let w = 0; out.length < count; w++) {
    const word = words[w % words.length] as string
    const prefix = w >= words.length ? `${words[(w + 7) % words.length]} ` : ''
    for (let len = 2; len <= word.length && out.length < count; len++) out.push(prefix + word.slice(0, len))
  }
  return out
}

/**
 * Builds the index of a freshly opened library to the end: the build's time, the whole sync (with saving the
 * index cache, if the service keeps one), and the event-loop delay meanwhile (what an IPC call would wait).
 */
async function buildIndex(bundle: Bundle, dir: string) {
  const library = await bundle.ArticleLibrary.open(dir)
  const service = searchServiceFor(bundle, library)
  const lag = monitorEventLoopDelay({ resolution: 1 })
  lag.enable()
  const [syncMs] = await time(() => service.sync())
  lag.disable()
  const build = service.lastBuild ?? null
  return {
    library,
    service,
    syncMs,
    buildMs: build?.ms ?? syncMs,
    cache: build?.cache ?? 'none',
    read: build?.read ?? -1,
    lag: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6, mean: lag.mean / 1e6 },
  }
}

/** Median per-query time and the index build time (cold, then warm from the saved index) at one workspace size. */
async function measureSearch(bundle: Bundle, dir: string, queries: string[]) {
  const clone = cloneWorkspace(dir)
  try {
    rmSync(bundle.workspaceLayout(clone).search, { recursive: true, force: true }) // cold: no saved index
    const cold = await buildIndex(bundle, clone)
    const { library, service } = cold
    const buildMs = cold.buildMs
    for (const q of queries.slice(0, 10)) await service.query(q) // warm-up
    const samples: number[] = []
    for (const q of queries) samples.push((await time(() => service.query(q)))[0])
    const filters: AppBundle.ArticleFilter[] = []
    const tags = [
      ...new Set(
        library
          .list({})
          .slice(0, 200)
          .flatMap((s) => s.tags),
      ),
    ].slice(0, 10)
    for (const status of ['draft', 'review', 'ready', 'published'] as const) filters.push({ status })
    for (const kind of ['article', 'audio', 'video', 'livestream'] as const) filters.push({ kind })
    for (const tag of tags) filters.push({ tag })
    const filterList: number[] = []
    const filterSearch: number[] = []
    const filterPane: number[] = []
    // What the library pane runs on a filter change: its sorted list (kept across changes) filtered in the renderer.
    const sorted = bundle.sortSummaries(library.list({}), 'updated')
    const prepared = bundle.buildFilterIndex(sorted) // once per list change in the pane, not per filter change
    for (let round = 0; round < 3; round++) {
      for (const f of filters) {
        filterPane.push((await time(() => bundle.filterIndexed(prepared, f)))[0])
        filterList.push((await time(() => library.list(f)))[0])
        filterSearch.push((await time(() => service.query('council', f)))[0])
      }
    }
    // Warm: the app opened again over the same folder (the saved index, if the service keeps one).
    const warm = await buildIndex(bundle, clone)
    return {
      build: buildMs,
      cold,
      warm,
      query: summarize(samples),
      filterList: summarize(filterList),
      filterPane: summarize(filterPane),
      filterSearch: summarize(filterSearch),
    }
  } finally {
    removeClone(clone)
  }
}

export async function benchSearch(ctx: NodeSuiteContext): Promise<{ rows: Row[]; perSize?: number }> {
  const n = ctx.ws.manifest.articles
  ctx.log(`search: index build + 200 queries + filter changes on ${n.toLocaleString('en')} articles`)
  const result = await measureSearch(ctx.bundle, ctx.ws.dir, typingQueries(200))
  const searchTarget = { stat: 'p95', peer: { label: 'one 60 Hz frame (16.7 ms)', value: FRAME_MS }, max: 1 } as const
  return {
    rows: [
      judge({
        group: 'search',
        id: 'search.query',
        label: `search as you type, 200 queries (${n.toLocaleString('en')})`,
        unit: 'ms',
        stats: result.query,
        target: searchTarget,
      }),
      {
        group: 'search',
        id: 'search.build',
        label: 'time to full index, cold (no saved index: reads every article, in the background)',
        unit: 'ms',
        value: result.cold.buildMs,
        pass: null,
        note: `cache ${result.cold.cache}, ${result.cold.read} files read; with saving the index ${Math.round(result.cold.syncMs)} ms`,
      },
      {
        group: 'search',
        id: 'search.build-warm',
        label: 'time to full index, warm (reopen: saved index loaded)',
        unit: 'ms',
        value: result.warm.buildMs,
        pass: null,
        note: `cache ${result.warm.cache}, ${result.warm.read} files read`,
      },
      {
        group: 'search',
        id: 'search.build-lag',
        label: 'event-loop delay during the cold build (p99; IPC waits at most this)',
        unit: 'ms',
        value: result.cold.lag.p99,
        pass: null,
        note: `max ${result.cold.lag.max.toFixed(1)} ms, mean ${result.cold.lag.mean.toFixed(2)} ms`,
      },
      judge({
        group: 'filter',
        id: 'filter.pane',
        label:
          "filter change in the library pane: shared/listing/browse.ts filterIndexed over the pane's prepared list " +
          '(the function the renderer runs, timed in Node; the re-render of the visible rows is not included)',
        unit: 'ms',
        stats: result.filterPane,
        target: { stat: 'p95', op: '<=', value: 10 },
      }),
      judge({
        group: 'filter',
        id: 'filter.change',
        label: 'filter change: library.list(tag, status or kind) in main',
        unit: 'ms',
        stats: result.filterList,
        target: { stat: 'p95', op: '<=', value: 10 },
      }),
      judge({
        group: 'filter',
        id: 'filter.search',
        label: 'filter change with a search term: search.query("council", filter)',
        unit: 'ms',
        stats: result.filterSearch,
        target: { stat: 'p95', op: '<=', value: 10 },
      }),
    ],
    perSize: result.query.median,
  }
}

// ---- export, peers, import ----

/** One Markdown export of the whole workspace: its time in ms and the CPU it used. */
async function exportOnce(
  bundle: Bundle,
  library: Library,
  dest: string,
  workers: WorkerPool | null,
): Promise<{ ms: number; cpu: CpuUse } | string> {
  const service: ExportService = new bundle.ExportService(library, workers)
  rmSync(dest, { recursive: true, force: true })
  const [ms, outcome, cpu] = await timeWithCpu(() =>
    service.run({ format: 'markdown', destination: dest, reproducible: true, overwrite: true }),
  )
  if (!outcome.ok) return `export failed: ${outcome.message ?? 'unknown'}`
  return { ms, cpu }
}

/**
 * The measured exports (the app's own worker pool), then one more with a pool of one worker thread: how the
 * rate grows from one thread to the machine's cores says whether the export is bound by CPU.
 */
async function measureExport(bundle: Bundle, dir: string, runs: number, withOneWorker = true) {
  const clone = cloneWorkspace(dir)
  const outRoot = mkdtempSync(join(WORKSPACES_DIR, 'export-'))
  const samples: number[] = []
  const cpu: CpuUse[] = []
  let oneWorker: number | string = 'not run'
  // The pool the app creates and passes in (the default thread count over the built worker entry).
  const appPool = bundle.createWorkerPool()
  try {
    const library = await bundle.ArticleLibrary.open(clone)
    const n = library.list({}).length
    for (let i = 0; i < runs; i++) {
      const run = await exportOnce(bundle, library, join(outRoot, `run-${i}`), appPool)
      if (typeof run === 'string') return { error: run, n, outRoot, samples, cpu, oneWorker }
      samples.push(run.ms)
      cpu.push(run.cpu)
    }
    const pool = withOneWorker ? workerPool(bundle, 1) : 'not run'
    if (typeof pool === 'string') oneWorker = pool
    else {
      try {
        const run = await exportOnce(bundle, library, join(outRoot, 'one-worker'), pool)
        oneWorker = typeof run === 'string' ? run : run.ms
      } finally {
        await pool.close()
        rmSync(join(outRoot, 'one-worker'), { recursive: true, force: true })
      }
    }
    return { n, outRoot, samples, cpu, oneWorker, error: null as string | null }
  } finally {
    await appPool?.close()
    removeClone(clone)
  }
}

/** One thread's time per article for each step, best of three passes, µs. */
type Split = { label: string; us: number }[]

/**
 * Where one thread's time per article goes, on `count` articles already read into memory (no disk): the steps
 * of an export (UTF-8 decode and JSON.parse, zod's article schema, @tiptap/markdown with the front matter),
 * then the import of the Markdown that made (@tiptap/markdown's parse of the body, then the whole item: front
 * matter, parse, zod, the stored JSON and its sha256). Each step is the app's own function or library call.
 */
async function perArticleSplit(bundle: Bundle, dir: string, count: number): Promise<{ exp: Split; imp: Split }> {
  const { renderArticle, importMarkdownItem: importItem } = bundle
  const names = readdirSync(join(dir, 'articles'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .slice(0, count)
  const bytes = names.map((f) => readFileSync(join(dir, 'articles', f)))
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  const raw = bytes.map((b) => JSON.parse(utf8.decode(b)) as unknown)
  const articles = raw.map((r) => bundle.articleSchema.parse(r))
  const codec = bundle.createMarkdownCodec()
  const files = articles.map((a) => renderArticle(codec, a).text)
  const md = files.map((t) => Buffer.from(t, 'utf8'))
  const bodies = files.map((t) => {
    const split = bundle.splitFrontMatter(t)
    if (!split.ok) throw new Error(`an exported file's front matter does not read back: ${split.message}`)
    return split.body
  })
  const context: AppBundle.ImportJobContext = {
    now: new Date(0).toISOString(),
    images: new Map(),
    label: 'bench',
    maxFileBytes: 1 << 30,
    maxItemMs: 10_000,
    hashFiles: true,
  }
  const best = (step: (i: number) => unknown) => {
    let min = Infinity
    for (let pass = 0; pass < 3; pass++) {
      const t = now()
      for (let i = 0; i < count; i++) step(i)
      min = Math.min(min, ((now() - t) * 1000) / count)
    }
    return min
  }
  return {
    exp: [
      { label: 'UTF-8 + JSON.parse', us: best((i) => JSON.parse(utf8.decode(bytes[i] as Buffer))) },
      { label: 'zod article schema', us: best((i) => bundle.articleSchema.safeParse(raw[i])) },
      {
        label: '@tiptap/markdown render + front matter',
        us: best((i) => renderArticle(codec, articles[i] as (typeof articles)[number])),
      },
    ],
    imp: [
      { label: '@tiptap/markdown parse of the body', us: best((i) => codec.parse(bodies[i] as string)) },
      {
        label: 'the whole item (front matter, parse, zod, stored JSON, sha256)',
        us: best((i) => importItem(codec, context, { index: i, path: `articles/${i}.md`, bytes: md[i] })),
      },
    ],
  }
}

/** A row for one thread's split of an article's work (no disk), with the steps in its note. */
function splitRow(group: string, what: string, split: Split, total: number): Row {
  return {
    group,
    id: `${group}.split`,
    label: `${what}: one thread's CPU per article, in memory (no disk), by step`,
    unit: 'µs',
    value: total,
    pass: null,
    note: split.map((s) => `${s.label} ${s.us.toFixed(0)} µs`).join('; '),
  }
}

/** pandoc converting the same bodies (rendered to HTML by the app's own renderer, untimed) to Markdown. */
async function pandocPeer(
  bundle: Bundle,
  dir: string,
  sample: number,
): Promise<{ rate: number; articles: number } | string> {
  const { renderBodyHtml } = bundle
  if (spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status !== 0) return 'pandoc not installed'
  const library = await bundle.ArticleLibrary.open(dir, { readOnly: true, indexCache: false })
  const ids = library
    .list({})
    .map((s) => s.id)
    .sort()
    .slice(0, sample)
  const parts: string[] = []
  for (const id of ids) {
    const loaded = await library.load(id)
    if (loaded.ok) parts.push(`<article>${renderBodyHtml(loaded.article.body)}</article>`)
  }
  const tmp = mkdtempSync(join(WORKSPACES_DIR, 'pandoc-'))
  try {
    const input = join(tmp, 'bodies.html')
    writeFileSync(input, `<!doctype html><html><body>${parts.join('\n')}</body></html>`)
    const t = now()
    const run = spawnSync('pandoc', ['-f', 'html', '-t', 'gfm', '-o', join(tmp, 'out.md'), input], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const ms = now() - t
    if (run.status !== 0) return `pandoc failed: ${run.stderr.toString().slice(0, 200)}`
    return { rate: (parts.length / ms) * 1000, articles: parts.length }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

function cpPeer(tree: string): number {
  const dest = `${tree}-copy`
  const t = now()
  spawnSync('cp', ['-r', tree, dest], { stdio: 'ignore' })
  const ms = now() - t
  rmSync(dest, { recursive: true, force: true })
  return ms
}

export async function benchExport(ctx: NodeSuiteContext): Promise<{ rows: Row[]; perSize?: number }> {
  const n = ctx.ws.manifest.articles
  const runs = ctx.quick ? 2 : 2
  ctx.log(`export: ${runs} Markdown exports of ${n.toLocaleString('en')} articles, pandoc and cp -r peers`)
  const measured = await measureExport(ctx.bundle, ctx.ws.dir, runs)
  const rows: Row[] = []
  try {
    const pandoc = await pandocPeer(ctx.bundle, ctx.ws.dir, Math.min(n, ctx.quick ? 300 : 2000))
    const cpLabel = 'cp -r of the output'
    if (measured.error !== null) {
      rows.push({
        group: 'export',
        id: 'export.markdown',
        label: `export ${n.toLocaleString('en')} to Markdown`,
        unit: 'articles/s',
        target: { stat: 'median', peer: { label: cpLabel, value: Number.NaN }, max: EXPORT_VS_CP },
        notMeasured: measured.error,
      })
      if (typeof pandoc !== 'string') {
        rows.push({
          group: 'export',
          id: 'export.peer.pandoc',
          label: `peer: pandoc HTML → Markdown, one process over ${pandoc.articles} bodies`,
          unit: 'articles/s',
          value: pandoc.rate,
          pass: null,
        })
      }
    } else {
      const split = await perArticleSplit(ctx.bundle, ctx.ws.dir, Math.min(n, ctx.quick ? 300 : 2000))
      const exportFloor = split.exp.reduce((sum, step) => sum + step.us, 0)
      const importFloor = split.imp[split.imp.length - 1]?.us ?? 0
      const rates = measured.samples.map((ms) => (n / ms) * 1000)
      const stats = summarize(rates)
      const outputTree = join(measured.outRoot, `run-${runs - 1}`)
      const cpRates = [cpPeer(outputTree), cpPeer(outputTree)].map((ms) => (n / ms) * 1000)
      const cpMedian = summarize(cpRates).median
      const peers = [{ label: cpLabel, median: cpMedian, unit: 'articles/s', ratio: cpMedian / stats.median }]
      if (typeof measured.oneWorker === 'number') {
        const rate = (n / measured.oneWorker) * 1000
        peers.push({
          label: 'the same export on 1 worker thread',
          median: rate,
          unit: 'articles/s',
          ratio: rate / stats.median,
        })
      }
      if (typeof pandoc !== 'string')
        peers.push({
          label: `pandoc (${pandoc.articles} bodies, 1 process)`,
          median: pandoc.rate,
          unit: 'articles/s',
          ratio: pandoc.rate / stats.median,
        })
      const notes = [
        ...(typeof pandoc === 'string' ? [`pandoc peer: ${pandoc}`] : []),
        ...(typeof measured.oneWorker === 'string' ? [`1-worker run: ${measured.oneWorker}`] : []),
      ]
      rows.push(
        judge({
          group: 'export',
          id: 'export.markdown',
          label: `export ${n.toLocaleString('en')} to Markdown`,
          unit: 'articles/s',
          stats,
          target: { stat: 'median', peer: { label: cpLabel, value: cpMedian }, max: EXPORT_VS_CP },
          peers,
          ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
        }),
        cpuRow('export', 'Markdown export', measured.cpu, n, cpMedian / EXPORT_VS_CP, exportFloor),
        splitRow('export', 'Markdown export', split.exp, exportFloor),
        ...(await benchImport(ctx, outputTree, n, stats.median, importFloor)),
        splitRow('import', 'import of one Markdown article', split.imp, importFloor),
      )
    }
    return { rows, ...(measured.error === null ? { perSize: summarize(measured.samples).median } : {}) }
  } finally {
    rmSync(measured.outRoot, { recursive: true, force: true })
  }
}

/**
 * Dry run + apply of the export's own output into an empty workspace, judged against the export of that
 * bundle in the same run (`exportRate`, articles/s): the import may take IMPORT_VS_EXPORT times its time.
 */
async function benchImport(
  ctx: NodeSuiteContext,
  bundleDir: string,
  n: number,
  exportRate: number,
  floorUs: number,
): Promise<Row[]> {
  const target = {
    stat: 'median',
    peer: { label: 'the export of the same bundle', value: exportRate },
    max: IMPORT_VS_EXPORT,
  } as const
  const label = `import that bundle (${n.toLocaleString('en')}) into an empty workspace`
  const failed = (reason: string): Row[] => [
    { group: 'import', id: 'import.markdown', label, unit: 'articles/s', target, notMeasured: reason },
  ]
  const rates: number[] = []
  const cpu: CpuUse[] = []
  // The pool the app creates and passes in.
  const pool = ctx.bundle.createWorkerPool()
  try {
    for (let i = 0; i < 2; i++) {
      const empty = mkdtempSync(join(WORKSPACES_DIR, 'import-'))
      try {
        const library = await ctx.bundle.ArticleLibrary.open(empty)
        const [ms, outcome, used] = await timeWithCpu(() => importBundle(ctx.bundle, bundleDir, library, pool))
        if (!outcome.ok) return failed(`import failed: ${outcome.message}`)
        const imported = readdirSync(join(empty, 'articles')).length
        if (imported !== n) return failed(`imported ${imported} of ${n}`)
        rates.push((n / ms) * 1000)
        cpu.push(used)
      } finally {
        rmSync(empty, { recursive: true, force: true })
      }
    }
  } finally {
    await pool?.close()
  }
  const stats = summarize(rates)
  return [
    judge({
      group: 'import',
      id: 'import.markdown',
      label,
      unit: 'articles/s',
      stats,
      target,
      peers: [
        {
          label: 'export of the same bundle',
          median: exportRate,
          unit: 'articles/s',
          ratio: exportRate / stats.median,
        },
      ],
    }),
    cpuRow('import', 'import (dry run + apply)', cpu, n, exportRate / IMPORT_VS_EXPORT, floorUs),
  ]
}

// ---- scaling ----

/** Cost per article of open, search and export at each size; growth = cost per article at the largest / smallest. */
export async function benchScaling(ctx: NodeSuiteContext, sizes: CachedWorkspace[]): Promise<Row[]> {
  const rows: Row[] = []
  const label = (what: string) =>
    `scaling: ${what}, cost per article at ${sizes.map((s) => s.manifest.articles.toLocaleString('en')).join(' / ')}`
  const target = { stat: 'value', op: '<=', value: 1.2, text: 'growth ≤ linear (±20 % noise)' } as const
  const row = (id: string, what: string, perArticle: number[], unit: string): Row => {
    const growth = (perArticle[perArticle.length - 1] as number) / (perArticle[0] as number)
    return judge({
      group: 'scaling',
      id,
      label: label(what),
      unit: '× growth',
      value: growth,
      target,
      note: perArticle.map((v) => `${v.toFixed(2)} ${unit}`).join(' / '),
    })
  }
  const openCold: number[] = []
  const openWarm: number[] = []
  const search: number[] = []
  const exportCost: number[] = []
  let exportMissing: string | null = null
  for (const ws of sizes) {
    const n = ws.manifest.articles
    ctx.log(`scaling: ${n.toLocaleString('en')} articles`)
    const open = await measureOpen(ctx.bundle, ws.dir, n, n >= 50_000 ? 2 : 3)
    openCold.push((open.cold.median * 1000) / n)
    openWarm.push((open.warm.median * 1000) / n)
    const s = await measureSearch(ctx.bundle, ws.dir, typingQueries(60))
    search.push((s.query.median * 1000) / n)
    const e = await measureExport(ctx.bundle, ws.dir, 1, false)
    rmSync(e.outRoot, { recursive: true, force: true })
    if (e.error !== null) exportMissing = e.error
    else exportCost.push(((e.samples[0] as number) * 1000) / n)
  }
  rows.push(row('scaling.open.cold', 'open (no index cache)', openCold, 'µs'))
  rows.push(row('scaling.open.warm', 'open (index cache)', openWarm, 'µs'))
  rows.push(row('scaling.search', 'search query (median)', search, 'µs'))
  if (exportMissing)
    rows.push({
      group: 'scaling',
      id: 'scaling.export',
      label: label('Markdown export'),
      unit: '× growth',
      target,
      notMeasured: exportMissing,
    })
  else rows.push(row('scaling.export', 'Markdown export', exportCost, 'µs'))
  return rows
}
