// List scrolling in the Chromium harness: with every article listed, the virtualised library list is scrolled
// from top to bottom while requestAnimationFrame deltas are recorded, then the renderer heap is read.
import type { Browser, Page } from '@playwright/test'
import type * as AppBundle from '../app-entry.ts'
import { judge, summarize, type Row } from '../lib/report.ts'
import { cloneWorkspace, removeClone, type CachedWorkspace } from '../lib/workspaces.ts'
import { closeSession, heapMB, openApp } from './browser-suite.ts'

type Bundle = typeof AppBundle

/** One frame at 60 Hz. */
const FRAME_MS = 1000 / 60
/** rAF timestamps jitter by a fraction of a millisecond; a frame longer than this missed its vsync. */
const DROPPED_MS = FRAME_MS + 0.5

/** What one scroll pass measured (in the page). */
interface ScrollPass {
  deltas: number[]
  scrolledPx: number
  /** Highest row index rendered at the end (the list reached its bottom when it is N - 1). */
  lastIndex: number
}

/**
 * Scrolls the list by `stepPx` every animation frame (`frames` times, or until the bottom) and returns the
 * rAF deltas. Setting scrollTop inside rAF is what a fling or a held key does: each frame the virtualiser must
 * swap in new rows before paint.
 */
async function scrollPass(page: Page, stepPx: number | 'page', frames: number): Promise<ScrollPass> {
  return page.evaluate(
    ({ step, max }) =>
      new Promise<ScrollPass>((resolve) => {
        const el = document.querySelector('[data-testid="article-list"]') as HTMLElement
        el.scrollTop = 0
        const deltas: number[] = []
        const start = el.scrollTop
        let last: number | null = null
        let count = 0
        const finish = () => {
          const rows = [...el.querySelectorAll('[data-index]')].map((r) => Number(r.getAttribute('data-index')))
          resolve({ deltas, scrolledPx: el.scrollTop - start, lastIndex: Math.max(-1, ...rows) })
        }
        const tick = (now: number) => {
          if (last !== null) deltas.push(now - last)
          last = now
          const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 1
          if (count >= max || (atBottom && count > 0)) {
            // One more frame so the last scroll's work is inside a measured delta.
            requestAnimationFrame((t) => {
              deltas.push(t - (last as number))
              finish()
            })
            return
          }
          el.scrollTop += step === 'page' ? el.clientHeight : step
          count += 1
          requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }),
    { step: stepPx, max: frames },
  )
}

function frameRow(id: string, label: string, pass: ScrollPass, note: string): Row {
  const dropped = pass.deltas.filter((d) => d > DROPPED_MS).length
  return judge({
    group: 'scroll',
    id,
    label,
    unit: 'ms',
    stats: summarize(pass.deltas),
    target: { stat: 'p95', op: '<=', value: Math.round(DROPPED_MS * 10) / 10, text: 'p95 within one 60 Hz frame' },
    note: `${dropped} of ${pass.deltas.length} frames dropped (> ${FRAME_MS.toFixed(1)} ms); ${note}`,
  })
}

/**
 * Scroll smoothness and heap with every article listed: a fling (one viewport per frame) through `pages`
 * pages and a wheel-like pass (120 px per frame), each a warm-up pass first; then the JS heap after GC.
 */
export async function benchScroll(browser: Browser, bundle: Bundle, ws: CachedWorkspace, quick: boolean) {
  const n = ws.manifest.articles
  const nf = n.toLocaleString('en')
  const pages = quick ? 60 : 200
  const clone = cloneWorkspace(ws.dir)
  const session = await openApp(browser, bundle, clone)
  try {
    const { page } = session
    // Every article listed: the count line says N and the virtual list is N rows tall.
    await page.waitForFunction(
      (count) => {
        const el = document.querySelector('[data-testid="article-list"]')
        return el !== null && el.scrollHeight > count * 40
      },
      n,
      { timeout: 600_000 },
    )
    await scrollPass(page, 'page', 20) // warm-up: JIT, first measurements of row heights
    const fling = await scrollPass(page, 'page', pages)
    await scrollPass(page, 120, 20)
    const wheel = await scrollPass(page, 120, quick ? 150 : 400)
    // Down to the very end, so the heap figure includes whatever the list kept while scrolling.
    const end = await scrollPass(page, 'page', 1_000_000)
    const heap = await heapMB(session)
    return [
      frameRow(
        'scroll.fling',
        `library list, one page per frame through ${pages} pages (${nf} listed)`,
        fling,
        `${(fling.scrolledPx / 1000).toFixed(0)}k px scrolled`,
      ),
      frameRow(
        'scroll.wheel',
        `library list, 120 px per frame (${nf} listed)`,
        wheel,
        `${(wheel.scrolledPx / 1000).toFixed(0)}k px scrolled`,
      ),
      judge(
        {
          group: 'scroll',
          id: 'scroll.heap',
          label: `renderer JS heap after scrolling the whole list (${nf} listed, after GC)`,
          unit: 'MB',
          value: heap,
          target: { stat: 'value', op: '<=', value: 250 },
          note: `reached row ${(end.lastIndex + 1).toLocaleString('en')} of ${nf}`,
        },
        end.lastIndex + 1 === n,
      ),
    ] satisfies Row[]
  } finally {
    await closeSession(session)
    removeClone(clone)
  }
}
