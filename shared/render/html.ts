import { ASSET_NAME_SOURCE } from '../article/schema'

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

const SCHEME_RE = /^([A-Za-z][A-Za-z0-9+.-]*):/
const HTTP_RE = /^https?:\/\/[^/?#@\s]+(?:[/?#]|$)/i
const MAILTO_RE = /^mailto:[^@\s]+@[^@\s]+$/i

/**
 * The link when `href` is an absolute http, https or mailto URL; null for anything else (javascript:,
 * data:, relative paths, control characters). Quotes and angle brackets are percent-encoded. Parsed by hand
 * because shared/ has no DOM or Node `URL` type; the rules are an allow-list, so unknown forms are refused.
 */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null
  const value = href.trim()
  // eslint-disable-next-line no-control-regex
  if (value === '' || /[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return null
  const scheme = SCHEME_RE.exec(value)?.[1]?.toLowerCase()
  const normalised = scheme ? `${scheme}${value.slice(scheme.length)}` : value
  const ok =
    scheme === 'http' || scheme === 'https'
      ? HTTP_RE.test(normalised)
      : scheme === 'mailto' && MAILTO_RE.test(normalised)
  if (!ok) return null
  return normalised.replace(/["'<>`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
}

const DATA_IMAGE_RE = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/]+=*$/
const ASSET_PATH_RE = new RegExp(`^(?:\\.\\./)*assets/${ASSET_NAME_SOURCE}$`)

/**
 * The default image source policy of the renderer: inline base64 raster images and workspace asset paths
 * (`assets/<sha256>.<ext>`, as the HTML export lays them out). Remote and script-capable URLs are refused.
 */
export function safeImageSrc(src: unknown): string | null {
  if (typeof src !== 'string') return null
  return DATA_IMAGE_RE.test(src) || ASSET_PATH_RE.test(src) ? src : null
}
