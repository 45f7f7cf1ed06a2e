import { describe, expect, it } from 'vitest'
import type { Article, TiptapDoc } from '../article/schema'
import type { ListingSource } from '../listing/listing'
import { plainText } from '../editor'
import { defaultPublication, type PublicationSettings } from '../publication/publication'
import { escapeHtml, renderArticlePage, renderBodyHtml, renderListingPage, safeHref, safeImageSrc } from '.'

const XSS = '<img src=x onerror=window.__xss=1>'

function item(over: Partial<ListingSource> & { id: string }): ListingSource {
  return {
    headline: `Headline ${over.id}`,
    standfirst: 'A standfirst.',
    kind: 'article',
    status: 'published',
    tags: [],
    byline: 'By Ana',
    language: 'en',
    publishAt: '2026-11-20T12:00:00.000Z',
    embargoUntil: null,
    updatedAt: '2026-11-20T12:00:00.000Z',
    ...over,
  }
}

function article(over: Partial<Article> = {}): Article {
  return {
    schemaVersion: 1,
    id: '11111111-1111-4111-8111-111111111111',
    slug: 'a',
    headline: 'Bridge reopens',
    standfirst: 'Traffic flows again.',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] },
    kind: 'article',
    tags: [],
    byline: 'By Ana',
    dateline: 'RIVERTON',
    language: 'en',
    status: 'published',
    publishAt: '2026-11-20T12:00:00.000Z',
    embargoUntil: null,
    editorsNote: '',
    featuredImage: null,
    createdAt: '2026-11-20T12:00:00.000Z',
    updatedAt: '2026-11-20T12:00:00.000Z',
    revision: 1,
    ...over,
  }
}

const now = new Date('2026-11-25T00:00:00.000Z')
const settings: PublicationSettings = { ...defaultPublication('Daily'), heading: 'Latest news' }

describe('escaping', () => {
  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;')
  })

  it('keeps only http, https and mailto links', () => {
    expect(safeHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1')
    expect(safeHref('mailto:desk@example.org')).toBe('mailto:desk@example.org')
    expect(safeHref('javascript:alert(1)')).toBeNull()
    expect(safeHref(' JavaScript:alert(1)')).toBeNull()
    expect(safeHref('data:text/html,<b>')).toBeNull()
    expect(safeHref('/relative')).toBeNull()
    expect(safeHref(42)).toBeNull()
    expect(safeHref('HTTPS://example.org')).toBe('https://example.org')
    expect(safeHref('https://exa mple.org')).toBeNull()
    expect(safeHref('https://example.org/\u0000')).toBeNull()
    expect(safeHref('http:/example.org')).toBeNull()
    expect(safeHref("https://example.org/'><script>")).toBe('https://example.org/%27%3E%3Cscript%3E')
  })

  it('allows only inline raster images and workspace assets', () => {
    expect(safeImageSrc(`assets/${'a'.repeat(64)}.png`)).not.toBeNull()
    expect(safeImageSrc('data:image/png;base64,iVBORw0KGgo=')).not.toBeNull()
    expect(safeImageSrc('data:image/svg+xml;base64,PHN2Zz4=')).toBeNull()
    expect(safeImageSrc('https://cdn.example.org/a.png')).toBeNull()
  })
})

describe('renderBodyHtml', () => {
  it('renders structure and marks and escapes text', () => {
    const doc: TiptapDoc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Sub <b>' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' link', marks: [{ type: 'link', attrs: { href: 'https://example.org/"x' } }] },
            { type: 'text', text: ' bad', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
          ],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }],
        },
        { type: 'mystery', content: [{ type: 'text', text: XSS }] },
      ],
    }
    const html = renderBodyHtml(doc)
    expect(html).toContain('<h2>Sub &lt;b&gt;</h2>')
    expect(html).toContain('<strong>bold</strong>')
    expect(html).toContain('<a href="https://example.org/%22x" rel="noopener noreferrer nofollow"> link</a>')
    expect(html).not.toContain('javascript:')
    expect(html).toContain(' bad')
    expect(html).toContain('<ul><li><p>one</p></li></ul>')
    expect(html).toContain('&lt;img src=x onerror=window.__xss=1&gt;')
    expect(html).not.toContain('<img')
  })

  it('refuses remote images but keeps their alt text and caption', () => {
    const html = renderBodyHtml({
      type: 'doc',
      content: [{ type: 'image', attrs: { src: 'https://evil.example/x.png', alt: 'A "map"', title: 'Caption' } }],
    })
    expect(html).not.toContain('evil.example')
    expect(html).toContain('A &quot;map&quot;')
    expect(html).toContain('<figcaption>Caption</figcaption>')
  })

  it('extracts plain text for search', () => {
    expect(plainText(article().body)).toBe('Hello')
  })
})

