import { describe, expect, it } from 'vitest'
import { articleSchema, fieldConflictSchema, isConflicted, type Article, type TiptapNode } from '../article/schema'
import { defaultPublication } from '../publication/publication'
import { diff3 } from './diff3'
import { mergeArticle, mergeConflictLists } from './merge-article'
import { mergeBody } from './merge-body'
import { mergePublication, publicationFileSchema } from './merge-publication'
import { mergeSet, mergeText } from './merge-value'

const DEFAULT_PUBLICATION = defaultPublication('Riverton Daily', 'UTC')

const AT = '2026-12-05T10:00:00.000Z'
const p = (id: string | null, text: string): TiptapNode => ({
  type: 'paragraph',
  ...(id ? { attrs: { id } } : {}),
  content: [{ type: 'text', text }],
})

function article(over: Partial<Article> = {}): Article {
  return articleSchema.parse({
    schemaVersion: 1,
    id: '0b7c3f3e-2f4d-4a51-9a53-3b1d8d8b9c01',
    slug: 'bridge',
    headline: 'Council approves the bridge',
    standfirst: 'A close vote.',
    body: { type: 'doc', content: [p('a', 'One two three.'), p('b', 'Four five six.')] },
    kind: 'article',
    tags: ['city', 'politics'],
    byline: 'Ana',
    dateline: 'RIVERTON',
    language: 'en',
    status: 'draft',
    publishAt: null,
    embargoUntil: null,
    editorsNote: '',
    featuredImage: null,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    revision: 1,
    ...over,
  })
}

describe('diff3', () => {
  const k = (s: string) => s
  it('takes the side that changed a stretch, and both sides when they changed different stretches', () => {
    expect(diff3(['a', 'b', 'c'], ['A', 'b', 'c'], ['a', 'b', 'C'], k)).toEqual([
      { kind: 'ok', items: ['A', 'b', 'C'] },
    ])
  })
  it('returns a conflict chunk when both changed the same stretch differently', () => {
    expect(diff3(['a', 'b'], ['x', 'b'], ['y', 'b'], k)).toEqual([
      { kind: 'conflict', base: ['a'], ours: ['x'], theirs: ['y'] },
      { kind: 'ok', items: ['b'] },
    ])
  })
  it('settles a change made alike on both sides, and insertions at both ends', () => {
    expect(diff3(['a'], ['z', 'a'], ['z', 'a'], k)).toEqual([{ kind: 'ok', items: ['z', 'a'] }])
    expect(diff3(['a'], ['s', 'a'], ['a', 'e'], k)).toEqual([{ kind: 'ok', items: ['s', 'a', 'e'] }])
  })
})

describe('value merges', () => {
  it('merges text word by word and refuses the same word changed twice', () => {
    expect(mergeText('the red car', 'the blue car', 'the red bus')).toEqual({ ok: true, value: 'the blue bus' })
    expect(mergeText('the red car', 'the blue car', 'the green car').ok).toBe(false)
    expect(mergeText(undefined, 'a', 'b').ok).toBe(false)
  })
  it('merges sets in order: removals win over keeping, additions are added once', () => {
    expect(mergeSet(['a', 'b', 'c'], ['a', 'c', 'd'], ['b', 'c', 'e', 'd'])).toEqual(['c', 'd', 'e'])
    expect(mergeSet(undefined, ['a'], ['b', 'a'])).toEqual(['a', 'b'])
  })
})

