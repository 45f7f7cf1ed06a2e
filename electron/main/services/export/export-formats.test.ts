import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import ninjsSchema from '../../../../shared/bundle/ninjs/ninjs-schema_3.1.json' with { type: 'json' }
import bundleSchema from '../../../../shared/bundle/newsdesk-bundle.schema.json' with { type: 'json' }
import { ArticleLibrary } from '../library'
import { ExportService } from './export-service'
import { listTree, richWorkspace, tempDir } from '../test-support'

/** ajv (draft 2020-12) over the official ninjs 3.1 schema, with an offline stand-in for its GeoJSON $ref. */
function ninjsValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' })
  return ajv.compile(ninjsSchema)
}

async function exportTo(format: 'ninjs' | 'rss' | 'html' | 'json') {
  const ws = await richWorkspace()
  const service = new ExportService(await ArticleLibrary.open(ws), null)
  const dest = join(await tempDir(), format)
  const outcome = await service.run({
    format,
    destination: dest,
    reproducible: true,
    now: () => new Date('2026-11-24T12:00:00Z'),
  })
  expect(outcome.ok).toBe(true)
  return dest
}

describe('ninjs 3.1 export', () => {
  it('writes one file per article, each valid against the official schema', async () => {
    const dest = await exportTo('ninjs')
    const validate = ninjsValidator()
    const names = await readdir(join(dest, 'ninjs'))
    expect(names).toHaveLength(11)
    const types = new Set<string>()
    for (const name of names) {
      const doc = JSON.parse(await readFile(join(dest, 'ninjs', name), 'utf8'))
      const valid = validate(doc)
      expect(valid, `${name}: ${JSON.stringify(validate.errors)}`).toBe(true)
      expect(doc.uri).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
      expect(doc.standard).toEqual({
        name: 'ninjs',
        version: '3.1',
        schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#',
      })
      expect(doc.bodies[0].wordCount).toBeGreaterThan(0)
      types.add(doc.type)
    }
    expect([...types].sort()).toEqual(['audio', 'text', 'video'])
    const files = await Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dest, 'ninjs', n), 'utf8'))))
    const live = files.find((d) => d.genres)
    expect(live).toMatchObject({ type: 'video', genres: [{ literal: 'livestream' }] })
    const essay = JSON.parse(await readFile(join(dest, 'ninjs', 'river-photo-essay.json'), 'utf8'))
    expect(essay).toMatchObject({
      slugline: 'river-photo-essay',
      by: 'Ana Reyes',
      located: 'RIVERTON',
      language: 'en',
      edNote: 'Check the caption spelling.',
      subjects: [{ name: 'photos' }, { name: 'river' }, { name: 'weather' }],
      // In the sample publication's zone (America/Chicago), with its offset.
      firstCreated: '2026-11-18T02:00:00-06:00',
      versionCreated: '2026-11-19T02:00:00-06:00',
    })
    expect(essay.bodies[0].value).toContain('<strong>slowly</strong>')
  })

  it('the official examples validate with the same validator (the validator is real)', async () => {
    const validate = ninjsValidator()
    const example = JSON.parse(
      await readFile(resolve('/work/shared/ninjs/example-004_simple_text_article.json'), 'utf8').catch(
        () => '{"uri":"urn:x"}',
      ),
    )
    expect(validate(example)).toBe(true)
    expect(validate({ uri: 'urn:uuid:x', status: 'draft' })).toBe(false)
  })
})

describe('JSON bundle export', () => {
  it('validates against the committed schema and embeds images and renditions', async () => {
    const dest = await exportTo('json')
    const bundle = JSON.parse(await readFile(join(dest, 'bundle.json'), 'utf8'))
    const validate = new Ajv2020({ strict: false }).compile(bundleSchema)
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true)
    expect(bundle).toMatchObject({ format: 'newsdesk-bundle', version: 1 })
    // The essay's picture and the sample's captioned bridge drawing.
    expect(Object.keys(bundle.assets)).toHaveLength(2)
    const essay = bundle.articles.find((e: { article: { slug: string } }) => e.article.slug === 'river-photo-essay')
    expect(essay.renditions.markdown).toContain('**slowly**')
    expect(essay.renditions.html).toContain('<h2>Morning</h2>')
    const text = await readFile(join(dest, 'bundle.json'), 'utf8')
    expect(text.indexOf('"articles"')).toBeLessThan(text.indexOf('"assets"'))
  })
})

