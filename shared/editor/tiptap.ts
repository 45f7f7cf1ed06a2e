import { getSchema, Node, type AnyExtension } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import Image from '@tiptap/extension-image'
import { BulletList, OrderedList } from '@tiptap/extension-list'
import StarterKit, { type StarterKitOptions } from '@tiptap/starter-kit'
import type { TiptapDoc, TiptapNode } from '../article/schema'
import { figureMarkdown, figureNode, unescapeMarkdownText } from './nodes/figure'
import { mediaEmbedMarkdown, mediaEmbedNode, mediaKindLabel, mediaKindOf, readMediaMarkdown } from './nodes/media-embed'
import type { MediaKind, NodeDefinition } from './types'

/** TipTap attribute specs of a node definition: the defaults, nothing more (views add their DOM parsing). */
export function tiptapAttributes(def: NodeDefinition): Record<string, { default: unknown }> {
  return Object.fromEntries(Object.entries(def.attrs).map(([name, spec]) => [name, { default: spec.default }]))
}

type Tokenizer = { tokenize: (src: string, tokens: unknown[], lexer: unknown) => unknown }
const listTokenizer = OrderedList.config.markdownTokenizer as unknown as Tokenizer & Record<string, unknown>

type RenderMarkdown = (node: TiptapNode, helpers: unknown, context: unknown) => string
const renderOrderedList = OrderedList.config.renderMarkdown as unknown as RenderMarkdown
const renderBulletList = BulletList.config.renderMarkdown as unknown as RenderMarkdown

/**
 * CommonMark reads two lists of one kind with only a blank line between them as one list, so a body with two
 * adjacent lists came back from its Markdown as one. As CommonMark prescribes, the second of two adjacent lists
 * is written with the other delimiter ("*" for "-", ")" for "."): `alternateLists` holds the lists of the
 * body being written that take it (marked by `markAdjacentLists` before each serialization).
 */
let alternateLists = new WeakSet<object>()

/** Marks every list that directly follows a list of the same kind (every other one of a run, at any depth). */
export function markAdjacentLists(doc: TiptapNode): void {
  alternateLists = new WeakSet()
  const visit = (node: TiptapNode) => {
    let previous: TiptapNode | undefined
    let alternate = false
    for (const child of node.content ?? []) {
      const isList = child.type === 'bulletList' || child.type === 'orderedList'
      alternate = isList && previous?.type === child.type ? !alternate : false
      if (alternate) alternateLists.add(child)
      visit(child)
      previous = child
    }
  }
  visit(doc)
}

/**
 * The ordered list's Markdown form. TipTap's tokenizer also takes letter markers, so a paragraph opening
 * "Dr. Helen…" parses as a list item; CommonMark lists are numbered only, so we accept the tokenizer's result
 * only for digit markers. It also runs on past a change of delimiter ("1." then "1)"), where CommonMark starts a
 * new list: it is given the source only up to the first item (at this list's level) with the other delimiter.
 */
const CommonMarkOrderedList = OrderedList.extend({
  markdownTokenizer: {
    ...listTokenizer,
    tokenize: (src: string, tokens: unknown[], lexer: unknown) => {
      const first = /^( {0,3})(\d{1,9})([.)])[ \t]/.exec(src)
      if (!first) return undefined
      // Lines indented less than the first item's content belong to this list's level, not to an item.
      const level = (first[1] as string).length + (first[2] as string).length + 1
      const other = first[3] === '.' ? '\\)' : '\\.'
      const end = new RegExp(`\\n {0,${level}}\\d{1,9}${other}[ \\t]`).exec(src)
      return listTokenizer.tokenize(end ? src.slice(0, end.index + 1) : src, tokens, lexer)
    },
  } as unknown as typeof OrderedList.config.markdownTokenizer,
  renderMarkdown: ((node: TiptapNode, helpers: unknown, context: unknown) => {
    const text = renderOrderedList(node, helpers, context)
    return alternateLists.has(node) ? text.replace(/^(\d{1,9})\. /gm, '$1) ') : text
  }) as unknown as typeof OrderedList.config.renderMarkdown,
})

/** The bullet list's Markdown form ("- ", or "* " right after another bullet list). */
const CommonMarkBulletList = BulletList.extend({
  renderMarkdown: ((node: TiptapNode, helpers: unknown, context: unknown) => {
    const text = renderBulletList(node, helpers, context)
    return alternateLists.has(node) ? text.replace(/^- /gm, '* ') : text
  }) as unknown as typeof BulletList.config.renderMarkdown,
})

