import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '../../../shared/article/schema'
import { badgeFor } from '../../../shared/listing/listing'

/** Props of the library list. */
export interface LibraryPaneProps {
  articles: ArticleSummary[]
  selectedId: string | null
  onSelect: (id: string) => void
  onCreate: () => void
}

/** The left pane: every article with its kind, status and primary tag, and a "New article" button. */
export function LibraryPane({ articles, selectedId, onSelect, onCreate }: LibraryPaneProps) {
  const { t } = useTranslation()
  return (
    <aside className="pane library-pane" aria-label={t('library.heading')}>
      <header className="pane-header">
        <h2>{t('library.heading')}</h2>
        <span className="muted">{t('library.count', { count: articles.length })}</span>
        <button type="button" className="primary" onClick={onCreate}>
          {t('library.newArticle')}
        </button>
      </header>
      {articles.length === 0 ? (
        <p className="muted empty">{t('library.empty')}</p>
      ) : (
        <ul className="article-list" aria-label={t('library.listLabel')} data-testid="article-list">
          {articles.map((a) => {
            const badge = badgeFor(a.kind)
            return (
              <li key={a.id}>
                <button
                  type="button"
                  className={`article-item${a.id === selectedId ? ' selected' : ''}`}
                  aria-current={a.id === selectedId ? 'true' : undefined}
                  onClick={() => onSelect(a.id)}
                  data-testid="article-item"
                >
                  <span className="item-meta">
                    {badge ? <span className={`badge badge-${badge}`}>{t(`preview.badge.${badge}`)}</span> : null}
                    <span className={`status status-${a.status}`}>{t(`status.${a.status}`)}</span>
                    {a.tags[0] ? <span className="tag">{a.tags[0]}</span> : null}
                  </span>
                  <span className="item-headline">{a.headline || t('library.untitled')}</span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </aside>
  )
}
