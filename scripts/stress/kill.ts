// Kill-9 campaigns, one per write path. A child process repeats one write in a loop, printing
// `inflight <key> <n>` before and `ack <key> <n>` after each; the parent SIGKILLs it at a random point and then
// checks the files on disk: each holds the last acknowledged value or the one in flight, parses completely,
// and nothing is half-written. The next child's start reports what the start-up sweep did with leftovers.
// Exact kills: an import or export child is started with NEWSDESK_CRASH_AT naming one of its steps
// (`crashSteps(path)`), and dies there after printing `crashed-at <step>`; other children die at their k-th rename.
import { execFileSync } from 'node:child_process'
import { createRequire, syncBuiltinESMExports } from 'node:module'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pickFields, type Article } from '../../shared/article/schema'
import { uiSettingsSchema } from '../../shared/settings/ui-settings'
import { JSON_BUNDLE_NAME, type JsonBundle } from '../../shared/bundle/json-bundle'
import { makeArticle, PNG_1X1, writeArticles } from '../../electron/main/services/test-support'
import { ArticleLibrary, HistoryStore, readArticleFile } from '../../electron/main/services/library'
import { bigBody, rng } from './common'
import { damagedZip, swapForLink, ZIP_DAMAGES, type ZipDamage } from './hostile'
import {
  CRASH_STEPS,
  createWorkerPool,
  type CrashStep,
  usableWorkers,
  type WorkerPool,
  workspaceLayout,
} from '../../electron/main/services/storage'
import { zipSync } from 'fflate'

export { CRASH_STEP_ENV } from '../../electron/main/services/storage'

/** The write paths with a kill-9 campaign. */
export const KILL_PATHS = [
  'article save',
  'journal',
  'history snapshot',
  'settings',
  'import',
  'export',
  'markdown export',
  'bulk import',
] as const
/**
 * Kill-9 campaigns of the hostile generators (issue 21), run with `--only hostile` (`--hostile-cycles`): an
 * import of good articles beside hostile items (alias bomb, deep nesting, delimiter runs, a FIFO), an import
 * applying while an export of the same workspace reads it, two exports racing to one destination, a zip import
 * after a damaged zip (CRC, sizes, duplicate names; refused whole, naming the file) and a folder import while
 * an image is swapped for a link to a file outside the source.
 */
export const HOSTILE_KILL_PATHS = [
  'hostile import',
  'import beside export',
  'two exports',
  'damaged zip import',
  'symlink swap import',
] as const
/** One of the write paths. */
export type KillPath = (typeof KILL_PATHS)[number] | (typeof HOSTILE_KILL_PATHS)[number]

/** One generation of an import campaign: imports generation `generation` of `articleIds` into `library`. */
type ImportGeneration = (
  root: string,
  library: ArticleLibrary,
  generation: number,
  articleIds: readonly string[],
  workers: WorkerPool | null,
) => Promise<void>

/**
 * The imports of good articles beside items that must be refused, each with its generation: nothing but the
 * good articles (and the articles saved before, which must all survive) may ever be among the workspace's
 * articles.
 */
