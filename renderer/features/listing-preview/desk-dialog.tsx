import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { defaultPublication, type PublicationSettings } from '../../../shared/publication/publication'
import '../../styles/listing-preview.css'
import { tabIds, Tabs } from '../../components/tabs'
import { TagsView } from '../tags/tags-view'
import { ArticlePreview } from './article-preview'
import { ListingPreview } from './listing-preview'
import { PublicationForm } from './publication-form'

/** The views of the desk dialog. */
export type DeskTab = 'listing' | 'article' | 'tags' | 'publication'
const tabs: DeskTab[] = ['listing', 'article', 'tags', 'publication']

/** Props of the desk dialog. */
export interface DeskDialogProps {
  bridge: NewsdeskBridge
  articles: ArticleSummary[]
  selectedId: string | null
  initialTab: DeskTab
  onClose: () => void
  onOpenArticle: (id: string) => void
  onChanged: () => void
}

/** A full-window dialog with the listing preview, the article preview, the tag view and the publication settings. */
export function DeskDialog({
  bridge,
  articles,
  selectedId,
  initialTab,
  onClose,
  onOpenArticle,
  onChanged,
}: DeskDialogProps) {
  const { t } = useTranslation()
  const [tab, setTab] = useState<DeskTab>(initialTab)
  const [settings, setSettings] = useState<PublicationSettings | null>(null)
  const closeRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    void bridge.publication
      .get()
      .then(setSettings)
      .catch(() => setSettings(defaultPublication('')))
    closeRef.current?.focus()
  }, [bridge])

  return (
    <div
      className="desk-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="desk-dialog-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose()
      }}
    >
      <header className="desk-header">
        <h2 id="desk-dialog-title">{t(`listingPreview.tabs.${tab}`)}</h2>
        <Tabs
          label={t('listingPreview.views')}
          items={tabs.map((key) => ({ key, label: t(`listingPreview.tabs.${key}`) }))}
          selected={tab}
          onSelect={setTab}
          idPrefix="desk"
          className="desk-tabs"
        />
        <button type="button" ref={closeRef} onClick={onClose}>
          {t('listingPreview.close')}
        </button>
      </header>
      <div
        id={tabIds('desk', tab).panel}
        role="tabpanel"
        aria-labelledby={tabIds('desk', tab).tab}
        className="desk-panel"
      >
        {tab === 'listing' && settings ? (
          <ListingPreview
            bridge={bridge}
            settings={settings}
            articles={articles}
            onOpenArticle={(id) => {
              onOpenArticle(id)
              onClose()
            }}
          />
        ) : null}
        {tab === 'article' ? <ArticlePreview bridge={bridge} articles={articles} initialId={selectedId} /> : null}
        {tab === 'tags' ? <TagsView bridge={bridge} onChanged={onChanged} /> : null}
        {tab === 'publication' && settings ? (
          <div className="publication-layout">
            <PublicationForm bridge={bridge} settings={settings} onChange={setSettings} />
            <ListingPreview
              bridge={bridge}
              settings={settings}
              articles={articles}
              onOpenArticle={(id) => {
                onOpenArticle(id)
                onClose()
              }}
            />
          </div>
        ) : null}
      </div>
    </div>
  )
}
