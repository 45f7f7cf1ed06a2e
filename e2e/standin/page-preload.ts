import { cloneCodec } from './clone-codec'

/** Name of the binding the stand-in's ipcRenderer crosses to the test process through (taken off `window`). */
export const IPC_BINDING = '__standinIpc'
/** Name of the page function main -> renderer messages are delivered through. */
export const DELIVER = '__standinDeliver'

/**
 * The init script of a stand-in window: Electron's sandboxed preload environment around the REAL built preload
 * (`out/preload/index.cjs`, its source written into the script): a `require` that gives `electron` (contextBridge
 * and ipcRenderer) and refuses every other module, as a sandboxed preload's would refuse Node's; ipcRenderer
 * over one binding with structured-clone semantics and Electron's error rewrapping; contextBridge copying the
 * API into the page. It runs in the top frame only (nodeIntegrationInSubFrames is off). Not reproduced: the
 * isolated world (the preload runs in the page's world here; what it exposes is still copied, not shared).
 */
export function standinPreloadScript(preloadSource: string): string {
  return `(${installPreload.toString()})(${cloneCodec.toString()}, ${JSON.stringify(IPC_BINDING)}, ${JSON.stringify(DELIVER)}, function (require, module, exports) {\n${preloadSource}\n})`
}

type Codec = ReturnType<typeof cloneCodec>
type PreloadModule = (require: (name: string) => unknown, module: { exports: unknown }, exports: unknown) => void

function installPreload(codecFactory: () => Codec, bindingName: string, deliverName: string, preload: PreloadModule) {
  if (window !== window.top) return
  const w = window as unknown as Record<string, unknown>
  const binding = w[bindingName] as (kind: string, channel: string, payload: string) => Promise<string>
  delete w[bindingName]
  if (typeof binding !== 'function') throw new Error('stand-in: the ipc binding is missing')
  const codec = codecFactory()
  type Listener = (event: unknown, ...args: unknown[]) => void
  const listeners = new Map<string, Set<Listener>>()
  const cloneArgs = (args: unknown[]) => {
    try {
      structuredClone(args)
    } catch {
      throw new Error('An object could not be cloned.')
    }
    return codec.encode(args)
  }
  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]) {
      const reply = JSON.parse(await binding('invoke', channel, cloneArgs(args))) as
        { ok: true; value: string } | { ok: false; error: string }
      if (!reply.ok) throw new Error(`Error invoking remote method '${channel}': ${reply.error}`)
      return codec.decode(reply.value)
    },
    send(channel: string, ...args: unknown[]) {
      void binding('send', channel, cloneArgs(args))
    },
    on(channel: string, listener: Listener) {
      const set = listeners.get(channel) ?? new Set<Listener>()
      set.add(listener)
      listeners.set(channel, set)
      return ipcRenderer
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener)
      return ipcRenderer
    },
    off(channel: string, listener: Listener) {
      return ipcRenderer.removeListener(channel, listener)
    },
    removeAllListeners(channel?: string) {
      if (channel) listeners.delete(channel)
      else listeners.clear()
      return ipcRenderer
    },
  }
  Object.defineProperty(window, deliverName, {
    value: (channel: string, payload: string) => {
      const args = codec.decode(payload) as unknown[]
      listeners.get(channel)?.forEach((listener) => listener({ sender: ipcRenderer }, ...args))
    },
  })
  // contextBridge copies: plain objects and arrays are copied and frozen, functions are wrapped, and an error a
  // promise rejects with crosses as a new Error carrying only its message.
  const copy = (value: unknown): unknown => {
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown
      return (...args: unknown[]) => {
        const result = fn(...args)
        return result instanceof Promise
          ? result.catch((error: unknown) => {
              throw new Error(error instanceof Error ? error.message : String(error))
            })
          : result
      }
    }
    if (Array.isArray(value)) return Object.freeze(value.map(copy))
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) out[k] = copy(v)
      return Object.freeze(out)
    }
    return value
  }
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      Object.defineProperty(window, key, { value: copy(api), enumerable: true, writable: false, configurable: false })
    },
  }
  const electron = { contextBridge, ipcRenderer }
  const require = (name: string) => {
    if (name === 'electron') return electron
    throw new Error(`module not found: ${name}`)
  }
  const module = { exports: {} as unknown }
  preload(require, module, module.exports)
}
