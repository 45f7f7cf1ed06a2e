import { describe, expect, it } from 'vitest'
import { buildFilterIndex, filterIndexed, filterSummaries } from './browse'
import { articleFilterSchema, isFiltering, matchesFilter, type ArticleFilter } from './filter'
import { summaryFixture } from './test-support/summary-fixture'

const me = { name: 'Ana Ruiz', email: 'ana@example.org' }
const rows = [
  summaryFixture({ id: 'clean' }),
  summaryFixture({ id: 'conflicted', conflicted: true, tags: ['city'] }),
  summaryFixture({ id: 'mine', assignee: 'Ana Ruiz <ANA@example.org>', status: 'ready' }),
  summaryFixture({ id: 'mine-published', assignee: 'ana@example.org', status: 'published' }),
  summaryFixture({ id: 'to-review', reviewer: 'Ana Ruiz', status: 'review', conflicted: true }),
  summaryFixture({ id: 'review-other', reviewer: 'Ben <ben@example.org>', status: 'review' }),
]
const ids = (filter: ArticleFilter) => {
  const plain = filterSummaries(rows, filter).map((s) => s.id)
  // The prepared index (library pane, catalogue) answers exactly as the plain pass does.
  expect(filterIndexed(buildFilterIndex(rows), filter).map((s) => s.id)).toEqual(plain)
  return plain
}

describe('the one ArticleFilter: conflicted and the review filters', () => {
  it('"Conflicted" keeps only articles a merge left conflicted, and combines with the other fields', () => {
    expect(ids({ conflicted: true })).toEqual(['conflicted', 'to-review'])
    expect(ids({ conflicted: true, tag: 'city' })).toEqual(['conflicted'])
    expect(ids({ conflicted: true, status: 'review' })).toEqual(['to-review'])
  })

  it('"Assigned to me" (not published) and "Waiting for my review" (in review) read who "me" is from the filter', () => {
    expect(ids({ review: { filter: 'assigned-to-me', me } })).toEqual(['mine'])
    expect(ids({ review: { filter: 'waiting-for-my-review', me } })).toEqual(['to-review'])
    expect(ids({ review: { filter: 'waiting-for-my-review', me: { name: 'Ben', email: 'ben@example.org' } } })).toEqual(
      ['review-other'],
    )
    // With no name or email in Settings nobody is "me".
    expect(ids({ review: { filter: 'assigned-to-me', me: { name: '', email: '' } } })).toEqual([])
  })

  it('counts as filtering, and its schema refuses what it does not know', () => {
    expect(isFiltering({ conflicted: true })).toBe(true)
    expect(isFiltering({ review: { filter: 'assigned-to-me', me } })).toBe(true)
    expect(matchesFilter(rows[0]!, {})).toBe(true)
    expect(articleFilterSchema.safeParse({ conflicted: false }).success).toBe(false)
    expect(articleFilterSchema.safeParse({ review: { filter: 'mine', me } }).success).toBe(false)
    expect(articleFilterSchema.safeParse({ review: { filter: 'assigned-to-me' } }).success).toBe(false)
    expect(articleFilterSchema.safeParse({ review: { filter: 'assigned-to-me', me } }).success).toBe(true)
  })
})
