import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isConflicted } from '../shared/article/schema'
import type { NewsdeskBridge, ResolveConflictsResult, WorkspaceInfo } from '../shared/ipc/contract'
import { ConflictView } from './features/conflicts/conflict-view'
import { ExportControl } from './features/export/export-dialog'
import { ImportControl } from './features/import/import-dialog'
import { useArticleDraft } from './features/editor/use-article-draft'
import { LibraryPane } from './features/library/library-pane'
import { useLibraryList } from './features/library/use-library-list'
import { LibraryNotices } from './features/library-notices/library-notices'
import { PreviewPane } from './features/listing-preview/preview-pane'
import { SettingsButton } from './features/settings/settings-panel'
import { UiSettingsProvider } from './features/settings/ui-settings-context'
import { useWorkspaceSwitch } from './features/workspace/use-workspace-switch'
import { WorkspaceMenu } from './features/workspace/workspace-menu'
import { TrashView } from './features/trash/trash-view'
import { ShortcutsDialog } from './features/shortcuts/shortcuts-dialog'
import { SyncProvider } from './features/sync/sync-context'
import { SyncStatusBar } from './features/sync/sync-indicator'

// The editor (TipTap and ProseMirror, about half the bundle) is its own chunk: the first listing paints without
// waiting for it to load and compile, and it is fetched as soon as the list is up (the idle callback below).
const loadEditorPane = () => import('./features/editor/editor-pane')
const EditorPane = lazy(() => loadEditorPane().then((m) => ({ default: m.EditorPane })))

