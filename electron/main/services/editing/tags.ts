import { articleFieldsSchema, type ArticleFields } from '../../../../shared/article/schema'
import { foldText } from '../../../../shared/listing/search-text'
import type { TagChangeResult, TagCount, TagSuggestion } from '../../../../shared/listing/api-types'
import type { ArticleLibrary } from '../library'

/**
 * The key under which near-duplicate tags meet: folded (case and accents), then a plural and the
 * Spanish "-ción" reduced so "election", "Elections", "elección" and "elecciones" share "election".
 */
export function tagKey(tag: string): string {
  let key = foldText(tag.trim()).replace(/\s+/g, ' ')
  if (key.endsWith('ciones')) key = `${key.slice(0, -6)}cion`
  else if (key.endsWith('ies') && key.length > 4) key = `${key.slice(0, -3)}y`
  else if (key.endsWith('es') && /(?:ch|sh|x|z|ss)es$/.test(key)) key = key.slice(0, -2)
  else if (key.endsWith('s') && !key.endsWith('ss') && key.length > 3) key = key.slice(0, -1)
  if (key.endsWith('cion')) key = `${key.slice(0, -4)}tion`
  return key
}

/** Groups near-duplicate tags; each group of two or more is one suggestion. */
export function suggestMerges(counts: readonly TagCount[]): TagSuggestion[] {
  const groups = new Map<string, TagCount[]>()
  for (const c of counts) {
    const key = tagKey(c.tag)
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => {
      const sorted = [...g].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
      return { tags: sorted.map((c) => c.tag), suggested: sorted[0]?.tag ?? '' }
    })
    .sort((a, b) => a.suggested.localeCompare(b.suggested))
}

/** Replaces tags in a list: every tag in `from` becomes `to` (or is removed when `to` is null), without duplicates. */
export function replaceTags(tags: readonly string[], from: ReadonlySet<string>, to: string | null): string[] {
  const out: string[] = []
  for (const tag of tags) {
    const next = from.has(tag) ? to : tag
    if (next !== null && !out.includes(next)) out.push(next)
  }
  return out
}

/**
 * Tags across the library: counts, and rename / merge / delete in one step, each affected article saved
 * through the library's own save path (so it gets a new revision and history, and can be undone).
 */
export class TagService {
  constructor(private readonly libraryOf: () => ArticleLibrary) {}

  /** Every tag with its article count, most used first. */
  list(): TagCount[] {
    const counts = new Map<string, number>()
    for (const s of this.libraryOf().list({})) for (const tag of s.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1)
    return [...counts.entries()]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
  }

  /** Near-duplicate groups of the current tags. */
  suggestions(): TagSuggestion[] {
    return suggestMerges(this.list())
  }

  /** Renames a tag on every article that has it. */
  rename(from: string, to: string): Promise<TagChangeResult> {
    return this.merge([from], to)
  }

  /** Replaces each of `sources` by `target` on every article carrying any of them. */
  async merge(sources: string[], target: string): Promise<TagChangeResult> {
    const to = target.trim()
    if (to === '') return { ok: false, reason: 'invalid', message: 'the new tag name is empty', changed: [] }
    if (to.length > 100)
      return { ok: false, reason: 'invalid', message: 'a tag has at most 100 characters', changed: [] }
    return this.apply(sources, to)
  }

  /** Removes a tag from every article that has it. */
  delete(tag: string): Promise<TagChangeResult> {
    return this.apply([tag], null)
  }

  private async apply(sources: string[], to: string | null): Promise<TagChangeResult> {
    const from = new Set(sources.filter((s) => s !== to))
    if (from.size === 0) return { ok: true, changed: [] }
    const affected = this.libraryOf()
      .list({})
      .filter((s) => s.tags.some((t) => from.has(t)))
    if (affected.length === 0) {
      return {
        ok: false,
        reason: 'not-found',
        message: `no article has the tag "${[...from].join('", "')}"`,
        changed: [],
      }
    }
    const changed: string[] = []
    const failures: string[] = []
    for (const summary of affected) {
      const loaded = await this.libraryOf().load(summary.id)
      if (!loaded.ok) {
        failures.push(`${summary.headline || summary.id}: ${loaded.message}`)
        continue
      }
      const fields: ArticleFields = articleFieldsSchema.parse(loaded.article)
      const result = await this.libraryOf().save({
        id: summary.id,
        baseHash: loaded.hash,
        fields: { ...fields, tags: replaceTags(fields.tags, from, to) },
        // Explicit: every affected article gets its own history revision, so the change can be undone.
        mode: 'explicit',
      })
      if (result.ok) changed.push(summary.id)
      else failures.push(`${summary.headline || summary.id}: ${result.message}`)
    }
    if (failures.length > 0) {
      return {
        ok: false,
        reason: 'partial',
        message: `${changed.length} of ${affected.length} articles changed; not changed: ${failures.join('; ')}`,
        changed,
      }
    }
    return { ok: true, changed }
  }
}
