import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { checkReadiness } from '../article/readiness'
import { defaultPublication } from '../publication/publication'
import { ARTICLE_SCHEMA_VERSION, type Article } from '../article/schema'
import { findHostileJson, stableStringify } from './deterministic-json'
import { entryPathProblem, fileNameProblem, resolveInside } from './file-names'
import { articleFrontMatter, composeMarkdownFile, mapFrontMatter, splitFrontMatter, toIsoDate } from './front-matter'
import { plainText, wordCount } from '../editor'
import { createMarkdownCodec } from './markdown-codec'
import { articleToNinjs, ninjsTypeOf } from './ninjs'
import { escapeXml, rfc822 } from './rss'

const article = (over: Partial<Article> = {}): Article => ({
  schemaVersion: ARTICLE_SCHEMA_VERSION,
  id: '66666666-6666-4666-8666-666666666666',
  slug: 'council-vote',
  headline: 'Council votes on the budget',
  standfirst: 'A close vote.',
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'It passed 5–4.' }] }] },
  kind: 'article',
  tags: ['politics'],
  byline: 'Lu Chen',
  dateline: 'RIVERTON',
  language: 'en',
  status: 'ready',
  publishAt: '2026-11-20T10:00:00.000Z',
  embargoUntil: null,
  editorsNote: '',
  featuredImage: null,
  createdAt: '2026-11-19T10:00:00.000Z',
  updatedAt: '2026-11-19T11:00:00.000Z',
  revision: 2,
  ...over,
})

describe('deterministic JSON', () => {
  it('sorts keys at every level and ends with a newline', () => {
    expect(stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    )
  })
  it('finds __proto__ keys and deep nesting', () => {
    expect(findHostileJson(JSON.parse('{"a":{"__proto__":{"x":1}}}'))).toContain('"__proto__" at a')
    expect(findHostileJson(JSON.parse(`${'['.repeat(70)}${']'.repeat(70)}`))).toContain('nested deeper than 64')
    expect(findHostileJson({ a: [1, { b: 'c' }] })).toBeNull()
  })
})

describe('file names and entry paths', () => {
  it('refuses Windows-reserved, over-long and forbidden names', () => {
    expect(fileNameProblem('con.md')).toContain('reserved')
    expect(fileNameProblem('LPT1')).toContain('reserved')
    expect(fileNameProblem('a'.repeat(201))).toContain('longer than')
    expect(fileNameProblem('what?.md')).toContain('forbids')
    expect(fileNameProblem('trailing.')).toContain('ends with')
    expect(fileNameProblem('council-vote.md')).toBeNull()
  })
  it('refuses zip-slip entry paths and resolves relative links inside the root only', () => {
    expect(entryPathProblem('a/../../x')).toContain('..')
    expect(entryPathProblem('/abs')).toContain('absolute')
    expect(entryPathProblem('c:/x')).toContain('drive letter')
    expect(entryPathProblem('a\\b')).toContain('backslash')
    expect(entryPathProblem('articles/x.md')).toBeNull()
    expect(resolveInside('articles', '../assets/a.png')).toBe('assets/a.png')
    expect(resolveInside('articles', '../../etc/passwd')).toBeNull()
    expect(resolveInside('', 'https://x/y.png')).toBeNull()
  })
})

describe('front matter', () => {
  it('parses dates as Hugo, Jekyll and Decap write them', () => {
    expect(toIsoDate('2016-10-06 11:10:38 -0700')).toBe('2016-10-06T18:10:38.000Z')
    expect(toIsoDate('2019-03-11')).toBe('2019-03-11T00:00:00.000Z')
    expect(toIsoDate('2026-11-20T10:00:00+01:00')).toBe('2026-11-20T09:00:00.000Z')
    expect(toIsoDate('yesterday')).toBeNull()
  })
  it('splits YAML and TOML front matter with body line numbers, and reports errors by line', () => {
    const yaml = splitFrontMatter('---\ntitle: Hi\n---\nBody\n')
    expect(yaml).toMatchObject({ ok: true, format: 'yaml', data: { title: 'Hi' }, bodyLine: 4 })
    const toml = splitFrontMatter('+++\ntitle = "Hi"\ntags = ["a"]\n+++\nBody\n')
    expect(toml).toMatchObject({ ok: true, format: 'toml', data: { title: 'Hi', tags: ['a'] } })
    expect(splitFrontMatter('---\ntitle: Hi\n')).toMatchObject({ ok: false, line: 1 })
    const bad = splitFrontMatter('+++\ntitle = "Hi"\ntags = [\n+++\n')
    expect(bad.ok).toBe(false)
    expect(splitFrontMatter('---\n__proto__: {a: 1}\n---\n')).toMatchObject({ ok: false })
  })
  it('maps Decap-style front matter and keeps unknown keys', () => {
    const mapped = mapFrontMatter(
      { title: 'T', excerpt: 'E', draft: true, authors: ['A', 'B'], thumbnail: '/img/x.png', categories: 'news local' },
      { fileStem: 'my-post', now: '2026-01-01T00:00:00.000Z' },
    )
    expect(mapped).toMatchObject({
      ok: true,
      fields: {
        headline: 'T',
        standfirst: 'E',
        status: 'draft',
        byline: 'A, B',
        slug: 'my-post',
        tags: ['news', 'local'],
        extraFrontMatter: { thumbnail: '/img/x.png' },
      },
    })
  })
  it('writes front matter that reads back to the same values', () => {
    const a = article({ extraFrontMatter: { weight: 2 } })
    const file = composeMarkdownFile(
      articleFrontMatter(a, (n) => `../assets/${n}`),
      'Body\n',
    )
    const data = parseYaml(file.split('---\n')[1] as string)
    expect(data).toMatchObject({
      title: a.headline,
      slug: a.slug,
      date: a.publishAt,
      draft: true,
      weight: 2,
      revision: 2,
    })
  })
})