/** The figure node of the schema (TipTap's Image as a block with alt text and caption); the editor adds its view. */
export const FigureNode = Image.extend({
  addOptions() {
    return { ...this.parent!(), inline: false, allowBase64: false }
  },
  addAttributes() {
    return tiptapAttributes(figureNode)
  },
  renderText({ node }) {
    return figureNode.text(node.toJSON() as TiptapNode, {
      inline: () => '',
      blocks: () => '',
      options: {},
    })
  },
  parseMarkdown: (token, helpers) =>
    helpers.createNode('image', {
      src: typeof token.href === 'string' ? token.href : '',
      alt: typeof token.text === 'string' ? unescapeMarkdownText(token.text) : '',
      caption: typeof token.title === 'string' ? token.title : '',
    }),
  renderMarkdown: (node) => figureMarkdown(node as TiptapNode),
})

/** Options of the media card node: how it names a kind in plain text (the editor passes translated labels). */
export interface MediaEmbedNodeOptions {
  kindLabel: ((kind: MediaKind) => string) | null
}

/** The media card node of the schema (an atom block); the editor adds its view and commands. */
export const MediaEmbedNode = Node.create<MediaEmbedNodeOptions>({
  name: mediaEmbedNode.name,
  group: mediaEmbedNode.group,
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { kindLabel: null }
  },

  addAttributes() {
    return tiptapAttributes(mediaEmbedNode)
  },

  renderHTML({ node, HTMLAttributes }) {
    const url = String(node.attrs.url)
    const kind = mediaKindOf({ attrs: node.attrs })
    const label = this.options.kindLabel?.(kind) ?? mediaKindLabel(kind)
    return [
      'div',
      { ...HTMLAttributes, 'data-media-embed': kind, 'data-url': url, class: `media-embed media-embed-${kind}` },
      ['span', { class: 'media-embed-kind' }, label],
      ['span', { class: 'media-embed-url' }, url],
    ]
  },

  renderText({ node }) {
    return `[${mediaEmbedNode.text(node.toJSON() as TiptapNode, noText(this.options.kindLabel))}]`
  },

  markdownTokenizer: {
    name: 'mediaEmbed',
    level: 'block',
    // Never interrupts a paragraph: a card is always written as a paragraph of its own.
    start: () => -1,
    tokenize: (src: string) => {
      const card = readMediaMarkdown(src)
      return card ? { type: 'mediaEmbed', raw: card.raw, url: card.url, kind: card.kind } : undefined
    },
  },
  parseMarkdown: (token, helpers) => helpers.createNode('mediaEmbed', { url: token.url, kind: token.kind }),
  renderMarkdown: (node) => mediaEmbedMarkdown(node as TiptapNode),
})

function noText(kindLabel: ((kind: MediaKind) => string) | null) {
  return { inline: () => '', blocks: () => '', options: kindLabel ? { kindLabel } : {} }
}

/** Link options that belong to the schema (stored attributes); the editor adds paste and autolink behaviour. */
export type SchemaLinkOptions = NonNullable<Exclude<StarterKitOptions['link'], false>>

/** The node views the editor puts in place of the schema's own nodes (same names, built on them). */
export interface SchemaViews {
  image?: AnyExtension
  mediaEmbed?: AnyExtension
}

/**
 * The TipTap extensions that make the article body's schema: StarterKit's nodes and marks (headings 2-4, no
 * code blocks, no underline), CommonMark lists, the figure and the media card. The Markdown codec uses this list as it is; the
 * editor passes its link behaviour and its views of the figure and the media card.
 */
export function bodySchemaExtensions(options: { link?: SchemaLinkOptions; views?: SchemaViews } = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      // The body has no code blocks (imported fences become paragraphs, see the Markdown codec) and no underline.
      codeBlock: false,
      underline: false,
      orderedList: false,
      bulletList: false,
      link: { HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow' }, ...options.link },
    }),
    CommonMarkOrderedList,
    CommonMarkBulletList,
    options.views?.image ?? FigureNode,
    options.views?.mediaEmbed ?? MediaEmbedNode,
  ]
}

let schemaInstance: Schema | null = null

/** The ProseMirror schema the body extensions make (built once; no DOM needed). */
export function bodySchema(): Schema {
  schemaInstance ??= getSchema(bodySchemaExtensions())
  return schemaInstance
}

/**
 * A body as the editor would hold it: read through the schema (every attribute present with its default, adjacent
 * text runs with the same marks joined) and written back. Raises for content the schema does not allow.
 */
export function canonicalBody(doc: TiptapDoc): TiptapDoc {
  const node = bodySchema().nodeFromJSON(doc)
  node.check()
  return node.toJSON() as TiptapDoc
}