describe('mergeArticle', () => {
  const base = article()
  it('takes each side’s changed field and moves revision and updatedAt forward', () => {
    const ours = article({ headline: 'New', revision: 2, updatedAt: '2026-12-02T09:00:00.000Z' })
    const theirs = article({ status: 'review', revision: 3, updatedAt: '2026-12-03T09:00:00.000Z' })
    const { value, found } = mergeArticle(base, ours, theirs, AT)
    expect(found).toEqual([])
    expect([value.headline, value.status, value.revision, value.updatedAt]).toEqual([
      'New',
      'review',
      4,
      '2026-12-03T09:00:00.000Z',
    ])
    expect(isConflicted(value)).toBe(false)
  })
  it('records an unsettled field with the three values, keeps ours, and stays valid', () => {
    const { value, found } = mergeArticle(base, article({ kind: 'video' }), article({ kind: 'audio' }), AT)
    expect(found).toEqual([{ field: 'kind', base: 'article', ours: 'video', theirs: 'audio', at: AT }])
    expect(value.kind).toBe('video')
    expect(value.conflicts).toEqual(found)
    expect(articleSchema.safeParse(value).success).toBe(true)
  })
  it('is the same file when nothing differs, and returns the other side when only it changed', () => {
    expect(mergeArticle(base, base, base, AT).value).toBe(base)
    const theirs = article({ headline: 'Theirs', revision: 2 })
    expect(mergeArticle(base, base, theirs, AT).value).toBe(theirs)
  })
  it('keeps fields it does not know, from either side', () => {
    const theirs = { ...article(), extra: 1 } as Article
    const { value } = mergeArticle(base, article({ headline: 'x' }), theirs, AT)
    expect((value as Record<string, unknown>).extra).toBe(1)
    expect(value.headline).toBe('x')
  })
  it('falls back to recording a field whole when a word merge would break a limit', () => {
    const long = 'w '.repeat(490)
    const b = article({ headline: `start ${long}end` })
    const o = article({ headline: `START ${long}${'x'.repeat(10)} end` })
    const t = article({ headline: `start ${long}end ${'y'.repeat(5)}` })
    const { value, found } = mergeArticle(b, o, t, AT)
    expect(articleSchema.safeParse(value).success).toBe(true)
    expect(found.map((f) => f.field)).toContain('headline')
  })
  it('a conflict resolved on one side stays resolved; records from both sides are kept', () => {
    const record = { field: 'kind', base: 'a', ours: 'b', theirs: 'c', at: AT }
    const other = { field: 'status', base: 'a', ours: 'b', theirs: 'c', at: AT }
    expect(mergeConflictLists([record], [], [record], [])).toEqual([])
    expect(mergeConflictLists([], [record], [other], [])).toEqual([record, other])
  })
  it('stamps who wrote each side on the records it finds; records with or without authors are valid', () => {
    const sides = { oursBy: 'Ben Ortiz <ben@example.org>', theirsBy: 'Ana Ruiz <ana@example.org>' }
    const { value, found } = mergeArticle(base, article({ kind: 'video' }), article({ kind: 'audio' }), AT, sides)
    expect(found).toEqual([{ field: 'kind', base: 'article', ours: 'video', theirs: 'audio', at: AT, ...sides }])
    expect(articleSchema.safeParse(value).success).toBe(true)
    // A side git could not name is left out, never written empty.
    const half = mergeArticle(base, article({ kind: 'video' }), article({ kind: 'audio' }), AT, {
      theirsBy: 'ana@x.org',
    })
    expect(half.found[0]).not.toHaveProperty('oursBy')
    expect(half.found[0]?.theirsBy).toBe('ana@x.org')
    const old = { field: 'kind', base: 'a', ours: 'b', theirs: 'c', at: AT }
    expect(fieldConflictSchema.safeParse(old).success).toBe(true)
    expect(fieldConflictSchema.safeParse({ ...old, ...sides }).success).toBe(true)
    expect(fieldConflictSchema.safeParse({ ...old, oursBy: '' }).success).toBe(false)
    expect(fieldConflictSchema.safeParse({ ...old, oursBy: 7 }).success).toBe(false)
    // The same conflict found by two merges (at other times, with authors or not) is one record.
    expect(mergeConflictLists([], [old], [{ ...old, ...sides, at: '2026-12-06T10:00:00.000Z' }], [])).toEqual([old])
  })
})

describe('mergeBody', () => {
  const doc = (...content: TiptapNode[]) => ({ type: 'doc' as const, content })
  it('merges by id: a moved block keeps the other side’s edit', () => {
    const b = doc(p('a', 'A'), p('b', 'B'), p('c', 'C'))
    const o = doc(p('b', 'B'), p('c', 'C'), p('a', 'A'))
    const t = doc(p('a', 'A!'), p('b', 'B'), p('c', 'C'))
    const merged = mergeBody(b, o, t)
    expect(merged.conflicts).toEqual([])
    expect(merged.doc.content).toEqual([p('b', 'B'), p('c', 'C'), p('a', 'A!')])
  })
  it('merges text inside a block word by word, keeping marks', () => {
    const bold = { type: 'bold' }
    const withMark = (w: string): TiptapNode => ({
      type: 'paragraph',
      attrs: { id: 'a' },
      content: [
        { type: 'text', text: `${w} ` },
        { type: 'text', text: 'strong', marks: [bold] },
      ],
    })
    const merged = mergeBody(doc(withMark('one two')), doc(withMark('ONE two')), doc(withMark('one TWO')))
    expect(merged.conflicts).toEqual([])
    expect(merged.doc.content).toEqual([withMark('ONE TWO')])
  })
  it('without ids, merges by content and records an unsettled hunk with the three versions', () => {
    const merged = mergeBody(doc(p(null, 'x y')), doc(p(null, 'x Y1')), doc(p(null, 'x Y2')))
    expect(merged.conflicts).toEqual([
      { field: 'body', base: [p(null, 'x y')], ours: [p(null, 'x Y1')], theirs: [p(null, 'x Y2')] },
    ])
    expect(merged.doc.content).toEqual([p(null, 'x Y1')])
  })
  it('merges nested blocks (a list item’s paragraph) word by word', () => {
    const list = (text: string): TiptapNode => ({
      type: 'bulletList',
      attrs: { id: 'l' },
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }],
    })
    const merged = mergeBody(doc(list('a b c')), doc(list('A b c')), doc(list('a b C')))
    expect(merged.conflicts).toEqual([])
    expect(merged.doc.content).toEqual([list('A b C')])
  })
})

describe('mergePublication', () => {
  it('merges per setting and records what both changed in the still-valid file', () => {
    const b = { ...DEFAULT_PUBLICATION }
    const { value, found } = mergePublication(
      b,
      { ...b, itemsPerPage: 20, name: 'Riverton Evening Post' },
      { ...b, itemsPerPage: 30, heading: 'Top' },
      AT,
    )
    expect(found.map((f) => f.field)).toEqual(['itemsPerPage'])
    expect(
      mergePublication(b, { ...b, itemsPerPage: 20 }, { ...b, itemsPerPage: 30 }, AT, { oursBy: 'Ben' }).found,
    ).toEqual([{ field: 'itemsPerPage', base: b.itemsPerPage, ours: 20, theirs: 30, at: AT, oursBy: 'Ben' }])
    expect([value.name, value.heading, value.itemsPerPage]).toEqual(['Riverton Evening Post', 'Top', 20])
    expect(publicationFileSchema.safeParse(value).success).toBe(true)
  })
})
