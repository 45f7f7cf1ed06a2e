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
  /** Containers (quote markers, list markers, indentation) the raw text may open on one line. */
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
 * Checks a Markdown body before it is parsed: nesting opened on one line (quote and list markers, and
 * indentation, counted generously) and emphasis delimiters per paragraph, outside fenced code. Linear in the
 * text. `firstLine` is the body's line in the file. Null when within the limits.
 */
export function markdownBodyProblem(body: string, firstLine: number): LimitProblem | null {
  let fence: string | null = null
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
    // Containers opened on this line: each quote or list marker, plus one per two columns of indentation.
    let nesting = 0
    let columns = 0
    let i = 0
    while (i < line.length) {
      const c = line[i]
      if (c === ' ') columns += 1
      else if (c === '\t') columns += 4
      else if (c === '>') nesting += 1
      else if ((c === '-' || c === '+' || c === '*') && (line[i + 1] === ' ' || line[i + 1] === '\t')) nesting += 1
      else {
        const m = /^\d{1,9}[.)][ \t]/.exec(line.slice(i, i + 11))
        if (!m) break
        nesting += 1
        i += m[0].length - 1
      }
      i += 1
    }
    nesting += Math.floor(columns / 2)
    if (nesting > MARKDOWN_LIMITS.maxRawNesting)
      return {
        line: lineNo,
        message: `nesting (quotes, lists, indentation) deeper than the limit of ${MARKDOWN_LIMITS.maxRawNesting} levels`,
      }
    for (let j = i; j < line.length; j++) {
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
