import { Extension } from '@tiptap/core'
import { MarkdownManager } from '@tiptap/markdown'
import type { TiptapDoc, TiptapNode } from '../article/schema'
import { bodySchemaExtensions, markAdjacentLists } from '../editor/tiptap'

/** Converts article bodies between TipTap JSON and CommonMark/GFM; create once and reuse (setup is the costly part). */
export interface MarkdownCodec {
  toMarkdown(doc: TiptapDoc): string
  toDoc(markdown: string): TiptapDoc
  /**
   * Like `toDoc`, also counting the GFM tables and the code blocks that were kept as paragraphs (the body schema
   * has neither).
   */
  parse(markdown: string, budget?: ParseBudget): { doc: TiptapDoc; flattenedTables: number; flattenedCode: number }
}

/** A time limit for one parse: checked inside the parser's loops, not after it. */
export interface ParseBudget {
  /** The parse stops with `ParseOverBudget` once `clock()` reaches this (milliseconds). */
  deadline: number
  /** The clock `deadline` is on (default `Date.now`). */
  clock?: () => number
}

/** Raised by `parse` when its budget ran out mid-parse; `offset` is about where in the text it was, when known. */
export class ParseOverBudget extends Error {
  override readonly name = 'ParseOverBudget'
  constructor(readonly offset: number | null) {
    super('the Markdown parser ran out of time')
  }
}

interface TableCell {
  tokens?: unknown[]
}
interface TableToken {
  header?: TableCell[]
  rows?: TableCell[][]
}
type ParseHelpers = { parseInline: (tokens: unknown[]) => TiptapNode[] }

/**
 * The editor's body schema has no table node, and TipTap's Markdown parser drops tokens it has no node for,
 * so a GFM table would vanish on import. This keeps every row as one paragraph, cells joined by " | "
 * (inline marks kept), and counts the tables so the import report can warn.
 */
function tablesAsParagraphs(onTable: () => void) {
  return Extension.create({
    name: 'gfmTableAsParagraphs',
    markdownTokenName: 'table',
    parseMarkdown: (token: unknown, helpers: unknown) => {
      onTable()
      const table = token as TableToken
      const { parseInline } = helpers as ParseHelpers
      const rows = [...(table.header ? [table.header] : []), ...(table.rows ?? [])]
      return rows.map((cells) => {
        const content: TiptapNode[] = []
        const push = (node: TiptapNode) => {
          const last = content[content.length - 1]
          // Adjacent text with the same marks is one node, as ProseMirror would normalise it.
          if (
            last?.type === 'text' &&
            node.type === 'text' &&
            JSON.stringify(last.marks) === JSON.stringify(node.marks)
          )
            content[content.length - 1] = { ...last, text: `${last.text ?? ''}${node.text ?? ''}` }
          else content.push(node)
        }
        cells.forEach((cell, i) => {
          if (i > 0) push({ type: 'text', text: ' | ' })
          parseInline(cell.tokens ?? []).forEach(push)
        })
        return { type: 'paragraph', content }
      })
    },
  } as Parameters<typeof Extension.create>[0])
}

/**
 * The body schema has no code block either (shared/editor): a fenced or indented code block is kept as one
 * paragraph, its lines joined by hard breaks (text as written, no Markdown read inside), and counted.
 */
function codeAsParagraphs(onCode: () => void) {
  return Extension.create({
    name: 'codeAsParagraphs',
    markdownTokenName: 'code',
    parseMarkdown: (token: unknown) => {
      onCode()
      const text = String((token as { text?: unknown }).text ?? '')
      const content: TiptapNode[] = []
      text.split('\n').forEach((line, i) => {
        if (i > 0) content.push({ type: 'hardBreak' })
        if (line !== '') content.push({ type: 'text', text: line })
      })
      return { type: 'paragraph', content }
    },
  } as Parameters<typeof Extension.create>[0])
}

