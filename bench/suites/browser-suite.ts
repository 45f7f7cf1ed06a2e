// Benchmarks in the Chromium harness (the built renderer over the real handler table, as e2e runs it):
// open -> first listing paint, renderer heap with every article listed, keystroke latency against a bare
// TipTap peer, and long tasks during autosave.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type * as AppBundle from '../app-entry.ts'
import { CHROMIUM_ARGS as E2E_CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/harness/chromium-args.ts'
import { rawReadArticles } from '../lib/raw-read.ts'
import { judge, summarize, type Row } from '../lib/report.ts'
import { cloneWorkspace, removeClone, WORKSPACES_DIR, type CachedWorkspace } from '../lib/workspaces.ts'

type Bundle = typeof AppBundle

/** The e2e flags, plus precise heap figures. */
export const CHROMIUM_ARGS = [...E2E_CHROMIUM_ARGS, '--enable-precise-memory-info']

const OUT = resolve(import.meta.dirname, '..', '..', 'out', 'bench')
const ITEM = '[data-testid="article-item"]'
const BARE_ORIGIN = 'http://bench-bare.invalid'

// Targets are same-run ratios against a peer (bench/README.md says why each peer and each factor).
/** Keystroke → after next frame, p95, may take this many times the browser's own <textarea> p95 (its floor). */
export const KEYSTROKE_VS_FLOOR = 1.15
/** The first open (no index cache) to the first listing paint may take this many times `cat` of every article file. */
export const COLD_PAINT_VS_RAW = 2
/** An open with the index cache to the first listing paint must not take longer than `cat` of every article file. */
export const CACHED_PAINT_VS_RAW = 1
/**
 * An open with the index cache must paint its first listing no later than this many times the first open
 * without it (same run): a large cache's first screen comes from its head, not after parsing all of it. Not 1:
 * the peer is one paint (a workspace is opened without its cache once), and the page's own boot, the same code
 * either way, moves a single paint by up to 10 % (two paints of one 200-article workspace in one run: 2,304 and
 * 2,217 ms; 2,108 and 2,172 ms). At 50,000 articles, parsing the whole cache first made it ×1.26 (2,798 against
 * 2,224 ms); with the head first the services open in 276 ms against 258 ms without a cache (×1.07–1.11 painted).
 */
export const CACHED_PAINT_VS_FRESH = 1.15
/**
 * Issue #19: a fresh clone is listed progressively, so its first paint must not depend on the workspace's size:
 * at most this many times the first paint of a fresh 200-article workspace opened in the same run...
 */
export const FRESH_PAINT_VS_SMALL = 1.5
/** ...and at most this much later (the issue's "within a second", counted beyond what the page costs anyway). */
export const FRESH_PAINT_EXTRA_MS = 1000

/** Launches Debian's Chromium like the e2e config does. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

// Runs in the page before any app script: records the first painted listing item and every long task.
const PROBE = () => {
  const w = window as unknown as Record<string, unknown>
  w.__benchLongTasks = [] as { start: number; duration: number }[]
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      (w.__benchLongTasks as unknown[]).push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  const seen = () => {
    if (w.__benchListSeen || !document.querySelector('[data-testid="article-item"]')) return
    w.__benchListSeen = true
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        w.__benchListPaint = performance.timeOrigin + performance.now()
      }
      channel.port2.postMessage(null)
    })
  }
  new MutationObserver(seen).observe(document, { childList: true, subtree: true })
}

/** One app opened in the harness (exported for the other Chromium suites). */
export interface Session {
  context: BrowserContext
  page: Page
  services: Awaited<ReturnType<Bundle['wireContext']>>['services']
  userData: string
  saves: { start: number; end: number }[]
  openMs: number
  libraryMs: number
}

/** Opens the app on `workspace` and waits for the first painted listing item. */
export async function openApp(browser: Browser, bundle: Bundle, workspace: string): Promise<Session> {
  const userData = mkdtempSync(join(WORKSPACES_DIR, 'userdata-'))
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } })
  await context.addInitScript(PROBE)
  const t0 = performance.timeOrigin + performance.now()
  // As Electron's main does: the window (here the page) loads while the services open.
  const { ready } = await bundle.startContext(context, join(OUT, 'renderer'), {
    userData,
    sampleDir: null,
    workspace,
  })
  let libraryMs = 0
  const opened = ready.then((wired) => {
    libraryMs = performance.timeOrigin + performance.now() - t0
    return wired
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
  await page.goto(`${bundle.HARNESS_ORIGIN}/index.html`)
  const { services } = await opened
  // Instrumentation, not a mock: the real save runs, the harness only notes when it starts and ends.
  const saves: Session['saves'] = []
  const save = services.library.save.bind(services.library)
  services.library.save = async (draft) => {
    const entry = { start: performance.now(), end: 0 }
    try {
      return await save(draft)
    } finally {
      entry.end = performance.now()
      saves.push(entry)
    }
  }
  await page.waitForFunction(
    () => (window as unknown as { __benchListPaint?: number }).__benchListPaint !== undefined,
    null,
    {
      timeout: 600_000,
      polling: 50,
    },
  )
  const paint = await page.evaluate(() => (window as unknown as { __benchListPaint: number }).__benchListPaint)
  return { context, page, services, userData, saves, openMs: paint - t0, libraryMs }
}

/** Waits until the library has read every article file and written its index cache; ms from the paint. */
async function waitForWholeList(session: Session): Promise<number> {
  const start = performance.now()
  await session.services.library.validated
  await session.services.library.housekeeping
  return performance.now() - start
}

/** Closes the app's context and removes its user data. */
export async function closeSession(session: Session): Promise<void> {
  await session.context.close()
  rmSync(session.userData, { recursive: true, force: true })
}

/** Renderer JS heap after a forced GC, in MB. */
export async function heapMB(session: Session): Promise<number> {
  const cdp = await session.context.newCDPSession(session.page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 2 ** 20
}

/** open -> first listing paint (one cold first open, then warm runs) and the heap with all articles listed. */
export async function benchBrowserOpen(
  browser: Browser,
  bundle: Bundle,
  ws: CachedWorkspace,
  small: CachedWorkspace,
  quick: boolean,
): Promise<Row[]> {
  const n = ws.manifest.articles
  const clone = cloneWorkspace(ws.dir)
  try {
    const raw = [rawReadArticles(clone).ms] // the peer, once before every open
    await bundle.dropIndexCache(clone)
    // The same-run peer of the fresh open: the same page painting a fresh small workspace, just before and after.
    const smallPaints = [await freshPaint(browser, bundle, small)]
    const first = await openApp(browser, bundle, clone)
    // The first open lists the fresh clone progressively: its paint comes after the first screen is read, and
    // the index cache is written only once every file is. Closed before that, it leaves no cache, and the
    // "index cache" runs below were first opens again (until 2026-12-05 s10: their 4.1 s matched the cold one).
    const readAllMs = await waitForWholeList(first)
    await closeSession(first)
    smallPaints.push(await freshPaint(browser, bundle, small))
    const runs = quick ? 2 : 3
    const samples: number[] = []
    const library: number[] = []
    let heap = 0
    let listed = 0
    for (let i = 0; i < runs; i++) {
      raw.push(rawReadArticles(clone).ms)
      const session = await openApp(browser, bundle, clone)
      samples.push(session.openMs)
      library.push(session.libraryMs)
      if (i === runs - 1) {
        await session.page.waitForTimeout(300)
        heap = await heapMB(session)
        listed = await session.page.locator(ITEM).count()
      }
      await closeSession(session)
    }
    const nf = n.toLocaleString('en')
    const rawMs = summarize(raw).median
    const rawLabel = 'cat of every article file'
    const peer = { label: rawLabel, value: rawMs }
    const peers = (ms: number) => [{ label: rawLabel, median: rawMs, unit: 'ms', ratio: ms / rawMs }]
    const warm = summarize(samples)
    return [
      judgeFreshPaint({
        group: 'open',
        id: 'open.paint.fresh-vs-small',
        label: `open → first listing paint of a fresh ${nf}-article workspace (no index cache, listed progressively) against a fresh ${small.manifest.articles}-article one`,
        paintMs: first.openMs,
        smallPaints,
        smallArticles: small.manifest.articles,
      }),
      judge({
        group: 'open',
        id: 'open.paint.cold',
        label: `open → first listing paint, Chromium, first open without index cache (${nf})`,
        unit: 'ms',
        value: first.openMs,
        target: { stat: 'value', peer, max: COLD_PAINT_VS_RAW },
        peers: peers(first.openMs),
        note: `services open ${first.libraryMs.toFixed(0)} ms; every article read and cached ${readAllMs.toFixed(0)} ms after the paint`,
      }),
      judge({
        group: 'open',
        id: 'open.paint.warm',
        label: `open → first listing paint, Chromium, index cache (${nf})`,
        unit: 'ms',
        stats: warm,
        target: { stat: 'median', peer, max: CACHED_PAINT_VS_RAW },
        peers: peers(warm.median),
        note: `services open ${summarize(library).median.toFixed(0)} ms, while the page loads`,
      }),
      judge({
        group: 'open',
        id: 'open.paint.cached-vs-fresh',
        label: `open → first listing paint with the index cache against the first open without it (${nf})`,
        unit: 'ms',
        stats: warm,
        target: {
          stat: 'median',
          peer: { label: 'the first open without index cache', value: first.openMs },
          max: CACHED_PAINT_VS_FRESH,
        },
        peers: [
          {
            label: 'the first open without index cache',
            median: first.openMs,
            unit: 'ms',
            ratio: warm.median / first.openMs,
          },
        ],
        note: `the open.paint.warm runs against the open.paint.cold one; services open ${summarize(library).median.toFixed(0)} ms with the cache, ${first.libraryMs.toFixed(0)} ms without`,
      }),
      judge({
        group: 'heap',
        id: 'heap.listed',
        label: `renderer JS heap with ${nf} articles listed (after GC)`,
        unit: 'MB',
        value: heap,
        target: { stat: 'value', op: '<=', value: 250 },
        note: `${listed.toLocaleString('en')} list items in the DOM`,
      }),
    ]
  } finally {
    removeClone(clone)
  }
}

/**
 * The first listing paint of the workspace at `dir` (opened once; closed after every file is read and the
 * index cache written, so nothing of this open runs into the next).
 */
export async function paintOnce(browser: Browser, bundle: Bundle, dir: string): Promise<number> {
  const session = await openApp(browser, bundle, dir)
  await waitForWholeList(session)
  await closeSession(session)
  return session.openMs
}

/** The first listing paint of a fresh copy of `ws` with no index cache (the copy is removed after). */
export async function freshPaint(browser: Browser, bundle: Bundle, ws: CachedWorkspace): Promise<number> {
  const clone = cloneWorkspace(ws.dir)
  try {
    await bundle.dropIndexCache(clone)
    return await paintOnce(browser, bundle, clone)
  } finally {
    removeClone(clone)
  }
}

/**
 * Judges a first listing paint of a large fresh workspace against the paints of a fresh small one measured in
 * the same run (`freshPaint`, before and after): at most `FRESH_PAINT_VS_SMALL` times their median and at most
 * `FRESH_PAINT_EXTRA_MS` later.
 */
export function judgeFreshPaint(row: {
  group: string
  id: string
  label: string
  paintMs: number
  smallPaints: number[]
  smallArticles: number
  note?: string
}): Row {
  const smallMs = summarize(row.smallPaints).median
  const smallLabel = `first listing paint of a fresh ${row.smallArticles}-article workspace`
  const extraMs = row.paintMs - smallMs
  return judge(
    {
      group: row.group,
      id: row.id,
      label: row.label,
      unit: 'ms',
      value: row.paintMs,
      target: { stat: 'value', peer: { label: smallLabel, value: smallMs }, max: FRESH_PAINT_VS_SMALL },
      peers: [{ label: smallLabel, median: smallMs, unit: 'ms', ratio: row.paintMs / smallMs }],
      note:
        `the size adds ${extraMs.toFixed(0)} ms (target also ≤ ${FRESH_PAINT_EXTRA_MS} ms); small paints ` +
        `${row.smallPaints.map((v) => v.toFixed(0)).join(' and ')} ms${row.note ? `; ${row.note}` : ''}`,
    },
    extraMs <= FRESH_PAINT_EXTRA_MS,
  )
}

// ---- keystroke latency ----

interface LatencySample {
  tx: number
  frame: number
}

/**
 * Installs the TOOLCHAIN §4 probe (runs in the page): keydown -> the editor's transaction -> after the next
 * frame. `floor` is the browser's own <textarea>, whose `input` event stands in for the transaction.
 */
async function installLatencyProbe(page: Page, which: 'app' | 'bare' | 'floor'): Promise<void> {
  await page.evaluate((kind) => {
    type Ed = {
      on(e: 'transaction', f: (p: { transaction: { docChanged: boolean } }) => void): void
      state: { doc: { firstChild: { nodeSize: number } | null } }
      chain(): { focus(): { setTextSelection(p: number): { run(): boolean } } }
    }
    const w = window as unknown as Record<string, unknown>
    const lat = {
      samples: [] as { tx: number; frame: number }[],
      pending: null as null | { down: number; tx: number | null },
      slowEvents: 0,
    }
    w.__benchLatency = lat
    document.addEventListener('keydown', (e) => (lat.pending = { down: e.timeStamp, tx: null }), true)
    const changed = () => {
      const p = lat.pending
      if (!p || p.tx !== null) return
      p.tx = performance.now()
      lat.pending = null
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () =>
          lat.samples.push({ tx: (p.tx as number) - p.down, frame: performance.now() - p.down })
        channel.port2.postMessage(null)
      })
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'keydown') lat.slowEvents++
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit)
    if (kind === 'floor') {
      const area = document.querySelector('textarea') as HTMLTextAreaElement
      area.addEventListener('input', changed)
      // Caret at the end of the first paragraph, as in the editors.
      const end = area.value.indexOf('\n')
      area.focus()
      area.setSelectionRange(end, end)
      return
    }
    const editor = (
      kind === 'bare' ? w.__benchEditor : (document.querySelector('.ProseMirror') as unknown as { editor: Ed }).editor
    ) as Ed
    editor.on('transaction', ({ transaction }) => {
      if (transaction.docChanged) changed()
    })
    // Caret at the end of the first block, as a reporter fixing the intro would.
    const first = editor.state.doc.firstChild
    editor
      .chain()
      .focus()
      .setTextSelection(first ? first.nodeSize - 1 : 1)
      .run()
  }, which)
}

