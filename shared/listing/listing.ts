import type { ArticleKind } from '../article/schema'

/** The badge a listing shows before a headline; a plain article has none. */
export type ListingBadge = 'audio' | 'video' | 'livestream'

/** Maps an article kind to its listing badge. */
export function badgeFor(kind: ArticleKind): ListingBadge | null {
  switch (kind) {
    case 'article':
      return null
    case 'audio':
      return 'audio'
    case 'video':
      return 'video'
    case 'livestream':
      return 'livestream'
    default:
      return assertNever(kind)
  }
}

/** Fails to compile when a switch over a union misses a case, and throws if reached anyway. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`)
}
