// Reader-facing exports read the workspace's publication: its name, base URL, time zone, statuses, page size
// and feed length; every article they carry is reachable; drafts and internal notes stay in the newsroom.
import { spawnSync } from 'node:child_process'
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../../../shared/article/schema'
import { compareListing } from '../../../../shared/listing/listing'
import { defaultPublication, type PublicationSettings } from '../../../../shared/publication/publication'
import { ArticleLibrary } from '../library'
import { listTree, makeArticle, tempDir, writeArticles } from '../test-support'
import { workspaceLayout } from '../storage'
import { ExportController } from './export-controller'
import { ExportService } from './export-service'

const BASE = 'https://news.example.org/desk/'
const NOW = () => new Date('2026-12-05T12:00:00Z')

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

/** 105 public articles, one a minute from 1 Nov 2026 (n = 104 is the newest), plus two drafts and a review. */
function manyArticles(): Article[] {
  const out: Article[] = []
  for (let n = 0; n < 105; n += 1) {
    const at = new Date(Date.UTC(2026, 10, 1, 8, n)).toISOString()
    out.push(
      makeArticle({
        id: uuid(n),
        slug: `story-${String(n).padStart(3, '0')}`,
        headline: `Story number ${n}`,
        status: n % 2 === 0 ? 'published' : 'ready',
        publishAt: at,
        updatedAt: at,
        editorsNote: `internal note ${n}`,
        kind: n % 4 === 1 ? 'video' : 'article',
        language: n % 3 === 0 ? 'es' : 'en',
      }),
    )
  }
  out.push(
    makeArticle({ id: uuid(900), slug: 'draft-one', headline: 'Secret draft one', status: 'draft', publishAt: null }),
    makeArticle({ id: uuid(901), slug: 'draft-two', headline: 'Secret draft two', status: 'draft' }),
    makeArticle({ id: uuid(902), slug: 'in-review', headline: 'Still in review', status: 'review' }),
  )
  return out
}

async function workspace(articles: readonly Article[], publication: Partial<PublicationSettings> | null) {
  const root = await tempDir('newsdesk-pub-')
  await writeArticles(root, articles)
  if (publication) {
    const layout = workspaceLayout(root)
    await mkdir(layout.store, { recursive: true })
    const settings = { ...defaultPublication('Harbour Gazette', 'UTC'), baseUrl: BASE, ...publication }
    await writeFile(layout.publication, JSON.stringify(settings))
  }
  return ArticleLibrary.open(root)
}

async function exportTo(library: ArticleLibrary, format: 'html' | 'rss' | 'markdown' | 'json' | 'ninjs', extra = {}) {
  const dest = join(await tempDir(), format)
  const outcome = await new ExportService(library, null).run({
    format,
    destination: dest,
    reproducible: true,
    now: NOW,
    ...extra,
  })
  return { dest, outcome }
}

const hrefs = (html: string, cls: string) =>
  [...html.matchAll(new RegExp(`class="${cls}" href="([^"]+)"`, 'g'))].map((m) => m[1] as string)

