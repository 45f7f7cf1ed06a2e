import type { Article, TiptapNode } from '../../article/schema'
import { articleFixture } from '../../article/test-support/article-fixture'
import { mergeArticle } from '../merge-article'

/** A paragraph block with a block id, for merge tests. */
export function idParagraph(id: string, text: string): TiptapNode {
  return { type: 'paragraph', attrs: { id }, content: [{ type: 'text', text }] }
}

/**
 * Three versions of one article edited on two machines, merged with the real merge: the headline and the
 * second body block changed on both sides (conflicts), the status on mine only and a tag added on each side
 * (merged by themselves). Tests and the e2e spec write `merged` into a workspace.
 */
export function conflictedArticle(id = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'): {
  base: Article
  mine: Article
  theirs: Article
  merged: Article
} {
  const base = articleFixture({
    id,
    slug: 'river-bridge',
    headline: 'Council approves the river bridge',
    tags: ['city'],
    body: {
      type: 'doc',
      content: [
        idParagraph('b1', 'The council voted on Tuesday.'),
        idParagraph('b2', 'Work starts in spring.'),
        idParagraph('b3', 'The mayor welcomed the vote.'),
      ],
    },
  })
  const mine: Article = {
    ...base,
    headline: 'Council backs the river bridge',
    status: 'review',
    tags: ['city', 'transport'],
    body: {
      type: 'doc',
      content: [
        idParagraph('b1', 'The council voted on Tuesday.'),
        idParagraph('b2', 'Work starts in early spring, the engineers said.'),
        idParagraph('b3', 'The mayor welcomed the vote.'),
      ],
    },
    updatedAt: '2026-12-05T09:00:00.000Z',
    revision: 2,
  }
  const theirs: Article = {
    ...base,
    headline: 'Council rejects the river bridge',
    tags: ['city', 'politics'],
    body: {
      type: 'doc',
      content: [
        idParagraph('b1', 'The council voted on Tuesday.'),
        idParagraph('b2', 'Work will not start before the autumn.'),
        idParagraph('b3', 'The mayor welcomed the vote.'),
      ],
    },
    updatedAt: '2026-12-05T09:30:00.000Z',
    revision: 2,
  }
  const merged = mergeArticle(base, mine, theirs, '2026-12-05T10:00:00.000Z').value
  return { base, mine, theirs, merged }
}
