import { describe, expect, it } from 'vitest'
import { articleKinds } from '../article/schema'
import { defaultPublication } from '../publication/publication'
import {
  badgeFor,
  buildListing,
  compareListing,
  embargoOf,
  includedInListing,
  listingDate,
  truncationReasons,
  type ListingSource,
} from './listing'
import { summaryFixture } from './test-support/summary-fixture'

const DEFAULT_PUBLICATION = defaultPublication('Test Daily')

function item(over: Partial<ListingSource> & { id: string }): ListingSource {
  return summaryFixture({ status: 'published', ...over })
}

const order = (items: ListingSource[]) => [...items].sort(compareListing).map((i) => i.id)

describe('badgeFor', () => {
  it('maps each kind to its badge and a plain article to none', () => {
    expect(articleKinds.map(badgeFor)).toEqual([null, 'audio', 'video', 'livestream'])
  })
})

describe('compareListing', () => {
  it('puts the newest publish date first', () => {
    expect(
      order([
        item({ id: 'a', publishAt: '2026-11-10T00:00:00.000Z' }),
        item({ id: 'b', publishAt: '2026-11-12T00:00:00.000Z' }),
        item({ id: 'c', publishAt: '2026-11-11T00:00:00.000Z' }),
      ]),
    ).toEqual(['b', 'c', 'a'])
  })

  it('compares instants, not strings, across time zones', () => {
    expect(
      order([
        item({ id: 'utc', publishAt: '2026-11-10T10:00:00.000Z' }),
        item({ id: 'madrid', publishAt: '2026-11-10T10:30:00+01:00' }),
      ]),
    ).toEqual(['utc', 'madrid'])
  })

  it('breaks publish-date ties by updated time, then by id', () => {
    const p = '2026-11-10T00:00:00.000Z'
    expect(
      order([
        item({ id: 'z', publishAt: p, updatedAt: '2026-11-09T00:00:00.000Z' }),
        item({ id: 'y', publishAt: p, updatedAt: '2026-11-09T05:00:00.000Z' }),
        item({ id: 'b', publishAt: p, updatedAt: '2026-11-09T00:00:00.000Z' }),
      ]),
    ).toEqual(['y', 'b', 'z'])
  })

  it('sorts an unscheduled item by the updated time it shows, among the scheduled ones (newest first)', () => {
    const items = [
      item({ id: 'undated-old', updatedAt: '2026-11-01T00:00:00.000Z' }),
      item({ id: 'dated-2020', publishAt: '2020-01-01T00:00:00.000Z' }),
      item({ id: 'ready-unscheduled', status: 'ready', updatedAt: '2026-11-20T00:00:00.000Z' }),
      item({ id: 'scheduled-older', publishAt: '2026-11-15T00:00:00.000Z', updatedAt: '2026-11-25T00:00:00.000Z' }),
      item({ id: 'bad-date', publishAt: 'not a date', updatedAt: '2026-11-10T00:00:00.000Z' }),
    ]
    expect(order(items)).toEqual(['ready-unscheduled', 'scheduled-older', 'undated-old', 'dated-2020', 'bad-date'])
    // The date shown is the date sorted by: shown dates run newest first.
    const shown = [...items].sort(compareListing).filter((i) => !Number.isNaN(Date.parse(listingDate(i))))
    const times = shown.map((i) => Date.parse(listingDate(i)))
    expect(times).toEqual([...times].sort((x, y) => y - x))
  })
})

describe('includedInListing', () => {
  const settings = DEFAULT_PUBLICATION
  it('shows ready and published items by default', () => {
    expect(
      ['draft', 'review', 'ready', 'published'].map((status) =>
        includedInListing(item({ id: 'x', status: status as ListingSource['status'] }), settings),
      ),
    ).toEqual([false, false, true, true])
  })

  it('filters by tag (case-insensitive), language and kind', () => {
    const s = { ...settings, tag: 'Politics', language: 'es', kind: 'video' as const }
    expect(includedInListing(item({ id: 'a', tags: ['politics'], language: 'es', kind: 'video' }), s)).toBe(true)
    expect(includedInListing(item({ id: 'b', tags: ['sport'], language: 'es', kind: 'video' }), s)).toBe(false)
    expect(includedInListing(item({ id: 'c', tags: ['politics'], language: 'en', kind: 'video' }), s)).toBe(false)
    expect(includedInListing(item({ id: 'd', tags: ['politics'], language: 'es', kind: 'audio' }), s)).toBe(false)
  })
})

describe('buildListing', () => {
  const now = new Date('2026-11-25T00:00:00.000Z')
  it('filters, orders, pages and marks embargoes', () => {
    const items = [
      item({ id: 'a', publishAt: '2026-11-20T00:00:00.000Z' }),
      item({ id: 'b', publishAt: '2026-11-21T00:00:00.000Z', kind: 'audio' }),
      item({ id: 'c', publishAt: '2026-12-01T00:00:00.000Z', embargoUntil: '2026-12-01T00:00:00.000Z' }),
      item({ id: 'd', status: 'draft' }),
    ]
    const first = buildListing(items, { ...DEFAULT_PUBLICATION, itemsPerPage: 2 }, now)
    expect(first.total).toBe(3)
    expect(first.pageCount).toBe(2)
    expect(first.entries.map((e) => [e.id, e.badge, e.embargoedUntil])).toEqual([
      ['c', null, '2026-12-01T00:00:00.000Z'],
      ['b', 'audio', null],
    ])
    expect(buildListing(items, { ...DEFAULT_PUBLICATION, itemsPerPage: 2 }, now, 9).entries.map((e) => e.id)).toEqual([
      'a',
    ])
  })

  it('no longer marks an embargo that has passed', () => {
    expect(embargoOf({ embargoUntil: '2026-11-01T00:00:00.000Z' }, new Date('2026-11-02T00:00:00.000Z'))).toBeNull()
    expect(embargoOf({ embargoUntil: null }, new Date())).toBeNull()
  })
})

describe('truncationReasons', () => {
  it('flags texts needing more lines than the clamp', () => {
    const s = { ...DEFAULT_PUBLICATION, headlineLines: 2, standfirstLines: 3 }
    expect(truncationReasons({ headlineLines: 2, standfirstLines: 3 }, s)).toEqual([])
    expect(truncationReasons({ headlineLines: 3, standfirstLines: 9 }, s)).toEqual([
      'headline-overflow',
      'standfirst-overflow',
    ])
    expect(truncationReasons({ headlineLines: 1, standfirstLines: 9 }, { ...s, standfirstLines: 0 })).toEqual([])
  })
})
