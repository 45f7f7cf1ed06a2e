import { describe, expect, it } from 'vitest'
import { defaultPublication } from '../publication/publication'
import { checkReadiness, describeIssue, measureBudget, repeatedBadge, textLength } from './readiness'
import type { Article } from './schema'
import { articleFixture } from './test-support/article-fixture'

const article = (over: Partial<Article> = {}): Article =>
  articleFixture({
    id: '66666666-6666-4666-8666-666666666666',
    slug: 'council-vote',
    headline: 'Council votes on the budget',
    standfirst: 'The vote is on Tuesday.',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Body text.' }] }] },
    byline: 'Ana Reyes',
    status: 'ready',
    publishAt: '2026-11-20T09:00:00.000Z',
    createdAt: '2026-11-18T08:00:00.000Z',
    updatedAt: '2026-11-19T08:00:00.000Z',
    revision: 2,
    ...over,
  })

const now = new Date('2026-11-24T00:00:00Z')

describe('one rulebook, the publication budgets', () => {
  it('holds headline and standfirst to the publication budgets, as the meters measure them', () => {
    const pub = { ...defaultPublication('x'), budgets: { headline: 20, standfirst: 30, slug: 80 } }
    const a = article({ headline: 'ñ'.repeat(21), standfirst: '😀'.repeat(30) })
    // Characters, not UTF-16 units: 30 emoji fit a budget of 30.
    expect(textLength('😀ñ')).toBe(2)
    expect(measureBudget('standfirst', a.standfirst, pub.budgets)).toEqual({ length: 30, budget: 30, over: false })
    expect(measureBudget('headline', a.headline, pub.budgets)).toEqual({ length: 21, budget: 20, over: true })
    const issues = checkReadiness([a], now, pub)
    expect(issues.map((i) => [i.rule, i.field])).toEqual([['length-budget', 'headline']])
    expect(describeIssue(issues[0] as (typeof issues)[number])).toBe(
      'council-vote: [length-budget] the headline is 21 characters, over the budget of 20',
    )
    // A larger budget passes the same article: the budget is the publication's, not a constant.
    expect(checkReadiness([a], now, { budgets: { headline: 21, standfirst: 30, slug: 80 } })).toEqual([])
  })
})

describe('a headline repeating its kind badge', () => {
  it('flags "[Video] …" and "Video: …" on a video, in English and Spanish', () => {
    expect(repeatedBadge('[Video] Inside the depot', 'video')).toBe('[Video]')
    expect(repeatedBadge('Vídeo: así se prepara el mercado', 'video')).toBe('Vídeo:')
    expect(repeatedBadge('En directo: debate', 'livestream')).toBe('En directo:')
    expect(repeatedBadge('[Audio] The last bookbinder', 'audio')).toBe('[Audio]')
    const issues = checkReadiness(
      [article({ kind: 'video', headline: '[Video] Inside the depot' })],
      now,
      defaultPublication('x'),
    )
    expect(issues).toMatchObject([{ rule: 'badge-in-headline', field: 'headline' }])
  })

  it('leaves other headlines and other kinds alone', () => {
    expect(repeatedBadge('Video games club opens', 'video')).toBeNull()
    expect(repeatedBadge('[Video] on an article', 'article')).toBeNull()
    expect(repeatedBadge('Inside the depot', 'video')).toBeNull()
  })
})
