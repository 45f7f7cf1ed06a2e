import type { TiptapDoc, TiptapNode } from '../article/schema'
import { escapeHtml, safeHref, safeImageSrc } from './html'

/** How the body renderer treats images: maps a stored `src` to the URL to show, or null to show a placeholder. */
export interface BodyRenderOptions {
  resolveImage?: (src: string) => string | null
}

type Mark = NonNullable<TiptapNode['marks']>[number]

function str(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function renderMarks(text: string, marks: Mark[] | undefined): string {
  let html = escapeHtml(text).replace(/\n/g, '<br>')
  for (const mark of marks ?? []) {
    switch (mark.type) {
      case 'bold':
        html = `<strong>${html}</strong>`
        break
      case 'italic':
        html = `<em>${html}</em>`
        break
      case 'strike':
        html = `<s>${html}</s>`
        break
      case 'underline':
        html = `<u>${html}</u>`
        break
      case 'code':
        html = `<code>${html}</code>`
        break
      case 'subscript':
        html = `<sub>${html}</sub>`
        break
      case 'superscript':
        html = `<sup>${html}</sup>`
        break
      case 'link': {
        const href = safeHref(mark.attrs?.href)
        if (href) html = `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${html}</a>`
        break
      }
      default:
        // An unknown mark keeps its text, unstyled: nothing the author wrote is dropped.
        break
    }
  }
  return html
}

function renderImage(node: TiptapNode, options: BodyRenderOptions): string {
  const src = str(node.attrs?.src)
  const resolved = options.resolveImage ? options.resolveImage(src) : safeImageSrc(src)
  const alt = str(node.attrs?.alt)
  const caption = str(node.attrs?.caption) || str(node.attrs?.title)
  const img = resolved
    ? `<img src="${escapeHtml(resolved)}" alt="${escapeHtml(alt)}">`
    : `<div class="nd-image-missing" role="img" aria-label="${escapeHtml(alt)}">${escapeHtml(alt)}</div>`
  return `<figure class="nd-figure">${img}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`
}

function renderNodes(nodes: TiptapNode[] | undefined, options: BodyRenderOptions): string {
  return (nodes ?? []).map((n) => renderNode(n, options)).join('')
}

function renderNode(node: TiptapNode, options: BodyRenderOptions): string {
  const inner = () => renderNodes(node.content, options)
  switch (node.type) {
    case 'text':
      return renderMarks(node.text ?? '', node.marks)
    case 'doc':
      return inner()
    case 'paragraph':
      return `<p>${inner()}</p>`
    case 'heading': {
      const raw = Number(node.attrs?.level)
      const level = Number.isInteger(raw) ? Math.min(6, Math.max(2, raw)) : 2
      return `<h${level}>${inner()}</h${level}>`
    }
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`
    case 'bulletList':
      return `<ul>${inner()}</ul>`
    case 'orderedList': {
      const start = Number(node.attrs?.start)
      const attr = Number.isInteger(start) && start !== 1 ? ` start="${start}"` : ''
      return `<ol${attr}>${inner()}</ol>`
    }
    case 'listItem':
      return `<li>${inner()}</li>`
    case 'codeBlock':
      return `<pre><code>${escapeHtml((node.content ?? []).map((n) => n.text ?? '').join(''))}</code></pre>`
    case 'horizontalRule':
      return '<hr>'
    case 'hardBreak':
      return '<br>'
    case 'image':
    case 'figure':
      return renderImage(node, options)
    default:
      // Unknown nodes (a newer extension) render their children, so their text still shows, escaped.
      return node.text !== undefined ? renderMarks(node.text, node.marks) : `<div>${inner()}</div>`
  }
}

/** Renders a TipTap JSON body to HTML: known nodes and marks only, every text escaped, links http/https/mailto. */
export function renderBodyHtml(doc: TiptapDoc | TiptapNode, options: BodyRenderOptions = {}): string {
  return renderNode(doc as TiptapNode, options)
}

/** The plain text of a TipTap body (blocks separated by newlines), for search and summaries. */
export function bodyText(doc: TiptapDoc | TiptapNode): string {
  const parts: string[] = []
  const walk = (node: TiptapNode) => {
    if (node.text) parts.push(node.text)
    for (const child of node.content ?? []) walk(child)
    if (node.type !== 'text') parts.push('\n')
  }
  walk(doc as TiptapNode)
  return parts
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim()
}
