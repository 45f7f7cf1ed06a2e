import { z } from 'zod'
import { editorIdentitySchema, matchesReviewFilter, reviewFilters } from '../article/review'
import { articleKindSchema, articleStatusSchema, languageSchema, type ArticleSummary } from '../article/schema'

/**
 * The one article filter: what the library pane and search send to `articles.list` / `search.query`, what an
 * export's scope carries and what the CLI's --status/--kind/--tag/--language build. An absent field lets
 * everything through. `conflicted`: only articles a merge left conflicted. `review`: "Assigned to me" or
 * "Waiting for my review", with who "me" is (the editor's name and email from Settings), so the filter means
 * the same wherever it is applied.
 */
export const articleFilterSchema = z
  .object({
    status: articleStatusSchema.optional(),
    kind: articleKindSchema.optional(),
    tag: z.string().min(1).max(100).optional(),
    language: languageSchema.optional(),
    conflicted: z.literal(true).optional(),
    review: z
      .object({ filter: z.enum(reviewFilters), me: editorIdentitySchema })
      .strict()
      .optional(),
  })
  .strict()
/** One article filter (see `articleFilterSchema`). */
export type ArticleFilter = z.infer<typeof articleFilterSchema>

/** The facts of an article a filter reads (a summary has them; the search index keeps them per document). */
export type FilterFacts = Pick<ArticleSummary, 'conflicted' | 'assignee' | 'reviewer' | 'tags'> & {
  status: string
  kind: string
  language: string
}

/** Whether any filter field is set (with none, every summary passes). */
export function isFiltering(filter: ArticleFilter): boolean {
  return (
    filter.status !== undefined ||
    filter.kind !== undefined ||
    filter.tag !== undefined ||
    filter.language !== undefined ||
    filter.conflicted !== undefined ||
    filter.review !== undefined
  )
}

/** True when an article passes the filter's conflicted and review fields (the ones without a prepared index). */
export function matchesFlags(
  s: Pick<FilterFacts, 'conflicted' | 'assignee' | 'reviewer' | 'status'>,
  filter: ArticleFilter,
): boolean {
  return (
    (filter.conflicted === undefined || s.conflicted) &&
    (filter.review === undefined || matchesReviewFilter(s, filter.review.filter, filter.review.me))
  )
}

/** True when a summary passes every set field of the filter. */
export function matchesFilter(s: FilterFacts, filter: ArticleFilter): boolean {
  return (
    (filter.status === undefined || s.status === filter.status) &&
    (filter.kind === undefined || s.kind === filter.kind) &&
    (filter.language === undefined || s.language === filter.language) &&
    (filter.tag === undefined || s.tags.includes(filter.tag)) &&
    matchesFlags(s, filter)
  )
}
