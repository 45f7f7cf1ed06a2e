import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '../shared/article/schema'
import type { NewsdeskBridge, WorkspaceInfo } from '../shared/ipc/contract'
import { EditorPane } from './features/editor/editor-pane'
import { ExportControl } from './features/export/export-dialog'
import { useArticleDraft } from './features/editor/use-article-draft'
import { LibraryPane } from './features/library/library-pane'
import { LibraryNotices } from './features/library-notices/library-notices'
import { PreviewPane } from './features/listing-preview/preview-pane'
import { SettingsButton } from './features/settings/settings-panel'
import { UiSettingsProvider } from './features/settings/ui-settings-context'

/** The three-pane window: library, editor, preview. */
export function App({ bridge }: { bridge: NewsdeskBridge }) {
  const { t } = useTranslation()
  const [info, setInfo] = useState<WorkspaceInfo | null>(null)
  const [articles, setArticles] = useState<ArticleSummary[]>([])
  const [selectedId, setSelectedId] = useState<string | null>(null)

  const refresh = useCallback(async () => {
    const [nextInfo, list] = await Promise.all([bridge.workspace.info(), bridge.articles.list({})])
    setInfo(nextInfo)
    setArticles(list)
  }, [bridge])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const draft = useArticleDraft(bridge, selectedId, () => void refresh())

  const handleCreate = useCallback(async () => {
    await draft.saveNow()
    const result = await bridge.articles.create({})
    if (result.ok) {
      await refresh()
      setSelectedId(result.article.id)
    }
  }, [bridge, draft, refresh])

  const handleSelect = useCallback(
    async (id: string) => {
      await draft.saveNow()
      setSelectedId(id)
    },
    [draft],
  )

  useEffect(
    () =>
      bridge.on('menu:command', (command) => {
        if (command === 'new-article') void handleCreate()
        if (command === 'save') void draft.saveNow()
      }),
    [bridge, handleCreate, draft],
  )

  const title = useMemo(() => (info ? `${t('app.title')} — ${info.name}` : t('app.title')), [info, t])
  useEffect(() => {
    document.title = title
  }, [title])

  if (!info) return <p className="loading">{t('app.loading')}</p>
  return (
    <UiSettingsProvider bridge={bridge}>
      <div className="app-shell">
        <LibraryPane
          articles={articles}
          selectedId={selectedId}
          onSelect={(id) => void handleSelect(id)}
          onCreate={() => void handleCreate()}
          bridge={bridge}
          onChanged={() => void refresh()}
        />
        {selectedId && draft.fields ? (
          <EditorPane bridge={bridge} articleId={selectedId} draft={draft} articles={articles} />
        ) : (
          <main className="pane editor-pane empty-editor">
            <p className="muted">{draft.loadError ?? t('editor.nothingOpen')}</p>
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
        onListChanged={() => void refresh()}
      />
      <ExportControl bridge={bridge} selectedId={selectedId} />
    </UiSettingsProvider>
  )
}
