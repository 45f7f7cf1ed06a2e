/** One stretch of a three-way merge of sequences: settled items, or a stretch both sides changed differently. */
export type Diff3Chunk<T> = { kind: 'ok'; items: T[] } | { kind: 'conflict'; base: T[]; ours: T[]; theirs: T[] }

/** Above this many cells the LCS table is not built and the differing middle is one stretch (bounded memory). */
const MAX_LCS_CELLS = 4_000_000

/**
 * Three-way merge of sequences (diff3, as `git merge-file` does for lines): items are compared by `key`; a
 * stretch changed on one side only takes that side, a stretch changed identically on both takes it once, and
 * a stretch changed differently on both sides is returned as a conflict chunk with the three versions.
 */
export function diff3<T>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
  key: (item: T) => string,
): Diff3Chunk<T>[] {
  const kb = base.map(key)
  const ko = ours.map(key)
  const kt = theirs.map(key)
  const matchO = lcsMatches(kb, ko)
  const matchT = lcsMatches(kb, kt)
  const chunks: Diff3Chunk<T>[] = []
  const pushOk = (items: T[]) => {
    if (items.length === 0) return
    const last = chunks[chunks.length - 1]
    if (last?.kind === 'ok') last.items.push(...items)
    else chunks.push({ kind: 'ok', items: [...items] })
  }
  let b = 0
  let o = 0
  let t = 0
  while (b < base.length || o < ours.length || t < theirs.length) {
    // A stable run: the base item is matched on both sides exactly where we stand.
    if (b < base.length && matchO[b] === o && matchT[b] === t) {
      pushOk([ours[o] as T])
      b += 1
      o += 1
      t += 1
      continue
    }
    // The unstable stretch ends at the next base item matched on both sides.
    let next = b
    while (next < base.length && (matchO[next] === -1 || matchT[next] === -1)) next += 1
    const endO = next < base.length ? (matchO[next] as number) : ours.length
    const endT = next < base.length ? (matchT[next] as number) : theirs.length
    const sb = kb.slice(b, next)
    const so = ko.slice(o, endO)
    const st = kt.slice(t, endT)
    if (sameKeys(so, sb)) pushOk(theirs.slice(t, endT))
    else if (sameKeys(st, sb) || sameKeys(so, st)) pushOk(ours.slice(o, endO))
    else
      chunks.push({
        kind: 'conflict',
        base: base.slice(b, next),
        ours: ours.slice(o, endO),
        theirs: theirs.slice(t, endT),
      })
    b = next
    o = endO
    t = endT
  }
  return chunks
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i])
}

/** For each item of `a`, the index of the item of `b` it is matched with in a longest common subsequence, or -1. */
function lcsMatches(a: readonly string[], b: readonly string[]): number[] {
  const match = new Array<number>(a.length).fill(-1)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) {
    match[start] = start
    start += 1
  }
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1
    endB -= 1
    match[endA] = endB
  }
  const n = endA - start
  const m = endB - start
  if (n === 0 || m === 0 || n * m > MAX_LCS_CELLS) return match
  // Suffix table: len[i][j] = LCS length of a[start+i..endA) and b[start+j..endB).
  const width = m + 1
  const len = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      len[i * width + j] =
        a[start + i] === b[start + j]
          ? (len[(i + 1) * width + j + 1] as number) + 1
          : Math.max(len[(i + 1) * width + j] as number, len[i * width + j + 1] as number)
    }
  }
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      match[start + i] = start + j
      i += 1
      j += 1
    } else if ((len[(i + 1) * width + j] as number) >= (len[i * width + j + 1] as number)) i += 1
    else j += 1
  }
  return match
}
