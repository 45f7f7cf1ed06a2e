import type { TiptapNode } from '../../article/schema'
import { blockIdAttribute } from '../block-ids'
import type { NodeDefinition } from '../types'

const para = (text: string): TiptapNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })

/** A quotation: one or more blocks. */
export const blockquoteNode: NodeDefinition = {
  name: 'blockquote',
  role: 'block',
  content: 'block+',
  group: 'block',
  attrs: { id: blockIdAttribute },
  markdown: 'every line of its blocks prefixed with "> "',
  html: (_node, ctx) => `<blockquote>${ctx.children()}</blockquote>`,
  text: (_node, ctx) => ctx.blocks(),
  example: { type: 'blockquote', content: [para('Quoted.')] },
}

/** A bulleted list. */
export const bulletListNode: NodeDefinition = {
  name: 'bulletList',
  role: 'block',
  content: 'listItem+',
  group: 'block list',
  attrs: { id: blockIdAttribute },
  markdown: 'items opening with "- " (or "* " for a list right after another, as CommonMark needs)',
  html: (_node, ctx) => `<ul>${ctx.children()}</ul>`,
  text: (_node, ctx) => ctx.blocks(),
  example: { type: 'bulletList', content: [{ type: 'listItem', content: [para('Point')] }] },
}

/** A numbered list, from `start`. */
export const orderedListNode: NodeDefinition = {
  name: 'orderedList',
  role: 'block',
  content: 'listItem+',
  group: 'block list',
  attrs: {
    start: { default: 1, values: 'positive integer' },
    type: { default: null, values: 'null (decimal)' },
    id: blockIdAttribute,
  },
  markdown: 'items opening with "1. " (or "1) " for a list right after another)',
  html: (node, ctx) => {
    const start = Number(node.attrs?.start)
    const attr = Number.isInteger(start) && start !== 1 ? ` start="${start}"` : ''
    return `<ol${attr}>${ctx.children()}</ol>`
  },
  text: (_node, ctx) => ctx.blocks(),
  example: {
    type: 'orderedList',
    attrs: { start: 1, type: null },
    content: [{ type: 'listItem', content: [para('First')] }],
  },
}

/** One list item: a paragraph, then any blocks (nested lists). */
export const listItemNode: NodeDefinition = {
  name: 'listItem',
  role: 'block',
  content: 'paragraph block*',
  attrs: {},
  markdown: "the list's marker, its blocks indented under it",
  html: (_node, ctx) => `<li>${ctx.children()}</li>`,
  text: (_node, ctx) => ctx.blocks(),
  example: { type: 'listItem', content: [para('Item')] },
}

/** A thematic break between sections. */
export const horizontalRuleNode: NodeDefinition = {
  name: 'horizontalRule',
  role: 'leaf',
  group: 'block',
  attrs: { id: blockIdAttribute },
  markdown: 'a line "---"',
  html: () => '<hr>',
  text: () => '',
  example: { type: 'horizontalRule' },
}
