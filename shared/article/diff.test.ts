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

  it('always rebuilds both sides exactly', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const parts = diffText(a, b)
        return apply(parts, 'from') === a && apply(parts, 'to') === b
      }),
    )
  })
})
