import { imagesOf } from '../bundle/markdown-codec'
import { plainText } from '../editor'
import type { Article } from './schema'

/** The readiness rules `newsdesk check` (and the app) run. */
export const readinessRules = [
  'required-fields',
  'length-budget',
  'duplicate-slug',
  'embargo-after-publish',
  'image-alt-text',
  'ready-but-embargoed',
] as const
/** One readiness rule id. */
export type ReadinessRule = (typeof readinessRules)[number]

/** One failed rule on one article. */
export interface ReadinessIssue {
  rule: ReadinessRule
  articleId: string
  slug: string
  field: string
  message: string
}

/** Length budgets (characters) the length rule enforces. */
export const LENGTH_BUDGETS = { headline: 110, standfirst: 320, slug: 80 } as const

/**
 * Checks articles against the readiness rules: required fields (for anything past draft), length budgets,
 * duplicate slugs, an embargo that ends after the publish date, images without alt text, and ready or
 * published articles whose embargo has not lifted at `now`. Returns every issue, in article order.
 */
export function checkReadiness(articles: readonly Article[], now: Date): ReadinessIssue[] {
  const issues: ReadinessIssue[] = []
  const slugCount = new Map<string, number>()
  for (const a of articles) slugCount.set(a.slug, (slugCount.get(a.slug) ?? 0) + 1)
  for (const a of articles) {
    const add = (rule: ReadinessRule, field: string, message: string) =>
      issues.push({ rule, articleId: a.id, slug: a.slug, field, message })
    if (a.status !== 'draft') {
      if (a.headline.trim() === '') add('required-fields', 'headline', 'the headline is empty')
      if (a.standfirst.trim() === '') add('required-fields', 'standfirst', 'the standfirst is empty')
      if (a.byline.trim() === '') add('required-fields', 'byline', 'the byline is empty')
      if (plainText(a.body).trim() === '') add('required-fields', 'body', 'the body is empty')
    }
    for (const field of ['headline', 'standfirst', 'slug'] as const) {
      const budget = LENGTH_BUDGETS[field]
      if (a[field].length > budget) {
        add('length-budget', field, `the ${field} is ${a[field].length} characters, over the budget of ${budget}`)
      }
    }
    if ((slugCount.get(a.slug) ?? 0) > 1)
      add('duplicate-slug', 'slug', `slug "${a.slug}" is used by more than one article`)
    if (a.embargoUntil && a.publishAt && a.embargoUntil > a.publishAt) {
      add(
        'embargo-after-publish',
        'embargoUntil',
        `the embargo (${a.embargoUntil}) ends after the publish date (${a.publishAt})`,
      )
    }
    if (a.featuredImage && a.featuredImage.alt.trim() === '') {
      add('image-alt-text', 'featuredImage.alt', 'the featured image has no alt text')
    }
    imagesOf(a.body).forEach((image, i) => {
      if (image.alt.trim() === '')
        add('image-alt-text', `body.image[${i}]`, `body image ${i + 1} (${image.src}) has no alt text`)
    })
    if ((a.status === 'ready' || a.status === 'published') && a.embargoUntil && new Date(a.embargoUntil) > now) {
      add('ready-but-embargoed', 'embargoUntil', `the article is ${a.status} but embargoed until ${a.embargoUntil}`)
    }
  }
  return issues
}
