import { imagesOf } from '../bundle/markdown-codec'
import { plainText } from '../editor'
import { badgeFor, type ListingBadge } from '../listing/listing'
import type { LengthBudgets, PublicationSettings } from '../publication/publication'
import type { Article, ArticleKind } from './schema'

/**
 * The one rulebook: the readiness rules `newsdesk check`, a publishing export, the editor's meters and the
 * app's Ready gate run.
 */
export const readinessRules = [
  'required-fields',
  'length-budget',
  'duplicate-slug',
  'embargo-after-publish',
  'image-alt-text',
  'ready-but-embargoed',
  'badge-in-headline',
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

/** The fields held to a length budget. */
export type BudgetField = keyof LengthBudgets

/** Length of a text as the budgets count it: characters (code points), so an emoji or "ñ" is one. */
export function textLength(text: string): number {
  let n = 0
  for (const _ of text) n += 1
  return n
}

/** A field's length against its budget: what the editor's meter shows and the length rule checks. */
export interface BudgetMeasure {
  length: number
  budget: number
  over: boolean
}

/** Measures one field against the publication's budget for it. */
export function measureBudget(field: BudgetField, text: string, budgets: LengthBudgets): BudgetMeasure {
  const length = textLength(text)
  const budget = budgets[field]
  return { length, budget, over: length > budget }
}

/** The words a listing badge of each kind shows, in every page language, and the kind's own name. */
const BADGE_WORDS: Record<ListingBadge, readonly string[]> = {
  audio: ['audio'],
  video: ['video', 'vídeo'],
  livestream: ['livestream', 'en directo'],
}

/**
 * The badge word a headline starts with when it repeats the badge its kind already shows ("[Video] …",
 * "Video: …" on a video), or null. The listing puts the badge above the headline, so the words would show twice.
 */
export function repeatedBadge(headline: string, kind: ArticleKind): string | null {
  const badge = badgeFor(kind)
  if (!badge) return null
  const text = headline.trim().toLocaleLowerCase()
  for (const word of BADGE_WORDS[badge]) {
    for (const form of [`[${word}]`, `${word}:`, `${word} -`, `${word} –`, `${word} —`, `${word} |`]) {
      if (text.startsWith(form)) return headline.trim().slice(0, form.replace(/ [-–—|]$/, '').length)
    }
  }
  return null
}

/** What the rules need from the publication: its budgets. */
export type ReadinessPolicy = Pick<PublicationSettings, 'budgets'>

/**
 * Checks articles against the readiness rules: required fields (for anything past draft), the publication's
 * length budgets, duplicate slugs, an embargo that ends after the publish date, images without alt text,
 * ready or published articles whose embargo has not lifted at `now`, and a headline that repeats its kind's
 * badge. Returns every issue, in article order.
 */
export function checkReadiness(articles: readonly Article[], now: Date, policy: ReadinessPolicy): ReadinessIssue[] {
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
      const m = measureBudget(field, a[field], policy.budgets)
      if (m.over) add('length-budget', field, `the ${field} is ${m.length} characters, over the budget of ${m.budget}`)
    }
    if ((slugCount.get(a.slug) ?? 0) > 1)
      add('duplicate-slug', 'slug', `slug "${a.slug}" is used by more than one article`)
    if (a.embargoUntil && a.publishAt && Date.parse(a.embargoUntil) > Date.parse(a.publishAt)) {
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
    const repeated = repeatedBadge(a.headline, a.kind)
    if (repeated) {
      add(
        'badge-in-headline',
        'headline',
        `the headline starts with "${repeated}", which the ${a.kind} badge already shows above it`,
      )
    }
  }
  return issues
}

/** One line per issue, naming the article ("slug: [rule] message"), as the CLI and export warnings print them. */
export function describeIssue(issue: ReadinessIssue): string {
  return `${issue.slug}: [${issue.rule}] ${issue.message}`
}
