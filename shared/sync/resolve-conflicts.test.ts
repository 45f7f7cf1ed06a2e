import { describe, expect, it } from 'vitest'
import { articleSchema, isConflicted, type Article, type FieldConflict } from '../article/schema'
import { choicesFor, conflictPart, resolveConflicts, type ConflictChoice } from './resolve-conflicts'
import { conflictedArticle, idParagraph } from './test-support/conflicted-article'

const AT = '2026-12-05T10:00:00.000Z'
const indexOf = (a: Article, field: string) => (a.conflicts ?? []).findIndex((c) => c.field === field)
const choose = (a: Article, field: string, choice: ConflictChoice['choice'], value?: ConflictChoice['value']) =>
  ({ index: indexOf(a, field), field, choice, ...(value === undefined ? {} : { value }) }) as ConflictChoice

describe('resolving merge conflicts', () => {
  const { merged } = conflictedArticle()

  it('the real merge leaves a headline and a body block conflicted, the rest merged', () => {
    expect(merged.conflicts?.map((c) => c.field).sort()).toEqual(['body.block:b2', 'headline'])
    expect(merged.status).toBe('review')
    expect(merged.tags).toEqual(['city', 'transport', 'politics'])
  })

  it('keep mine and keep theirs put the chosen values in and drop the records', () => {
    const out = resolveConflicts(merged, [
      choose(merged, 'headline', 'mine'),
      choose(merged, 'body.block:b2', 'theirs'),
    ])
    if (!out.ok) throw new Error(out.message)
    expect(isConflicted(out.article)).toBe(false)
    expect(out.article.conflicts).toBeUndefined()
    expect(out.article.headline).toBe('Council backs the river bridge')
    expect(out.article.body.content?.map((n) => n.content?.[0]?.text)).toEqual([
      'The council voted on Tuesday.',
      'Work will not start before the autumn.',
      'The mayor welcomed the vote.',
    ])
    expect(articleSchema.safeParse(out.article).success).toBe(true)
  })

  it('keep both joins text, keeps both blocks with unique ids; edit takes the typed value', () => {
    const out = resolveConflicts(merged, [choose(merged, 'headline', 'both'), choose(merged, 'body.block:b2', 'both')])
    if (!out.ok) throw new Error(out.message)
    expect(out.article.headline).toBe('Council backs the river bridge Council rejects the river bridge')
    const ids = out.article.body.content?.map((n) => n.attrs?.id)
    expect(ids).toEqual(['b1', 'b2', 'b2-2', 'b3'])
    const edited = resolveConflicts(merged, [choose(merged, 'headline', 'edit', 'Council delays the bridge')])
    if (!edited.ok) throw new Error(edited.message)
    expect(edited.article.headline).toBe('Council delays the bridge')
    expect(edited.article.conflicts?.map((c) => c.field)).toEqual(['body.block:b2'])
  })

  it('tags: both is the union in order, edit a typed list', () => {
    const record: FieldConflict = { field: 'tags', base: ['a'], ours: ['a', 'b'], theirs: ['c'], at: AT }
    const a: Article = { ...merged, tags: ['a', 'b'], conflicts: [record] }
    expect(conflictPart(record)).toEqual({ kind: 'tags' })
    const both = resolveConflicts(a, [{ index: 0, field: 'tags', choice: 'both' }])
    expect(both.ok && both.article.tags).toEqual(['a', 'b', 'c'])
    const edit = resolveConflicts(a, [{ index: 0, field: 'tags', choice: 'edit', value: ['x'] }])
    expect(edit.ok && edit.article.tags).toEqual(['x'])
  })

  it('a run of blocks is replaced where it stands; the order takes the chosen side', () => {
    const runRecord: FieldConflict = {
      field: 'body',
      base: [idParagraph('x', 'old')],
      ours: [idParagraph('x', 'mine')],
      theirs: [idParagraph('y', 'theirs')],
      at: AT,
    }
    const a: Article = {
      ...merged,
      body: { type: 'doc', content: [idParagraph('p', 'before'), idParagraph('x', 'mine'), idParagraph('q', 'after')] },
      conflicts: [runRecord, { field: 'body.order', base: ['p', 'q'], ours: ['p', 'q'], theirs: ['q', 'p'], at: AT }],
    }
    const out = resolveConflicts(a, [
      { index: 0, field: 'body', choice: 'theirs' },
      { index: 1, field: 'body.order', choice: 'theirs' },
    ])
    if (!out.ok) throw new Error(out.message)
    expect(out.article.body.content?.map((n) => n.content?.[0]?.text)).toEqual(['after', 'theirs', 'before'])
  })

  it('edit on a body block puts the edited blocks in its place: marks kept, its id on the first, emptied removes it', () => {
    const linked = {
      type: 'paragraph',
      attrs: { id: 'someone-else' },
      content: [
        { type: 'text', text: 'Work starts in ' },
        { type: 'text', text: 'spring', marks: [{ type: 'link', attrs: { href: 'https://example.org/plan' } }] },
        { type: 'text', text: '.' },
      ],
    }
    const split = { type: 'paragraph', content: [{ type: 'text', text: 'Funding is agreed.' }] }
    const out = resolveConflicts(merged, [
      choose(merged, 'headline', 'mine'),
      choose(merged, 'body.block:b2', 'edit', { type: 'doc', content: [linked, split] }),
    ])
    if (!out.ok) throw new Error(out.message)
    const body = out.article.body.content ?? []
    expect(body.map((n) => n.attrs?.id ?? null)).toEqual(['b1', 'b2', null, 'b3'])
    expect(body[1]?.content?.[1]?.marks).toEqual([{ type: 'link', attrs: { href: 'https://example.org/plan' } }])
    expect(body[2]?.content?.[0]?.text).toBe('Funding is agreed.')
    expect(out.article.conflicts).toBeUndefined()
    expect(articleSchema.safeParse(out.article).success).toBe(true)

    const emptied = resolveConflicts(merged, [
      choose(merged, 'body.block:b2', 'edit', { type: 'doc', content: [{ type: 'paragraph' }] }),
    ])
    if (!emptied.ok) throw new Error(emptied.message)
    expect(emptied.article.body.content?.map((n) => n.attrs?.id)).toEqual(['b1', 'b3'])
    expect(emptied.article.conflicts?.map((c) => c.field)).toEqual(['headline'])
  })

  it('offers only meaningful choices and refuses the rest, a stale index and a value the schema refuses', () => {
    expect(choicesFor({ field: 'status', base: 'draft', ours: 'review', theirs: 'ready', at: AT })).toEqual([
      'mine',
      'theirs',
    ])
    expect(
      choicesFor({ field: 'body.block:z', base: null, ours: null, theirs: idParagraph('z', 'x'), at: AT }),
    ).toEqual(['mine', 'theirs', 'edit'])
    // A figure has no text to edit: one side is kept.
    const figure = { type: 'image', attrs: { id: 'f', src: 'a.png', alt: 'x' } }
    expect(choicesFor({ field: 'body.block:f', base: null, ours: figure, theirs: null, at: AT })).toEqual([
      'mine',
      'theirs',
    ])
    const wrong = resolveConflicts(merged, [{ index: 0, field: 'standfirst', choice: 'mine' }])
    expect(wrong.ok ? '' : wrong.message).toMatch(/not in the article any more/)
    const status: Article = {
      ...merged,
      conflicts: [{ field: 'status', base: 'draft', ours: 'review', theirs: 'ready', at: AT }],
    }
    const notOffered = resolveConflicts(status, [choose(status, 'status', 'edit', 'x')])
    expect(notOffered.ok ? '' : notOffered.message).toMatch(/not a choice/)
    const notADoc = resolveConflicts(merged, [choose(merged, 'body.block:b2', 'edit', 'x')])
    expect(notADoc.ok ? '' : notADoc.message).toMatch(/edited block must be sent as a document of blocks/)
    const tooLong = resolveConflicts(merged, [choose(merged, 'headline', 'edit', 'x'.repeat(1001))])
    expect(tooLong.ok ? '' : tooLong.message).toMatch(/headline/)
  })

  it('choosing the side that deleted the article says so', () => {
    const a: Article = {
      ...merged,
      conflicts: [{ field: 'deleted', base: merged, ours: merged, theirs: null, at: AT }],
    }
    const out = resolveConflicts(a, [{ index: 0, field: 'deleted', choice: 'theirs' }])
    expect(out.ok && out.deleted).toBe(true)
    const kept = resolveConflicts(a, [{ index: 0, field: 'deleted', choice: 'mine' }])
    expect(kept.ok && !kept.deleted && kept.article.conflicts === undefined).toBe(true)
  })
})