describe('HTML export: every article reachable', () => {
  it('writes every index page of 105 articles with previous/next links, and each article links back', async () => {
    const library = await workspace(manyArticles(), { name: 'Harbour Gazette', itemsPerPage: 10 })
    const { dest, outcome } = await exportTo(library, 'html')
    expect(outcome).toMatchObject({ ok: true, articleCount: 105 })
    const files = await listTree(dest)
    expect(files.filter((f) => f.startsWith('articles/'))).toHaveLength(105)
    expect(files.filter((f) => f === 'index.html' || f.startsWith('page/'))).toEqual([
      'index.html',
      ...Array.from({ length: 10 }, (_, i) => `page/${i + 2}.html`).sort(),
    ])
    // Walk the next links from index.html: every article is listed exactly once, newest first.
    const seen: string[] = []
    let page: string | null = 'index.html'
    let pages = 0
    while (page) {
      const html: string = await readFile(join(dest, page), 'utf8')
      pages += 1
      expect(html).toContain('<p class="nd-publication">Harbour Gazette</p>')
      expect(html).toContain('data-theme="auto"')
      for (const m of html.matchAll(/<h2 class="nd-headline[^"]*"><a href="([^"]+)">/g)) {
        const article = join(page, '..', m[1] as string)
        seen.push(article)
        const articleHtml = await readFile(join(dest, article), 'utf8')
        // The article links back to the index page that lists it.
        const back = /<a rel="index" href="([^"]+)">← Harbour Gazette<\/a>/.exec(articleHtml)?.[1]
        expect(join('articles', back ?? '')).toBe(page)
      }
      const prev = hrefs(html, 'nd-pager-prev')
      if (pages > 1) expect(join(page, '..', prev[0] ?? '')).toBe(pages === 2 ? 'index.html' : `page/${pages - 1}.html`)
      const next: string | undefined = hrefs(html, 'nd-pager-next')[0]
      page = next ? join(page, '..', next) : null
    }
    expect(pages).toBe(11)
    expect(seen).toHaveLength(105)
    expect(new Set(seen).size).toBe(105)
    expect(seen[0]).toBe('articles/story-104.html')
    expect(seen.at(-1)).toBe('articles/story-000.html')
  })

  it('carries only the publication statuses, never a draft or an editor’s note; the name and time zone are the publication’s', async () => {
    const library = await workspace(manyArticles(), { name: 'El Faro', timeZone: 'Europe/Madrid', itemsPerPage: 100 })
    const { dest } = await exportTo(library, 'html')
    const files = await listTree(dest)
    const all = (
      await Promise.all(files.filter((f) => f.endsWith('.html')).map((f) => readFile(join(dest, f), 'utf8')))
    ).join('\n')
    expect(all).not.toContain('Secret draft')
    expect(all).not.toContain('Still in review')
    expect(all).not.toContain('internal note')
    expect(all).not.toContain('Riverton')
    expect(all).toContain('<title>Latest news — El Faro</title>')
    // story-104 was published at 09:44Z: 10:44 in Madrid, with the zone named.
    const story = await readFile(join(dest, 'articles/story-104.html'), 'utf8')
    expect(story).toMatch(/10:44\s?(AM )?GMT\+1/)
  })
})

describe('RSS export', () => {
  it('carries the newest N items with absolute links under baseUrl, the publication name, and zone offsets', async () => {
    const library = await workspace(manyArticles(), {
      name: 'Harbour Gazette',
      rssItems: 20,
      timeZone: 'Europe/Madrid',
    })
    const { dest, outcome } = await exportTo(library, 'rss')
    expect(outcome.ok).toBe(true)
    const xml = await readFile(join(dest, 'feed.xml'), 'utf8')
    expect(xml).toContain('<title>Harbour Gazette</title>')
    expect(xml).toContain(`<link>${BASE}</link>`)
    const links = [...xml.matchAll(/<item>\s*<title>[^<]*<\/title>\s*<link>([^<]+)<\/link>/g)].map((m) => m[1])
    expect(links).toHaveLength(20)
    expect(links[0]).toBe(`${BASE}articles/story-104.html`)
    expect(links.at(-1)).toBe(`${BASE}articles/story-085.html`)
    for (const link of links) expect(link?.startsWith(BASE)).toBe(true)
    expect(xml).toContain('<pubDate>Sun, 01 Nov 2026 10:44:00 +0100</pubDate>')
    expect(xml).not.toContain('Secret draft')
    expect(xml).not.toContain('internal note')
    expect(xml).not.toContain('example.invalid')
  })

  it('is refused without a base URL, with a message that says how to set it (CLI and app)', async () => {
    const library = await workspace(manyArticles().slice(0, 3), null)
    const { outcome } = await exportTo(library, 'rss')
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid' })
    expect(!outcome.ok && outcome.message).toContain('newsdesk publication --workspace DIR --set baseUrl=')
    let picked = false
    const controller = new ExportController(
      () => library,
      async () => {
        picked = true
        return null
      },
      () => undefined,
    )
    const report = await controller.run({ format: 'rss', zip: false, scope: { kind: 'all' } })
    expect(report).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('base URL') })
    expect(picked).toBe(false)
  })

  it('is read by Python feedparser: the publication name, absolute links and every item', async () => {
    const library = await workspace(manyArticles(), { name: 'Harbour Gazette', rssItems: 105 })
    const { dest } = await exportTo(library, 'rss')
    const python = feedparserPython()
    const script = [
      'import json, sys, feedparser',
      'd = feedparser.parse(sys.argv[1])',
      'print(json.dumps({"bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "title": d.feed.get("title"),',
      '  "link": d.feed.get("link"), "items": [{"title": e.get("title"), "link": e.get("link"), "date": e.get("published")} for e in d.entries]}))',
    ].join('\n')
    const run = spawnSync(python, ['-c', script, join(dest, 'feed.xml')], { encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    const feed = JSON.parse(run.stdout) as {
      bozo: boolean
      error: string
      title: string
      link: string
      items: { title: string; link: string; date: string }[]
    }
    expect(feed.bozo, feed.error).toBe(false)
    expect(feed.title).toBe('Harbour Gazette')
    expect(feed.link).toBe(BASE)
    expect(feed.items).toHaveLength(105)
    expect(new Set(feed.items.map((i) => i.title)).size).toBe(105)
    for (const item of feed.items)
      expect(item.link).toMatch(/^https:\/\/news\.example\.org\/desk\/articles\/story-\d{3}\.html$/)
  })
})

