import { CONTENT_SECURITY_POLICY } from './policy'

/** The part of a Vite plugin this one uses (kept structural so electron/ needs no vite types). */
export interface HtmlPlugin {
  name: string
  apply: 'build'
  transformIndexHtml: {
    order: 'post'
    handler(html: string): { tag: string; attrs: Record<string, string>; injectTo: 'head-prepend' }[]
  }
}

/**
 * Writes the Content-Security-Policy into the BUILT index.html as a meta tag (the app:// protocol also sends it
 * as a header on every response). Build only: in `npm run dev` a meta tag would block Vite's HMR client and the
 * React refresh preamble, so the source renderer/index.html carries none.
 */
export function cspMetaPlugin(): HtmlPlugin {
  return {
    name: 'newsdesk-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  }
}