const REFUSING_GENERATIONS: Partial<Record<KillPath, ImportGeneration>> = {
  'hostile import': hostileImportGeneration,
  'damaged zip import': damagedZipGeneration,
  'symlink swap import': swapImportGeneration,
}
const REFUSING_IMPORTS = Object.keys(REFUSING_GENERATIONS) as KillPath[]
/** The imports of a hostile campaign (each generation is 20 good articles). */
const HOSTILE_IMPORTS: readonly KillPath[] = [...REFUSING_IMPORTS, 'import beside export']
/** Articles saved before a refusing import campaign starts, which no import touches. */
const KEPT_IDS = Array.from({ length: 3 }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`)
/** Ids of the good entries inside a damaged zip (never imported, since the whole zip is refused). */
const DAMAGED_IDS = Array.from({ length: 4 }, (_, i) => `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`)
/** What the file outside the source holds (a swap campaign's asset must never hold it). */
const OUTSIDE_MARK = 'OUTSIDE-THE-SOURCE'
/** Imports of a swap generation made while the image is swapped, before one made with the image left alone. */
const SWAP_ATTEMPTS = 3

/** The layout of one campaign's temp folder. */
export function layout(root: string) {
  return {
    workspace: join(root, 'workspace'),
    source: join(root, 'source'),
    out: join(root, 'out'),
    settings: join(root, 'user-data', 'ui-settings.json'),
  }
}

const idRange = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
const IMPORT_IDS = idRange(40)
/** A bulk import is big enough for the bundle worker threads to stage its files. */
const BULK_IMPORT_IDS = idRange(240)
/** The good articles of each hostile import generation. */
const HOSTILE_IMPORT_IDS = idRange(20)
/** Files of a hostile import generation that must be refused, each as one item (the rest imports). */
const HOSTILE_ITEMS: Record<string, string> = {
  'alias.md': `---\ntitle: A\nbig: &big "${'x'.repeat(40_000)}"\n${Array.from({ length: 40 }, (_, i) => `k${i}: *big`).join('\n')}\n---\n\nx\n`,
  'deep.md': `---\ntitle: D\n---\n\n${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`,
  'stars.md': `---\ntitle: S\n---\n\n${'**a'.repeat(16_000)}\n`,
}

const ARTICLES = 3
/** Articles of the Markdown export campaign: enough for the export to hand its files to the worker threads. */
const WORKER_EXPORT_ARTICLES = 240

/**
 * The campaigns through the bundle worker threads, each the same write as its main-thread twin, made big
 * enough for the workers to take it: their children refuse to run without workers.
 */
const ON_WORKERS = { 'markdown export': 'export', 'bulk import': 'import' } as const

type WorkerPath = keyof typeof ON_WORKERS

/** The write a path makes: an import or an export for the worker-thread campaigns, else the path itself. */
export function writeKind(path: KillPath): Exclude<KillPath, WorkerPath> {
  return onWorkers(path) ? ON_WORKERS[path] : path
}

/** Whether a path's write goes through the bundle worker threads. */
export function onWorkers(path: KillPath): path is WorkerPath {
  return path in ON_WORKERS
}

/** The articles each generation of an import campaign brings. */
function importIds(path: KillPath): string[] {
  if (HOSTILE_IMPORTS.includes(path)) return HOSTILE_IMPORT_IDS
  return onWorkers(path) ? BULK_IMPORT_IDS : IMPORT_IDS
}

/** Whether a path's write is (or holds) an import of a generation of `importIds(path)`. */
export function importsGenerations(path: KillPath): boolean {
  return writeKind(path) === 'import' || HOSTILE_IMPORTS.includes(path)
}

/**
 * The named steps (storage/crash-step.ts) a campaign's kills stop at, one per step-kill cycle in turn; an
 * `import:move` step is taken at a random one of the moves (`import:move#k`). Empty for the writes without
 * named steps (saves, journal, history, settings), whose exact kills stop at their k-th rename instead.
 */
export function crashSteps(path: KillPath): CrashStep[] {
  const imports = importsGenerations(path) ? CRASH_STEPS.filter((s) => s.startsWith('import:')) : []
  const exports =
    writeKind(path) === 'export' || path === 'two exports' || path === 'import beside export'
      ? CRASH_STEPS.filter((s) => s.startsWith('export:'))
      : []
  return [...imports, ...exports]
}

/** The moves of one import of a campaign (its articles; its assets are already in the workspace). */
export function movesPerImport(path: KillPath): number {
  return importIds(path).length
}

/** Where each export campaign writes its bundle. */
function exportDestination(path: KillPath, root: string): string {
  const name =
    path === 'two exports' ? 'same' : path === 'import beside export' ? 'bundle' : onWorkers(path) ? 'markdown' : 'site'
  return join(layout(root).out, name)
}

async function openLibrary(root: string) {
  return ArticleLibrary.open(layout(root).workspace, { indexCache: false })
}

/** Prepares the folder before the first cycle; returns the values already on disk (as acknowledged). */
export async function setup(path: KillPath, root: string): Promise<Map<string, number>> {
  const { source, out, settings } = layout(root)
  await mkdir(source, { recursive: true })
  await mkdir(out, { recursive: true })
  await mkdir(join(settings, '..'), { recursive: true })
  const library = await openLibrary(root)
  if (importsGenerations(path)) {
    if (REFUSING_IMPORTS.includes(path))
      await writeArticles(
        layout(root).workspace,
        KEPT_IDS.map((id, i) => makeArticle({ id, slug: `kept-${i}`, headline: 'kept' })),
      )
    if (path === 'symlink swap import') {
      await mkdir(dirname(outsideFile(root)), { recursive: true })
      await writeFile(outsideFile(root), OUTSIDE_MARK)
    }
    await importGeneration(root, library, 0, importIds(path), workerPool())
    if (path === 'import beside export') {
      // Generation 0 exported too, so an acknowledged state always has its export.
      const { ExportService } = await import('../../electron/main/services/export')
      const r = await new ExportService(library, null).run({
        format: 'json',
        destination: exportDestination(path, root),
        overwrite: true,
      })
      if (!r.ok) throw new Error(r.message)
    }
    return new Map([[path, 0]])
  }
  const initial = new Map<string, number>()
  const count =
    writeKind(path) !== 'export' && path !== 'two exports' ? ARTICLES : onWorkers(path) ? WORKER_EXPORT_ARTICLES : 20
  for (let i = 0; i < count; i++) {
    const created = await library.create({ headline: 'h-1' })
    if (!created.ok) throw new Error(created.message)
    if (path === 'article save' || path === 'history snapshot') initial.set(created.article.id, 1)
  }
  return initial
}

function bundleOf(generation: number, articleIds: readonly string[]): JsonBundle {
  return {
    format: 'newsdesk-bundle',
    version: 1,
    generator: 'newsdesk stress',
    assets: {},
    articles: articleIds.map((id, i) => ({
      renditions: { html: '', markdown: '' },
      article: makeArticle({
        id,
        slug: `imported-${i}`,
        headline: `g-${generation}`,
        revision: generation + 1,
        body: bigBody(8, `g${generation}`) as Article['body'],
      }),
    })),
  }
}

async function importGeneration(
  root: string,
  library: ArticleLibrary,
  generation: number,
  articleIds: readonly string[],
  workers: WorkerPool | null,
): Promise<void> {
  await importFolder(root, `g${generation}`, library, workers, async (dir) => {
    await writeFile(join(dir, JSON_BUNDLE_NAME), JSON.stringify(bundleOf(generation, articleIds)))
  })
}

/** What a source folder's `fill` may hand back: the sources to import (the folder itself by default), and what to do once the import ended. */
type Filled = { sources?: string[]; settle?: () => Promise<void> } | void

/**
 * Writes a source folder (`fill`), imports it through the real ImportService (dry run, `check` of its counts,
 * apply with overwrite) and removes it: the one import of every import campaign.
 */
async function importFolder(
  root: string,
  name: string,
  library: ArticleLibrary,
  workers: WorkerPool | null,
  fill: (dir: string) => Promise<Filled>,
  check: (counts: { invalid: number; update: number; new: number }) => void = () => undefined,
): Promise<void> {
  const { ImportService } = await import('../../electron/main/services/import')
  const dir = join(layout(root).source, name)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const filled = (await fill(dir)) ?? {}
  const importer = new ImportService(library, workers)
  let applied
  try {
    const dry = await importer.dryRun(filled.sources ?? [dir])
    check(dry.counts)
    applied = await importer.apply(dry.planId, { onConflict: 'overwrite' })
  } finally {
    await filled.settle?.()
  }
  await rm(dir, { recursive: true, force: true })
  if (!applied.ok) throw new Error(applied.message)
}

/** The good Markdown articles of import generation `generation` (their ids, a higher revision each time). */
function goodMarkdown(generation: number, articleIds: readonly string[], extra = ''): [string, string][] {
  return articleIds.map((id, i) => [
    `good-${i}.md`,
    `---\nid: ${id}\nslug: imported-${i}\ntitle: g-${generation}\nrevision: ${generation + 1}\n---\n\nBody ${generation} of ${i}.\n${i === 0 ? extra : ''}`,
  ])
}

/**
 * One damaged-zip generation: a zip of good-looking entries damaged one way (by turns: CRC, an entry longer
 * than declared, a name twice) must be refused whole, naming the file, before anything is written; then the
 * good articles of `generation`, from a sound zip, are applied all or nothing.
 */
async function damagedZipGeneration(
  root: string,
  library: ArticleLibrary,
  generation: number,
  articleIds: readonly string[],
  workers: WorkerPool | null,
): Promise<void> {
  const { ImportService, SourceRefusedError } = await import('../../electron/main/services/import')
  await importFolder(root, `z${generation}`, library, workers, async (dir) => {
    const damage = ZIP_DAMAGES[generation % ZIP_DAMAGES.length] as ZipDamage
    const entries = Object.fromEntries(
      DAMAGED_IDS.map((id, i) => [
        `p${i}.md`,
        [
          Buffer.from(`---\nid: ${id}\ntitle: damaged-${generation}\n---\n\nBody ${i} of ${generation}\n`),
          { level: 0 },
        ],
      ]),
    ) as Parameters<typeof zipSync>[0]
    const damaged = join(dir, 'damaged.zip')
    await writeFile(damaged, damagedZip(entries, damage, rng(generation)))
    try {
      await new ImportService(library, workers).dryRun([damaged])
      throw new Error(`a zip with a damaged entry (${damage}) was accepted`)
    } catch (error) {
      if (!(error instanceof SourceRefusedError) || !error.message.includes('damaged.zip'))
        throw new Error(`the damaged zip (${damage}) was not refused naming it: ${(error as Error).message}`, {
          cause: error,
        })
    }
    const good = join(dir, 'good.zip')
    const files = Object.fromEntries(goodMarkdown(generation, articleIds).map(([n, t]) => [n, Buffer.from(t)]))
    await writeFile(good, zipSync(files))
    return { sources: [good] }
  })
}

/** The file outside every source that a swap campaign links to. */
function outsideFile(root: string): string {
  return join(root, 'outside', 'secret.png')
}

/**
 * One symlink-swap generation: the good articles of `generation` (the first shows `img/photo.png`) imported
 * from a folder while that image is swapped, as fast as can be, for a link to a file outside the source. A
 * dry run that meets the link refuses the source naming it (nothing written); after SWAP_ATTEMPTS of those
 * the image is left alone, so every generation lands in the end.
 */
async function swapImportGeneration(
  root: string,
  library: ArticleLibrary,
  generation: number,
  articleIds: readonly string[],
  workers: WorkerPool | null,
): Promise<void> {
  const { SourceRefusedError } = await import('../../electron/main/services/import')
  for (let attempt = 0; ; attempt++) {
    try {
      await importFolder(root, `s${generation}`, library, workers, async (dir) => {
        for (const [name, text] of goodMarkdown(generation, articleIds, '\n![photo](img/photo.png)\n'))
          await writeFile(join(dir, name), text)
        await mkdir(join(dir, 'img'))
        await writeFile(join(dir, 'img', 'photo.png'), PNG_1X1)
        if (attempt < SWAP_ATTEMPTS)
          return { settle: await swapForLink(join(dir, 'img', 'photo.png'), outsideFile(root)) }
      })
      return
    } catch (error) {
      if (!(error instanceof SourceRefusedError) || !/photo\.png.*link/.test(error.message))
        throw new Error(`the swapped image was not refused naming it: ${(error as Error).message}`, { cause: error })
    }
  }
}

/**
 * One hostile import generation: the good articles of generation `generation` (Markdown with their ids and a
 * higher revision, so they update the last generation) beside the hostile items and a FIFO; each hostile item
 * must be refused as one item and the good ones applied all or nothing.
 */
async function hostileImportGeneration(
  root: string,
  library: ArticleLibrary,
  generation: number,
  articleIds: readonly string[],
  workers: WorkerPool | null,
): Promise<void> {
  const refused = Object.keys(HOSTILE_ITEMS).length + 1
  await importFolder(
    root,
    `h${generation}`,
    library,
    workers,
    async (dir) => {
      await Promise.all(goodMarkdown(generation, articleIds).map(([name, text]) => writeFile(join(dir, name), text)))
      for (const [name, text] of Object.entries(HOSTILE_ITEMS)) await writeFile(join(dir, name), text)
      execFileSync('mkfifo', [join(dir, 'pipe.md')])
    },
    (counts) => {
      if (counts.invalid !== refused || counts.update + counts.new !== articleIds.length)
        throw new Error(`hostile import: ${JSON.stringify(counts)}, expected ${refused} refused items`)
    },
  )
}

/** Renames one write of each path makes at most (a kill "at rename k" picks k up to this). */
export function renamesPerWrite(path: KillPath): number {
  const kind = writeKind(path)
  if (path === 'import beside export') return importIds(path).length * 2 + 2 + 3
  if (path === 'two exports') return 6
  return importsGenerations(path) ? importIds(path).length * 2 + 2 : kind === 'export' ? 3 : 1
}

/**
 * A first guess at one write's time (the parent kills at a random point of the next two writes, and learns
 * the real time from acknowledged writes): a worker-thread campaign starts its workers and writes 240 files.
 */
export function firstWriteMs(path: KillPath): number {
  // A hostile import's dry run reads an alias bomb, a deep list and a delimiter run before it applies.
  if (HOSTILE_IMPORTS.includes(path)) return 1500
  return onWorkers(path) || path === 'two exports' ? 600 : 30
}

/**
 * Makes the process SIGKILL itself at its `k`-th rename, so some cycles die at an exact step of a write (as
 * `strace -e inject=rename:when=k` would) instead of at a random time.
 */
function killAtRename(k: number): void {
  const require = createRequire(import.meta.url)
  const fsp = require('node:fs').promises as typeof import('node:fs/promises')
  const original = fsp.rename
  let count = 0
  fsp.rename = (async (...args: Parameters<typeof original>) => {
    if (++count === k) process.kill(process.pid, 'SIGKILL')
    return original(...args)
  }) as typeof original
  syncBuiltinESMExports()
}

/** One prepared write: the key and value it will put on disk, and the write itself (throws on failure). */
export interface PreparedWrite {
  key: string
  value: number
  run: () => Promise<void>
}

/** What writes one path: opened once per process; `ready` is the start-up line (sweep counts). */
export interface Writer {
  ready: string
  /** Prepares write number `n`; `kb` overrides the body size of article, journal and history writes. */
  prepare(n: number, kb?: number): Promise<PreparedWrite>
}

/** Opens the services of one path over the campaign folder `root` (also used by the disk-fault trials). */
export async function writer(path: KillPath, root: string): Promise<Writer> {
  if (path === 'settings') {
    const { createJsonUiSettingsStore, UiSettingsService } = await import('../../electron/main/settings/ui-settings')
    const path = layout(root).settings
    const temps = async () =>
      (await readdir(dirname(path)).catch(() => [] as string[])).filter((n) => n.endsWith('.ndtmp')).length
    const before = await temps()
    const service = new UiSettingsService(createJsonUiSettingsStore(path))
    // The start-up read sweeps what a killed write left; the campaign checks every leftover was swept.
    await service.get()
    return {
      ready: `ready ${before - (await temps())} 0 0`,
      prepare: async (n) => ({
        key: 'settings',
        value: n,
        run: async () => {
          await service.update({ headlineBudget: 10 + (n % 490), standfirstBudget: 20 + (n % 4980) })
        },
      }),
    }
  }
  const library = await openLibrary(root)
  const ready = `ready ${library.startup.tempsRemoved} ${library.startup.tempsRecovered} ${library.list().length}`
  const ids = library.list().map((s) => s.id)
  const generation = REFUSING_GENERATIONS[path]
  if (generation) {
    const articleIds = importIds(path)
    const workers = workerPool()
    return {
      ready,
      prepare: async (n) => ({
        key: path,
        value: n,
        run: () => generation(root, library, n, articleIds, workers),
      }),
    }
  }
  if (path === 'import beside export') {
    const { ExportService } = await import('../../electron/main/services/export')
    const { WorkspaceLock } = await import('../../electron/main/services/storage')
    // The importer holds the workspace lock as the app and the CLI do (a killed child's lock is taken over).
    const lock = await WorkspaceLock.acquire(library.root)
    if (lock.kind !== 'acquired') throw new Error(`the workspace lock could not be taken: ${lock.kind}`)
    const articleIds = importIds(path)
    const workers = workerPool()
    const exporter = new ExportService(await ArticleLibrary.open(library.root, { readOnly: true }), workers)
    const destination = exportDestination(path, root)
    return {
      ready,
      prepare: async (n) => ({
        key: path,
        value: n,
        run: async () => {
          const [, exported] = await Promise.all([
            importGeneration(root, library, n, articleIds, workers),
            exporter.run({ format: 'json', destination, overwrite: true }),
          ])
          if (!exported.ok) throw new Error(`export beside the import: ${exported.message}`)
        },
      }),
    }
  }
  if (path === 'two exports') {
    const { ExportService } = await import('../../electron/main/services/export')
    const workers = workerPool()
    const destination = exportDestination(path, root)
    const exporters = [
      new ExportService(library, workers),
      new ExportService(await ArticleLibrary.open(library.root, { readOnly: true }), workers),
    ]
    return {
      ready,
      prepare: async (n) => ({
        key: path,
        value: n,
        run: async () => {
          const outcomes = await Promise.all(
            exporters.map((e, i) => e.run({ format: i === 0 ? 'markdown' : 'html', destination, overwrite: true })),
          )
          if (!outcomes.some((o) => o.ok))
            throw new Error(`neither export won: ${outcomes.map((o) => (o.ok ? '' : o.message)).join(' | ')}`)
          for (const o of outcomes)
            if (!o.ok && !/another export to .* is running|already exists/.test(o.message))
              throw new Error(`an export was refused without a clear reason: ${o.message}`)
        },
      }),
    }
  }
  if (writeKind(path) === 'import') {
    await import('../../electron/main/services/import')
    const articleIds = importIds(path)
    const workers = workerPool()
    if (onWorkers(path)) await requireWorkers(path, articleIds.length, workers)
    return {
      ready,
      prepare: async (n) => ({
        key: path,
        value: n,
        run: () => importGeneration(root, library, n, articleIds, workers),
      }),
    }
  }
  if (writeKind(path) === 'export') {
    const { ExportService } = await import('../../electron/main/services/export')
    const workers = workerPool()
    const exporter = new ExportService(library, workers)
    const destination = exportDestination(path, root)
    if (onWorkers(path)) await requireWorkers(path, ids.length, workers)
    return {
      ready,
      prepare: async (n) => ({
        key: path,
        value: n,
        run: async () => {
          const r = await exporter.run({
            format: onWorkers(path) ? 'markdown' : 'html',
            destination,
            overwrite: true,
          })
          if (!r.ok) throw new Error(r.message)
        },
      }),
    }
  }
  return {
    ready,
    prepare: async (n, kb) => {
      const id = ids[n % ids.length]!
      const loaded = await library.load(id)
      if (!loaded.ok) throw new Error(loaded.message)
      const body = bigBody(kb ?? (path === 'article save' ? 1024 : 512), `r${n}`)
      if (path === 'article save') {
        const next = loaded.article.revision + 1
        const fields = { ...pickFields(loaded.article), headline: `h-${next}`, body }
        const mode = n % 7 === 0 ? 'explicit' : 'auto'
        return {
          key: id,
          value: next,
          run: async () => {
            const saved = await library.save({ id, baseHash: loaded.hash, fields, mode })
            if (!saved.ok) throw new Error(saved.message)
          },
        }
      }
      if (path === 'journal') {
        const fields = { ...pickFields(loaded.article), headline: `j-${n}`, body }
        return {
          key: id,
          value: n,
          run: async () => {
            const r = await library.writeJournal(id, loaded.hash, fields)
            if (!r.ok) throw new Error(r.message)
          },
        }
      }
      const snapshot = { ...loaded.article, revision: n, headline: `s-${n}`, body }
      return {
        key: id,
        value: n,
        run: () => new HistoryStore(library.root).record(snapshot, 'explicit', new Date().toISOString()),
      }
    },
  }
}

/**
 * The worker-thread campaigns test the bundle workers' share of a write: they refuse to run without them
 * (a child run from source has no built worker, and a small job stays on the main thread).
 */
async function requireWorkers(path: KillPath, files: number, workers: WorkerPool | null): Promise<void> {
  if (!(await usableWorkers(workers, files))) throw new Error(`${path}: no bundle worker threads`)
}

/**
 * The pool an import or export writer passes to its service, as the app and the CLI do: over the bundled
 * child's worker entry, or null when running from source (then big jobs stay on this thread).
 */
function workerPool(): WorkerPool | null {
  return createWorkerPool()
}

/** The child: repeats the path's write from generation `from` on until killed (at rename `killAt` if > 0). */
export async function child(path: KillPath, root: string, from: number, killAt = 0): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`)
  if (killAt > 0) killAtRename(killAt)
  const w = await writer(path, root)
  out(w.ready)
  for (let n = from; ; n++) {
    const write = await w.prepare(n)
    out(`inflight ${write.key} ${write.value}`)
    await write.run()
    out(`ack ${write.key} ${write.value}`)
  }
}

/** Checks the files after a kill; returns failures and the values found (they count as acknowledged). */
export async function verify(
  path: KillPath,
  root: string,
  acked: Map<string, number>,
  inflight: Map<string, number>,
): Promise<{ failures: string[]; found: Map<string, number> }> {
  const failures: string[] = []
  const found = new Map<string, number>()
  const { workspace, settings } = layout(root)
  const allowed = (key: string) => [acked.get(key), inflight.get(key)].filter((r): r is number => r !== undefined)
  const expect = (key: string, got: number | null, what: string) => {
    const ok = allowed(key)
    if (got === null) {
      if (acked.has(key)) failures.push(`${key}: acknowledged ${what} missing`)
      return
    }
    if (!ok.includes(got) && !(path === 'history snapshot' && got < Math.max(...ok, 0)))
      failures.push(`${key}: ${what} ${got}, expected ${ok.join(' or ') || 'none'}`)
    else found.set(key, Math.max(got, acked.get(key) ?? got))
  }
  switch (writeKind(path)) {
    case 'article save': {
      for (const key of acked.keys()) {
        const outcome = await readArticleFile(join(workspace, 'articles', `${key}.json`))
        if (!outcome.ok) failures.push(`${key} unreadable: ${outcome.message}`)
        else if (outcome.article.headline !== `h-${outcome.article.revision}`)
          failures.push(`${key} revision ${outcome.article.revision} holds ${outcome.article.headline}`)
        else expect(key, outcome.article.revision, 'revision')
      }
      break
    }
    case 'journal': {
      for (const key of new Set([...acked.keys(), ...inflight.keys()])) {
        const text = await readFile(join(workspaceLayout(workspace).journal, `${key}.json`), 'utf8').catch(() => null)
        if (text === null) expect(key, null, 'journal entry')
        else {
          const entry = parseOr(text) as { headline?: string; fields?: { body?: unknown } } | null
          const n = /^j-(\d+)$/.exec(entry?.headline ?? '')?.[1]
          if (!entry?.fields?.body || n === undefined) failures.push(`${key}: journal entry unreadable or partial`)
          else expect(key, Number(n), 'journal entry')
        }
      }
      break
    }
    case 'history snapshot': {
      for (const key of new Set([...acked.keys(), ...inflight.keys()])) {
        const folder = join(workspaceLayout(workspace).history, key)
        const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => /^\d+\.json$/.test(n))
        for (const name of names) {
          const snap = parseOr(await readFile(join(folder, name), 'utf8')) as {
            article?: { revision?: number; headline?: string }
          } | null
          const rev = Number(name.slice(0, -5))
          const want = rev === 1 ? 'h-1' : `s-${rev}`
          if (snap?.article?.revision !== rev || snap.article.headline !== want)
            failures.push(`${key}: snapshot ${name} unreadable or partial`)
        }
        const ack = acked.get(key)
        if (ack !== undefined && !names.includes(`${ack}.json`))
          failures.push(`${key}: acknowledged snapshot ${ack} missing`)
        const newest = Math.max(...names.map((n) => Number(n.slice(0, -5))), 0)
        expect(key, newest, 'newest snapshot')
      }
      break
    }
    case 'settings': {
      const text = await readFile(settings, 'utf8').catch(() => null)
      if (text === null) expect('settings', null, 'settings file')
      else {
        const parsed = uiSettingsSchema.safeParse(parseOr(text))
        if (!parsed.success) failures.push('settings file unreadable or partial')
        else {
          const n = allowed('settings').find((v) => 10 + (v % 490) === parsed.data.headlineBudget)
          if (n === undefined)
            failures.push(`settings hold headlineBudget ${parsed.data.headlineBudget}, not a written value`)
          else found.set('settings', Math.max(n, acked.get('settings') ?? n))
        }
      }
      break
    }
    case 'import':
    case 'hostile import':
    case 'damaged zip import':
    case 'symlink swap import':
      await checkImport()
      break
    case 'import beside export': {
      await checkImport()
      // The export read one generation, never more: from before the import or from after it.
      const text = await checkExport()
      if (text !== null) {
        const bundle = parseOr(await readFile(join(exportDestination(path, root), JSON_BUNDLE_NAME), 'utf8')) as {
          articles?: { article: { headline: string } }[]
        } | null
        const seen = new Set(bundle?.articles?.map((a) => a.article.headline))
        if (!bundle?.articles) failures.push('export beside the import: bundle unreadable')
        else if (seen.size !== 1) failures.push(`export beside the import mixed generations: ${[...seen].join(', ')}`)
      }
      break
    }
    case 'export':
    case 'two exports':
      if ((await checkExport()) !== null) found.set(path, Math.max(acked.get(path) ?? 0, inflight.get(path) ?? 0))
      break
  }
  return { failures, found }

  /**
   * An import of a generation: rolled back or complete, all of one generation, nothing else among the articles,
   * as the next open shows it: a read-only one first (it rolls back an import whose process is gone), then the
   * files themselves.
   */
  async function checkImport(): Promise<void> {
    const reader = await ArticleLibrary.open(workspace, { readOnly: true, indexCache: false })
    const listed = new Map(reader.list().map((s) => [s.id, s.headline]))
    const shown = new Set(importIds(path).map((id) => listed.get(id)))
    if (shown.size !== 1 || shown.has(undefined))
      failures.push(`a read-only open lists half an import: ${[...shown].map(String).join(', ')}`)
    const generations = new Set<number>()
    for (const id of importIds(path)) {
      const outcome = await readArticleFile(join(workspace, 'articles', `${id}.json`))
      if (!outcome.ok) failures.push(`import: ${id} ${outcome.message}`)
      else generations.add(Number(outcome.article.headline.slice(2)))
    }
    if (generations.size > 1) failures.push(`half-imported: generations ${[...generations].join(', ')} side by side`)
    else if (generations.size === 1) expect(path, [...generations][0]!, 'generation')
    if (REFUSING_IMPORTS.includes(path)) {
      const files = (await readdir(join(workspace, 'articles'))).filter((n) => n.endsWith('.json'))
      const expected = importIds(path).length + KEPT_IDS.length
      if (files.length !== expected)
        failures.push(`${path}: ${files.length} article files, expected ${expected} (a refused item got in?)`)
      for (const id of KEPT_IDS) {
        const outcome = await readArticleFile(join(workspace, 'articles', `${id}.json`))
        if (!outcome.ok || outcome.article.headline !== 'kept' || listed.get(id) !== 'kept')
          failures.push(`${path}: the article ${id} saved before was lost or changed`)
      }
      for (const name of await readdir(workspaceLayout(workspace).assets).catch(() => [] as string[]))
        if ((await readFile(join(workspaceLayout(workspace).assets, name), 'utf8')).includes(OUTSIDE_MARK))
          failures.push(`${path}: the file outside the source was stored as the asset ${name}`)
    }
  }

  /**
   * An export's destination: absent (when nothing was acknowledged) or complete, every file matching its
   * manifest. Returns the manifest's text, or null when there is none.
   */
  async function checkExport(): Promise<string | null> {
    const site = exportDestination(path, root)
    // What the next export does first (a kill between the two renames of a commit hides the old export).
    const { recoverInterruptedExport } = await import('../../electron/main/services/export')
    await recoverInterruptedExport(site)
    const manifestText = await readFile(join(site, 'manifest.json'), 'utf8').catch(() => null)
    if (manifestText === null) {
      if (acked.has(path)) failures.push(`${path}: acknowledged export missing from its destination`)
      return null
    }
    const manifest = parseOr(manifestText) as { files?: { path: string; sha256: string }[] } | null
    if (!manifest?.files) {
      failures.push(`${path}: manifest unreadable`)
      return null
    }
    const { createHash } = await import('node:crypto')
    for (const f of manifest.files) {
      const bytes = await readFile(join(site, f.path)).catch(() => null)
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== f.sha256)
        failures.push(`half-exported: ${f.path} missing or different`)
    }
    return manifestText
  }
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** Leftovers of interrupted writes under `root`: durable-write temps, export temp folders, import staging. */
export async function leftovers(
  root: string,
): Promise<{ temps: number; settingsTemps: number; exportTemps: number; importStaging: number }> {
  const names = await readdir(root, { recursive: true }).catch(() => [] as string[])
  return {
    temps: names.filter((n) => n.endsWith('.ndtmp') && !n.includes('user-data') && !/import-[0-9a-f]{12}/.test(n))
      .length,
    settingsTemps: names.filter((n) => n.endsWith('.ndtmp') && n.includes('user-data')).length,
    exportTemps: names.filter((n) => /\.ndexport(\.old)?$/.test(n)).length,
    importStaging: names.filter((n) => /\.newsdesk\/import-[0-9a-f]{12}$/.test(n)).length,
  }
}
