import type { ArticleStatus } from '../../../shared/article/schema'
import type { ExportScopeRequest } from '../../../shared/bundle/api-types'
import { assertNever } from '../../../shared/listing/listing'

/** The scopes the export dialog offers. */
export type ScopeChoice = 'all' | 'view' | 'selection' | 'one' | 'tag' | 'status'

/** What the app knows when the dialog opens: the library's current view, the selection and the open article. */
export interface ScopeContext {
  /** Ids the library shows now, in its order (its filters and search applied). */
  viewIds: readonly string[]
  /** Ids selected in the library (one today; several once the list has multi-select). */
  selectedIds: readonly string[]
  /** The article open in the editor. */
  openId: string | null
  tag: string
  status: ArticleStatus
}

/** Turns the dialog's choice into the request main runs; null when the choice has no articles to export. */
export function scopeRequestFor(choice: ScopeChoice, ctx: ScopeContext): ExportScopeRequest | null {
  switch (choice) {
    case 'all':
      return { kind: 'all' }
    case 'view':
      return ctx.viewIds.length > 0 ? { kind: 'ids', ids: [...ctx.viewIds] } : null
    case 'selection':
      return ctx.selectedIds.length > 0 ? { kind: 'ids', ids: [...ctx.selectedIds] } : null
    case 'one':
      return ctx.openId ? { kind: 'ids', ids: [ctx.openId] } : null
    case 'tag':
      return ctx.tag.trim() ? { kind: 'filter', query: { tag: ctx.tag.trim() } } : null
    case 'status':
      return { kind: 'filter', query: { status: ctx.status } }
    default:
      return assertNever(choice)
  }
}

/** The scopes worth offering: "selection" only when it differs from the open article (multi-select). */
export function offeredScopes(ctx: Pick<ScopeContext, 'selectedIds' | 'openId'>): ScopeChoice[] {
  const multi = ctx.selectedIds.length > 1 || (ctx.selectedIds.length === 1 && ctx.selectedIds[0] !== ctx.openId)
  return ['all', 'view', ...(multi ? (['selection'] as const) : []), 'one', 'tag', 'status']
}
