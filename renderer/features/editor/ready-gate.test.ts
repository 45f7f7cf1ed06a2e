import { describe, expect, it } from 'vitest'
import { articleFixture } from '../../../shared/article/test-support/article-fixture'
import { defaultPublication } from '../../../shared/publication/publication'
import { gateFieldOf, gateIssues, overrideNote } from './ready-gate'
import { isScheduled } from './schedule'

const now = new Date('2026-12-05T09:00:00.000Z')
const publication = defaultPublication('Riverton Daily', 'UTC')
const article = articleFixture({
  id: '8d1f7a52-4c7b-4d8e-9f53-2a0c4b9e6f11',
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  slug: 'frost-tonight',
  headline: 'Hard frost tonight',
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Cold.' }] }] },
})

describe('the Ready gate', () => {
  it('names the empty standfirst and byline when the article would become Ready', () => {
    const issues = gateIssues(article, article, 'ready', now, publication)
    expect(issues.map((i) => i.field).sort()).toEqual(['byline', 'standfirst'])
  })

  it('lets a draft through with nothing to report', () => {
    expect(gateIssues(article, article, 'draft', now, publication)).toEqual([])
  })

  it('places nested fields beside their form field', () => {
    expect(
      gateFieldOf({ rule: 'image-alt-text', articleId: '', slug: '', field: 'featuredImage.alt', message: '' }),
    ).toBe('featuredImage')
    expect(gateFieldOf({ rule: 'image-alt-text', articleId: '', slug: '', field: 'body.image[0]', message: '' })).toBe(
      'body',
    )
  })

  it('calls a Ready article with a future publish time scheduled, and a past one not', () => {
    expect(isScheduled({ status: 'ready', publishAt: '2026-12-06T07:00:00.000Z' }, now)).toBe(true)
    expect(isScheduled({ status: 'ready', publishAt: '2026-12-04T07:00:00.000Z' }, now)).toBe(false)
    expect(isScheduled({ status: 'draft', publishAt: '2026-12-06T07:00:00.000Z' }, now)).toBe(false)
  })

  it('keeps the override reason as a dated line of the editor note', () => {
    expect(overrideNote('Check quotes.', 'ready', ' Byline added by the desk later ', now)).toBe(
      'Check quotes.\n[ready override 2026-12-05T09:00:00.000Z] Byline added by the desk later',
    )
  })
})
