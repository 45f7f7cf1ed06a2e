import { execFile } from 'node:child_process'
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { isoInZone } from '../../../../shared/publication/clock'
import { escapeHtml } from '../../../../shared/render'
import { ArticleLibrary } from '../library'
import { PublicationStore, seedWorkspace } from '../workspace'
import { ExportService } from './export-service'
import { SAMPLE_WORKSPACE, tempDir } from '../test-support'

const run = promisify(execFile)

/** Text as Go's html/template escapes it (Hugo's templates). */
function goHtml(text: string): string {
  const codes: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    "'": '&#39;',
    '"': '&#34;',
    '+': '&#43;',
  }
  return text.replace(/[&<>'"+]/g, (c) => codes[c] as string)
}

/** A Debian static-site generator, a real client of the Markdown bundle. Its absence fails the test, with how to install it. */
async function siteBinary(name: 'hugo' | 'jekyll'): Promise<string> {
  for (const candidate of [name, `/usr/bin/${name}`]) {
    try {
      await run(candidate, [name === 'hugo' ? 'version' : '--version'])
      return candidate
    } catch {
      // try the next one
    }
  }
  throw new Error(
    `${name} is not installed: this test builds a site with a real ${name}. Run \`sudo apt-get install ${name}\` (CI: .ci/run does).`,
  )
}

/** The smallest Hugo site that shows what a reader sees: title, date, tags and the rendered body. */
const HUGO_SITE: Record<string, string> = {
  'hugo.toml': [
    'baseURL = "https://riverton.example/"',
    'title = "Newsdesk fidelity site"',
    // `../assets/x.png` from articles/slug.html reaches static/assets/x.png.
    'uglyURLs = true',
    'disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]',
    '[markup.goldmark.renderer]',
    '  unsafe = false',
  ].join('\n'),
  'layouts/_default/baseof.html': '<!doctype html><html><body>{{ block "main" . }}{{ end }}</body></html>\n',
  'layouts/_default/single.html': [
    '{{ define "main" }}<article>',
    '<h1>{{ .Title }}</h1>',
    '<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006 15:04 MST" }}</time>',
    '<ul class="tags">{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>',
    '{{ .Content }}',
    '</article>{{ end }}',
  ].join('\n'),
  'layouts/_default/list.html':
    '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
  'layouts/index.html':
    '{{ define "main" }}<ul>{{ range .Site.RegularPages }}<li>{{ .Title }}</li>{{ end }}</ul>{{ end }}\n',
}

/** The smallest Jekyll site that shows the same: every Markdown file with front matter becomes a page. */
const JEKYLL_SITE: Record<string, string> = {
  '_config.yml': [
    'title: Newsdesk fidelity site',
    'defaults:',
    '  - scope: { path: "" }',
    '    values: { layout: default }',
  ].join('\n'),
  '_layouts/default.html': [
    '<!doctype html><html><body><article>',
    '<h1>{{ page.title | escape }}</h1>',
    '<time datetime="{{ page.date | date_to_xmlschema }}">{{ page.date }}</time>',
    '<ul class="tags">{% for t in page.tags %}<li>{{ t | escape }}</li>{% endfor %}</ul>',
    '{{ content }}',
    '</article></body></html>',
  ].join('\n'),
}

/** The sample workspace, its publication in Madrid, exported as a Markdown bundle; with the library to check against. */
async function madridBundle(): Promise<{ bundle: string; library: ArticleLibrary }> {
  const workspace = await tempDir('newsdesk-site-ws-')
  await seedWorkspace(workspace, SAMPLE_WORKSPACE)
  // A newsroom in Madrid: every date a site shows must carry Madrid's offset (+01:00 or +02:00), not UTC's.
  const publications = new PublicationStore(() => workspace)
  const zoned = await publications.set({ ...(await publications.get()), timeZone: 'Europe/Madrid' })
  expect(zoned.ok).toBe(true)
  const bundle = join(await tempDir('newsdesk-site-md-'), 'bundle')
  const outcome = await new ExportService(await ArticleLibrary.open(workspace), null).run({
    format: 'markdown',
    destination: bundle,
    reproducible: true,
  })
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true)
  return { bundle, library: await ArticleLibrary.open(workspace) }
}

