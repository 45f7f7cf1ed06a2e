import { slugSchema } from '../../../shared/article/schema'
import { slugify, uniqueSlug } from '../../../shared/article/slug'

/** Moves one item of a list to another index (drag or Alt+arrow reorder of tags). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items]
  const [item] = next.splice(from, 1)
  if (item === undefined) return next
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item)
  return next
}

/** True while the slug still follows the headline: the user never typed one of their own. */
export function slugFollowsHeadline(slug: string, headline: string, taken: ReadonlySet<string>): boolean {
  if (/^untitled(-\d+)?$/.test(slug)) return true
  const base = slugify(headline)
  return (
    slug === base || slug === uniqueSlug(base, taken) || (/^.+-\d+$/.test(slug) && slug.replace(/-\d+$/, '') === base)
  )
}

/** The slug for a new headline while the slug is untouched: from the headline, unique in the workspace. */
export function slugForHeadline(headline: string, taken: ReadonlySet<string>): string {
  return uniqueSlug(slugify(headline), taken)
}

/** Why a slug cannot be saved, or null when it can. */
export function slugProblem(slug: string, taken: ReadonlySet<string>): 'format' | 'taken' | null {
  if (!slugSchema.safeParse(slug).success) return 'format'
  return taken.has(slug) ? 'taken' : null
}

/** Distinct tags of the workspace, most used first (the autocomplete vocabulary). */
export function tagVocabulary(lists: readonly (readonly string[])[]): string[] {
  const counts = new Map<string, number>()
  for (const tags of lists) for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag)
}
