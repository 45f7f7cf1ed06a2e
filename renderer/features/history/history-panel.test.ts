import { describe, expect, it } from 'vitest'
import { formatSizeChange } from './history-panel'

describe('formatSizeChange', () => {
  it('signs and scales byte differences per locale', () => {
    expect(formatSizeChange(80, 'en')).toBe('+80 B')
    expect(formatSizeChange(-80, 'en')).toBe('\u221280 B')
    expect(formatSizeChange(1536, 'en')).toBe('+1.5 kB')
    expect(formatSizeChange(1536, 'es')).toBe('+1,5 kB')
    expect(formatSizeChange(0, 'en')).toBe('±0 B')
  })
})
