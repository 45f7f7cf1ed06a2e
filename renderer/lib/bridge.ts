import type { NewsdeskBridge } from '../../shared/ipc/contract'

declare global {
  interface Window {
    newsdesk?: NewsdeskBridge
  }
}

/** The preload bridge; the only place in the renderer that touches `window.newsdesk`. */
export function getBridge(): NewsdeskBridge {
  const bridge = window.newsdesk
  if (!bridge) throw new Error('The Newsdesk bridge is missing: the page was not opened by Newsdesk.')
  return bridge
}
