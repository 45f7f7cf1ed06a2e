import { Extension, getSchema, Node, type AnyExtension } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import Image from '@tiptap/extension-image'
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list'
import StarterKit, { type StarterKitOptions } from '@tiptap/starter-kit'
import type { TiptapDoc, TiptapNode } from '../article/schema'
import { BLOCK_ID_ATTR } from './block-ids'
import { figureMarkdown, figureNode, unescapeMarkdownText } from './nodes/figure'
import { mediaEmbedMarkdown, mediaEmbedNode, mediaKindLabel, mediaKindOf, readMediaMarkdown } from './nodes/media-embed'
import { editorNodes } from './schema'
import type { MediaKind, NodeDefinition } from './types'

/**
 * TipTap attribute specs of a node definition: the defaults, nothing more (views add their DOM parsing). The block
 * id is left out: `BlockIdAttribute` gives it to every block node at once.
 */
export function tiptapAttributes(def: NodeDefinition): Record<string, { default: unknown }> {
  return Object.fromEntries(
    Object.entries(def.attrs)
      .filter(([name]) => name !== BLOCK_ID_ATTR)
      .map(([name, spec]) => [name, { default: spec.default }]),
  )
}

/**
 * The block id attribute (shared/editor/block-ids.ts) on every node whose definition has one. It is written to
 * the editor's DOM and clipboard as `data-block-id` and read back from it, so a block cut and pasted or dragged
 * keeps its id (a pasted copy of a block still present is renamed by the editor's block-id plugin). It is not
 * kept on split: the second half of a split block starts without one and is given a new one.
 */
export const BlockIdAttribute = Extension.create({
  name: 'blockIdAttribute',
  addGlobalAttributes() {
    return [
      {
        types: editorNodes.filter((def) => BLOCK_ID_ATTR in def.attrs).map((def) => def.name),
        attributes: {
          [BLOCK_ID_ATTR]: {
            default: null,
            keepOnSplit: false,
            parseHTML: (element: { getAttribute(name: string): string | null }) =>
              element.getAttribute('data-block-id') || null,
            renderHTML: (attrs: Record<string, unknown>) =>
              typeof attrs[BLOCK_ID_ATTR] === 'string' ? { 'data-block-id': attrs[BLOCK_ID_ATTR] } : {},
          },
        },
      },
    ]
  },
})

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
 * The ordered list's Markdown form. It is read by marked's CommonMark list rule, as bullet lists are, item by
 * item through the list item's reader. (TipTap's own ordered-list reader took letter markers, so "Dr. Helen…"
 * became a list; ran on past a change of delimiter and past an outdented paragraph; and kept part of the
 * indentation of an item's later blocks in their text.)
 */
