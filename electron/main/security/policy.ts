import { RENDER_CSS_SHA256 } from '../../../shared/render/css'

/**
 * The Content-Security-Policy of every renderer page: only our own bundled scripts, styles, fonts and images;
 * no network, no plugins, no framing, no form posts. Sent as a response header by the app:// protocol and
 * written into the built index.html by csp-meta.ts (never into the source one, which the dev server serves).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // The preview iframe (srcdoc) inherits this policy; its one embedded stylesheet is allowed by hash only.
  `style-src 'self' '${RENDER_CSS_SHA256}'`,
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/** Scheme and host the renderer is served from in production. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'newsdesk'
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** True when a navigation target is our own app page (anything else is prevented). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}