/** The plain text of a TipTap document, one line per block (the floor page's <textarea> holds it). */
function plainText(node: unknown): string {
  const n = node as { type?: string; text?: string; content?: unknown[] }
  if (typeof n.text === 'string') return n.text
  const parts = (n.content ?? []).map(plainText)
  const inline = (n.content ?? []).every((c) => typeof (c as { text?: unknown }).text === 'string')
  return parts.join(inline ? '' : '\n')
}

/**
 * With NEWSDESK_BENCH_TRACE=<dir>, records a Chrome trace of one typing run per page into <dir>/<name>.json
 * (open it in chrome://tracing or Perfetto) to see where a keystroke's frame goes.
 */
async function traced<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.NEWSDESK_BENCH_TRACE
  if (!dir) return run()
  const browser = page.context().browser()
  if (!browser) return run()
  await browser.startTracing(page, { path: join(dir, `${name}.json`), screenshots: false })
  try {
    return await run()
  } finally {
    await browser.stopTracing()
  }
}

async function typeAndCollect(page: Page, keys: number): Promise<{ samples: LatencySample[]; slowEvents: number }> {
  await page.evaluate(() => {
    const lat = (window as unknown as { __benchLatency: { samples: unknown[]; slowEvents: number } }).__benchLatency
    lat.samples = []
    lat.slowEvents = 0
  })
  const text = 'the council approved the new budget for housing and transport after a long debate '
    .repeat(8)
    .slice(0, keys)
  await page.keyboard.type(text, { delay: 30 })
  await page.waitForTimeout(300)
  return page.evaluate(() => {
    const lat = (window as unknown as { __benchLatency: { samples: LatencySample[]; slowEvents: number } })
      .__benchLatency
    return { samples: lat.samples, slowEvents: lat.slowEvents }
  })
}

