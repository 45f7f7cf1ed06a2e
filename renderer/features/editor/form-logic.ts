import { slugSchema } from '../../../shared/article/schema'
import { slugify, uniqueSlug } from '../../../shared/article/slug'
import { foldText } from '../../../shared/listing/search-text'

/** Moves one item of a list to another index (drag or Alt+arrow reorder of tags). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items]
  const [item] = next.splice(from, 1)
  if (item === undefined) return next
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item)
  return next
}

/** True while the slug still follows the headline: the user never typed one of their own. */
export function slugFollowsHeadline(slug: string, headline: string, taken: SlugLookup): boolean {
  if (/^untitled(-\d+)?$/.test(slug)) return true
  const base = slugify(headline)
  return (
    slug === base || slug === uniqueSlug(base, taken) || (/^.+-\d+$/.test(slug) && slug.replace(/-\d+$/, '') === base)
  )
}

/** The slug for a new headline while the slug is untouched: from the headline, unique in the workspace. */
export function slugForHeadline(headline: string, taken: SlugLookup): string {
  return uniqueSlug(slugify(headline), taken)
}

/** Why a slug cannot be saved, or null when it can. */
export function slugProblem(slug: string, taken: SlugLookup): 'format' | 'taken' | null {
  if (!slugSchema.safeParse(slug).success) return 'format'
  return taken.has(slug) ? 'taken' : null
}

/** What the slug rules need to know about the workspace's slugs (a Set, or a scan of the list). */
export type SlugLookup = Pick<ReadonlySet<string>, 'has'>

/** A function that computes its value on the first call and returns the same value after. */
export function once<T>(compute: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value
  }
}

/** The vocabulary entries worth offering for what is typed: accent- and case-insensitive, prefix matches first. */
export function tagSuggestions(
  vocabulary: readonly string[],
  typed: string,
  exclude: readonly string[],
  limit = 20,
): string[] {
  const want = foldText(typed.trim())
  if (want === '') return []
  const skip = new Set(exclude.map(foldText))
  const prefix: string[] = []
  const inside: string[] = []
  for (const tag of vocabulary) {
    if (prefix.length >= limit) break
    const folded = foldText(tag)
    if (skip.has(folded)) continue
    if (folded.startsWith(want)) prefix.push(tag)
    else if (inside.length < limit && folded.includes(want)) inside.push(tag)
  }
  return [...prefix, ...inside].slice(0, limit)
}

/** Distinct tags of the workspace, most used first (the autocomplete vocabulary). */
export function tagVocabulary(lists: readonly (readonly string[])[]): string[] {
  const counts = new Map<string, number>()
  for (const tags of lists) for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag)
}