describe('renderListingPage', () => {
  it('is a complete document with only the embedded stylesheet and no script', () => {
    const html = renderListingPage([item({ id: 'a' })], settings, { now })
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<style>')
    expect(html).not.toMatch(/<script|<link|https?:\/\//i)
  })

  it('escapes a hostile headline, byline and heading', () => {
    const html = renderListingPage(
      [item({ id: 'a"><b', headline: XSS, byline: XSS, standfirst: XSS })],
      { ...settings, heading: XSS, name: XSS },
      { now },
    )
    expect(html).not.toContain('<img')
    expect(html).not.toContain('"><b')
    expect(html.match(/&lt;img src=x onerror=window.__xss=1&gt;/g)?.length).toBeGreaterThanOrEqual(4)
  })

  it('orders newest first with badges above the headline and marks embargoes', () => {
    const html = renderListingPage(
      [
        item({ id: 'old', kind: 'audio', publishAt: '2026-11-01T00:00:00.000Z' }),
        item({ id: 'new', kind: 'livestream', publishAt: '2026-11-22T00:00:00.000Z' }),
        item({ id: 'emb', publishAt: '2026-12-01T00:00:00.000Z', embargoUntil: '2026-12-01T00:00:00.000Z' }),
        item({ id: 'hidden', status: 'draft' }),
      ],
      settings,
      { now },
    )
    const ids = [...html.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1])
    expect(ids).toEqual(['emb', 'new', 'old'])
    expect(html).toContain('data-badge="livestream">Livestream</p><h2')
    expect(html).toContain('data-badge="audio">[Audio]</p>')
    expect(html).toContain('Embargoed until December 1, 2026')
  })

  it('formats dates and badges in the listing language and applies the clamp classes', () => {
    const html = renderListingPage(
      [item({ id: 'v', kind: 'video' })],
      {
        ...settings,
        locale: 'es',
        headlineLines: 2,
        standfirstLines: 4,
      },
      { now },
    )
    expect(html).toContain('20 de noviembre de 2026')
    expect(html).toContain('[Vídeo]')
    expect(html).toContain('nd-hl-2')
    expect(html).toContain('nd-sf-4')
    expect(html).toContain('<html lang="es"')
  })

  it('pages the listing', () => {
    const items = Array.from({ length: 5 }, (_, i) =>
      item({ id: `i${i}`, publishAt: `2026-11-0${i + 1}T00:00:00.000Z` }),
    )
    const html = renderListingPage(items, { ...settings, itemsPerPage: 2 }, { now, page: 3 })
    expect([...html.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1])).toEqual(['i0'])
    expect(html).toContain('Page 3 of 3')
  })

  it('links headlines only where asked', () => {
    const html = renderListingPage([item({ id: 'a' })], settings, { now, hrefFor: (e) => `articles/${e.id}.html` })
    expect(html).toContain('<a href="articles/a.html">Headline a</a>')
  })
})

describe('renderArticlePage', () => {
  it('renders headline, standfirst, byline, dateline, date and body, escaped', () => {
    const html = renderArticlePage(article({ headline: XSS, dateline: 'RIVERTON' }), settings, { now })
    expect(html).toContain('&lt;img src=x onerror=window.__xss=1&gt;')
    expect(html).not.toContain('<img')
    expect(html).toContain('Traffic flows again.')
    expect(html).toContain('RIVERTON')
    expect(html).toContain('November 20, 2026')
    expect(html).toContain('<p>Hello</p>')
  })

  it('shows the featured image through the resolver, with its caption', () => {
    const asset = `${'b'.repeat(64)}.jpg`
    const html = renderArticlePage(
      article({ featuredImage: { asset, alt: 'The bridge', caption: 'Photo: "Ana"' } }),
      settings,
      {
        now,
        resolveImage: (src) => (src === asset ? 'data:image/jpeg;base64,AAAA' : null),
      },
    )
    expect(html).toContain('<img src="data:image/jpeg;base64,AAAA" alt="The bridge">')
    expect(html).toContain('<figcaption>Photo: &quot;Ana&quot;</figcaption>')
  })
})
