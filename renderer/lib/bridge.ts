import type { NewsdeskBridge } from '../../shared/ipc/contract'

declare global {
  interface Window {
    newsdesk?: NewsdeskBridge
  }
}

// Electron rejects a failed ipcRenderer.invoke with "Error invoking remote method '<channel>': <Name>: <message>";
// the screens show error messages to users, so the transport's wrapping is taken off here, once.
const REMOTE_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/

/** The message a main-process error was thrown with, without Electron's "Error invoking remote method" wrapping. */
export function remoteErrorMessage(message: string): string {
  return message.replace(REMOTE_PREFIX, '')
}

/** An Error like `error` whose message has lost Electron's IPC wrapping (other values are returned as they are). */
export function unwrapRemoteError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const message = remoteErrorMessage(error.message)
  if (message === error.message) return error
  const unwrapped = new Error(message)
  unwrapped.stack = error.stack ?? ''
  return unwrapped
}

/** Wraps every function of a bridge group (recursively) so a rejected call rejects with the unwrapped error. */
function unwrapGroup<T extends object>(group: T): T {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(group)) {
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown
      out[key] = (...args: unknown[]) => {
        const result = fn(...args)
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              throw unwrapRemoteError(error)
            })
          : result
      }
    } else if (value && typeof value === 'object') {
      out[key] = unwrapGroup(value as object)
    } else {
      out[key] = value
    }
  }
  return out as T
}

const wrapped = new WeakMap<NewsdeskBridge, NewsdeskBridge>()

/** The preload bridge; the only place in the renderer that touches `window.newsdesk`. */
export function getBridge(): NewsdeskBridge {
  const bridge = window.newsdesk
  if (!bridge) throw new Error('The Newsdesk bridge is missing: the page was not opened by Newsdesk.')
  let unwrapped = wrapped.get(bridge)
  if (!unwrapped) {
    unwrapped = unwrapGroup(bridge)
    wrapped.set(bridge, unwrapped)
  }
  return unwrapped
}
