import type { ArticleKind, ArticleStatus } from '../../../shared/article/schema'
import type { ExportScopeRequest } from '../../../shared/bundle/api-types'
import { assertNever } from '../../../shared/assert-never'

/** The scopes the export dialog offers. */
export type ScopeChoice = 'all' | 'view' | 'selection' | 'one' | 'tag' | 'status' | 'kind' | 'language'

/** What the app knows when the dialog opens: the library's current view, the selection and the open article. */
export interface ScopeContext {
  /** Ids the library shows now, in its order (its filters and search applied). */
  viewIds: readonly string[]
  /** Ids selected in the library (Ctrl/Cmd- and Shift-click). */
  selectedIds: readonly string[]
  /** The article chosen for "one article" (the open one unless the user picked another). */
  oneId: string | null
  tag: string
  status: ArticleStatus
  kind: ArticleKind
  language: string
}

/** Turns the dialog's choice into the request main runs (a filter scope is the one article filter); null when it names no articles. */
export function scopeRequestFor(choice: ScopeChoice, ctx: ScopeContext): ExportScopeRequest | null {
  switch (choice) {
    case 'all':
      return { kind: 'all' }
    case 'view':
      return ctx.viewIds.length > 0 ? { kind: 'ids', ids: [...ctx.viewIds] } : null
    case 'selection':
      return ctx.selectedIds.length > 0 ? { kind: 'ids', ids: [...ctx.selectedIds] } : null
    case 'one':
      return ctx.oneId ? { kind: 'ids', ids: [ctx.oneId] } : null
    case 'tag':
      return ctx.tag.trim() ? { kind: 'filter', query: { tag: ctx.tag.trim() } } : null
    case 'status':
      return { kind: 'filter', query: { status: ctx.status } }
    case 'kind':
      return { kind: 'filter', query: { kind: ctx.kind } }
    case 'language':
      return ctx.language.trim() ? { kind: 'filter', query: { language: ctx.language.trim() } } : null
    default:
      return assertNever(choice)
  }
}

/** The scopes worth offering: "selection" only when several are selected ("one article" covers a single one). */
export function offeredScopes(ctx: Pick<ScopeContext, 'selectedIds'>): ScopeChoice[] {
  const multi = ctx.selectedIds.length >= 2
  return ['all', 'view', ...(multi ? (['selection'] as const) : []), 'one', 'tag', 'status', 'kind', 'language']
}

/** An article as the "one article" chooser lists it. */
export interface ArticleChoice {
  id: string
  headline: string
  slug: string
}

/** The text the chooser shows for an article: its headline and slug (the slug tells same headlines apart). */
export function choiceLabel(a: ArticleChoice, untitled: string): string {
  return `${a.headline.trim() || untitled} (${a.slug})`
}

/**
 * The suggestions for what the user typed in the chooser: articles whose label contains every typed word
 * (case-insensitive), at most `limit` of them, so a library of 50,000 does not put 50,000 options in the page.
 */
export function matchChoices(
  articles: readonly ArticleChoice[],
  typed: string,
  untitled: string,
  limit = 30,
): ArticleChoice[] {
  const words = typed.toLocaleLowerCase().split(/\s+/).filter(Boolean)
  const out: ArticleChoice[] = []
  for (const a of articles) {
    const label = choiceLabel(a, untitled).toLocaleLowerCase()
    if (words.every((w) => label.includes(w))) out.push(a)
    if (out.length >= limit) break
  }
  return out
}

/** The article whose label is exactly what the chooser holds, or null (typed text that names no article). */
export function resolveChoice(articles: readonly ArticleChoice[], typed: string, untitled: string): string | null {
  const text = typed.trim()
  return articles.find((a) => choiceLabel(a, untitled) === text)?.id ?? null
}
