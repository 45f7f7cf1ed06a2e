import type { TiptapNode } from '../../article/schema'
import { escapeHtml, safeImageSrc } from '../../render/html'
import { blockIdAttribute } from '../block-ids'
import { attrString, type NodeDefinition } from '../types'

/** Backslash-escapes every ASCII punctuation character, so Markdown reads the text back as written. */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&')
}

/**
 * Escapes alt text for an image description: only the characters that open an inline construct (brackets,
 * emphasis, code, autolinks, entities, strikethrough, the backslash). Hugo's Goldmark writes the description's
 * source into `alt` without undoing escapes, so escaping less keeps its alt text as written.
 */
export function escapeAltText(text: string): string {
  return text.replace(/[\\[\]*_`<&~]/g, '\\$&')
}

/** Undoes Markdown backslash escapes (marked keeps them in an image's alt text). */
export function unescapeMarkdownText(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1')
}

/**
 * A Markdown link or image destination: as it is when it holds no space, bracket, parenthesis or backslash,
 * else in angle brackets (spaces, angle brackets and backslashes percent-encoded).
 */
export function markdownDestination(url: string): string {
  if (/^[^\s<>()\\]+$/.test(url)) return url
  return `<${url.replace(/[<>\s\\]/g, (c) => encodeURIComponent(c))}>`
}

/**
 * A Markdown link or image title: double-quoted; line breaks become spaces. Only what CommonMark would read
 * differently is escaped (the quote, the backslash, and an ampersand that would start an entity): Jekyll's
 * kramdown shows every other escape literally ("the bridge\, repaired\."), and a title is never parsed for
 * emphasis or links, so nothing else needs one.
 */
export function markdownTitle(text: string): string {
  return `"${text.replace(/[\r\n]+/g, ' ').replace(/[\\"]|&(?=#?[A-Za-z0-9]+;)/g, '\\$&')}"`
}

/**
 * The Markdown form of a figure: a standard image whose title is the caption, `![alt](<src> "caption")`, which
 * Hugo, Jekyll and every CommonMark reader show as an image (the caption as its title); Newsdesk reads the
 * title back as the caption.
 */
export function figureMarkdown(node: TiptapNode): string {
  const caption = attrString(node, 'caption')
  const title = caption !== '' ? ` ${markdownTitle(caption)}` : ''
  return `![${escapeAltText(attrString(node, 'alt'))}](${markdownDestination(attrString(node, 'src'))}${title})`
}

/** A picture (a workspace asset) with its alt text and caption; a block of its own. */
export const figureNode: NodeDefinition = {
  name: 'image',
  role: 'leaf',
  group: 'block',
  attrs: {
    src: { default: null, values: 'workspace asset path "assets/<sha256>.<ext>"' },
    alt: { default: '', values: 'single line of text' },
    caption: { default: '', values: 'single line of text' },
    id: blockIdAttribute,
  },
  markdown: 'an image whose title is the caption: ![alt](../assets/<sha256>.png "caption")',
  html: (node, ctx) => {
    const src = attrString(node, 'src')
    const resolved = ctx.options.resolveImage ? ctx.options.resolveImage(src) : safeImageSrc(src)
    const alt = attrString(node, 'alt')
    // Older bodies carried the caption as TipTap Image's `title`.
    const caption = attrString(node, 'caption') || attrString(node, 'title')
    const img = resolved
      ? `<img src="${escapeHtml(resolved)}" alt="${escapeHtml(alt)}">`
      : `<div class="nd-image-missing" role="img" aria-label="${escapeHtml(alt)}">${escapeHtml(alt)}</div>`
    return `<figure class="nd-figure">${img}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`
  },
  text: (node) => attrString(node, 'caption') || attrString(node, 'title'),
  example: {
    type: 'image',
    attrs: { src: `assets/${'a'.repeat(64)}.png`, alt: 'A bridge', caption: 'The new bridge' },
  },
}
