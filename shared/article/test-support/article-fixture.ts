import { ARTICLE_SCHEMA_VERSION, type Article } from '../schema'

/** A plain, empty draft article for tests ("Bridge", revision 1), with `over` applied. */
export function articleFixture(over: Partial<Article> & { id: string }): Article {
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    slug: 'bridge',
    headline: 'Bridge',
    standfirst: '',
    body: { type: 'doc', content: [{ type: 'paragraph' }] },
    kind: 'article',
    tags: [],
    byline: '',
    dateline: '',
    language: 'en',
    status: 'draft',
    publishAt: null,
    embargoUntil: null,
    editorsNote: '',
    featuredImage: null,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    revision: 1,
    ...over,
  }
}
