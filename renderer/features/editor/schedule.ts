import type { ArticleFields } from '../../../shared/article/schema'

/** Ready with a publish time still ahead: the article is scheduled, shown as its own state. */
export function isScheduled(fields: Pick<ArticleFields, 'status' | 'publishAt'>, now: Date): boolean {
  return fields.status === 'ready' && fields.publishAt !== null && new Date(fields.publishAt) > now
}