describe('Markdown codec', () => {
  const codec = createMarkdownCodec()
  it('keeps "Dr." paragraphs and bare URLs as text (stable round trip)', () => {
    const md = 'Dr. Helen said so.\n\nSee https://example.com now.\n\n1. one\n2. two\n'
    const doc = codec.toDoc(md)
    expect(doc.content?.[0]?.type).toBe('paragraph')
    expect(doc.content?.[2]?.type).toBe('orderedList')
    expect(codec.toMarkdown(codec.toDoc(codec.toMarkdown(doc)))).toBe(codec.toMarkdown(doc))
    expect(codec.toMarkdown(doc)).toContain('See https://example.com now.')
  })
  it('keeps GFM tables as one paragraph per row (no table node in the body schema) and counts them', () => {
    const md = 'Intro\n\n| Name | **Votes** |\n| --- | ---: |\n| Ana | 12 |\n| Bo | 3 |\n\nAfter\n'
    const parsed = codec.parse(md)
    expect(parsed.flattenedTables).toBe(1)
    expect(plainText(parsed.doc)).toBe('Intro\n\nName | Votes\n\nAna | 12\n\nBo | 3\n\nAfter')
    // Marks inside cells survive; adjacent plain text is one node, as the editor would hold it.
    expect(parsed.doc.content?.[1]?.content).toEqual([
      { type: 'text', text: 'Name | ' },
      { type: 'text', text: 'Votes', marks: [{ type: 'bold' }] },
    ])
    expect(parsed.doc.content?.[2]?.content).toEqual([{ type: 'text', text: 'Ana | 12' }])
    // Round trip: the paragraphs export and re-import unchanged, and are no longer a table.
    const exported = codec.toMarkdown(parsed.doc)
    const again = codec.parse(exported)
    expect(again.flattenedTables).toBe(0)
    expect(again.doc).toEqual(parsed.doc)
    expect(codec.toMarkdown(again.doc)).toBe(exported)
    expect(codec.parse('No table here.\n').flattenedTables).toBe(0)
  })
  it('counts words and extracts text', () => {
    expect(wordCount('It passed 5–4, said O’Neil.')).toBe(6)
    expect(plainText(article().body)).toBe('It passed 5–4.')
  })
})

describe('ninjs and RSS mapping', () => {
  it('maps kinds and withholds unpublished items', () => {
    expect(ninjsTypeOf('livestream')).toBe('video')
    expect(articleToNinjs(article(), { html: '<p>x</p>', text: 'x' }, (n) => n)).toMatchObject({
      pubStatus: 'withheld',
      version: '2',
      headlines: [{ role: 'main', value: 'Council votes on the budget' }],
    })
    expect(articleToNinjs(article({ status: 'published' }), { html: '', text: '' }, (n) => n).pubStatus).toBe('usable')
  })
  it('formats RFC 822 dates and escapes XML', () => {
    expect(rfc822('2026-11-20T10:00:00.000Z')).toBe('Fri, 20 Nov 2026 10:00:00 +0000')
    expect(rfc822('2026-11-20T10:00:00.000Z', 'Europe/Madrid')).toBe('Fri, 20 Nov 2026 11:00:00 +0100')
    expect(escapeXml('a<b & "c"\u0001')).toBe('a&lt;b &amp; &quot;c&quot;')
  })
})

describe('readiness rules', () => {
  const now = new Date('2026-11-24T00:00:00Z')
  const policy = defaultPublication('Test Daily')
  it('passes a complete article and flags each rule once', () => {
    expect(checkReadiness([article()], now, policy)).toEqual([])
    const issues = checkReadiness(
      [
        article({ headline: 'x'.repeat(200), byline: '' }),
        article({
          id: '77777777-7777-4777-8777-777777777777',
          embargoUntil: '2026-12-01T00:00:00.000Z',
          featuredImage: { asset: `${'a'.repeat(64)}.png`, alt: '', caption: '' },
        }),
      ],
      now,
      policy,
    )
    expect(issues.map((i) => i.rule).sort()).toEqual(
      [
        'duplicate-slug',
        'duplicate-slug',
        'embargo-after-publish',
        'image-alt-text',
        'length-budget',
        'ready-but-embargoed',
        'required-fields',
      ].sort(),
    )
  })
  it('does not require fields of drafts', () => {
    expect(checkReadiness([article({ status: 'draft', byline: '', standfirst: '' })], now, policy)).toEqual([])
  })
})
