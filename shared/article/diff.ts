import { plainText } from '../editor'
import type { Article, ArticleStatus } from './schema'

/** One run of a text diff: unchanged, added in the newer revision, or removed from the older one. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

/** Word-level diff of one text field (headline, standfirst, or the body's plain text). */
export interface TextFieldDiff {
  changed: boolean
  from: string
  to: string
  parts: DiffPart[]
}

/** Diff of the ordered tag list. */
export interface TagsDiff {
  changed: boolean
  from: string[]
  to: string[]
  added: string[]
  removed: string[]
}

/** Diff of the workflow status. */
export interface StatusDiff {
  changed: boolean
  from: ArticleStatus
  to: ArticleStatus
}

/** Per-field differences between two revisions of one article. */
export interface ArticleDiff {
  fromRevision: number
  toRevision: number
  headline: TextFieldDiff
  standfirst: TextFieldDiff
  tags: TagsDiff
  status: StatusDiff
  body: TextFieldDiff
}

/** Splits text into words, whitespace runs and punctuation, so a diff keeps spacing exactly. */
function tokenize(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_'’-]/gu) ?? []
}

/**
 * Words compared with their spaces: a lone whitespace run kept "equal" between two changes joins the change, and
 * each run of changes becomes one deletion then one insertion. "First hard" -> "Hard" reads as [First hard] -> [Hard],
 * never as "First hardHard" with the old and new words run together. Both sides still rebuild exactly.
 */
function groupChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = []
  let del = ''
  let ins = ''
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del })
    if (ins) out.push({ op: 'insert', text: ins })
    del = ''
    ins = ''
  }
  parts.forEach((p, i) => {
    const between = p.op === 'equal' && /^\s+$/.test(p.text) && i > 0 && i < parts.length - 1
    if (p.op === 'delete') del += p.text
    else if (p.op === 'insert') ins += p.text
    else if (between && (del || ins)) {
      del += p.text
      ins += p.text
    } else {
      flush()
      const last = out[out.length - 1]
      if (last && last.op === 'equal') last.text += p.text
      else out.push({ ...p })
    }
  })
  flush()
  return out
}

/** Above this many token pairs the middle of a diff is shown as one replacement instead of aligned. */
const MAX_DIFF_CELLS = 4_000_000

/**
 * Word-level diff of two strings. Written by hand (common prefix/suffix trimming plus a longest-common-
 * subsequence table over the middle) because no diff library is a dependency and this is all we need;
 * a size cap keeps huge bodies from costing quadratic memory.
 */
export function diffText(from: string, to: string): DiffPart[] {
  const a = tokenize(from)
  const b = tokenize(to)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const parts: DiffPart[] = []
  const push = (op: DiffPart['op'], text: string) => {
    if (text.length === 0) return
    const last = parts[parts.length - 1]
    if (last && last.op === op) last.text += text
    else parts.push({ op, text })
  }
  push('equal', a.slice(0, start).join(''))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  if (midA.length * midB.length > MAX_DIFF_CELLS) {
    push('delete', midA.join(''))
    push('insert', midB.join(''))
  } else {
    const n = midA.length
    const m = midB.length
    // lcs[i * (m + 1) + j] = length of the LCS of midA[i..] and midB[j..]
    const lcs = new Uint32Array((n + 1) * (m + 1))
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] =
          midA[i] === midB[j]
            ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
            : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0)
      }
    }
    let i = 0
    let j = 0
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push('equal', midA[i] ?? '')
        i++
        j++
      } else if (i < n && (j === m || (lcs[(i + 1) * (m + 1) + j] ?? 0) >= (lcs[i * (m + 1) + j + 1] ?? 0))) {
        // Deletions before insertions on a tie, so a replacement reads "old -> new".
        push('delete', midA[i] ?? '')
        i++
      } else {
        push('insert', midB[j] ?? '')
        j++
      }
    }
  }
  push('equal', a.slice(endA).join(''))
  return groupChanges(parts)
}

/** Diff of one text field. */
export function diffField(from: string, to: string): TextFieldDiff {
  return { changed: from !== to, from, to, parts: diffText(from, to) }
}

/** Per-field diff of two revisions of an article (headline, standfirst, tags, status, body text). */
export function diffArticles(older: Article, newer: Article): ArticleDiff {
  const fromTags = [...older.tags]
  const toTags = [...newer.tags]
  return {
    fromRevision: older.revision,
    toRevision: newer.revision,
    headline: diffField(older.headline, newer.headline),
    standfirst: diffField(older.standfirst, newer.standfirst),
    tags: {
      changed: fromTags.join('\u0000') !== toTags.join('\u0000'),
      from: fromTags,
      to: toTags,
      added: toTags.filter((t) => !fromTags.includes(t)),
      removed: fromTags.filter((t) => !toTags.includes(t)),
    },
    status: { changed: older.status !== newer.status, from: older.status, to: newer.status },
    body: diffField(plainText(older.body), plainText(newer.body)),
  }
}
