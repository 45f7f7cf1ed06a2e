import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildFilterIndex,
  countFacets,
  emptyFacetCounts,
  facetsOf,
  facetValues,
  filterIndexed,
  filterSummaries,
  sortSummaries,
} from './browse'
import { summaryFixture as s } from './test-support/summary-fixture'

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

  it('gives the same rows in the same order through the prepared filter index', () => {
    const index = buildFilterIndex(items)
    const cases = [
      {},
      { tag: 'x' },
      { tag: 'x', status: 'ready' as const },
      { kind: 'audio' as const, language: 'es' },
      { tag: 'nope' },
      { language: 'fr' },
      { status: 'published' as const },
    ]
    for (const filters of cases) expect(filterIndexed(index, filters)).toEqual(filterSummaries(items, filters))
  })

  it('agrees with filterSummaries on generated lists and filters', () => {
    const pick = <T>(values: T[]) => fc.option(fc.constantFrom(...values), { nil: undefined })
    const row = fc.record({
      status: fc.constantFrom('draft' as const, 'review' as const, 'ready' as const, 'published' as const),
      kind: fc.constantFrom('article' as const, 'audio' as const, 'video' as const, 'livestream' as const),
      language: fc.constantFrom('en', 'es', 'fr'),
      tags: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 }),
    })
    const filters = fc.record({
      status: pick(['draft' as const, 'ready' as const]),
      kind: pick(['audio' as const, 'article' as const]),
      language: pick(['es', 'de']),
      tag: pick(['a', 'c', 'z']),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), filters, (rows, f) => {
        const list = rows.map((r, i) => s({ id: `id-${i}`, ...r }))
        expect(filterIndexed(buildFilterIndex(list), f)).toEqual(filterSummaries(list, f))
      }),
      { numRuns: 300 },
    )
  })

  it('keeps facet counts up to date one article at a time, as a recount would find them', () => {
    const summary = fc.record({
      language: fc.constantFrom('en', 'es', 'fr'),
      tags: fc.array(fc.constantFrom('a', 'b', 'c', 'Ä'), { maxLength: 4 }),
    })
    fc.assert(
      fc.property(
        fc.array(summary, { maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), summary), { maxLength: 20 }),
        (start, edits) => {
          const list = start.map((x, i) => s({ id: `a${i}`, ...x }))
          const counts = emptyFacetCounts()
          for (const a of list) countFacets(counts, a, 1)
          let shown = facetsOf(counts)
          for (const [at, next] of edits) {
            const i = list.length === 0 ? 0 : at % (list.length + 1)
            const old = list[i]
            const replacement = s({ id: old?.id ?? `n${list.length}`, ...next })
            let changed = false
            if (old) changed = countFacets(counts, old, -1) || changed
            changed = countFacets(counts, replacement, 1) || changed
            list[i] = replacement
            // The menus are rebuilt only when a value appeared or went away, and then match a recount.
            if (changed) shown = facetsOf(counts)
            expect(shown).toEqual(facetValues(list))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('lists the facet values', () => {
    expect(facetValues(items)).toEqual({ tags: ['x', 'y'], languages: ['en', 'es'] })
  })
})