/**
 * Opens an article the way an editor finds one in a large library: types its headline into the library's
 * search box (headlines are searchable as soon as the workspace opens) and clicks the row it finds.
 */
async function openListed(page: Page, headline: string): Promise<void> {
  await page.locator(ITEM).first().waitFor({ timeout: 60_000 })
  await page.locator('.library-pane input[type="search"]').fill(headline)
  const row = page.locator(ITEM, { hasText: headline }).first()
  await row.waitFor({ timeout: 60_000 })
  await row.click()
  // Back to the whole list, so typing is measured with every article listed.
  await page.locator('.library-pane input[type="search"]').fill('')
  await page.locator(ITEM).nth(1).waitFor({ timeout: 60_000 })
}

/** Keystroke latency in the Newsdesk renderer vs a bare StarterKit page, and long tasks during autosave. */
export async function benchKeystroke(
  browser: Browser,
  bundle: Bundle,
  ws: CachedWorkspace,
  quick: boolean,
): Promise<Row[]> {
  const longRead = ws.manifest.longReads[0]
  if (!longRead)
    return [
      { group: 'keystroke', id: 'keystroke.app', label: 'keystroke latency', unit: 'ms', notMeasured: 'no long read' },
    ]
  const articleFile = JSON.parse(readFileSync(join(ws.dir, 'articles', `${longRead.id}.json`), 'utf8')) as {
    headline: string
    body: unknown
  }
  const clone = cloneWorkspace(ws.dir)
  const keys = quick ? 120 : 300
  const runs = quick ? 1 : 3
  try {
    // Newsdesk: open the workspace, click the long read in the list, wait for its body in the editor.
    const app = await openApp(browser, bundle, clone)
    await openListed(app.page, articleFile.headline)
    await app.page.waitForFunction(
      () =>
        ((
          document.querySelector('.ProseMirror') as unknown as {
            editor?: { state: { doc: { content: { size: number } } } }
          }
        )?.editor?.state.doc.content.size ?? 0) > 100_000,
      null,
      { timeout: 120_000 },
    )
    await installLatencyProbe(app.page, 'app')

    // Bare peer: the same document in a page with nothing but StarterKit.
    const bareContext = await browser.newContext({ viewport: { width: 1400, height: 860 } })
    await bareContext.route('**/*', async (route) => {
      const url = new URL(route.request().url())
      if (url.origin !== BARE_ORIGIN) return route.abort('blockedbyclient')
      if (url.pathname === '/doc.json')
        return route.fulfill({ contentType: 'application/json', body: JSON.stringify(articleFile.body) })
      const file = join(OUT, 'bare', url.pathname === '/' ? 'index.html' : url.pathname)
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html'
      return route.fulfill({ contentType: type, body: readFileSync(file) })
    })
    const bare = await bareContext.newPage()
    await bare.goto(`${BARE_ORIGIN}/index.html`)
    await bare.waitForSelector('body[data-ready="true"]', { timeout: 60_000 })
    await installLatencyProbe(bare, 'bare')
    // The pointer rests on the text in both pages, as a writer's does (in Newsdesk it was left on the list row
    // that opened the article, which costs the browser a hit test after every layout the bare page never had).
    for (const page of [app.page, bare]) await page.locator('.ProseMirror').hover({ position: { x: 40, y: 40 } })
    // Floor peer: the browser's own <textarea> holding the same article's text. No editor can answer a key
    // sooner than this measure allows it on this machine's frame clock.
    const floor = await bareContext.newPage()
    await floor.setContent('<textarea aria-label="Plain text" rows="40" cols="110"></textarea>')
    await floor.locator('textarea').fill(plainText(articleFile.body))
    await installLatencyProbe(floor, 'floor')
    await floor.locator('textarea').hover({ position: { x: 40, y: 40 } })

    // Warm-up, then alternate the two so drift on a shared machine hits both.
    await typeAndCollect(app.page, 20)
    await typeAndCollect(bare, 20)
    await typeAndCollect(floor, 20)
    const appSamples: LatencySample[] = []
    const bareSamples: LatencySample[] = []
    const floorSamples: LatencySample[] = []
    let appSlow = 0
    let bareSlow = 0
    const autosaveLongTasks: number[] = []
    let autosaveWindows = 0
    for (let r = 0; r < runs; r++) {
      await app.page.bringToFront()
      const a = await traced(app.page, `keystroke-app-${r}`, () => typeAndCollect(app.page, keys))
      appSamples.push(...a.samples)
      appSlow += a.slowEvents
      // Autosave fires 800 ms after the last key: watch the renderer for long tasks until the save is done.
      const savesBefore = app.saves.length
      const typedEnd = await app.page.evaluate(() => performance.now() - 300)
      const deadline = Date.now() + 15_000
      while (app.saves.length === savesBefore && Date.now() < deadline) await app.page.waitForTimeout(50)
      await app.page.waitForTimeout(250)
      const tasks = await app.page.evaluate(
        (from) =>
          (window as unknown as { __benchLongTasks: { start: number; duration: number }[] }).__benchLongTasks.filter(
            (t) => t.start >= from,
          ),
        typedEnd,
      )
      if (app.saves.length > savesBefore) autosaveWindows++
      autosaveLongTasks.push(...tasks.map((t) => t.duration))
      await bare.bringToFront()
      const b = await traced(bare, `keystroke-bare-${r}`, () => typeAndCollect(bare, keys))
      bareSamples.push(...b.samples)
      bareSlow += b.slowEvents
      await floor.bringToFront()
      floorSamples.push(...(await typeAndCollect(floor, keys)).samples)
    }
    await bareContext.close()
    await closeSession(app)

    const stat = (s: LatencySample[], k: 'tx' | 'frame') => summarize(s.map((x) => x[k]))
    const appFrame = stat(appSamples, 'frame')
    const bareFrame = stat(bareSamples, 'frame')
    const floorFrame = stat(floorSamples, 'frame')
    const ratio = appFrame.p95 / bareFrame.p95
    const words = `${Math.round(longRead.words / 1000)}k-word article`
    const nf = ws.manifest.articles.toLocaleString('en')
    return [
      judge({
        group: 'keystroke',
        id: 'keystroke.app.tx',
        label: `keystroke → end of transaction, Newsdesk, ${words}, ${nf} listed`,
        unit: 'ms',
        stats: stat(appSamples, 'tx'),
        peers: [
          {
            label: 'bare StarterKit',
            median: stat(bareSamples, 'tx').median,
            unit: 'ms',
            ratio: stat(appSamples, 'tx').median / stat(bareSamples, 'tx').median,
          },
        ],
      }),
      judge({
        group: 'keystroke',
        id: 'keystroke.app.frame',
        label: `keystroke → after next frame, Newsdesk, ${words}, ${nf} listed`,
        unit: 'ms',
        stats: appFrame,
        target: {
          stat: 'p95',
          peer: { label: 'the <textarea> floor p95', value: floorFrame.p95 },
          max: KEYSTROKE_VS_FLOOR,
        },
        peers: [
          { label: 'bare StarterKit p95', median: bareFrame.p95, unit: 'ms', ratio },
          {
            label: 'plain <textarea> p95 (the floor of this measure)',
            median: floorFrame.p95,
            unit: 'ms',
            ratio: appFrame.p95 / floorFrame.p95,
          },
        ],
        note: `${appSamples.length} keys at 30 ms, ${appSlow} keydown events ≥ 16 ms`,
      }),
      {
        group: 'keystroke',
        id: 'keystroke.bare.frame',
        label: `peer: keystroke → after next frame, bare TipTap StarterKit, same ${words}`,
        unit: 'ms',
        stats: bareFrame,
        pass: null,
        note: `${bareSamples.length} keys, ${bareSlow} keydown events ≥ 16 ms`,
      },
      {
        group: 'keystroke',
        id: 'keystroke.floor.frame',
        label: `peer: keystroke → after next frame, the browser's own <textarea>, same text (the floor: a frame is drawn only on the display's 60 Hz clock)`,
        unit: 'ms',
        stats: floorFrame,
        pass: null,
        note: `${floorSamples.length} keys`,
      },
      autosaveWindows === 0
        ? {
            group: 'autosave',
            id: 'autosave.longtasks',
            label: 'renderer long tasks > 50 ms during autosave',
            unit: 'ms',
            notMeasured: 'no autosave happened within 15 s of typing',
          }
        : judge(
            {
              group: 'autosave',
              id: 'autosave.longtasks',
              label: `longest renderer long task during autosave (${autosaveWindows} autosaves after typing)`,
              unit: 'ms',
              value: autosaveLongTasks.length ? Math.max(...autosaveLongTasks) : 0,
              target: { stat: 'value', op: '<=', value: 50, text: 'no long task' },
              note: `${autosaveLongTasks.length} long tasks`,
            },
            autosaveLongTasks.length === 0,
          ),
    ]
  } finally {
    removeClone(clone)
  }
}
