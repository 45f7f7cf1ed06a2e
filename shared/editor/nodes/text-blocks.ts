import type { TiptapNode } from '../../article/schema'
import { escapeHtml } from '../../render/html'
import { blockIdAttribute } from '../block-ids'
import type { NodeDefinition } from '../types'

const run = (text: string): TiptapNode => ({ type: 'text', text })

/** The root of every body: one or more blocks. */
export const docNode: NodeDefinition = {
  name: 'doc',
  role: 'doc',
  content: 'block+',
  attrs: {},
  markdown: 'the blocks, separated by blank lines',
  html: (_node, ctx) => ctx.children(),
  text: (_node, ctx) => ctx.blocks(),
  example: { type: 'doc', content: [{ type: 'paragraph', content: [run('Body')] }] },
}

/** A paragraph of inline content. */
export const paragraphNode: NodeDefinition = {
  name: 'paragraph',
  role: 'textblock',
  content: 'inline*',
  group: 'block',
  attrs: { id: blockIdAttribute },
  markdown: 'a paragraph (inline Markdown, special characters escaped)',
  html: (_node, ctx) => `<p>${ctx.children()}</p>`,
  text: (_node, ctx) => ctx.inline(),
  example: { type: 'paragraph', content: [run('A paragraph.')] },
}

/** Clamps a stored heading level to the HTML levels a body may use (h1 is the page's headline). */
export function headingLevel(node: TiptapNode): number {
  const raw = Number(node.attrs?.level)
  return Number.isInteger(raw) ? Math.min(6, Math.max(2, raw)) : 2
}

/** A section heading; the editor offers levels 2 to 4 (the article's headline is level 1). */
export const headingNode: NodeDefinition = {
  name: 'heading',
  role: 'textblock',
  content: 'inline*',
  group: 'block',
  attrs: { level: { default: 1, values: 'integer 2, 3 or 4 (the editor offers these)' }, id: blockIdAttribute },
  markdown: 'an ATX heading: "## Text" (as many # as the level)',
  html: (node, ctx) => {
    const level = headingLevel(node)
    return `<h${level}>${ctx.children()}</h${level}>`
  },
  text: (_node, ctx) => ctx.inline(),
  example: { type: 'heading', attrs: { level: 2 }, content: [run('A heading')] },
}

/** A run of text with its marks (the marks' forms wrap it). */
export const textNode: NodeDefinition = {
  name: 'text',
  role: 'text',
  group: 'inline',
  attrs: {},
  markdown: 'the text, Markdown punctuation escaped with a backslash',
  // The HTML of marked text is built by the renderer from the mark definitions (see html.ts).
  html: (node) => escapeHtml(node.text ?? '').replace(/\n/g, '<br>'),
  text: (node) => node.text ?? '',
  example: run('text'),
}

/** A line break inside a paragraph (Shift+Enter). */
export const hardBreakNode: NodeDefinition = {
  name: 'hardBreak',
  role: 'inline',
  group: 'inline',
  attrs: {},
  markdown: 'a backslash at the end of the line',
  html: () => '<br>',
  text: () => '\n',
  example: { type: 'hardBreak' },
}
