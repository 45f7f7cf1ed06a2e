import type { TiptapNode } from '../article/schema'

/** A mark as stored in a TipTap JSON body. */
export type StoredMark = NonNullable<TiptapNode['marks']>[number]

/** The kinds of remote media a media card can point at. */
export const mediaKinds = ['audio', 'video', 'livestream'] as const
/** One kind of remote media. */
export type MediaKind = (typeof mediaKinds)[number]

/** One attribute of a node or mark: its default, and what values it takes (read by the fidelity generator). */
export interface AttributeSpec {
  default: unknown
  /** Plain words for documentation and error messages ("single line of text", "http(s) URL"…). */
  values: string
}

/** Options every rendering of a body can be given (HTML and plain text). */
export interface BodyRenderOptions {
  /** Maps a stored image `src` to the URL to show, or null to show a placeholder (default: the safe-src policy). */
  resolveImage?: (src: string) => string | null
  /** The reader-facing name of a media kind ("Video", "Vídeo"); default: the English name. */
  kindLabel?: (kind: MediaKind) => string
}

/** What a node's HTML form is given: its children already rendered, and the render options. */
export interface HtmlContext {
  children: () => string
  options: BodyRenderOptions
}

/** What a node's plain-text form is given: its inline or block children as text, and the render options. */
export interface TextContext {
  /** The text of inline children, joined. */
  inline: () => string
  /** The text blocks of block children, each non-empty, joined by a blank line. */
  blocks: () => string
  options: BodyRenderOptions
}

/**
 * Where a node sits: `doc` (the root), `block` container or textblock, `leaf` (an atom block such as a figure),
 * `inline` (an inline leaf such as a hard break) or `text`.
 */
export type NodeRole = 'doc' | 'block' | 'textblock' | 'leaf' | 'inline' | 'text'

/**
 * One node of the article body: its schema (name, attributes with defaults, content rule) and its form in
 * every output. The Markdown form is written by the TipTap extension of the same name in `tiptap.ts`
 * (`markdown` says in words what it is; a test round-trips `example` through the codec).
 */
export interface NodeDefinition {
  name: string
  role: NodeRole
  /** ProseMirror content expression; absent for leaves. */
  content?: string
  /** ProseMirror group ("block", "inline", "block list"). */
  group?: string
  attrs: Readonly<Record<string, AttributeSpec>>
  /** The Markdown form, in words (README's formats section lists these). */
  markdown: string
  /** The HTML form (every text and attribute escaped). */
  html: (node: TiptapNode, ctx: HtmlContext) => string
  /** The plain-text form: a text run for inline nodes, the block's text for blocks (may be ''). */
  text: (node: TiptapNode, ctx: TextContext) => string
  /** A small instance, for the tests that prove every form exists. */
  example: TiptapNode
}

/** One mark: its schema and its form in every output. */
export interface MarkDefinition {
  name: string
  attrs: Readonly<Record<string, AttributeSpec>>
  /** ProseMirror `excludes` (the code mark excludes all others). */
  excludes?: string
  /** The Markdown form, in words. */
  markdown: string
  /** Wraps already-rendered inner HTML; returns it unwrapped when an attribute is unsafe (a link to javascript:). */
  html: (inner: string, mark: StoredMark) => string
  /** The plain-text form of marked text (marks never change the words). */
  text: (inner: string) => string
  /** A mark instance for the tests. */
  example: StoredMark
}

/** A string attribute of a stored node, or '' when absent or not a string. */
export function attrString(node: { attrs?: Record<string, unknown> }, name: string): string {
  const value = node.attrs?.[name]
  return typeof value === 'string' ? value : ''
}