const CommonMarkOrderedList = OrderedList.extend({
  markdownTokenizer: {
    name: 'orderedList',
    level: 'block',
    start: () => -1,
    tokenize: () => undefined,
  },
  parseMarkdown: (token, helpers) => {
    if (token.type !== 'list' || !token.ordered) return []
    const start = Number(token.start)
    return {
      type: 'orderedList',
      ...(Number.isInteger(start) && start !== 1 ? { attrs: { start } } : {}),
      content: Array.isArray(token.items) ? helpers.parseChildren(token.items) : [],
    }
  },
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

type RenderHelpers = { renderChildren: (nodes: TiptapNode[]) => string }
type RenderContext = { parentType?: string; index?: number; meta?: { parentAttrs?: Record<string, unknown> } }

/**
 * The list item's Markdown form: its marker, its first paragraph on the marker's line, a nested list right under
 * it, and every other block after a blank line, all indented to the content column. (TipTap's own form wrote a
 * figure or a second paragraph on the next line, where CommonMark reads it as part of the first paragraph.)
 */
const CommonMarkListItem = ListItem.extend({
  renderMarkdown: ((node: TiptapNode, h: RenderHelpers, ctx: RenderContext) => {
    let marker = '- '
    if (ctx.parentType === 'orderedList') {
      const start = Number(ctx.meta?.parentAttrs?.start ?? 1)
      marker = `${(Number.isInteger(start) ? start : 1) + (ctx.index ?? 0)}. `
    }
    const pad = ' '.repeat(marker.length)
    const indent = (text: string) =>
      text
        .split('\n')
        .map((line) => (line === '' ? '' : pad + line))
        .join('\n')
    const [first, ...rest] = node.content ?? []
    // The first paragraph's own lines (after hard breaks) are indented too: marked misreads some lazy lines.
    let out = marker + (first ? h.renderChildren([first]) : '').split('\n').join(`\n${pad}`)
    let previous = first
    for (const child of rest) {
      const text = h.renderChildren([child])
      const tight = previous?.type === 'paragraph' && (child.type === 'bulletList' || child.type === 'orderedList')
      out += `${tight ? '\n' : '\n\n'}${indent(text)}`
      previous = child
    }
    return out
  }) as unknown as typeof ListItem.config.renderMarkdown,
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

type AnyRender = (node: TiptapNode, helpers: unknown, ctx: unknown) => string

/**
 * Backslash-escapes what would make a paragraph's line start a block when read back: a list marker ("- ", "+ ",
 * "1. ", "1) "), a quote (">"), a heading ("#") or a setext underline ("=", "-") at the start of the paragraph
 * or after a hard break. (TipTap escapes emphasis and brackets, not these.)
 */
export function escapeBlockStarts(markdown: string): string {
  return markdown.replace(
    /^([ \t]*)(?:([-+>#=])|(\d{1,9})([.)]))/gm,
    (_all, space: string, mark?: string, digits?: string, delim?: string) =>
      mark ? `${space}\\${mark}` : `${space}${digits}\\${delim}`,
  )
}

function paragraphWithBlockEscapes(paragraph: AnyExtension): AnyExtension {
  const render = paragraph.config.renderMarkdown as unknown as AnyRender
  return paragraph.extend({
    renderMarkdown: ((node: TiptapNode, helpers: unknown, ctx: unknown) =>
      escapeBlockStarts(render(node, helpers, ctx))) as unknown as typeof paragraph.config.renderMarkdown,
  })
}

/** A heading's Markdown form, its last "#" escaped: CommonMark drops a heading's closing run of "#". */
function headingWithClosingEscape(heading: AnyExtension): AnyExtension {
  const render = heading.config.renderMarkdown as unknown as AnyRender
  return heading.extend({
    renderMarkdown: ((node: TiptapNode, helpers: unknown, ctx: unknown) =>
      render(node, helpers, ctx).replace(/#$/, '\\#')) as unknown as typeof heading.config.renderMarkdown,
  })
}

/**
 * A hard break's Markdown form: a backslash at the end of the line (CommonMark). TipTap wrote two trailing
 * spaces, which marked misreads inside a list item when the line holds a "#", and which editors strip.
 */
function backslashBreak(hardBreak: AnyExtension): AnyExtension {
  return hardBreak.extend({
    renderMarkdown: (() => '\\\n') as unknown as typeof hardBreak.config.renderMarkdown,
  })
}

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
  const kit = StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    // The body has no code blocks (imported fences become paragraphs, see the Markdown codec) and no underline.
    codeBlock: false,
    underline: false,
    orderedList: false,
    bulletList: false,
    listItem: false,
    link: { HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow' }, ...options.link },
  })
  // StarterKit's own extensions, so the paragraph can take its Markdown form from here.
  const parts = kit.config.addExtensions!.call({
    name: kit.name,
    options: kit.options,
    storage: {},
    parent: undefined,
  } as never) as AnyExtension[]
  return [
    ...parts.map((part) =>
      part.name === 'paragraph'
        ? paragraphWithBlockEscapes(part)
        : part.name === 'hardBreak'
          ? backslashBreak(part)
          : part.name === 'heading'
            ? headingWithClosingEscape(part)
            : part,
    ),
    CommonMarkOrderedList,
    CommonMarkBulletList,
    CommonMarkListItem,
    options.views?.image ?? FigureNode,
    options.views?.mediaEmbed ?? MediaEmbedNode,
    BlockIdAttribute,
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
