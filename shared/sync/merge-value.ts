import { diff3 } from './diff3'

/** A value a three-way merge could not settle: the three versions (the merged result holds `ours`). */
export interface Unsettled {
  base: unknown
  ours: unknown
  theirs: unknown
}

/** Outcome of merging one value three ways: the merged value, or the three versions when it cannot be settled. */
export type ValueMerge<T> = { ok: true; value: T } | ({ ok: false; value: T } & Unsettled)

/** JSON text with object keys sorted: equality of plain data regardless of key order. */
export function stableKey(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
        : v,
    ) ?? 'undefined'
  )
}

/** True when two plain-data values are equal (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableKey(a) === stableKey(b)
}

/**
 * Three-way merge of one value taken whole: a side that changed it wins; both changed it alike is no conflict;
 * both changed it differently is unsettled (the result keeps ours). `hasBase` false: there is no common
 * original (both sides added the file), so only equal values settle.
 */
export function mergeWhole<T>(base: T | undefined, ours: T, theirs: T, hasBase = true): ValueMerge<T> {
  if (sameValue(ours, theirs)) return { ok: true, value: ours }
  if (hasBase && sameValue(base, ours)) return { ok: true, value: theirs }
  if (hasBase && sameValue(base, theirs)) return { ok: true, value: ours }
  return { ok: false, value: ours, base, ours, theirs }
}

/** Splits text into words and the runs of white space between them (joined back, they give the text). */
export function wordTokens(text: string): string[] {
  return text.split(/(\s+)/).filter((t) => t !== '')
}

/**
 * Three-way merge of text: whole when only one side changed it, otherwise word by word, so edits to different
 * words of the same text both survive; edits to the same words are unsettled.
 */
export function mergeText(base: string | undefined, ours: string, theirs: string): ValueMerge<string> {
  const whole = mergeWhole(base, ours, theirs, base !== undefined)
  if (whole.ok || base === undefined) return whole
  const chunks = diff3(wordTokens(base), wordTokens(ours), wordTokens(theirs), (w) => w)
  if (chunks.some((c) => c.kind === 'conflict')) return whole
  return { ok: true, value: chunks.flatMap((c) => (c.kind === 'ok' ? c.items : [])).join('') }
}

/**
 * Three-way merge of a list taken as a set in order (tags, statuses): what one side removed is removed, what
 * either side added is added once (after ours, in theirs' order); never unsettled.
 */
export function mergeSet<T>(base: readonly T[] | undefined, ours: readonly T[], theirs: readonly T[]): T[] {
  const keyOf = (v: T) => stableKey(v)
  const inBase = new Set((base ?? []).map(keyOf))
  const inOurs = new Set(ours.map(keyOf))
  const inTheirs = new Set(theirs.map(keyOf))
  const result: T[] = []
  const seen = new Set<string>()
  for (const v of ours) {
    const k = keyOf(v)
    const removedByTheirs = inBase.has(k) && !inTheirs.has(k)
    if (!removedByTheirs && !seen.has(k)) {
      result.push(v)
      seen.add(k)
    }
  }
  for (const v of theirs) {
    const k = keyOf(v)
    const removedByOurs = inBase.has(k) && !inOurs.has(k)
    if (!removedByOurs && !seen.has(k)) {
      result.push(v)
      seen.add(k)
    }
  }
  return result
}

/** Three-way merge of a plain object key by key (each key whole); keys unsettled are listed. */
export function mergeRecord(
  base: Record<string, unknown> | undefined,
  ours: Record<string, unknown>,
  theirs: Record<string, unknown>,
  skip: ReadonlySet<string> = new Set(),
): { value: Record<string, unknown>; unsettled: (Unsettled & { key: string })[] } {
  const value: Record<string, unknown> = {}
  const unsettled: (Unsettled & { key: string })[] = []
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base ?? {})])]
  for (const key of keys) {
    if (skip.has(key)) continue
    const merged = mergeWhole(base?.[key], ours[key], theirs[key], base !== undefined)
    if (!merged.ok) unsettled.push({ key, base: merged.base, ours: merged.ours, theirs: merged.theirs })
    if (merged.value !== undefined) value[key] = merged.value
  }
  return { value, unsettled }
}
