// XSS campaign, unit level: every payload of e2e/fixtures-data/xss/payloads.json goes in through the real
// import paths (Markdown raw HTML, front matter, JSON bundle fields, links, tags, headlines), comes out through
// the real renderers and exports (article page, listing page, HTML export, RSS), and every output is parsed
// and searched for anything the payload could have smuggled in (script-capable elements, on* handlers,
// javascript:/data:/remote URLs, style attributes). The paste path runs in xss-paste.test.ts (needs a DOM).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Window } from 'happy-dom'
import { ARTICLE_SCHEMA_VERSION, type Article } from '../../shared/article/schema'
import { composeMarkdownFile } from '../../shared/bundle/front-matter'
import {
  hostileFindings,
  rssFindings,
  type CheckedDocument,
  type ParseDocument,
} from '../../shared/render/hostile-html'
import { JSON_BUNDLE_NAME, type JsonBundle } from '../../shared/bundle/json-bundle'
import { ExportService } from '../../electron/main/services/export'
import { defaultPublication, RSS_ITEMS_RANGE } from '../../shared/publication/publication'
import { ImportService } from '../../electron/main/services/import'
import { ArticleLibrary } from '../../electron/main/services/library'
import { createWorkerPool } from '../../electron/main/services/storage'

/** The payload fixture (a public cheat-sheet set plus the research table's own inputs). */
export const PAYLOAD_FILE = resolve(import.meta.dirname, '../../e2e/fixtures-data/xss/payloads.json')

/** Reads the payload list of the fixture. */
export async function loadPayloads(): Promise<string[]> {
  const data = JSON.parse(await readFile(PAYLOAD_FILE, 'utf8')) as { payloads: string[] }
  return data.payloads
}

/** Parses with a happy-dom window that never runs scripts nor loads anything. */
export const parseDocument: ParseDocument = (text, type) =>
  new (sharedWindow().DOMParser)().parseFromString(text, type) as unknown as CheckedDocument

/** `hostileFindings` with the happy-dom parser. */
export function htmlFindings(
  html: string,
  options: { inertElementsAllowed?: boolean; ownAssets?: string } = {},
): string[] {
  return hostileFindings(parseDocument, html, options)
}

let windowInstance: Window | null = null
function sharedWindow(): Window {
  windowInstance ??= new Window({ settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } })
  return windowInstance
}

/** Closes the parser window (call once at the end). */
export async function closeParser(): Promise<void> {
  await windowInstance?.happyDOM.close()
  windowInstance = null
}

const ID = (i: number, salt: number) =>
  `${(salt * 0x1000 + i).toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`

/** A schema-valid article carrying `payload` in every text field, a tag, a link and the body text. */
export function hostileArticle(payload: string, i: number): Article {
  const text = (t: string) => ({ type: 'text', text: t })
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: ID(i, 1),
    slug: `xss-${i}`,
    headline: payload.slice(0, 400),
    standfirst: payload,
    kind: 'article',
    status: 'ready',
    tags: [payload.slice(0, 80)],
    byline: payload.slice(0, 200),
    dateline: payload.slice(0, 100),
    language: 'en',
    publishAt: '2026-11-20T09:00:00.000Z',
    embargoUntil: null,
    editorsNote: payload,
    featuredImage: null,
    createdAt: '2026-11-18T08:00:00.000Z',
    updatedAt: '2026-11-19T08:00:00.000Z',
    revision: 1,
    body: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [text(payload)] },
        {
          type: 'paragraph',
          content: [{ ...text('link'), marks: [{ type: 'link', attrs: { href: payload } }] }],
        },
      ],
    },
  } as Article
}

/** Counts of one campaign run. */
export interface XssReport {
  payloads: number
  /** Import items offered (Markdown files + JSON bundle entries). */
  imported: number
  /** Items the import refused as invalid (fine: refusing is safe), by source kind. */
  refused: number
  /** Output documents parsed and checked. */
  documentsChecked: number
  findings: string[]
}