/** Writes a site's files and copies the bundle's articles and assets where the generator reads them. */
async function makeSite(
  files: Record<string, string>,
  bundle: string,
  articles: string,
  assets: string,
): Promise<string> {
  const site = await tempDir('newsdesk-site-')
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(site, path, '..'), { recursive: true })
    await writeFile(join(site, path), text)
  }
  await cp(join(bundle, 'articles'), join(site, articles), { recursive: true })
  await cp(join(bundle, 'assets'), join(site, assets), { recursive: true })
  return site
}

/**
 * Checks every article's built page: title, tags, the date as the generator read it (with Madrid's offset, or
 * the same instant for Jekyll, which prints it in its own zone), every media card's link and every figure with
 * its alt text and caption. `html` escapes text the way the generator's templates do.
 */
async function checkPages(
  library: ArticleLibrary,
  pagesDir: string,
  html: (text: string) => string,
  shownDate: (iso: string) => string,
): Promise<void> {
  const pages = await readdir(pagesDir)
  for (const summary of library.list({})) {
    const loaded = await library.load(summary.id)
    if (!loaded.ok) throw new Error(loaded.message)
    const article = loaded.article
    const page = pages.find((name) => name === `${article.slug}.html`)
    expect(page, `no page for ${article.slug}`).toBeDefined()
    const text = await readFile(join(pagesDir, page as string), 'utf8')
    expect(text).toContain(`<h1>${html(article.headline)}</h1>`)
    for (const tag of article.tags) expect(text).toContain(`<li>${html(tag)}</li>`)
    const madrid = isoInZone(article.publishAt ?? article.createdAt, 'Europe/Madrid').replace(/\.\d+(?=[+-])/, '')
    expect(madrid).toMatch(/\+0[12]:00$/)
    expect(text).toContain(`<time datetime="${html(shownDate(madrid))}">`)
    for (const node of article.body.content ?? []) {
      if (node.type === 'mediaEmbed') {
        expect(text).toContain(
          `<a href="${String(node.attrs?.url)}" title="newsdesk-media:${String(node.attrs?.kind)}">`,
        )
      }
      if (node.type === 'image') {
        const asset = String(node.attrs?.src).replace('assets/', '')
        expect(text).toContain(`src="../assets/${asset}"`)
        expect(text).toContain(`alt="${escapeHtml(String(node.attrs?.alt))}"`)
        expect(text).toContain(`title="${escapeHtml(String(node.attrs?.caption))}"`)
      }
    }
  }
}

describe('the Markdown bundle in real static-site generators', () => {
  it('Hugo builds the sample workspace with no warnings; its pages carry every title, date with its offset, tag, caption and media link', async () => {
    const hugo = await siteBinary('hugo')
    const { bundle, library } = await madridBundle()
    const site = await makeSite(HUGO_SITE, bundle, 'content/articles', 'static/assets')
    // Drafts and scheduled items are built too: the bundle holds the whole workspace.
    const { stdout, stderr } = await run(
      hugo,
      ['--source', site, '--buildDrafts', '--buildFuture', '--buildExpired', '--printPathWarnings'],
      { env: { ...process.env, HUGO_ENVIRONMENT: 'production' } },
    )
    expect(`${stdout}\n${stderr}`).not.toMatch(/WARN|ERROR/)
    await checkPages(library, join(site, 'public', 'articles'), goHtml, (iso) => iso)
  }, 60_000)

  it('Jekyll builds the sample workspace with strict front matter; its pages carry every title, date, tag, caption and media link', async () => {
    const jekyll = await siteBinary('jekyll')
    const { bundle, library } = await madridBundle()
    const site = await makeSite(JEKYLL_SITE, bundle, 'articles', 'assets')
    const { stdout, stderr } = await run(
      jekyll,
      [
        'build',
        '--source',
        site,
        '--destination',
        join(site, '_site'),
        '--strict_front_matter',
        '--future',
        '--unpublished',
      ],
      { env: { ...process.env, TZ: 'UTC' } },
    )
    expect(`${stdout}\n${stderr}`).not.toMatch(/warn|error/i)
    // Jekyll prints the instant in the machine's zone (UTC, set above): the same moment as Madrid's time.
    const utc = (iso: string) => new Date(iso).toISOString().replace(/\.\d+Z$/, '+00:00')
    await checkPages(library, join(site, '_site', 'articles'), escapeHtml, utc)
  }, 60_000)
})