/** The three-pane window: library, editor, preview. */
export function App({ bridge }: { bridge: NewsdeskBridge }) {
  const { t } = useTranslation()
  const [info, setInfo] = useState<WorkspaceInfo | null>(null)
  // Fetched incrementally: after the first load, a refresh moves only the summaries that changed.
  const {
    articles,
    facets,
    pendingTotal,
    readingSoFar,
    readingOf,
    loaded,
    refresh: refreshList,
    apply: applyList,
    cursor,
  } = useLibraryList(bridge)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [viewIds, setViewIds] = useState<string[]>([])
  const [listSelection, setListSelection] = useState<string[]>([])
  /** The article just made with New article (its headline gets the caret). */
  const [freshId, setFreshId] = useState<string | null>(null)
  const [view, setView] = useState<'articles' | 'trash'>('articles')
  const [importRequest, setImportRequest] = useState(0)
  const [shortcutsOpen, setShortcutsOpen] = useState(false)

  // The workspace's info shows the app at once; the list follows on its own (the first screen of a large
  // library is painted before the rest arrives, so the app must not wait for the whole list to appear).
  const refresh = useCallback(
    async (reload = false) => {
      await Promise.all([bridge.workspace.info().then(setInfo), refreshList(reload)])
    },
    [bridge, refreshList],
  )

  useEffect(() => {
    void refresh()
  }, [refresh])

  // A save answers with the workspace facts and the list's changes: nothing more to ask for.
  const draft = useArticleDraft(
    bridge,
    selectedId,
    (saved) => {
      setInfo(saved.info)
      void (saved.changes ? applyList(saved.changes) : refreshList())
    },
    cursor,
  )

  // Another workspace opened: reload everything; after "Save As…" the open article stays open and its
  // unsaved edits are saved into the copy.
  const workspace = useWorkspaceSwitch(bridge, {
    beforeSwitch: () => draft.saveNow(),
    onSwitched: (keepOpen) => {
      if (!keepOpen) setSelectedId(null)
      void refresh(true).then(() => (keepOpen ? draft.saveNow() : undefined))
    },
  })

  const handleCreate = useCallback(async () => {
    await draft.saveNow()
    const result = await bridge.articles.create({})
    if (result.ok) {
      await refresh()
      setView('articles')
      setFreshId(result.article.id)
      setSelectedId(result.article.id)
    }
  }, [bridge, draft, refresh])

  // Delete: the edits so far are saved first (they go to the trash with the article), then it is closed.
  const [deleteMessage, setDeleteMessage] = useState<string | null>(null)
  const handleDelete = useCallback(async () => {
    if (!selectedId) return
    await draft.saveNow()
    const result = await bridge.articles.delete(selectedId)
    if (!result.ok) {
      setDeleteMessage(t('trash.failed', { reason: result.message }))
      return
    }
    setDeleteMessage(null)
    setSelectedId(null)
    await refresh()
  }, [bridge, draft, refresh, selectedId, t])

  const handleSelect = useCallback(
    async (id: string) => {
      await draft.saveNow()
      setFreshId(null)
      setSelectedId(id)
    },
    [draft],
  )

  // A resolved conflict: the article reopens in the editor from the saved file (or closes if it went to the trash).
  const handleResolved = useCallback(
    (result: Extract<ResolveConflictsResult, { ok: true }>) => {
      if (result.trashed) setSelectedId(null)
      else void draft.takeDisk()
      void refresh()
    },
    [draft, refresh],
  )

  // "Resolve later" in the conflict view: the article closes as it is (still conflicted) and the list takes the
  // keyboard, so the editor carries on from the list.
  const handleConflictBack = useCallback(() => {
    setSelectedId(null)
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="article-list"]')?.focus())
  }, [])

  useEffect(
    () =>
      bridge.on('menu:command', (command) => {
        if (command === 'new-article') void handleCreate()
        if (command === 'save') void draft.saveNow()
        if (command === 'delete-article') void handleDelete()
        if (command === 'show-trash') setView('trash')
        if (command === 'keyboard-shortcuts') setShortcutsOpen(true)
      }),
    [bridge, handleCreate, handleDelete, draft],
  )

  // Help › Keyboard shortcuts also answers Mod-/ where no native menu exists.
  useEffect(() => {
    const handle = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === '/') {
        e.preventDefault()
        setShortcutsOpen(true)
      }
    }
    window.addEventListener('keydown', handle)
    return () => window.removeEventListener('keydown', handle)
  }, [])

  const title = useMemo(() => (info ? `${t('app.title')} — ${info.name}` : t('app.title')), [info, t])
  useEffect(() => {
    document.title = title
  }, [title])

  // Once the app is on screen, the editor chunk loads in the background (an idle moment, or 1 s at most).
  useEffect(() => {
    if (!info) return
    const handle = requestIdleCallback(() => void loadEditorPane(), { timeout: 1000 })
    return () => cancelIdleCallback(handle)
  }, [info])

  if (!info) return <p className="loading">{t('app.loading')}</p>
  return (
    <UiSettingsProvider bridge={bridge}>
      <SyncProvider bridge={bridge} openId={selectedId} readOnly={info.readOnly}>
        <div className="app-frame">
          <div className="app-shell">
            {view === 'trash' ? (
              <TrashView
                bridge={bridge}
                readOnly={info.readOnly}
                onClose={() => setView('articles')}
                onRestored={(id) => {
                  void refresh().then(() => {
                    setView('articles')
                    void handleSelect(id)
                  })
                }}
              />
            ) : (
              <LibraryPane
                articles={articles}
                facets={facets}
                pendingTotal={pendingTotal}
                readingSoFar={readingSoFar}
                readingOf={readingOf}
                loaded={loaded}
                selectedId={selectedId}
                onSelect={(id) => void handleSelect(id)}
                onCreate={() => void handleCreate()}
                bridge={bridge}
                onChanged={() => void refresh()}
                onShownChange={setViewIds}
                onSelectionChange={setListSelection}
                onOpenTrash={() => setView('trash')}
                onImport={() => setImportRequest((n) => n + 1)}
              />
            )}
            {selectedId && draft.loaded && isConflicted(draft.loaded) ? (
              <ConflictView
                key={`${selectedId}:${draft.loaded.revision}`}
                bridge={bridge}
                articleId={selectedId}
                readOnly={info.readOnly}
                onResolved={handleResolved}
                onBack={handleConflictBack}
              />
            ) : selectedId && draft.fields ? (
              <Suspense fallback={<main className="pane editor-pane empty-editor" aria-busy="true" />}>
                <EditorPane
                  bridge={bridge}
                  articleId={selectedId}
                  draft={draft}
                  articles={articles}
                  readOnly={info.readOnly}
                  isNew={freshId === selectedId}
                  onDelete={() => void handleDelete()}
                />
              </Suspense>
            ) : (
              <main className="pane editor-pane empty-editor">
                <p className="muted">{draft.loadError ?? deleteMessage ?? t('editor.nothingOpen')}</p>
                <SettingsButton />
              </main>
            )}
            <PreviewPane
              fields={draft.fields}
              bridge={bridge}
              articles={articles}
              selectedId={selectedId}
              onOpenArticle={(id) => void handleSelect(id)}
              onChanged={() => void refresh()}
            />
          </div>
          <LibraryNotices
            bridge={bridge}
            info={info}
            openId={selectedId}
            draft={draft}
            onOpen={(id) => void handleSelect(id)}
            onListChanged={(at) => {
              // A change the list already holds (the answer of our own save came first) needs no fetch.
              if (at === undefined || at !== cursor()) void refresh()
            }}
            onSaveAs={() => void workspace.saveAs()}
          />
        </div>
        <WorkspaceMenu info={info} workspace={workspace} />
        <div className="bundle-actions">
          <SyncStatusBar />
          <ExportControl
            bridge={bridge}
            selectedId={selectedId}
            selectedIds={listSelection}
            viewIds={viewIds}
            articles={articles}
          />
          <ImportControl bridge={bridge} onImported={() => void refresh()} openRequest={importRequest} />
        </div>
        {shortcutsOpen ? <ShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null}
      </SyncProvider>
    </UiSettingsProvider>
  )
}
