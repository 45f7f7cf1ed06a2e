// Checks rendered HTML and RSS for anything a hostile input could have smuggled in: script-capable or
// loading elements, on* handlers, style attributes, and URLs Newsdesk never writes (javascript:, data: other
// than inline images, remote images, protocol-relative and UNC paths). Used by the XSS campaign (stress
// script, paste test, e2e). shared/ has no DOM: callers pass a parser (DOMParser or happy-dom's).

/** The parts of a DOM element the checker reads. */
export interface CheckedElement {
  readonly tagName: string
  readonly parentElement: CheckedElement | null
  readonly textContent: string | null
  getAttributeNames(): string[]
  getAttribute(name: string): string | null
}

/** The part of a parsed document the checker reads. */
export interface CheckedDocument {
  querySelectorAll(selector: string): ArrayLike<CheckedElement>
  querySelector(selector: string): CheckedElement | null
}

/** Parses text as HTML or XML (a DOMParser in a browser or happy-dom). */
export type ParseDocument = (text: string, type: 'text/html' | 'application/xml') => CheckedDocument

/** Elements that must never appear in Newsdesk output: they run code, load things or navigate. */
export const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'svg',
  'math',
  'link',
  'portal',
  'webview',
  'video',
  'audio',
  'source',
  'picture',
  'template',
  'isindex',
  'keygen',
  'marquee',
  'bgsound',
  'xss',
  'x',
  'details',
  'noscript',
])
/** The subset of elements that can run code or load something by itself (for intermediate HTML that a schema parses next). */
export const ACTIVE_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'applet',
  'base',
  'form',
  'link',
  'svg',
  'math',
  'style',
])
/** Attributes holding a URL. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'data', 'dynsrc']

/**
 * True when a URL attribute value is one Newsdesk may write: a web or mail link, a fragment or a relative path.
 * `ownAssets` is the publication's own assets folder as an absolute URL (a feed must give readers absolute image
 * addresses, under the publication's base URL); without it every absolute image address is remote.
 */
export function isAllowedUrl(value: string, attribute: string, ownAssets?: string): boolean {
  const v = value.trim()
  if (v === '' || v.startsWith('#')) return true
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v)?.[1]?.toLowerCase()
  if (attribute === 'src') {
    if (ownAssets !== undefined && /^https?:\/\//.test(ownAssets) && v.startsWith(ownAssets) && !v.includes('..'))
      return true
    // Images: only the export's own assets (relative) or inline data images; never remote (no tracking pixels).
    return scheme === undefined
      ? !v.startsWith('//') && !v.startsWith('\\')
      : /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(v)
  }
  if (scheme === undefined) return !v.startsWith('//') && !v.startsWith('\\')
  return scheme === 'https' || scheme === 'http' || scheme === 'mailto'
}

/**
 * Everything in an HTML document (or fragment) that a payload could have smuggled in; empty when clean.
 * `inertElementsAllowed` lets unknown but inert elements pass (for HTML a ProseMirror schema parses next).
 */
export function hostileFindings(
  parse: ParseDocument,
  html: string,
  options: { inertElementsAllowed?: boolean; ownAssets?: string } = {},
): string[] {
  const doc = parse(html, 'text/html')
  const forbidden = options.inertElementsAllowed ? ACTIVE_ELEMENTS : FORBIDDEN_ELEMENTS
  const findings: string[] = []
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase()
    if (forbidden.has(tag)) findings.push(`<${tag}> element`)
    if (tag === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh') findings.push('meta refresh')
    if (tag === 'style' && el.parentElement?.tagName.toLowerCase() !== 'head') findings.push('<style> outside head')
    for (const attr of el.getAttributeNames()) {
      const name = attr.toLowerCase()
      const value = el.getAttribute(attr) ?? ''
      if (name.startsWith('on')) findings.push(`${name} handler on <${tag}>`)
      if (name === 'style') findings.push(`style attribute on <${tag}>`)
      if (name === 'srcset') findings.push(`srcset on <${tag}>`)
      if (URL_ATTRIBUTES.includes(name) && !isAllowedUrl(value, name, options.ownAssets))
        findings.push(`${name}="${value}" on <${tag}>`)
      if (tag === 'a' && name === 'target') findings.push('target on <a>')
    }
  }
  return findings
}

/** Findings in an RSS document: it must be well-formed XML of the RSS elements only, with clean text. */
export function rssFindings(parse: ParseDocument, xml: string): string[] {
  const doc = parse(xml, 'application/xml')
  const findings: string[] = []
  if (doc.querySelector('parsererror')) return ['RSS is not well-formed XML']
  const allowed = new Set([
    'rss',
    'channel',
    'title',
    'link',
    'description',
    'language',
    'generator',
    'item',
    'guid',
    'pubdate',
    'author',
    'category',
    'lastbuilddate',
    // The item's body as HTML (checked as HTML by the caller) and a media card's file.
    'content:encoded',
    'enclosure',
  ])
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase()
    if (!allowed.has(tag)) findings.push(`<${tag}> in RSS`)
    if (tag === 'link' && el.textContent && !isAllowedUrl(el.textContent, 'href'))
      findings.push(`link ${el.textContent}`)
    const url = tag === 'enclosure' ? el.getAttribute('url') : null
    if (url !== null && !isAllowedUrl(url, 'href')) findings.push(`enclosure ${url}`)
  }
  return findings
}
