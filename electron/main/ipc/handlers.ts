import type { NewsdeskHandlers } from '../../../shared/ipc/contract'
import type { Services } from '../services'
import { listChanges, listPage } from '../services/library'

/**
 * The handler table: one line per contract method, each delegating to a service. Writes to the shared files
 * pass through `services.sync.after` so the background sync hears of them. No electron import.
 */
export function createHandlers(services: Services): NewsdeskHandlers {
  return {
    workspace: {
      info: () => services.library.info(),
      open: () => services.workspaces.open(),
      create: () => services.workspaces.create(),
      recent: () => services.workspaces.recent(),
      openRecent: (key) => services.workspaces.openRecent(key),
      saveAs: () => services.workspaces.saveAs(),
    },
    articles: {
      list: (query) => services.library.list(query),
      changes: (cursor) => listChanges(services.library, cursor),
      head: (limit) => services.library.head(limit),
      page: (offset, limit) => listPage(services.library, offset, limit),
      load: (id) => services.library.load(id),
      create: (input) => services.sync.after(services.library.create(input)),
      save: (draft) => services.sync.after(services.library.save(draft), draft.mode),
      delete: (id) => services.sync.after(services.library.delete(id)),
      attention: () => services.library.attention(),
      syncCopy: (key) => services.library.syncCopy(key),
      resolveSyncCopy: (key, action) => services.sync.after(services.library.resolveSyncCopy(key, action)),
      // A resolution is an explicit act, like Save: it is committed and synced at once, not in the next batch.
      resolveConflicts: (id, baseHash, choices) =>
        services.sync.after(services.library.resolveConflicts(id, baseHash, choices), 'explicit'),
      showInFolder: (ref) => services.library.showInFolder(ref, services.showInFolder),
    },
    history: {
      list: (id) => services.library.revisions(id),
      load: (id, revision) => services.library.loadRevision(id, revision),
      diff: (id, fromRevision, toRevision) => services.library.diffRevisions(id, fromRevision, toRevision),
      restore: (id, revision) => services.sync.after(services.library.restoreRevision(id, revision)),
    },
    trash: {
      list: () => services.library.trashed(),
      restore: (id) => services.sync.after(services.library.restoreFromTrash(id)),
      empty: () => services.library.emptyTrash(),
    },
    journal: {
      write: (id, baseHash, fields) => services.library.writeJournal(id, baseHash, fields),
      pending: () => services.library.pendingJournal(),
      discard: (id) => services.library.discardJournal(id),
    },
    assets: {
      pickImage: () => services.assets.importFromPicker(),
      importImage: (input) => services.assets.importFromRenderer(input),
      read: (name) => services.assets.read(name),
    },
    links: {
      open: (url) => services.openLink(url),
    },
    search: {
      query: (text, filters) => services.search.query(text, filters),
    },
    tags: {
      list: () => services.tags.list(),
      suggestions: () => services.tags.suggestions(),
      rename: (from, to) => services.sync.after(services.tags.rename(from, to)),
      merge: (sources, target) => services.sync.after(services.tags.merge(sources, target)),
      delete: (tag) => services.sync.after(services.tags.delete(tag)),
    },
    publication: {
      get: () => services.publication.get(),
      set: (settings) => services.sync.after(services.publication.set(settings)),
    },
    preview: {
      listingHtml: (options) => services.preview.listingHtml(options),
      articleHtml: (id, options) => services.preview.articleHtml(id, options),
      pdf: (target) => services.preview.pdf(target),
    },
    settings: {
      get: () => services.settings.get(),
      update: (patch) => services.settings.update(patch),
      spellcheck: (language) => services.settings.spellcheck(language),
      notices: () => services.settings.notices(),
    },
    app: {
      flushed: (requestId, outcome) => services.quitFlush.settle(requestId, outcome),
    },
    exports: {
      run: (request) => services.exports.run(request),
      cancel: () => services.exports.cancel(),
      showInFolder: () => services.exports.showLast(services.showInFolder),
    },
    imports: {
      dryRun: (pick) => services.imports.dryRun(pick),
      apply: (request) => services.sync.after(services.imports.apply(request)),
    },
    sync: {
      status: () => services.sync.view(),
      syncNow: () => services.sync.syncNow(),
      enable: () => services.sync.enable(),
      setRemote: (url) => services.sync.setRemote(url),
      articleStates: () => services.sync.articleStates(),
      claims: () => services.sync.claims(),
      claim: (id) => services.sync.claim(id),
      release: (id) => services.sync.release(id),
      fieldHistory: (id) => services.sync.fieldHistory(id),
    },
  }
}
