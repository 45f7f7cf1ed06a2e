import { describe, expect, it } from 'vitest'
import { articleSchema, safeParseArticle, schemaShapedDoc } from './schema'
import { articleFixture } from './test-support/article-fixture'

const base = articleFixture({
  id: '0b7f3c1e-8a4d-4c39-9f5e-2d6a1b0c9e77',
  headline: 'Mayor opens bridge',
  standfirst: 'A short standfirst.',
  tags: ['city'],
  byline: 'Ana Ruiz',
  dateline: 'Lisbon',
  revision: 3,
})

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
  'undefined in attrs (not JSON; a codec could make it)':
    '{"type":"doc","content":[{"type":"p","attrs":{"a":"@UNDEFINED@"}}]}',
  'undefined in an unknown node key': '{"type":"doc","content":[{"type":"p","x":"@UNDEFINED@"}]}',
  'deep nesting': `{"type":"doc","content":[${'{"type":"b","content":['.repeat(300)}${']}'.repeat(300)}]}`,
}

/** JSON.parse, with each "@UNDEFINED@" string made undefined (plain data JSON cannot hold; the key stays). */
function parse(text: string): Record<string, unknown> {
  const undefine = (v: unknown): unknown => {
    if (v === '@UNDEFINED@') return undefined
    if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) (v as Record<string, unknown>)[k] = undefine(x)
    return v
  }
  return undefine(JSON.parse(text)) as Record<string, unknown>
}

describe('safeParseArticle', () => {
  for (const [name, body] of Object.entries(bodies)) {
    it(`gives zod's result, key order and issues included: ${name}`, () => {
      const text = JSON.stringify({ ...base, body: '@BODY@' }).replace('"@BODY@"', body)
      const expected = articleSchema.safeParse(parse(text))
      const actual = safeParseArticle(parse(text))
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected))
      expect(actual.success).toBe(expected.success)
      if (actual.success && expected.success) expect(actual.data).toEqual(expected.data)
      // A scan that drops the body gets zod's verdict and issues, and the same head.
      const scanned = safeParseArticle(parse(text), { bodyUnused: true })
      expect(scanned.success).toBe(expected.success)
      if (!scanned.success && !expected.success) expect(scanned.error.issues).toEqual(expected.error.issues)
      if (scanned.success && expected.success) {
        expect(JSON.stringify({ ...scanned.data, body: null })).toBe(JSON.stringify({ ...expected.data, body: null }))
        // As in the file when the hand check vouched for it; zod's copy when zod had the last word.
        const asIs = schemaShapedDoc(parse(text).body) !== null
        expect(scanned.data.body).toEqual(asIs ? parse(text).body : expected.data.body)
      }
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
