import {
  articleFieldNames,
  articleSchema,
  type Article,
  type ArticleFields,
  type ConflictSides,
  type FieldConflict,
} from '../article/schema'
import { mergeBody } from './merge-body'
import { mergeRecord, mergeSet, mergeText, mergeWhole, sameValue, stableKey, type ValueMerge } from './merge-value'

/** Outcome of a three-way merge of a document: the merged, valid document and the conflicts it found now. */
export interface DocumentMerge<T> {
  value: T
  /** Conflicts found by this merge (also recorded in `value.conflicts`). */
  found: FieldConflict[]
}

/** Fields whose text merges word by word when both sides changed it. */
const textFields = new Set<keyof ArticleFields>(['headline', 'standfirst', 'byline', 'dateline', 'editorsNote'])
/** Fields the merge computes itself rather than taking from a side. */
const bookkeeping = new Set(['id', 'schemaVersion', 'createdAt', 'updatedAt', 'revision', 'conflicts'])

/** Identity of a conflict record: its field and the three values (the time it was found aside). */
function conflictKey(c: FieldConflict): string {
  return stableKey([c.field, c.base, c.ours, c.theirs])
}

/**
 * Merges the `conflicts` lists of three versions as a set of records: one side resolving (removing) a record
 * removes it; records found now are added. Several records may name one field (three editors changed it),
 * so every value stays recorded.
 */
export function mergeConflictLists(
  base: readonly FieldConflict[] | undefined,
  ours: readonly FieldConflict[] | undefined,
  theirs: readonly FieldConflict[] | undefined,
  found: readonly FieldConflict[],
): FieldConflict[] {
  const keyed = (list: readonly FieldConflict[] | undefined) => new Map((list ?? []).map((c) => [conflictKey(c), c]))
  const b = keyed(base)
  const o = keyed(ours)
  const t = keyed(theirs)
  const merged = new Map<string, FieldConflict>()
  for (const [k, c] of [...o, ...t]) {
    const resolvedByOne = b.has(k) && (!o.has(k) || !t.has(k))
    if (!resolvedByOne && !merged.has(k)) merged.set(k, c)
  }
  for (const c of found) if (!merged.has(conflictKey(c))) merged.set(conflictKey(c), c)
  return [...merged.values()]
}

function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b
}

/**
 * Three-way merge of an article, field by field: a field changed on one side takes that side; tags merge as a
 * set in order; text merges word by word; the body merges per block. What cannot be settled keeps our value
 * and is recorded in `conflicts` with the original and both sides, so the file stays valid and nothing is
 * lost. `base` is null when both sides added the file. `at` and `sides` (who wrote ours and theirs) stamp new
 * conflict records.
 */
export function mergeArticle(
  base: Article | null,
  ours: Article,
  theirs: Article,
  at: string,
  sides: ConflictSides = {},
): DocumentMerge<Article> {
  const stamp = conflictStamp(at, sides)
  const attempt = (wordMerge: boolean): DocumentMerge<Article> => {
    const found: FieldConflict[] = []
    const out: Record<string, unknown> = {}
    const note = (field: string, m: ValueMerge<unknown>) => {
      if (!m.ok) found.push({ field, base: m.base ?? null, ours: m.ours ?? null, theirs: m.theirs ?? null, ...stamp })
      return m.value
    }
    for (const name of articleFieldNames) {
      const b = base?.[name]
      const o = ours[name]
      const t = theirs[name]
      if (name === 'tags')
        out.tags = wordMerge
          ? mergeSet(base?.tags, ours.tags, theirs.tags)
          : note(name, mergeWhole(b, o, t, base !== null))
      else if (name === 'body') {
        if (wordMerge) {
          const body = mergeBody(base?.body ?? null, ours.body, theirs.body)
          for (const c of body.conflicts) found.push({ ...c, ...stamp })
          out.body = body.doc
        } else out.body = note(name, mergeWhole(b, o, t, base !== null))
      } else if (textFields.has(name) && wordMerge) {
        out[name] = note(name, mergeText(b as string | undefined, o as string, t as string))
      } else out[name] = note(name, mergeWhole(b, o, t, base !== null))
    }
    // Keys this version does not know (kept, never dropped): each taken whole.
    const known = new Set<string>([...articleFieldNames, ...bookkeeping])
    const extra = (a: Article | null) =>
      Object.fromEntries(Object.entries(a ?? {}).filter(([k]) => !known.has(k))) as Record<string, unknown>
    const unknown = mergeRecord(base ? extra(base) : undefined, extra(ours), extra(theirs))
    for (const u of unknown.unsettled)
      found.push({ field: u.key, base: u.base ?? null, ours: u.ours ?? null, theirs: u.theirs ?? null, ...stamp })
    const fields = out as ArticleFields
    const sameAs = (side: Article) =>
      found.length === 0 &&
      articleFieldNames.every((n) => sameValue(fields[n], side[n])) &&
      sameValue(unknown.value, extra(side))
    const sameAsOurs = sameAs(ours)
    const sameAsTheirs = sameAs(theirs)
    const conflicts = mergeConflictLists(base?.conflicts, ours.conflicts, theirs.conflicts, found)
    const merged: Record<string, unknown> = {
      schemaVersion: ours.schemaVersion,
      id: ours.id,
      ...unknown.value,
      ...fields,
      createdAt:
        base?.createdAt ??
        (Date.parse(ours.createdAt) <= Date.parse(theirs.createdAt) ? ours.createdAt : theirs.createdAt),
      updatedAt: later(ours.updatedAt, theirs.updatedAt),
      revision: sameAsOurs
        ? ours.revision
        : sameAsTheirs
          ? theirs.revision
          : Math.max(ours.revision, theirs.revision) + 1,
    }
    if (sameAsOurs && sameValue(conflicts, ours.conflicts ?? [])) return { value: ours, found }
    if (sameAsTheirs && sameValue(conflicts, theirs.conflicts ?? [])) return { value: theirs, found }
    if (conflicts.length > 0) merged.conflicts = conflicts
    return { value: merged as Article, found }
  }
  const first = attempt(true)
  if (articleSchema.safeParse(first.value).success) return first
  // A combination broke a limit (a merged text or tag list too long): settle nothing by combining.
  const second = attempt(false)
  if (articleSchema.safeParse(second.value).success) return second
  const record: FieldConflict = { field: 'article', base: base ?? null, ours, theirs, ...stamp }
  return { value: { ...ours, conflicts: [record] }, found: [record] }
}

/** What a merge stamps on each record it finds: when, and who wrote each side (only the sides known). */
export function conflictStamp(at: string, sides: ConflictSides): Pick<FieldConflict, 'at' | 'oursBy' | 'theirsBy'> {
  return {
    at,
    ...(sides.oursBy ? { oursBy: sides.oursBy } : {}),
    ...(sides.theirsBy ? { theirsBy: sides.theirsBy } : {}),
  }
}
