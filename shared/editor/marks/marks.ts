import { escapeHtml, safeHref } from '../../render/html'
import type { MarkDefinition } from '../types'

const same = (inner: string) => inner

/** Strong emphasis. */
export const boldMark: MarkDefinition = {
  name: 'bold',
  attrs: {},
  markdown: '**text**',
  html: (inner) => `<strong>${inner}</strong>`,
  text: same,
  example: { type: 'bold' },
}

/** Emphasis. */
export const italicMark: MarkDefinition = {
  name: 'italic',
  attrs: {},
  markdown: '*text*',
  html: (inner) => `<em>${inner}</em>`,
  text: same,
  example: { type: 'italic' },
}

/** Struck-through text (corrections). */
export const strikeMark: MarkDefinition = {
  name: 'strike',
  attrs: {},
  markdown: '~~text~~ (GFM)',
  html: (inner) => `<s>${inner}</s>`,
  text: same,
  example: { type: 'strike' },
}

/** Inline code; excludes every other mark. */
export const codeMark: MarkDefinition = {
  name: 'code',
  attrs: {},
  excludes: '_',
  markdown: '`text` (more backticks when the text holds one)',
  html: (inner) => `<code>${inner}</code>`,
  text: same,
  example: { type: 'code' },
}

/** A link; only http, https and mailto are ever stored or rendered live. */
export const linkMark: MarkDefinition = {
  name: 'link',
  attrs: {
    href: { default: null, values: 'absolute http, https or mailto URL' },
    target: { default: null, values: 'null (links open through the app, never in a new frame)' },
    rel: { default: 'noopener noreferrer nofollow', values: 'the fixed rel' },
    class: { default: null, values: 'null' },
    title: { default: null, values: 'null' },
  },
  markdown: '[text](href)',
  html: (inner, mark) => {
    const href = safeHref(mark.attrs?.href)
    return href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${inner}</a>` : inner
  },
  text: same,
  example: { type: 'link', attrs: { href: 'https://example.org/report' } },
}