/** A Python 3 with feedparser (Debian's python3-feedparser), or a failure that says how to install it. */
function feedparserPython(): string {
  const candidates = [process.env.NEWSDESK_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c)
  for (const python of candidates) {
    if (spawnSync(python, ['-c', 'import feedparser'], { encoding: 'utf8' }).status === 0) return python
  }
  throw new Error(
    `Python feedparser is missing (tried ${candidates.join(', ')}): install it with "apt-get install python3-feedparser" ` +
      '(.ci/run does) or point NEWSDESK_PYTHON at a Python 3 that has it',
  )
}

describe('one ordering', () => {
  it('orders the HTML index and RSS by the date shown: a Ready article without a publish time sorts by its update', async () => {
    const articles = [
      makeArticle({
        id: uuid(1),
        slug: 'scheduled-old',
        status: 'published',
        publishAt: '2026-11-10T08:00:00.000Z',
        updatedAt: '2026-11-30T08:00:00.000Z',
      }),
      makeArticle({
        id: uuid(2),
        slug: 'ready-unscheduled',
        status: 'ready',
        publishAt: null,
        updatedAt: '2026-11-20T08:00:00.000Z',
      }),
      makeArticle({
        id: uuid(3),
        slug: 'scheduled-new',
        status: 'ready',
        publishAt: '2026-11-25T08:00:00.000Z',
        updatedAt: '2026-11-01T08:00:00.000Z',
      }),
      makeArticle({
        id: uuid(4),
        slug: 'ready-older',
        status: 'ready',
        publishAt: null,
        updatedAt: '2026-11-05T08:00:00.000Z',
      }),
    ]
    const expected = ['scheduled-new', 'ready-unscheduled', 'scheduled-old', 'ready-older']
    expect([...articles].sort(compareListing).map((a) => a.slug)).toEqual(expected)
    const library = await workspace(articles, {})
    const html = await readFile(join((await exportTo(library, 'html')).dest, 'index.html'), 'utf8')
    expect([...html.matchAll(/href="articles\/([a-z-]+)\.html"/g)].map((m) => m[1])).toEqual(expected)
    const xml = await readFile(join((await exportTo(library, 'rss')).dest, 'feed.xml'), 'utf8')
    expect([...xml.matchAll(/articles\/([a-z-]+)\.html<\/link>/g)].map((m) => m[1])).toEqual(expected)
    // The shown date is the date sorted by: the unscheduled article shows its update time.
    expect(xml).toContain('<pubDate>Fri, 20 Nov 2026 08:00:00 +0000</pubDate>')
  })
})

