import type { ArticleSummary } from '../../article/schema'

/** A plain draft summary for tests, with `over` applied (the id doubles as slug and headline). */
export function summaryFixture(over: Partial<ArticleSummary> & { id: string }): ArticleSummary {
  return {
    slug: over.id,
    headline: over.id,
    standfirst: '',
    kind: 'article',
    status: 'draft',
    tags: [],
    byline: '',
    language: 'en',
    publishAt: null,
    embargoUntil: null,
    updatedAt: '2026-11-01T00:00:00.000Z',
    revision: 1,
    conflicted: false,
    assignee: null,
    reviewer: null,
    ...over,
  }
}
