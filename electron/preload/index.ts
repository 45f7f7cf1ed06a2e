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
    open: () => invoke('workspace:open'),
    create: () => invoke('workspace:create'),
    recent: () => invoke('workspace:recent'),
    openRecent: (key) => invoke('workspace:openRecent', key),
    saveAs: () => invoke('workspace:saveAs'),
  },
  articles: {
    list: (query) => invoke('articles:list', query),
    changes: (cursor) => invoke('articles:changes', cursor),
    head: (limit) => invoke('articles:head', limit),
    page: (offset, limit) => invoke('articles:page', offset, limit),
    load: (id) => invoke('articles:load', id),
    create: (input) => invoke('articles:create', input),
    save: (draft) => invoke('articles:save', draft),
    delete: (id) => invoke('articles:delete', id),
    attention: () => invoke('articles:attention'),
    syncCopy: (key) => invoke('articles:syncCopy', key),
    resolveSyncCopy: (key, action) => invoke('articles:resolveSyncCopy', key, action),
    resolveConflicts: (id, baseHash, choices) => invoke('articles:resolveConflicts', id, baseHash, choices),
    showInFolder: (ref) => invoke('articles:showInFolder', ref),
  },
  history: {
    list: (id) => invoke('history:list', id),
    load: (id, revision) => invoke('history:load', id, revision),
    diff: (id, fromRevision, toRevision) => invoke('history:diff', id, fromRevision, toRevision),
    restore: (id, revision) => invoke('history:restore', id, revision),
  },
  trash: {
    list: () => invoke('trash:list'),
    restore: (id) => invoke('trash:restore', id),
    empty: () => invoke('trash:empty'),
  },
  journal: {
    write: (id, baseHash, fields) => invoke('journal:write', id, baseHash, fields),
    pending: () => invoke('journal:pending'),
    discard: (id) => invoke('journal:discard', id),
  },
  assets: {
    pickImage: () => invoke('assets:pickImage'),
    importImage: (input) => invoke('assets:importImage', input),
    read: (name) => invoke('assets:read', name),
  },
  links: {
    open: (url) => invoke('links:open', url),
  },
  search: {
    query: (text, filters) => invoke('search:query', text, filters),
  },
  tags: {
    list: () => invoke('tags:list'),
    suggestions: () => invoke('tags:suggestions'),
    rename: (from, to) => invoke('tags:rename', from, to),
    merge: (sources, target) => invoke('tags:merge', sources, target),
    delete: (tag) => invoke('tags:delete', tag),
  },
  publication: {
    get: () => invoke('publication:get'),
    set: (settings) => invoke('publication:set', settings),
  },
  preview: {
    listingHtml: (options) => invoke('preview:listingHtml', options),
    articleHtml: (id, options) => invoke('preview:articleHtml', id, options),
    pdf: (target) => invoke('preview:pdf', target),
  },
  settings: {
    get: () => invoke('settings:get'),
    update: (patch) => invoke('settings:update', patch),
    spellcheck: (language) => invoke('settings:spellcheck', language),
    notices: () => invoke('settings:notices'),
  },
  app: {
    flushed: (requestId, outcome) => invoke('app:flushed', requestId, outcome),
  },
  exports: {
    run: (request) => invoke('exports:run', request),
    cancel: () => invoke('exports:cancel'),
    showInFolder: () => invoke('exports:showInFolder'),
  },
  imports: {
    dryRun: (pick) => invoke('imports:dryRun', pick),
    apply: (request) => invoke('imports:apply', request),
  },
  sync: {
    status: () => invoke('sync:status'),
    syncNow: () => invoke('sync:syncNow'),
    enable: () => invoke('sync:enable'),
    setRemote: (url) => invoke('sync:setRemote', url),
    articleStates: () => invoke('sync:articleStates'),
    claims: () => invoke('sync:claims'),
    claim: (id) => invoke('sync:claim', id),
    release: (id) => invoke('sync:release', id),
    fieldHistory: (id) => invoke('sync:fieldHistory', id),
  },
  on,
} satisfies NewsdeskBridge

contextBridge.exposeInMainWorld('newsdesk', bridge)
