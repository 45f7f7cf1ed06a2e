import { describe, expect, it } from 'vitest'
import { toSummary } from '../../../../shared/article/schema'
import { makeArticle } from '../test-support'
import { ArticleCatalogue } from './catalogue'

const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'
const entry = (id: string, slug: string, updatedAt = '2026-11-19T08:00:00.000Z') => ({
  summary: toSummary(makeArticle({ id, slug, updatedAt })),
  stamp: { size: 1, mtimeNs: '1', hash: `h-${id}-${slug}` },
})

describe('ArticleCatalogue', () => {
  it('answers slug questions from its slug index as articles are recorded, re-slugged and removed', () => {
    const c = new ArticleCatalogue()
    c.record(A, entry(A, 'bridge'))
    c.record(B, entry(B, 'ferry'))
    expect(c.slugOwner('bridge')?.id).toBe(A)
    expect(c.slugOwner('bridge', A)).toBeUndefined()
    expect(c.slugsTaken(B).has('bridge')).toBe(true)
    expect(c.slugsTaken(A).has('bridge')).toBe(false)
    // A changes its slug: the old one is free again.
    c.record(A, entry(A, 'bridge-reopens'))
    expect(c.slugOwner('bridge')).toBeUndefined()
    expect(c.slugOwner('bridge-reopens')?.id).toBe(A)
    // One remove takes the summary, the stamp and the slug.
    c.remove(B)
    expect(c.has(B)).toBe(false)
    expect(c.stamp(B)).toBeUndefined()
    expect(c.slugsTaken().has('ferry')).toBe(false)
    expect(c.size).toBe(1)
  })

  it('lists newest first, counts every change, and reports what changed since a count', () => {
    const c = new ArticleCatalogue()
    c.record(A, entry(A, 'a', '2026-11-19T08:00:00.000Z'))
    const mark = c.changeCount
    c.record(B, entry(B, 'b', '2026-11-20T08:00:00.000Z'))
    expect(c.list().map((s) => s.id)).toEqual([B, A])
    expect(c.changedSince(mark)).toEqual({ keys: [B] })
    c.remove(A)
    expect(c.changedSince(mark)).toEqual({ keys: [B, A] })
    expect([...c.entries()].map(([id]) => id)).toEqual([B])
  })
})
