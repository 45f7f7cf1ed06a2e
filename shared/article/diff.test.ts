import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bodyBlocks, changedFields, diffBlocks, diffText } from './diff'
import { articleFixture } from './test-support/article-fixture'

const apply = (parts: ReturnType<typeof diffText>, side: 'from' | 'to') =>
  parts
    .filter((p) => p.op === 'equal' || p.op === (side === 'from' ? 'delete' : 'insert'))
    .map((p) => p.text)
    .join('')

describe('diffText', () => {
  it('marks inserted and deleted words', () => {
    expect(diffText('the mayor opened the bridge', 'the new mayor opened a bridge')).toEqual([
      { op: 'equal', text: 'the ' },
      { op: 'insert', text: 'new ' },
      { op: 'equal', text: 'mayor opened ' },
      { op: 'delete', text: 'the' },
      { op: 'insert', text: 'a' },
      { op: 'equal', text: ' bridge' },
    ])
  })

  it('keeps each changed word with its space, so replaced words never run together', () => {
    const parts = diffText('First hard frost of tonight:', 'Hard frost tonight:')
    expect(parts).toEqual([
      { op: 'delete', text: 'First hard' },
      { op: 'insert', text: 'Hard' },
      { op: 'equal', text: ' frost' },
      { op: 'delete', text: ' of' },
      { op: 'equal', text: ' tonight:' },
    ])
  })

  it('always rebuilds both sides exactly', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const parts = diffText(a, b)
        return apply(parts, 'from') === a && apply(parts, 'to') === b
      }),
    )
  })
})

describe('diffBlocks', () => {
  it('aligns whole blocks: kept, changed word by word, removed and added', () => {
    const older = ['Frost tonight.', 'Roads are icy on the coast.', 'Schools open as usual.']
    const newer = [
      'Frost tonight.',
      'Roads are very icy inland.',
      'Buses run late.',
      'Schools open as usual.',
      'More at six.',
    ]
    const rows = diffBlocks(older, newer)
    expect(rows.map((r) => r.op)).toEqual(['equal', 'changed', 'insert', 'equal', 'insert'])
    expect(rows[1]).toMatchObject({ from: 'Roads are icy on the coast.', to: 'Roads are very icy inland.' })
    expect(rows[1]!.parts[0]).toEqual({ op: 'equal', text: 'Roads are ' })
    expect(rows[1]!.parts.filter((p) => p.op === 'insert').map((p) => p.text)).toEqual(['very icy inland'])
    expect(rows[2]).toEqual({
      op: 'insert',
      from: null,
      to: 'Buses run late.',
      parts: [{ op: 'insert', text: 'Buses run late.' }],
    })
    expect(diffBlocks(['Gone.'], [])).toEqual([
      { op: 'delete', from: 'Gone.', to: null, parts: [{ op: 'delete', text: 'Gone.' }] },
    ])
  })

  it('rebuilds both sides from the rows, whatever the blocks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a b', 'c', 'd e f', 'g'), { maxLength: 8 }),
        fc.array(fc.constantFrom('a b', 'c', 'd e', 'h'), { maxLength: 8 }),
        (a, b) => {
          const rows = diffBlocks(a, b)
          expect(rows.flatMap((r) => (r.from === null ? [] : [r.from]))).toEqual(a)
          expect(rows.flatMap((r) => (r.to === null ? [] : [r.to]))).toEqual(b)
        },
      ),
    )
  })

  it("takes a body's top-level blocks as plain text, leaving out empty ones", () => {
    const doc = {
      type: 'doc' as const,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Roads' }] },
        { type: 'paragraph' },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Icy ' },
            { type: 'text', text: 'inland.', marks: [{ type: 'bold' }] },
          ],
        },
      ],
    }
    expect(bodyBlocks(doc)).toEqual(['Roads', 'Icy inland.'])
  })
})

describe('changedFields', () => {
  it("names the stored fields that differ in the editor's order, the body last; bookkeeping is not a field", () => {
    const older = articleFixture({ id: '7c392812-0b37-4ba7-a2ad-974d78d6413c', headline: 'Bridge', tags: ['city'] })
    const doc = { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'New' }] }] }
    const resaved = { ...older, revision: older.revision + 1, updatedAt: '2026-12-05T10:00:00.000Z' }
    expect(changedFields(older, resaved)).toEqual([])
    expect(changedFields(older, { ...older, body: doc, tags: ['city', 'bridge'], headline: 'Bridge reopens' })).toEqual(
      ['headline', 'tags', 'body'],
    )
    expect(changedFields(older, { ...older, publishAt: '2026-12-06T08:00:00.000Z', status: 'ready' })).toEqual([
      'status',
      'publishAt',
    ])
  })
})