/** Writes the import sources of the campaign under `work`: a Markdown folder and a JSON bundle folder. */
export async function writeHostileSources(
  payloads: readonly string[],
  work: string,
): Promise<{ markdown: string; bundle: string }> {
  const md = join(work, 'markdown-source')
  const bundleDir = join(work, 'json-source')
  await mkdir(md, { recursive: true })
  await mkdir(bundleDir, { recursive: true })
  for (const [i, p] of payloads.entries()) {
    const body = `${p}\n\nText: ${p}\n\n[link](${p}) and <a href="${p}">raw link</a>\n`
    const front = {
      title: p,
      summary: p,
      tags: [p.slice(0, 80), 'xss'],
      slug: `md-xss-${i}`,
      date: '2026-11-20T09:00:00Z',
    }
    await writeFile(join(md, `p${String(i).padStart(3, '0')}.md`), composeMarkdownFile(front, body))
  }
  const bundle: JsonBundle = {
    format: 'newsdesk-bundle',
    version: 1,
    generator: 'newsdesk stress xss',
    articles: payloads.map((p, i) => ({ article: hostileArticle(p, i), renditions: { html: p, markdown: p } })),
    assets: {},
  }
  await writeFile(join(bundleDir, JSON_BUNDLE_NAME), JSON.stringify(bundle))
  return { markdown: md, bundle: bundleDir }
}

/** Checks every HTML page and RSS feed under an export folder; returns findings and the documents checked. */
export async function exportFindings(
  destination: string,
  label: string,
): Promise<{ findings: string[]; documents: number }> {
  const out = { findings: [] as string[], documents: 0 }
  for (const name of await readdir(destination, { recursive: true })) {
    const path = join(destination, name)
    if (name.endsWith('.html')) {
      out.documents++
      for (const f of htmlFindings(await readFile(path, 'utf8'))) out.findings.push(`${label}/${name}: ${f}`)
    } else if (name.endsWith('.xml') || name.endsWith('.rss')) {
      out.documents++
      const xml = await readFile(path, 'utf8')
      for (const f of rssFindings(parseDocument, xml)) out.findings.push(`${label}/${name}: ${f}`)
      // RSS 2.0 readers show <description> as entity-decoded HTML: once decoded it must hold no live markup.
      // <content:encoded> is the body as HTML: decoded, it is held to the rules of an exported page.
      const doc = parseDocument(xml, 'application/xml')
      // The feed's images are absolute addresses under the publication's own site (its channel link).
      const site = doc.querySelector('channel > link')?.textContent?.trim()
      const ownAssets = site ? `${site.replace(/\/?$/, '/')}assets/` : undefined
      for (const el of Array.from(doc.querySelectorAll('*'))) {
        const tag = el.tagName.toLowerCase()
        if (tag !== 'description' && tag !== 'content:encoded') continue
        for (const f of htmlFindings(el.textContent ?? '', ownAssets ? { ownAssets } : {}))
          out.findings.push(`${label}/${name} ${tag}: ${f}`)
      }
    }
  }
  return out
}

/**
 * Runs every payload through Markdown import (front matter title/summary/tags, raw HTML in the body, a link),
 * JSON bundle import (every text field, a tag, a link mark), then the HTML and RSS exports, and checks every
 * exported document. `work` is an empty folder.
 */
export async function runXssCampaign(payloads: readonly string[], work: string): Promise<XssReport> {
  const report: XssReport = { payloads: payloads.length, imported: 0, refused: 0, documentsChecked: 0, findings: [] }
  const { markdown: md, bundle: bundleDir } = await writeHostileSources(payloads, work)
  const workspace = join(work, 'workspace')
  const library = await ArticleLibrary.open(workspace, { indexCache: false })
  // Passed in as the app and the CLI pass theirs (null when running from source: no built worker entry).
  const workers = createWorkerPool()
  const importer = new ImportService(library, workers)
  for (const source of [md, bundleDir]) {
    const dry = await importer.dryRun([source])
    report.imported += dry.items.length
    report.refused += dry.counts.invalid
    const applied = await importer.apply(dry.planId, { onConflict: 'keep-both' })
    if (!applied.ok) report.findings.push(`import of ${source} failed: ${applied.message}`)
  }
  const exporter = new ExportService(library, workers)
  // Every imported article in the feed (not only the newest 50), with absolute links under a base URL.
  const publication = {
    ...defaultPublication('XSS campaign', 'UTC'),
    baseUrl: 'https://news.example.org/',
    rssItems: RSS_ITEMS_RANGE.max,
  }
  for (const format of ['html', 'rss'] as const) {
    const destination = join(work, `export-${format}`)
    const outcome = await exporter.run({ format, destination, reproducible: true, publication })
    if (!outcome.ok) {
      report.findings.push(`${format} export failed: ${outcome.message}`)
      continue
    }
    const checked = await exportFindings(destination, format)
    report.documentsChecked += checked.documents
    report.findings.push(...checked.findings)
  }
  await workers?.close()
  return report
}
