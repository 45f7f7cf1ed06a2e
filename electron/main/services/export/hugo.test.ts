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

/** Debian's Hugo: a real client of the Markdown bundle. Its absence fails the test, with how to install it. */
async function hugoBinary(): Promise<string> {
  for (const candidate of ['hugo', '/usr/bin/hugo']) {
    try {
      await run(candidate, ['version'])
      return candidate
    } catch {
      // try the next one
    }
  }
  throw new Error(
    'hugo is not installed: this test builds a site with a real Hugo. Run `sudo apt-get install hugo` (CI: .ci/run does).',
  )
}

/** The smallest Hugo site that shows what a reader sees: title, date, tags and the rendered body. */
const SITE_FILES: Record<string, string> = {
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

describe('the Markdown bundle in a real Hugo', () => {
  it('builds the sample workspace with no warnings; its pages carry every title, date with its offset, tag, caption and media link', async () => {
    const hugo = await hugoBinary()
    const workspace = await tempDir('newsdesk-hugo-ws-')
    await seedWorkspace(workspace, SAMPLE_WORKSPACE)
    // A newsroom in Madrid: every date Hugo shows must carry Madrid's offset (+01:00 or +02:00), not UTC's.
    const publications = new PublicationStore(() => workspace)
    const zoned = await publications.set({ ...(await publications.get()), timeZone: 'Europe/Madrid' })
    expect(zoned.ok).toBe(true)
    const bundle = join(await tempDir('newsdesk-hugo-md-'), 'bundle')
    const outcome = await new ExportService(await ArticleLibrary.open(workspace), null).run({
      format: 'markdown',
      destination: bundle,
      reproducible: true,
    })
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true)

    const site = await tempDir('newsdesk-hugo-site-')
    for (const [path, text] of Object.entries(SITE_FILES)) {
      await mkdir(join(site, path, '..'), { recursive: true })
      await writeFile(join(site, path), text)
    }
    await cp(join(bundle, 'articles'), join(site, 'content', 'articles'), { recursive: true })
    await cp(join(bundle, 'assets'), join(site, 'static', 'assets'), { recursive: true })
    // Drafts and scheduled items are built too: the bundle holds the whole workspace.
    const { stdout, stderr } = await run(
      hugo,
      ['--source', site, '--buildDrafts', '--buildFuture', '--buildExpired', '--printPathWarnings'],
      {
        env: { ...process.env, HUGO_ENVIRONMENT: 'production' },
      },
    )
    expect(`${stdout}\n${stderr}`).not.toMatch(/WARN|ERROR/)

    const library = await ArticleLibrary.open(workspace)
    const pages = await readdir(join(site, 'public', 'articles'))
    for (const summary of library.list({})) {
      const loaded = await library.load(summary.id)
      if (!loaded.ok) throw new Error(loaded.message)
      const article = loaded.article
      const page = pages.find((name) => name === `${article.slug}.html`)
      expect(page, `no page for ${article.slug}`).toBeDefined()
      const html = await readFile(join(site, 'public', 'articles', page as string), 'utf8')
      expect(html).toContain(`<h1>${goHtml(article.headline)}</h1>`)
      for (const tag of article.tags) expect(html).toContain(`<li>${goHtml(tag)}</li>`)
      // Hugo's own reading of the front matter date, printed by the layout as RFC 3339 (no fraction).
      const shown = isoInZone(article.publishAt ?? article.createdAt, 'Europe/Madrid').replace(/\.\d+(?=[+-])/, '')
      expect(shown).toMatch(/\+0[12]:00$/)
      expect(html).toContain(`<time datetime="${goHtml(shown)}">`)
      for (const node of article.body.content ?? []) {
        if (node.type === 'mediaEmbed') {
          expect(html).toContain(
            `<a href="${String(node.attrs?.url)}" title="newsdesk-media:${String(node.attrs?.kind)}">`,
          )
        }
        if (node.type === 'image') {
          const asset = String(node.attrs?.src).replace('assets/', '')
          expect(html).toContain(`src="../assets/${asset}"`)
          expect(html).toContain(`alt="${escapeHtml(String(node.attrs?.alt))}"`)
          expect(html).toContain(`title="${escapeHtml(String(node.attrs?.caption))}"`)
        }
      }
    }
  }, 60_000)
})
