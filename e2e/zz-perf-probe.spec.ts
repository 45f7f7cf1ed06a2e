import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { test } from './fixtures'

// Temporary measurement probe (not the benchmark): paced typing into a 20,000-word body, app vs bare StarterKit.
const KEYS = 300
function doc(words: number) {
  const content = []
  for (let p = 0; p < words / 50; p++) {
    const text = Array.from({ length: 50 }, (_, i) => `word${(p * 50 + i) % 997}`).join(' ')
    content.push({ type: 'paragraph', content: [{ type: 'text', text }] })
  }
  return { type: 'doc', content }
}
async function instrument(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: { proc: number[]; frame: number[] }; __long: number[] }
    w.__lat = { proc: [], frame: [] }
    w.__long = []
    new PerformanceObserver((list) => list.getEntries().forEach((e) => { w.__long.push(e.duration); console.log(`longtask ${e.duration.toFixed(0)}ms at ${e.startTime.toFixed(0)}`) })).observe({
      type: 'longtask',
      buffered: false,
    })
    document.addEventListener(
      'keydown',
      (e) => {
        const t0 = e.timeStamp
        const ch = new MessageChannel()
        ch.port1.onmessage = () => w.__lat.proc.push(performance.now() - t0)
        ch.port2.postMessage(0)
        requestAnimationFrame(() => {
          const c2 = new MessageChannel()
          c2.port1.onmessage = () => w.__lat.frame.push(performance.now() - t0)
          c2.port2.postMessage(0)
        })
      },
      true,
    )
  })
}
async function collect(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __lat: { proc: number[]; frame: number[] }; __long: number[] }
    return { __lat: w.__lat, __long: w.__long }
  })
}
const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN
const summary = (name: string, r: { __lat: { proc: number[]; frame: number[] }; __long: number[] }) =>
  `${name}: processing median ${q(r.__lat.proc, 0.5).toFixed(1)} p95 ${q(r.__lat.proc, 0.95).toFixed(1)} | after-frame median ${q(r.__lat.frame, 0.5).toFixed(1)} p95 ${q(r.__lat.frame, 0.95).toFixed(1)} ms | long tasks ${r.__long.length} max ${Math.max(0, ...r.__long).toFixed(0)} ms (n=${r.__lat.frame.length})`

test('probe typing latency', async ({ app, browser }) => {
  test.setTimeout(180_000)
  const id = randomUUID()
  const now = new Date().toISOString()
  const article = {
    schemaVersion: 1,
    id,
    slug: 'long-read',
    headline: 'Long read',
    standfirst: '',
    kind: 'article',
    status: 'draft',
    tags: [],
    byline: '',
    dateline: '',
    language: 'en',
    publishAt: null,
    embargoUntil: null,
    editorsNote: '',
    featuredImage: null,
    createdAt: now,
    updatedAt: now,
    revision: 1,
    body: doc(20000),
  }
  await writeFile(join(app.workspace, 'articles', `${id}.json`), `${JSON.stringify(article, null, 2)}\n`)
  const page = await app.restart()
  page.on('console', (m) => m.text().startsWith('longtask') && console.log(m.text()))
  await page.getByText('Long read').first().click()
  const body = page.getByRole('textbox', { name: 'Article body' })
  await body.locator('p').first().click()
  await page.keyboard.press('End')
  await instrument(page)
  console.log('after instrument', await page.evaluate(() => typeof (window as unknown as { __lat?: unknown }).__lat), page.url())
  page.on('framenavigated', (f) => console.log('navigated', f.url()))
  await page.keyboard.type('x'.repeat(KEYS), { delay: 30 })
  await page.waitForTimeout(2500) // autosave runs
  console.log('typing ended at', await page.evaluate(() => performance.now().toFixed(0)))
  console.log('after typing', await page.evaluate(() => typeof (window as unknown as { __lat?: unknown }).__lat))
  const appResult = await collect(page)
  console.log(summary('app editor', appResult))

  const dir = resolve(import.meta.dirname, '..', '.tmp', 'perf-bare-out')
  const ctx = await browser.newContext()
  await ctx.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    const file = join(dir, url.pathname === '/' ? 'index.html' : url.pathname)
    const type = extname(file) === '.js' ? 'text/javascript' : 'text/html'
    await route.fulfill({ body: await readFile(file).catch(() => Buffer.from('')), contentType: type })
  })
  const bare = await ctx.newPage()
  await bare.goto('http://bare.invalid/index.html?words=20000')
  await bare.locator('.ProseMirror p').first().click()
  await bare.keyboard.press('End')
  await instrument(bare)
  await bare.keyboard.type('x'.repeat(KEYS), { delay: 30 })
  await bare.waitForTimeout(500)
  console.log(summary('bare StarterKit', await collect(bare)))
  await ctx.close()
})
