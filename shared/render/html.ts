/** Escapes text for use in HTML element content and in double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;'
      case '<':
        return '&lt;'
      case '>':
        return '&gt;'
      case '"':
        return '&quot;'
      case "'":
        return '&#39;'
      default:
        return '&#96;'
    }
  })
}

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

/** The normalised URL when `href` is an absolute http, https or mailto link; null for anything else. */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string' || href.trim() === '') return null
  let url: URL
  try {
    url = new URL(href.trim())
  } catch {
    return null
  }
  return LINK_PROTOCOLS.has(url.protocol) ? url.href : null
}

const DATA_IMAGE_RE = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/]+=*$/
const ASSET_PATH_RE = /^(?:\.\.\/)*assets\/[a-f0-9]{64}\.[a-z0-9]{1,5}$/

/**
 * The default image source policy of the renderer: inline base64 raster images and workspace asset paths
 * (`assets/<sha256>.<ext>`, as the HTML export lays them out). Remote and script-capable URLs are refused.
 */
export function safeImageSrc(src: unknown): string | null {
  if (typeof src !== 'string') return null
  return DATA_IMAGE_RE.test(src) || ASSET_PATH_RE.test(src) ? src : null
}
