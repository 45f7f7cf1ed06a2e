import { plainText } from '../editor'
import type { Article, ArticleFields, ArticleStatus } from './schema'

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

/** One element of an aligned pair of sequences: in both, only in the first (deleted), only in the second (inserted). */
interface Step {
  op: DiffPart['op']
  text: string
}

/**
 * Aligns two sequences (words, or whole blocks): common prefix/suffix trimming plus a longest-common-subsequence
 * table over the middle, written by hand because no diff library is a dependency. Deletions come before
 * insertions on a tie, so a replacement reads "old -> new"; a size cap keeps huge inputs from costing quadratic
 * memory (the middle is then one replacement).
 */
function align(a: readonly string[], b: readonly string[]): Step[] {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const steps: Step[] = a.slice(0, start).map((text) => ({ op: 'equal', text }))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  if (midA.length * midB.length > MAX_DIFF_CELLS) {
    steps.push(...midA.map((text) => ({ op: 'delete' as const, text })))
    steps.push(...midB.map((text) => ({ op: 'insert' as const, text })))
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
        steps.push({ op: 'equal', text: midA[i] ?? '' })
        i++
        j++
      } else if (i < n && (j === m || (lcs[(i + 1) * (m + 1) + j] ?? 0) >= (lcs[i * (m + 1) + j + 1] ?? 0))) {
        steps.push({ op: 'delete', text: midA[i] ?? '' })
        i++
      } else {
        steps.push({ op: 'insert', text: midB[j] ?? '' })
        j++
      }
    }
  }
  steps.push(...a.slice(endA).map((text) => ({ op: 'equal' as const, text })))
  return steps
}

/** Word-level diff of two strings (words with their spaces; see `groupChanges`). */
export function diffText(from: string, to: string): DiffPart[] {
  const parts: DiffPart[] = []
  for (const { op, text } of align(tokenize(from), tokenize(to))) {
    if (text.length === 0) continue
    const last = parts[parts.length - 1]
    if (last && last.op === op) last.text += text
    else parts.push({ op, text })
  }
  return groupChanges(parts)
}

/**
 * One row of a block-by-block body comparison: a block kept as it was, changed (with its word diff), removed
 * (only in the older text) or added (only in the newer).
 */
export interface BlockRow {
  op: 'equal' | 'changed' | 'delete' | 'insert'
  from: string | null
  to: string | null
  /** The word diff of a changed block; one equal, deleted or inserted part otherwise. */
  parts: DiffPart[]
}

/** A body's top-level blocks (paragraphs, headings, lists, quotes, media) as plain text, empty ones left out. */
export function bodyBlocks(doc: Article['body']): string[] {
  return (doc.content ?? []).map((node) => plainText(node).trim()).filter((text) => text.length > 0)
}

/**
 * Compares two bodies block by block: blocks are aligned whole, and where blocks were removed and others added
 * at the same place they are paired in order as changed blocks, compared word by word.
 */
export function diffBlocks(from: readonly string[], to: readonly string[]): BlockRow[] {
  const rows: BlockRow[] = []
  let removed: string[] = []
  let added: string[] = []
  const flush = () => {
    const paired = Math.min(removed.length, added.length)
    for (let i = 0; i < paired; i++) {
      const a = removed[i] ?? ''
      const b = added[i] ?? ''
      rows.push({ op: 'changed', from: a, to: b, parts: diffText(a, b) })
    }
    for (const text of removed.slice(paired))
      rows.push({ op: 'delete', from: text, to: null, parts: [{ op: 'delete', text }] })
    for (const text of added.slice(paired))
      rows.push({ op: 'insert', from: null, to: text, parts: [{ op: 'insert', text }] })
    removed = []
    added = []
  }
  for (const step of align(from, to)) {
    if (step.op === 'delete') removed.push(step.text)
    else if (step.op === 'insert') added.push(step.text)
    else {
      flush()
      rows.push({ op: 'equal', from: step.text, to: step.text, parts: [{ op: 'equal', text: step.text }] })
    }
  }
  flush()
  return rows
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

/** The fields compared one by one, in the order the editor shows them (the body is compared apart). */
export const comparedFields = [
  'headline',
  'standfirst',
  'slug',
  'status',
  'kind',
  'language',
  'byline',
  'dateline',
  'tags',
  'publishAt',
  'embargoUntil',
  'featuredImage',
  'editorsNote',
] as const

/** One field compared one by one. */
export type ComparedField = (typeof comparedFields)[number]

/** A field a change can touch: a compared field or the body. */
export type ChangedField = ComparedField | 'body'

/** Whether a compared field's stored value differs between two versions (an absent value counts as null). */
export function fieldChanged(older: ArticleFields, newer: ArticleFields, field: ComparedField): boolean {
  return JSON.stringify(older[field] ?? null) !== JSON.stringify(newer[field] ?? null)
}

/** The fields whose stored values differ between two versions, in the editor's order, the body last. */
export function changedFields(older: ArticleFields, newer: ArticleFields): ChangedField[] {
  const fields: ChangedField[] = comparedFields.filter((field) => fieldChanged(older, newer, field))
  if (JSON.stringify(older.body) !== JSON.stringify(newer.body)) fields.push('body')
  return fields
}
