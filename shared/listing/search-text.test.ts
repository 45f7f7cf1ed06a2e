import { describe, expect, it } from 'vitest'
import { foldText, highlightRanges } from './search-text'

describe('foldText', () => {
  it('drops accents and case', () => {
    expect(foldText('México ELECCIÓN Ñandú')).toBe('mexico eleccion nandu')
  })
})

describe('highlightRanges', () => {
  it('finds accent-free terms in accented text, mapped to the original', () => {
    const text = 'La elección en México'
    const ranges = highlightRanges(text, ['eleccion', 'mexico'])
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['elección', 'México'])
  })

  it('maps through decomposed input and merges overlaps', () => {
    const text = 'Me\u0301xico'
    const [r] = highlightRanges(text, ['mex', 'exico'])
    expect(r).toEqual({ start: 0, end: text.length })
  })

  it('ignores one-letter terms and empty text', () => {
    expect(highlightRanges('a b c', ['a'])).toEqual([])
    expect(highlightRanges('', ['abc'])).toEqual([])
  })
})