/** marked's GFM inline text rule without its autolink (URL and email) stops. */
export const GFM_TEXT_WITHOUT_AUTOLINKS =
  /^([`~]+|[^`~])(?:(?= {2,}\n)|[\s\S]*?(?:(?=[\\<![`*~_]|\b_|$)|[^ ](?= {2,}\n)))/

/** A character marked's escape mask takes after a backslash (its `anyPunctuation`: Unicode punctuation and symbols). */
const ESCAPABLE = /^[\p{P}\p{S}]$/u

/** Where the closing run of exactly `length` backticks starts in `src` from `from`, or -1 (the span does not close). */
function closingBackticks(src: string, from: number, length: number): number {
  let i = src.indexOf('`', from)
  while (i >= 0) {
    let end = i
    while (src[end] === '`') end += 1
    if (end - i === length) return i
    i = src.indexOf('`', end)
  }
  return -1
}

/**
 * The masked source marked's emphasis and strikethrough tokenizers look for closing delimiters in: `src` with every
 * backslash escape, code span, link and HTML tag replaced by filler of the SAME length (marked slices it from the
 * end by the length of what is left to read). marked's own mask is wrong in two ways, so a later `*` or `~~`
 * closed one character off (issue #16): an escape of a character outside the Basic Multilingual Plane (a backslash
 * before an emoji) is masked as two characters instead of three; and escapes are masked before code spans, so a
 * code span ending with a backslash (`` `a\` ``) loses its closing backtick and a later backtick closes it instead,
 * as does a code span of two backticks holding one. Here escapes and code spans are read in one pass, as CommonMark
 * reads them (a backslash escapes outside code only; a code span closes at the next run of as many backticks);
 * links and tags are then masked with marked's own rule.
 */
export function emphasisMask(src: string, blockSkip: RegExp): string {
  let out = ''
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (c === '\\' && i + 1 < src.length) {
      const next = String.fromCodePoint(src.codePointAt(i + 1)!)
      if (ESCAPABLE.test(next)) {
        out += '+'.repeat(1 + next.length)
        i += 1 + next.length
        continue
      }
    } else if (c === '`') {
      let run = 1
      while (src[i + run] === '`') run += 1
      const close = closingBackticks(src, i + run, run)
      if (close >= 0) {
        // Punctuation at both ends, as the backticks are, so the delimiters beside it flank as they do in the source.
        out += `+${'a'.repeat(close + run - i - 2)}+`
        i = close + run
      } else {
        out += '`'.repeat(run)
        i += run
      }
      continue
    }
    out += c
    i += 1
  }
  // Links and HTML tags, as marked masks them (its code-span alternative finds nothing left to pair).
  const skip = new RegExp(blockSkip.source, blockSkip.flags.includes('g') ? blockSkip.flags : `${blockSkip.flags}g`)
  let masked = out
  let match: RegExpExecArray | null
  while ((match = skip.exec(masked)) !== null) {
    const lead = match[2] ? match[2].length : 0
    masked = `${masked.slice(0, match.index + lead)}[${'a'.repeat(match[0].length - lead - 2)}]${masked.slice(skip.lastIndex)}`
  }
  return masked
}

interface TokenizerThis {
  rules: { inline: { blockSkip: RegExp } }
}
type DelimiterTokenizer = (this: TokenizerThis, src: string, masked: string, prevChar?: string) => unknown

/**
 * Builds the codec over the editor's own schema (shared/editor: every node's Markdown form, the figure and the
 * media card included); works without a DOM.
 */
export function createMarkdownCodec(): MarkdownCodec {
  let tables = 0
  let code = 0
  const manager = new MarkdownManager({
    extensions: [
      ...bodySchemaExtensions(),
      tablesAsParagraphs(() => (tables += 1)),
      codeAsParagraphs(() => (code += 1)),
    ],
  })
  // Bare URLs in text stay text: GFM's autolink literals would turn exported text into links on re-import,
  // so a round trip would not be byte-identical. (The marked instance is TipTap's shared one.)
  manager.instance.use({ tokenizer: { url: () => undefined } })
  // With the autolink tokenizer off, GFM's inline text rule still stops before every "http", "www." and
  // email-like word only to hand the rest back to itself, and its email lookaheads are the costliest regex of
  // an import. This rule stops at the same Markdown delimiters, so the tokens are the same (consecutive text
  // tokens are merged by the lexer; bundle.test.ts compares both rules on generated text).
  const { gfm, breaks, pedantic } = manager.instance.defaults
  if (gfm && !breaks && !pedantic) {
    manager.instance.use({
      tokenizer: {
        inlineText(this: { lexer: { state: { inRawBlock: boolean } } }, src: string) {
          const cap = GFM_TEXT_WITHOUT_AUTOLINKS.exec(src)
          if (cap) return { type: 'text', raw: cap[0], text: cap[0], escaped: this.lexer.state.inRawBlock }
          return undefined
        },
      },
    } as Parameters<typeof manager.instance.use>[0])
  }
  // Emphasis and strikethrough close where CommonMark closes them, next to code spans and escapes too
  // (emphasisMask says what marked's own mask gets wrong).
  const { emStrong, del } = manager.instance.Tokenizer.prototype as unknown as Record<
    'emStrong' | 'del',
    DelimiterTokenizer
  >
  manager.instance.use({
    tokenizer: {
      emStrong(this: TokenizerThis, src: string, _masked: string, prevChar?: string) {
        if (src[0] !== '*' && src[0] !== '_') return undefined
        return emStrong.call(this, src, emphasisMask(src, this.rules.inline.blockSkip), prevChar)
      },
      del(this: TokenizerThis, src: string, _masked: string, prevChar?: string) {
        if (src[0] !== '~') return undefined
        return del.call(this, src, emphasisMask(src, this.rules.inline.blockSkip), prevChar)
      },
    },
  } as Parameters<typeof manager.instance.use>[0])
  // After the mask above (a tokenizer added later runs first and hands over by returning false).
  // The time budget is checked where the lexer's loops turn: `space` is the first rule tried on every pass of
  // the block loop and `escape` on every pass of the inline loop (so each token costs one clock read), and
  // `emStrong`, whose scans are what make runs of delimiters slow. Returning false hands over to marked's rule.
  let budget: ParseBudget | null = null
  let parsing = ''
  const checkBudget = (src: string): false => {
    if (budget && (budget.clock ?? Date.now)() >= budget.deadline) {
      // Where the parser was, best effort: nested and inline text is a slice of the source (or close to it).
      const at = parsing.indexOf(src.slice(0, 64))
      throw new ParseOverBudget(at >= 0 ? at : null)
    }
    return false
  }
  manager.instance.use({ tokenizer: { space: checkBudget, escape: checkBudget, emStrong: checkBudget } })
  return {
    toMarkdown: (doc) => {
      markAdjacentLists(doc as TiptapNode)
      const text = manager.serialize(doc as Parameters<MarkdownManager['serialize']>[0]).trim()
      return text === '' ? '' : `${text}\n`
    },
    toDoc: (markdown) => parse(markdown).doc,
    parse,
  }
  /**
   * CommonMark strips the spaces that open a line after a hard break; TipTap's ordered-list reader keeps the
   * indentation of such a line inside a list item. Strip it, so a body reads back the same at any list depth.
   */
  function trimAfterBreaks(node: TiptapNode): TiptapNode {
    if (!node.content) return node
    let changed = false
    const content = node.content.map((child, i) => {
      let next = trimAfterBreaks(child)
      if (next.type === 'text' && node.content?.[i - 1]?.type === 'hardBreak' && /^[ \t]/.test(next.text ?? '')) {
        next = { ...next, text: (next.text ?? '').replace(/^[ \t]+/, '') }
      }
      if (next !== child) changed = true
      return next
    })
    const kept = content.filter((c) => c.type !== 'text' || c.text !== '')
    return changed ? { ...node, content: kept } : node
  }
  function parse(
    markdown: string,
    limit?: ParseBudget,
  ): { doc: TiptapDoc; flattenedTables: number; flattenedCode: number } {
    tables = 0
    code = 0
    budget = limit ?? null
    parsing = markdown
    let doc: TiptapDoc
    try {
      doc = trimAfterBreaks(manager.parse(markdown) as TiptapNode) as TiptapDoc
    } finally {
      budget = null
      parsing = ''
    }
    return {
      doc: doc.content && doc.content.length > 0 ? doc : { type: 'doc', content: [{ type: 'paragraph' }] },
      flattenedTables: tables,
      flattenedCode: code,
    }
  }
}

const ASSET_REF = /^(?:asset:|(?:\.\.?\/)*assets\/)?([a-f0-9]{64}\.[a-z0-9]{1,5})$/

/** The workspace asset file name an image `src` refers to ("assets/<sha256>.png", "asset:…", "../assets/…"), or null. */
export function assetNameOf(src: unknown): string | null {
  if (typeof src !== 'string') return null
  return ASSET_REF.exec(src)?.[1] ?? null
}

/** Returns a copy of `doc` with every image `src` passed through `map` (other nodes shared, not copied). */
export function mapImageSources(doc: TiptapDoc, map: (src: string) => string): TiptapDoc {
  const visit = (node: TiptapNode): TiptapNode => {
    let next = node
    if (node.type === 'image' && typeof node.attrs?.src === 'string') {
      const src = map(node.attrs.src)
      if (src !== node.attrs.src) next = { ...node, attrs: { ...node.attrs, src } }
    }
    if (node.content) {
      const content = node.content.map(visit)
      if (content.some((c, i) => c !== node.content?.[i])) next = { ...next, content }
    }
    return next
  }
  return visit(doc as TiptapNode) as TiptapDoc
}

const TEXTBLOCKS = new Set(['paragraph', 'heading'])

/**
 * Brings every image of an imported body into the shape the editor's schema has: an image is a block node whose
 * `src` is a workspace asset. Markdown puts images inside paragraphs ("Text ![x](a.png) more"), so a resolved
 * image is lifted out of its paragraph (the text before and after stays in paragraphs of its own). An image that
 * does not resolve to an asset (remote URL, a file missing from the bundle, `javascript:`…) never becomes a live
 * image: it is kept as its literal Markdown text, so nothing is lost and nothing is ever loaded.
 * `resolve` returns the asset file name for a `src`, or null. Returns the new body and the unresolved sources.
 */
export function normalizeImages(
  doc: TiptapDoc,
  resolve: (src: string) => string | null,
): { doc: TiptapDoc; unresolved: string[] } {
  const unresolved: string[] = []
  const imageOf = (node: TiptapNode): TiptapNode | null => {
    const src = typeof node.attrs?.src === 'string' ? node.attrs.src : ''
    const name = resolve(src)
    if (name) return { ...node, attrs: { ...node.attrs, src: `assets/${name}` } }
    unresolved.push(src)
    return null
  }
  const literal = (node: TiptapNode): TiptapNode => ({
    type: 'text',
    text: `![${typeof node.attrs?.alt === 'string' ? node.attrs.alt : ''}](${String(node.attrs?.src ?? '')})`,
  })
  const blocks = (node: TiptapNode): TiptapNode[] => {
    if (node.type === 'image') return [imageOf(node) ?? { type: 'paragraph', content: [literal(node)] }]
    const children = node.content
    if (!children) return [node]
    if (!TEXTBLOCKS.has(node.type) || !children.some((c) => c.type === 'image')) {
      const content = children.flatMap(blocks)
      // A list item opens with a paragraph in the schema, also when its first line was only an image.
      if (node.type === 'listItem' && content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph' })
      return [{ ...node, content }]
    }
    // A textblock holding images: split it around each resolved image.
    const out: TiptapNode[] = []
    let run: TiptapNode[] = []
    const flush = () => {
      if (run.some((c) => c.type !== 'hardBreak' && (c.type !== 'text' || (c.text ?? '').trim() !== ''))) {
        out.push({ ...node, content: run })
      }
      run = []
    }
    for (const child of children) {
      if (child.type !== 'image') {
        run.push(child)
        continue
      }
      const image = imageOf(child)
      if (image) {
        flush()
        out.push(image)
      } else run.push(literal(child))
    }
    flush()
    return out
  }
  const content = (doc.content ?? []).flatMap(blocks)
  return {
    doc: { ...doc, content: content.length > 0 ? content : [{ type: 'paragraph' }] },
    unresolved,
  }
}

/** The workspace assets an article refers to: its featured image, then its body's images in order. */
export function articleAssets(article: { featuredImage: { asset: string } | null; body: TiptapDoc }): string[] {
  const names: string[] = []
  if (article.featuredImage) names.push(article.featuredImage.asset)
  for (const image of imagesOf(article.body)) {
    const name = assetNameOf(image.src)
    if (name) names.push(name)
  }
  return names
}

/** Every image node's `src` and `alt` in document order. */
export function imagesOf(doc: TiptapDoc): { src: string; alt: string }[] {
  const found: { src: string; alt: string }[] = []
  const visit = (node: TiptapNode) => {
    if (node.type === 'image') {
      found.push({ src: String(node.attrs?.src ?? ''), alt: typeof node.attrs?.alt === 'string' ? node.attrs.alt : '' })
    }
    node.content?.forEach(visit)
  }
  visit(doc as TiptapNode)
  return found
}
