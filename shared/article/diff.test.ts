import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { diffText } from './diff'

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
