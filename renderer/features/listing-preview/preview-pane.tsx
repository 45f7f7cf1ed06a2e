import { useTranslation } from 'react-i18next'
import type { ArticleFields } from '../../../shared/article/schema'
import { badgeFor } from '../../../shared/listing/listing'

/** Props of the preview pane. */
export interface PreviewPaneProps {
  fields: ArticleFields | null
}

/** The right pane: the open article as a listing item (badge, headline, standfirst, byline). */
export function PreviewPane({ fields }: PreviewPaneProps) {
  const { t } = useTranslation()
  const badge = fields ? badgeFor(fields.kind) : null
  return (
    <aside className="pane preview-pane" aria-label={t('preview.heading')}>
      <header className="pane-header">
        <h2>{t('preview.heading')}</h2>
      </header>
      {fields ? (
        <article className="listing-item" data-testid="preview-item" lang={fields.language}>
          {badge ? <span className={`badge badge-${badge}`}>{t(`preview.badge.${badge}`)}</span> : null}
          <h3 className="listing-headline">{fields.headline || t('library.untitled')}</h3>
          <p className="listing-standfirst">{fields.standfirst}</p>
          {fields.byline ? <p className="listing-byline muted">{fields.byline}</p> : null}
        </article>
      ) : null}
    </aside>
  )
}
