/**
 * Folds text for accent- and case-insensitive matching: "México" and "mexico" fold to the same string.
 * Decomposes (NFD), drops combining marks and lowercases.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

/** A half-open [start, end) range of a string, in UTF-16 code units of the original text. */
export interface TextRange {
  start: number
  end: number
}

/**
 * Where the (folded) search terms occur in `text`, accent- and case-insensitively, as ranges of the original
 * text, sorted and merged. Used to highlight matches; terms shorter than 2 characters are ignored.
 */
export function highlightRanges(text: string, terms: readonly string[]): TextRange[] {
  const wanted = [...new Set(terms.map(foldText).filter((t) => t.length >= 2))]
  if (wanted.length === 0 || text === '') return []
  // Fold code point by code point so every folded index maps back to an index of the original.
  let folded = ''
  const origin: number[] = []
  let index = 0
  for (const ch of text) {
    const f = foldText(ch)
    for (let k = 0; k < f.length; k += 1) origin.push(index)
    folded += f
    index += ch.length
  }
  origin.push(text.length)
  const ranges: TextRange[] = []
  for (const term of wanted) {
    let from = folded.indexOf(term)
    while (from !== -1) {
      const endFolded = from + term.length
      const start = origin[from] ?? 0
      const lastOrigin = origin[endFolded - 1] ?? text.length
      const lastChar = text.codePointAt(lastOrigin) ?? 0
      ranges.push({ start, end: lastOrigin + (lastChar > 0xffff ? 2 : 1) })
      from = folded.indexOf(term, from + 1)
    }
  }
  ranges.sort((a, b) => a.start - b.start || a.end - b.end)
  const merged: TextRange[] = []
  for (const r of ranges) {
    const last = merged[merged.length - 1]
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end)
    else merged.push({ ...r })
  }
  return merged
}
