// `npm run bench -- [--articles 50000] [--only NAME] [--quick] [--seed S] [--no-build]`
// Builds, generates or reuses the workspace, runs every benchmark (warm-up, then several runs), prints the
// table with peers measured in the same run, and writes bench/results/latest.json plus a short history.
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type * as AppBundle from './app-entry.ts'
import { machineInfo } from './lib/machine.ts'
import { figuresById, markdownTable, previousRun, saveResults, type Row, type RunResult } from './lib/report.ts'
import { ensureWorkspace } from './lib/workspaces.ts'
import { benchBrowserOpen, benchKeystroke, launchChromium } from './suites/browser-suite.ts'
import { benchScroll } from './suites/scroll-suite.ts'
import { benchAutosave, benchExport, benchOpen, benchScaling, benchSearch } from './suites/node-suite.ts'
import { benchSync } from './suites/sync-suite.ts'

const GROUPS = [
  'open',
  'heap',
  'scroll',
  'keystroke',
  'autosave',
  'search',
  'filter',
  'export',
  'import',
  'scaling',
  'sync',
] as const
const ROOT = resolve(import.meta.dirname, '..')

const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    seed: { type: 'string', default: 'newsdesk' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
})
const quick = values.quick ?? false
const articles = Number(values.articles ?? (quick ? 1000 : 50_000))
const only = values.only ?? null
if (!Number.isInteger(articles) || articles < 1) {
  console.error(`--articles must be a positive integer, got "${values.articles}"`)
  process.exit(2)
}
if (only !== null && !(GROUPS as readonly string[]).includes(only)) {
  console.error(`--only must be one of ${GROUPS.join(', ')}; got "${only}"`)
  process.exit(2)
}
const wants = (...groups: string[]) => only === null || groups.includes(only)
const started = performance.now()
const log = (message: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`)

if (!values['no-build']) {
  log('building (electron-vite, app bundle, bare peer) under /tmp/newsdesk-build.lock')
  const built = spawnSync(
    'flock',
    [
      '/tmp/newsdesk-build.lock',
      process.execPath,
      '--experimental-strip-types',
      '--no-warnings',
      resolve(ROOT, 'bench/build.ts'),
    ],
    { cwd: ROOT, stdio: 'inherit' },
  )
  if (built.status !== 0) {
    console.error('build failed')
    process.exit(1)
  }
}
const bundle = (await import(pathToFileURL(resolve(ROOT, 'out/bench/app/app-entry.mjs')).href)) as typeof AppBundle

const ws = ensureWorkspace(articles, values.seed, log)
if (ws.generatedMs !== null) log(`generated in ${(ws.generatedMs / 1000).toFixed(1)} s`)
const ctx = { bundle, ws, quick, log }
const rows: Row[] = []
let chromiumVersion: string | null = null

if (wants('open')) rows.push(...(await benchOpen(ctx)))
if (wants('open', 'heap', 'scroll', 'keystroke', 'autosave')) {
  const browser = await launchChromium()
  chromiumVersion = browser.version()
  try {
    if (wants('open', 'heap')) {
      log('Chromium: open → first listing paint and heap')
      const small = ensureWorkspace(200, values.seed, log)
      rows.push(...(await benchBrowserOpen(browser, bundle, ws, small, quick)).filter((r) => wants(r.group)))
    }
    if (wants('scroll')) {
      log('Chromium: scrolling the virtualised list (rAF frame times) and heap')
      rows.push(...(await benchScroll(browser, bundle, ws, quick)))
    }
    if (wants('keystroke', 'autosave')) {
      log('Chromium: keystroke latency vs bare TipTap, long tasks during autosave')
      rows.push(...(await benchKeystroke(browser, bundle, ws, quick)).filter((r) => wants(r.group)))
    }
  } finally {
    await browser.close()
  }
}
if (wants('autosave')) rows.push(...(await benchAutosave(ctx)))
if (wants('search', 'filter')) rows.push(...(await benchSearch(ctx)).rows.filter((r) => wants(r.group)))
// The import is of the export's output, so either group runs (and reports) both.
if (wants('export', 'import')) rows.push(...(await benchExport(ctx)).rows)
if (wants('scaling')) {
  const sizes = [...new Set([Math.round(articles / 50), Math.round(articles / 5), articles])].filter((n) => n >= 10)
  const workspaces = sizes.map((n) => (n === articles ? ws : ensureWorkspace(n, values.seed, log)))
  rows.push(...(await benchScaling(ctx, workspaces)))
}
if (wants('sync')) rows.push(...(await benchSync(ctx, ensureWorkspace(200, values.seed, log))))

const order = (r: Row) => GROUPS.indexOf(r.group as (typeof GROUPS)[number])
rows.sort((a, b) => order(a) - order(b))
const options = { articles, seed: values.seed, quick, only }
const previous = previousRun(resolve(ROOT, 'bench/results'), options)
const result: RunResult = {
  startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
  finishedAt: new Date().toISOString(),
  options,
  machine: machineInfo(chromiumVersion),
  rows,
}
saveResults(resolve(ROOT, 'bench/results'), result)
const m = result.machine
console.log(
  `\nNewsdesk benchmark, ${articles.toLocaleString('en')} articles${quick ? ' (--quick)' : ''}${only ? `, only ${only}` : ''}: ` +
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, Node ${m.node}, Chromium ${m.chromium ?? 'not launched'}, commit ${m.gitCommit}${m.gitDirty ? ' (dirty tree)' : ''}\n`,
)
console.log(markdownTable(rows, previous ? figuresById(previous.rows) : undefined))
if (previous) console.log(`\nΔ against the previous comparable run of ${previous.finishedAt}.`)
const missed = rows.filter((r) => r.pass === false).length
const unmeasured = rows.filter((r) => r.notMeasured).length
console.log(
  `\n${rows.length} rows: ${missed} missed targets, ${unmeasured} not measured; ${((performance.now() - started) / 1000).toFixed(0)} s in all. Results in bench/results/latest.json.`,
)