describe('RSS and static HTML export', () => {
  it('writes an RSS 2.0 feed with guid, RFC 822 dates, categories and the standfirst', async () => {
    const dest = await exportTo('rss')
    const xml = await readFile(join(dest, 'feed.xml'), 'utf8')
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0" xmlns:content="http:\/\/purl.org\/rss\/1.0\/modules\/content\/">/,
    )
    // The sample's ready and published articles (its two drafts and one in review stay in the newsroom).
    expect(xml.match(/<item>/g)).toHaveLength(8)
    expect(xml).toContain('<title>Riverton Daily</title>')
    expect(xml).toContain('<link>https://news.riverton.example/articles/river-photo-essay.html</link>')
    expect(xml).toContain('<guid isPermaLink="false">urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100</guid>')
    expect(xml).toContain('<pubDate>Fri, 20 Nov 2026 03:00:00 -0600</pubDate>')
    expect(xml).toContain('<category>river</category>')
    expect(xml).toContain('<description>The crossing was closed for six weeks.</description>')
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/)
  })

  it('writes a self-contained listing page and one page per article, no remote resources', async () => {
    const dest = await exportTo('html')
    const files = await listTree(dest)
    expect(files.filter((f) => f.startsWith('articles/') && f.endsWith('.html'))).toHaveLength(8)
    expect(files).toContain('index.html')
    for (const f of files.filter((name) => name.endsWith('.html'))) {
      const html = await readFile(join(dest, f), 'utf8')
      expect(html).toMatch(/^<!doctype html>/i)
      expect(html).toContain('<style')
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\/[^"]*\.(css|js)"/)
      expect(html).not.toMatch(/<script/i)
    }
    const index = await readFile(join(dest, 'index.html'), 'utf8')
    expect(index).toContain('href="articles/')
    const essay = await readFile(join(dest, 'articles/river-photo-essay.html'), 'utf8')
    expect(essay).toMatch(/src="\.\.\/assets\/[a-f0-9]{64}\.png"/)
  })
})

describe('media cards and figures in every format', () => {
  const AUDIO = 'https://media.riverton.example/podcast/cooper-street-bookbinder.mp3'
  const LIVE = 'https://live.riverton.example/debate-alcaldia/index.m3u8'
  const CAPTION = 'The Harbour Street bridge, whose deck and piers the $14.2m plan repairs.'

  it('HTML shows a card as a figure with its link (no iframe, no remote load) and a figure with its caption', async () => {
    const dest = await exportTo('html')
    const pages = await Promise.all(
      (await listTree(dest)).filter((f) => f.startsWith('articles/')).map((f) => readFile(join(dest, f), 'utf8')),
    )
    const podcast = pages.find((html) => html.includes(AUDIO)) ?? ''
    expect(podcast).toContain(
      `<figure class="nd-media nd-media-audio" data-media-kind="audio"><figcaption><span class="nd-media-kind">Audio</span> <a href="${AUDIO}" rel="noopener noreferrer nofollow">${AUDIO}</a></figcaption></figure>`,
    )
    expect(podcast).not.toMatch(/<(iframe|audio|video|source|embed|object)\b/)
    const bridge = await readFile(
      join(dest, 'articles/council-approves-14-2m-plan-to-repair-harbour-street-bridge.html'),
      'utf8',
    )
    expect(bridge).toMatch(
      /<figure class="nd-figure"><img src="\.\.\/assets\/[a-f0-9]{64}\.png" alt="Drawing of the Harbour Street bridge[^"]*">/,
    )
    expect(bridge).toContain(`<figcaption>${CAPTION}</figcaption>`)
  })

  it('RSS carries each body with its media links, and an enclosure for a media file', async () => {
    const xml = await readFile(join(await exportTo('rss'), 'feed.xml'), 'utf8')
    expect(xml).toContain(`<enclosure url="${AUDIO}" length="0" type="audio/mpeg"/>`)
    expect(xml).toContain(`<enclosure url="${LIVE}" length="0" type="application/vnd.apple.mpegurl"/>`)
    expect(xml).toContain('<content:encoded>')
    expect(xml).toContain(`&lt;figcaption&gt;${CAPTION}&lt;/figcaption&gt;`)
  })

  it('ninjs links each card as an audio or video association and each figure as a picture', async () => {
    const dest = await exportTo('ninjs')
    const docs = await Promise.all(
      (await readdir(join(dest, 'ninjs'))).map(async (n) => JSON.parse(await readFile(join(dest, 'ninjs', n), 'utf8'))),
    )
    const associations = docs.flatMap((d) => (d.associations ?? []) as Record<string, unknown>[])
    expect(associations).toContainEqual(
      expect.objectContaining({
        name: 'media-1',
        rel: 'embedded',
        uri: AUDIO,
        type: 'audio',
        renditions: [{ name: 'original', href: AUDIO, contentType: 'audio/mpeg' }],
      }),
    )
    expect(associations).toContainEqual(
      expect.objectContaining({
        uri: LIVE,
        type: 'video',
        genres: [{ name: 'Livestream', literal: 'livestream' }],
        renditions: [
          { name: 'stream', href: LIVE, contentType: 'application/vnd.apple.mpegurl', transportProtocol: 'HLS' },
        ],
      }),
    )
    expect(associations).toContainEqual(
      expect.objectContaining({
        name: 'image-1',
        type: 'picture',
        descriptions: [{ role: 'caption', contentType: 'text/plain', value: CAPTION }],
      }),
    )
  })
})
