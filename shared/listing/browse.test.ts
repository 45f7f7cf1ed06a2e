import { describe, expect, it } from 'vitest'
import { facetValues, filterSummaries, sortSummaries } from './browse'
import { summaryFixture as s } from './summary-fixture'

const items = [
  s({ id: 'a', headline: 'Zoo', updatedAt: '2026-11-03T00:00:00.000Z', tags: ['x'], status: 'ready' }),
  s({ id: 'b', headline: 'ápple', publishAt: '2026-11-05T00:00:00.000Z', kind: 'audio', language: 'es' }),
  s({ id: 'c', headline: 'Mango', updatedAt: '2026-11-04T00:00:00.000Z', tags: ['x', 'y'] }),
]

describe('sortSummaries', () => {
  it('sorts by updated, publish date and headline (accent-blind)', () => {
    expect(sortSummaries(items, 'updated').map((i) => i.id)).toEqual(['c', 'a', 'b'])
    expect(sortSummaries(items, 'publish').map((i) => i.id)).toEqual(['b', 'c', 'a'])
    expect(sortSummaries(items, 'headline').map((i) => i.id)).toEqual(['b', 'c', 'a'])
  })
})

describe('filterSummaries', () => {
  it('keeps order and applies every filter', () => {
    expect(filterSummaries(items, { tag: 'x' }).map((i) => i.id)).toEqual(['a', 'c'])
    expect(filterSummaries(items, { tag: 'x', status: 'ready' }).map((i) => i.id)).toEqual(['a'])
    expect(filterSummaries(items, { kind: 'audio', language: 'es' }).map((i) => i.id)).toEqual(['b'])
    expect(filterSummaries(items, {})).toHaveLength(3)
  })

  it('lists the facet values', () => {
    expect(facetValues(items)).toEqual({ tags: ['x', 'y'], languages: ['en', 'es'] })
  })
})
