import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleFields, ArticleSummary } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { badgeFor } from '../../../shared/listing/listing'
import { DeskDialog, type DeskTab } from './desk-dialog'

/** Props of the preview pane. */
export interface PreviewPaneProps {
  fields: ArticleFields | null
  /** With a bridge, the pane also opens the listing preview, article preview, tags and publication settings. */
  bridge?: NewsdeskBridge
  articles?: ArticleSummary[]
  selectedId?: string | null
  onOpenArticle?: (id: string) => void
  onChanged?: () => void
}

/** The right pane: the open article as a listing item, and the buttons to the full previews and tag view. */
export function PreviewPane({ fields, bridge, articles, selectedId, onOpenArticle, onChanged }: PreviewPaneProps) {
  const { t } = useTranslation()
  const [desk, setDesk] = useState<DeskTab | null>(null)
  const badge = fields ? badgeFor(fields.kind) : null
  return (
    <aside className="pane preview-pane" aria-label={t('preview.heading')}>
      <header className="pane-header">
        <h2>{t('preview.heading')}</h2>
      </header>
      {bridge ? (
        <nav className="preview-actions" aria-label={t('listingPreview.views')}>
          {(['listing', 'article', 'tags', 'publication'] as DeskTab[]).map((tab) => (
            <button key={tab} type="button" onClick={() => setDesk(tab)}>
              {t(`listingPreview.open.${tab}`)}
            </button>
          ))}
        </nav>
      ) : null}
      {fields ? (
        <article className="listing-item" data-testid="preview-item" lang={fields.language}>
          {badge ? <span className={`badge badge-${badge}`}>{t(`preview.badge.${badge}`)}</span> : null}
          <h3 className="listing-headline">{fields.headline || t('library.untitled')}</h3>
          <p className="listing-standfirst">{fields.standfirst}</p>
          {fields.byline ? <p className="listing-byline muted">{fields.byline}</p> : null}
        </article>
      ) : (
        <p className="muted preview-empty" data-testid="preview-empty">
          {t('emptyStates.previewCard')}
        </p>
      )}
      {bridge && desk ? (
        <DeskDialog
          bridge={bridge}
          articles={articles ?? []}
          selectedId={selectedId ?? null}
          initialTab={desk}
          onClose={() => setDesk(null)}
          onOpenArticle={(id) => onOpenArticle?.(id)}
          onChanged={() => onChanged?.()}
        />
      ) : null}
    </aside>
  )
}
