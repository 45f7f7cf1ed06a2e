import { contextBridge, ipcRenderer } from 'electron'
import type { EventSubscriber, NewsdeskBridge, NewsdeskChannel, NewsdeskEvents } from '../../shared/ipc/contract'
import { eventNames } from '../../shared/ipc/events'

const invoke = (channel: NewsdeskChannel, ...args: unknown[]) => ipcRenderer.invoke(channel, ...args)

const on: EventSubscriber = (event, listener) => {
  if (!(eventNames as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`)
  const wrapped = (_event: unknown, ...args: unknown[]) => listener(...(args as NewsdeskEvents[typeof event]))
  ipcRenderer.on(event, wrapped)
  return () => {
    ipcRenderer.removeListener(event, wrapped)
  }
}

/** The bridge: one explicit method per contract method, nothing else of ipcRenderer leaks to the page. */
export const bridge = {
  workspace: {
    info: () => invoke('workspace:info'),
  },
  articles: {
    list: (query) => invoke('articles:list', query),
    load: (id) => invoke('articles:load', id),
    create: (input) => invoke('articles:create', input),
    save: (draft) => invoke('articles:save', draft),
  },
  on,
} satisfies NewsdeskBridge

contextBridge.exposeInMainWorld('newsdesk', bridge)
