import type { TiptapDoc } from '../article/schema'
import { MAX_JSON_DEPTH } from './deterministic-json'

/**
 * Deepest block nesting (nodes from the document down to a paragraph: each list is two, list + item, each
 * quote one) an article may have. Derived from the JSON limit every export obeys: a JSON bundle puts a body
 * 6 levels deep, each node adds 2 (node, content) and a text node's marks add 6 more, so whatever import
 * accepts, every export (JSON included) writes.
 */
export const MAX_DOC_DEPTH = Math.floor((MAX_JSON_DEPTH - 12) / 2)

/** Limits on one imported Markdown file, checked before the parser sees it (it is fast only within them). */
export const MARKDOWN_LIMITS = {
  /** Containers (quotes, list items) one line of the raw text may be nested in (see `lineNesting`). */
  maxRawNesting: MAX_DOC_DEPTH * 2,
  /** Emphasis delimiters (* _ ~) in one paragraph; unmatched runs make inline parsing quadratic. */
  maxDelimitersPerParagraph: 2_000,
  /** Longest a single item may take to parse and map, in milliseconds. */
  maxItemMs: 10_000,
} as const

/** Longest front matter block, in characters (real ones are a few hundred; YAML parsing is slow on megabytes). */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024

/** How much parsed front matter may weigh (strings and nodes, after YAML aliases are expanded). */
export function maxExpandedFrontMatter(rawLength: number): number {
  return 64 * 1024 + 4 * rawLength
}

/** A limit a file broke: the line (1-based, in the whole file) and the words. */
export interface LimitProblem {
  line: number
  message: string
}

const FENCE = /^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])[ \t]+)*[ \t]*(`{3,}|~{3,})/

/**
 * Checks a Markdown body before it is parsed: how deep a line's containers nest (its quote markers, and the list
 * items it can belong to, see `lineNesting`) and emphasis delimiters per paragraph, outside fenced code. Linear
 * in the text. `firstLine` is the body's line in the file. Null when within the limits.
 */
export function markdownBodyProblem(body: string, firstLine: number): LimitProblem | null {
  let fence: string | null = null
  const open: OpenContainer[] = []
  let delimiters = 0
  let paragraphLine = firstLine
  let lineNo = firstLine - 1
  for (let start = 0; start <= body.length;) {
    const nl = body.indexOf('\n', start)
    const end = nl < 0 ? body.length : nl
    const line = body.slice(start, end)
    lineNo += 1
    start = end + 1
    const fenceMark = FENCE.exec(line)?.[1]
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null
      if (nl < 0) break
      continue
    }
    if (fenceMark) {
      fence = fenceMark
      if (nl < 0) break
      continue
    }
    if (line.trim() === '') {
      delimiters = 0
      paragraphLine = lineNo + 1
      if (nl < 0) break
      continue
    }
    // Containers this line is inside: its quote markers, and the open list items it can belong to.
    const { nesting, end: prefixEnd } = lineNesting(line, open)
    if (nesting > MARKDOWN_LIMITS.maxRawNesting)
      return {
        line: lineNo,
        message: `quotes and lists nested deeper than the limit of ${MARKDOWN_LIMITS.maxRawNesting} levels`,
      }
    for (let j = prefixEnd; j < line.length; j++) {
      const c = line.charCodeAt(j)
      if (c === 42 || c === 95 || c === 126) delimiters += 1
    }
    if (delimiters > MARKDOWN_LIMITS.maxDelimitersPerParagraph)
      return {
        line: paragraphLine,
        message: `a paragraph with more than ${MARKDOWN_LIMITS.maxDelimitersPerParagraph} emphasis markers (* _ ~), over the limit`,
      }
    if (nl < 0) break
  }
  return null
}

const ORDERED_MARKER = /^\d{1,9}[.)](?=[ \t]|$)/

/** A container a line opened (a quote or a list item), by the column of its marker. */
export interface OpenContainer {
  column: number
  quote: boolean
}

/**
 * How many containers one line is nested in, an upper bound of what the parser makes of it, and where its
 * container markers end. Nesting is opened only by quote and list markers; indentation alone opens nothing (a
 * deeply indented poem or code block is not nested). A container can hold only markers right of its own, so
 * `open` keeps the open containers by the column of their marker: a list marker closes everything at or right
 * of its column (a sibling) and opens one; a quote marker does the same except that it stays inside a list item
 * at its own column. A line without a marker is inside the open containers left of its first character; a less
 * indented line closes nothing (a lazy continuation line leaves them open). `open` is updated in place.
 */
export function lineNesting(line: string, open: OpenContainer[]): { nesting: number; end: number } {
  let column = 0
  let marker = false
  let i = 0
  let firstColumn = -1
  while (i < line.length) {
    const c = line[i]
    if (c === ' ') {
      column += 1
      i += 1
      continue
    }
    if (c === '\t') {
      column += 4 - (column % 4)
      i += 1
      continue
    }
    let width = 0
    let quote = false
    if (c === '>') {
      width = 1
      quote = true
    } else if (c === '-' || c === '+' || c === '*') {
      if (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t') width = 1
    } else if (c !== undefined && c >= '0' && c <= '9')
      width = ORDERED_MARKER.exec(line.slice(i, i + 11))?.[0].length ?? 0
    if (width === 0) break
    if (firstColumn < 0) firstColumn = column
    // A quote marker continues (closes and reopens) the quotes at or right of its column and closes the list
    // items right of it; a list marker closes everything at or right of its column: a sibling, not a child.
    for (
      let top = open.at(-1);
      top && (top.column > column || (top.column === column && (!quote || top.quote)));
      top = open.at(-1)
    )
      open.pop()
    open.push({ column, quote })
    marker = true
    column += width
    i += width
  }
  if (marker) return { nesting: open.length, end: i }
  const at = firstColumn < 0 ? column : firstColumn
  let inside = 0
  while (inside < open.length && (open[inside] as OpenContainer).column < at) inside += 1
  return { nesting: inside, end: i }
}

/** Deepest block nesting of a document: nodes with content from the doc down (doc 0, a top-level paragraph 1). */
export function docDepth(doc: TiptapDoc): number {
  let deepest = 0
  const stack: [{ content?: unknown }, number][] = [[doc, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [{ content?: unknown }, number]
    if (!Array.isArray(node.content)) continue
    if (depth > deepest) deepest = depth
    for (const child of node.content) stack.push([child as { content?: unknown }, depth + 1])
  }
  return deepest
}

/**
 * True when a parsed value weighs more than `limit` (string lengths plus one per node, shared nodes counted
 * each time they are reached, as YAML aliases expand). Stops as soon as the limit is passed.
 */
export function weighsMoreThan(value: unknown, limit: number): boolean {
  let weight = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    weight += typeof v === 'string' ? v.length + 1 : 1
    if (weight > limit) return true
    if (Array.isArray(v)) for (const item of v) stack.push(item)
    else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        weight += k.length
        stack.push(item)
      }
    }
  }
  return false
}