describe('one article filter in export scope', () => {
  it('exports by kind and by language (service and app request)', async () => {
    const library = await workspace(manyArticles(), {})
    const videos = library.list({ kind: 'video' })
    expect(videos.length).toBeGreaterThan(0)
    const byKind = await exportTo(library, 'json', { scope: { filter: { kind: 'video' } } })
    expect(byKind.outcome).toMatchObject({ ok: true, articleCount: videos.length })
    const bundle = JSON.parse(await readFile(join(byKind.dest, 'bundle.json'), 'utf8')) as {
      articles: { article: Article }[]
    }
    expect(new Set(bundle.articles.map((e) => e.article.kind))).toEqual(new Set(['video']))
    const spanish = library.list({ language: 'es' })
    const byLanguage = await exportTo(library, 'markdown', { scope: { filter: { language: 'es' } } })
    expect(byLanguage.outcome).toMatchObject({ ok: true, articleCount: spanish.length })
    expect((await listTree(byLanguage.dest)).filter((f) => f.startsWith('articles/'))).toHaveLength(spanish.length)
    const out = await tempDir()
    const controller = new ExportController(
      () => library,
      async (name) => join(out, name),
      () => undefined,
      NOW,
    )
    const report = await controller.run({
      format: 'ninjs',
      zip: false,
      scope: { kind: 'filter', query: { kind: 'video', language: 'es' } },
    })
    const both = library.list({ kind: 'video', language: 'es' })
    expect(both.length).toBeGreaterThan(0)
    expect(report).toMatchObject({ ok: true, articleCount: both.length })
  })
})

describe('readiness in a publishing export', () => {
  it('names every failing article as a warning, and strict refuses and writes nothing', async () => {
    const articles = [
      makeArticle({ id: uuid(1), slug: 'fine', headline: 'A fine headline' }),
      makeArticle({ id: uuid(2), slug: 'long', headline: 'x'.repeat(95) }),
      makeArticle({ id: uuid(3), slug: 'badge', kind: 'video', headline: '[Video] Inside the depot' }),
      makeArticle({ id: uuid(4), slug: 'draft-long', status: 'draft', headline: 'y'.repeat(200) }),
    ]
    const library = await workspace(articles, { budgets: { headline: 90, standfirst: 200, slug: 80 } })
    const { outcome } = await exportTo(library, 'html')
    if (!outcome.ok) throw new Error(outcome.message)
    expect(outcome.warnings).toEqual([
      'badge: [badge-in-headline] the headline starts with "[Video]", which the video badge already shows above it',
      'long: [length-budget] the headline is 95 characters, over the budget of 90',
    ])
    const strict = await exportTo(library, 'rss', { strict: true })
    expect(strict.outcome).toMatchObject({ ok: false, reason: 'invalid' })
    expect(!strict.outcome.ok && strict.outcome.message).toContain('long: [length-budget]')
    expect(!strict.outcome.ok && strict.outcome.message).toContain('badge: [badge-in-headline]')
    await expect(listTree(strict.dest)).rejects.toThrow()
  })
})

describe('the Madrid clock in every format', () => {
  it('09:00 in Madrid is 09:00+01:00 in Markdown, JSON and ninjs, +0100 in RSS and 9:00 in HTML', async () => {
    const nine = makeArticle({
      id: uuid(7),
      slug: 'nine',
      status: 'published',
      publishAt: '2026-11-23T08:00:00.000Z',
      updatedAt: '2026-11-23T08:00:00.000Z',
    })
    const library = await workspace([nine], { timeZone: 'Europe/Madrid' })
    const md = await readFile(join((await exportTo(library, 'markdown')).dest, 'articles/nine.md'), 'utf8')
    expect(md).toContain('date: "2026-11-23T09:00:00+01:00"')
    const json = await readFile(join((await exportTo(library, 'json')).dest, 'bundle.json'), 'utf8')
    expect(json).toMatch(/"publishAt": ?"2026-11-23T09:00:00\+01:00"/)
    const ninjs = await readFile(join((await exportTo(library, 'ninjs')).dest, 'ninjs/nine.json'), 'utf8')
    expect(ninjs).toMatch(/"versionCreated": ?"2026-11-23T09:00:00\+01:00"/)
    const xml = await readFile(join((await exportTo(library, 'rss')).dest, 'feed.xml'), 'utf8')
    expect(xml).toContain('<pubDate>Mon, 23 Nov 2026 09:00:00 +0100</pubDate>')
    const html = await readFile(join((await exportTo(library, 'html')).dest, 'index.html'), 'utf8')
    expect(html).toMatch(/November 23, 2026(,| at) 9:00\s?AM GMT\+1/)
    expect(html).not.toMatch(/8:00\s?AM/)
  })
})
