import { z } from 'zod'
import { articleKindSchema, articleStatusSchema, languageSchema, type ArticleSummary } from '../article/schema'

/**
 * The one article filter: what the library pane and search send to `articles.list` / `search.query`, what an
 * export's scope carries and what the CLI's --status/--kind/--tag/--language build. An absent field lets
 * everything through.
 */
export const articleFilterSchema = z
  .object({
    status: articleStatusSchema.optional(),
    kind: articleKindSchema.optional(),
    tag: z.string().min(1).max(100).optional(),
    language: languageSchema.optional(),
  })
  .strict()
/** One article filter (see `articleFilterSchema`). */
export type ArticleFilter = z.infer<typeof articleFilterSchema>

/** Whether any filter field is set (with none, every summary passes). */
export function isFiltering(filter: ArticleFilter): boolean {
  return (
    filter.status !== undefined ||
    filter.kind !== undefined ||
    filter.tag !== undefined ||
    filter.language !== undefined
  )
}

/** True when a summary passes every set field of the filter. */
export function matchesFilter(
  s: Pick<ArticleSummary, 'status' | 'kind' | 'language' | 'tags'>,
  filter: ArticleFilter,
): boolean {
  return (
    (filter.status === undefined || s.status === filter.status) &&
    (filter.kind === undefined || s.kind === filter.kind) &&
    (filter.language === undefined || s.language === filter.language) &&
    (filter.tag === undefined || s.tags.includes(filter.tag))
  )
}
