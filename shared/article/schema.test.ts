import { describe, expect, it } from 'vitest'
import { articleSchema, safeParseArticle, schemaShapedDoc } from './schema'

const base = {
  schemaVersion: 1,
  id: '0b7f3c1e-8a4d-4c39-9f5e-2d6a1b0c9e77',
  slug: 'mayor-opens-bridge',
  headline: 'Mayor opens bridge',
  standfirst: 'A short standfirst.',
  kind: 'article',
  tags: ['city'],
  byline: 'Ana Ruiz',
  dateline: 'Lisbon',
  language: 'en',
  status: 'draft',
  publishAt: null,
  embargoUntil: null,
  editorsNote: '',
  featuredImage: null,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-02T10:00:00.000Z',
  revision: 3,
}

const bodies: Record<string, string> = {
  'TipTap key order (text before marks), mark attrs, extra node keys':
    '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"a","marks":[{"type":"link","attrs":{"href":"https://x.org","target":null}}]}],"x-extra":1}]}',
  'schema key order and node attrs': '{"type":"doc","content":[{"type":"heading","attrs":{"level":2},"content":[]}]}',
  'no content': '{"type":"doc"}',
  'extra doc keys before known ones': '{"x":1,"content":[{"type":"paragraph"}],"type":"doc"}',
  'extra mark keys (zod drops them)':
    '{"type":"doc","content":[{"type":"text","text":"a","marks":[{"x":1,"type":"bold"}]}]}',
  '__proto__ in attrs': '{"type":"doc","content":[{"type":"p","attrs":{"__proto__":{"polluted":true}}}]}',
  '__proto__ on a node': '{"type":"doc","content":[{"type":"p","__proto__":{"type":"x"}}]}',
  'null attrs': '{"type":"doc","content":[{"type":"p","attrs":null}]}',
  'array attrs': '{"type":"doc","content":[{"type":"p","attrs":[]}]}',
  'empty node type': '{"type":"doc","content":[{"type":""}]}',
  'numeric text': '{"type":"doc","content":[{"type":"text","text":5}]}',
  'marks not a list': '{"type":"doc","content":[{"type":"text","text":"a","marks":{"type":"bold"}}]}',
  'mark without type': '{"type":"doc","content":[{"type":"text","text":"a","marks":[{}]}]}',
  'node not an object': '{"type":"doc","content":["p"]}',
  'content not a list': '{"type":"doc","content":{"type":"p"}}',
  'not a doc': '{"type":"paragraph","content":[]}',
  'deep nesting': `{"type":"doc","content":[${'{"type":"b","content":['.repeat(300)}${']}'.repeat(300)}]}`,
}

describe('safeParseArticle', () => {
  for (const [name, body] of Object.entries(bodies)) {
    it(`gives zod's result, key order and issues included: ${name}`, () => {
      const text = JSON.stringify({ ...base, body: '@BODY@' }).replace('"@BODY@"', body)
      const expected = articleSchema.safeParse(JSON.parse(text))
      const actual = safeParseArticle(JSON.parse(text))
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected))
      expect(actual.success).toBe(expected.success)
      if (actual.success && expected.success) expect(actual.data).toEqual(expected.data)
    })
  }

  it("gives zod's issues when a field other than the body is wrong, and keeps unknown top-level keys", () => {
    for (const change of [{ slug: 'Not A Slug' }, { revision: 0, tags: [''] }, { extra: { kept: true } }]) {
      const value = { ...base, body: JSON.parse(bodies['schema key order and node attrs'] as string), ...change }
      expect(JSON.stringify(safeParseArticle(JSON.parse(JSON.stringify(value))))).toBe(
        JSON.stringify(articleSchema.safeParse(JSON.parse(JSON.stringify(value)))),
      )
    }
  })
})

describe('schemaShapedDoc', () => {
  it('returns a copy, never the input, so callers cannot change the parsed file through it', () => {
    const input = JSON.parse(bodies['schema key order and node attrs'] as string)
    const copy = schemaShapedDoc(input)
    expect(copy).toEqual(input)
    expect(copy).not.toBe(input)
    expect(copy?.content?.[0]).not.toBe(input.content[0])
  })

  it('leaves to zod what it cannot vouch for', () => {
    for (const name of ['__proto__ in attrs', 'null attrs', 'deep nesting', 'not a doc']) {
      expect(schemaShapedDoc(JSON.parse(bodies[name] as string))).toBeNull()
    }
  })
})
