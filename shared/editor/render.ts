import type { TiptapDoc, TiptapNode } from '../article/schema'
import { escapeHtml } from '../render/html'
import { markDefinition, nodeDefinition } from './schema'
import type { BodyRenderOptions, NodeDefinition } from './types'

/** Inline node types: text and inline leaves (a hard break). */
function isInline(node: TiptapNode): boolean {
  const role = nodeDefinition(node.type)?.role
  return role === 'text' || role === 'inline' || (role === undefined && node.text !== undefined)
}

function markedHtml(node: TiptapNode, html: string): string {
  let out = html
  for (const mark of node.marks ?? []) {
    // An unknown mark keeps its text, unstyled: nothing the author wrote is dropped.
    out = markDefinition(mark.type)?.html(out, mark) ?? out
  }
  return out
}

function nodeHtml(node: TiptapNode, options: BodyRenderOptions): string {
  const def: NodeDefinition | undefined = nodeDefinition(node.type)
  const children = () => (node.content ?? []).map((c) => nodeHtml(c, options)).join('')
  if (!def) {
    // Unknown nodes (from a newer version) render their children, so their text still shows, escaped.
    return node.text !== undefined
      ? markedHtml(node, escapeHtml(node.text).replace(/\n/g, '<br>'))
      : `<div>${children()}</div>`
  }
  const html = def.html(node, { children, options })
  return def.role === 'text' ? markedHtml(node, html) : html
}

/**
 * The HTML form of a body, from each node's and mark's definition: every text escaped, links http/https/mailto
 * only, images through `resolveImage` (default: workspace assets and inline rasters), media cards as figures
 * with a link (never an iframe or a remote load).
 */
export function renderBodyHtml(doc: TiptapDoc | TiptapNode, options: BodyRenderOptions = {}): string {
  return nodeHtml(doc as TiptapNode, options)
}

function inlineText(nodes: readonly TiptapNode[] | undefined, options: BodyRenderOptions): string {
  return (nodes ?? []).map((n) => nodeText(n, options)).join('')
}

function blockText(nodes: readonly TiptapNode[] | undefined, options: BodyRenderOptions): string {
  const blocks: string[] = []
  let run: TiptapNode[] = []
  const flush = () => {
    const text = inlineText(run, options)
    if (text !== '') blocks.push(text)
    run = []
  }
  for (const child of nodes ?? []) {
    // Stray inline content among blocks (an unknown container) is one block of its own.
    if (isInline(child)) {
      run.push(child)
      continue
    }
    flush()
    const text = nodeText(child, options)
    if (text !== '') blocks.push(text)
  }
  flush()
  return blocks.join('\n\n')
}

function nodeText(node: TiptapNode, options: BodyRenderOptions): string {
  const def = nodeDefinition(node.type)
  const ctx = {
    inline: () => inlineText(node.content, options),
    blocks: () => blockText(node.content, options),
    options,
  }
  if (!def) {
    if (node.text !== undefined) return node.text
    const children = node.content ?? []
    return children.length > 0 && children.every(isInline) ? ctx.inline() : ctx.blocks()
  }
  const text = def.text(node, ctx)
  if (def.role !== 'text') return text
  let out = text
  for (const mark of node.marks ?? []) out = markDefinition(mark.type)?.text(out) ?? out
  return out
}

/**
 * The plain-text form of a body, from each node's definition: blocks separated by a blank line, hard breaks as
 * newlines, a figure as its caption, a media card as "Kind: URL". Search, word counts, diffs, the readiness
 * check and the text renditions of ninjs and RSS all read this.
 */
export function plainText(doc: TiptapDoc | TiptapNode, options: BodyRenderOptions = {}): string {
  return nodeText(doc as TiptapNode, options)
}

/** Word count of plain text (runs of letters, digits and joiners, Unicode-aware). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0
}

/**
 * The figures shown under the editor: words and characters of the body's plain text (line and block breaks are
 * not characters, as the editor has always counted).
 */
export function bodyCounts(doc: TiptapDoc | TiptapNode): { words: number; characters: number } {
  const text = plainText(doc)
  return { words: wordCount(text), characters: text.replace(/\n/g, '').length }
}

/** Every node of a body in document order (depth first), with the one visitor every collector uses. */
export function eachNode(doc: TiptapDoc | TiptapNode, visit: (node: TiptapNode) => void): void {
  const walk = (node: TiptapNode) => {
    visit(node)
    node.content?.forEach(walk)
  }
  walk(doc as TiptapNode)
}
