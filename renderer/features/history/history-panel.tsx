import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { diffArticles, type ArticleDiff, type DiffPart } from '../../../shared/article/diff'
import { plainText } from '../../../shared/editor'
import { formatInZone } from '../../../shared/publication/clock'
import type { Article, ArticleFields } from '../../../shared/article/schema'
import type { NewsdeskBridge, RevisionInfo } from '../../../shared/ipc/contract'
import '../../styles/writing.css'

/** Props of the history panel of one article. */
export interface HistoryPanelProps {
  bridge: NewsdeskBridge
  articleId: string
  /** The fields as the editor has them now (the "current" side of every diff). */
  current: () => ArticleFields | null
  /** Saves pending edits (so they are in history) before anything is restored. */
  saveFirst: () => Promise<void>
  /** Called after a restore so the editor reloads the article. */
  onRestored: () => Promise<void>
  onClose: () => void
  /** The publication's time zone: revision times are shown on its clock. */
  timeZone: string
}

/** Signed byte difference, e.g. "+1.2 kB" or "−80 B", in the UI locale. */
export function formatSizeChange(delta: number, locale: string): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '\u2212' : '±'
  const abs = Math.abs(delta)
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  return abs >= 1024 ? `${sign}${nf.format(abs / 1024)} kB` : `${sign}${nf.format(abs)} B`
}

function Parts({ parts }: { parts: DiffPart[] }) {
  return (
    <p className="diff-text">
      {parts.map((p, i) =>
        p.op === 'equal' ? (
          <span key={i}>{p.text}</span>
        ) : p.op === 'insert' ? (
          <ins key={i}>{p.text}</ins>
        ) : (
          <del key={i}>{p.text}</del>
        ),
      )}
    </p>
  )
}

/** Revisions with time and size change; preview any, see its per-field diff against the current text, restore it. */
export function HistoryPanel({
  bridge,
  articleId,
  current,
  saveFirst,
  onRestored,
  onClose,
  timeZone,
}: HistoryPanelProps) {
  const { t, i18n } = useTranslation()
  const [revisions, setRevisions] = useState<RevisionInfo[] | null>(null)
  const [selected, setSelected] = useState<{ article: Article; diff: ArticleDiff } | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  // Read through a ref: the pane passes a fresh function on every render, and re-rendering must not reset
  // the selected revision.
  const saveFirstRef = useRef(saveFirst)
  saveFirstRef.current = saveFirst

  useEffect(() => {
    let live = true
    setSelected(null)
    void (async () => {
      await saveFirstRef.current()
      const list = await bridge.history.list(articleId)
      if (live) setRevisions(list)
    })()
    return () => {
      live = false
    }
  }, [bridge, articleId])

  const open = async (revision: number) => {
    const result = await bridge.history.load(articleId, revision)
    const now = current()
    if (!result.ok || !now) {
      setMessage(result.ok ? null : result.message)
      return
    }
    const currentArticle = { ...result.article, ...now, revision: 0 }
    setSelected({ article: result.article, diff: diffArticles(result.article, currentArticle) })
    setMessage(null)
  }

  const restore = async (revision: number) => {
    setBusy(true)
    await saveFirst()
    const result = await bridge.history.restore(articleId, revision)
    setBusy(false)
    if (!result.ok) {
      setMessage(t('history.restoreFailed', { reason: result.message }))
      return
    }
    setMessage(t('history.restored', { revision }))
    setSelected(null)
    await onRestored()
    setRevisions(await bridge.history.list(articleId))
  }

  const fmtTime = (iso: string) => formatInZone(iso, i18n.language, timeZone, 'medium')
  const fields: (keyof Pick<ArticleDiff, 'headline' | 'standfirst' | 'body'>)[] = ['headline', 'standfirst', 'body']

  return (
    <section className="history-panel" aria-labelledby="history-title" data-testid="history-panel">
      <header className="history-header">
        <h2 id="history-title">{t('history.title')}</h2>
        <button type="button" onClick={onClose}>
          {t('history.close')}
        </button>
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">
        {message ?? ''}
      </p>
      {message ? <p className="history-message">{message}</p> : null}
      {revisions === null ? (
        <p className="muted">{t('history.loading')}</p>
      ) : revisions.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="revision-list" aria-label={t('history.revisions')}>
          {revisions.map((r, i) => {
            const older = revisions[i + 1]
            return (
              <li key={r.revision} className={selected?.article.revision === r.revision ? 'selected' : undefined}>
                <button
                  type="button"
                  className="revision-open"
                  onClick={() => void open(r.revision)}
                  data-testid="revision-item"
                >
                  <strong>{t('history.revision', { revision: r.revision })}</strong> <span>{fmtTime(r.savedAt)}</span>{' '}
                  <span className="muted">{t(`history.reason.${r.reason}`)}</span>{' '}
                  <span className="muted">
                    {older
                      ? formatSizeChange(r.size - older.size, i18n.language)
                      : formatSizeChange(r.size, i18n.language)}
                  </span>
                </button>
              </li>
            )
          })}
        </ol>
      )}
      {selected ? (
        <div className="revision-detail" data-testid="revision-detail">
          <h3>{t('history.compare', { revision: selected.article.revision })}</h3>
          {fields.map((f) => (
            <div key={f} className="diff-field">
              <h4>
                {t(`history.field.${f}`)}{' '}
                {selected.diff[f].changed ? null : <span className="muted">{t('history.unchanged')}</span>}
              </h4>
              {selected.diff[f].changed ? <Parts parts={selected.diff[f].parts} /> : null}
            </div>
          ))}
          <div className="diff-field">
            <h4>{t('history.field.tags')}</h4>
            {selected.diff.tags.changed ? (
              <p>
                {selected.diff.tags.added.map((tag) => (
                  <ins key={tag}>{tag} </ins>
                ))}
                {selected.diff.tags.removed.map((tag) => (
                  <del key={tag}>{tag} </del>
                ))}
                {selected.diff.tags.added.length + selected.diff.tags.removed.length === 0
                  ? t('history.reordered')
                  : null}
              </p>
            ) : (
              <span className="muted">{t('history.unchanged')}</span>
            )}
          </div>
          <details>
            <summary>{t('history.preview')}</summary>
            <article className="revision-preview" lang={selected.article.language}>
              <h3>{selected.article.headline}</h3>
              <p>{selected.article.standfirst}</p>
              <pre>{plainText(selected.article.body)}</pre>
            </article>
          </details>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void restore(selected.article.revision)}
          >
            {t('history.restore', { revision: selected.article.revision })}
          </button>
        </div>
      ) : null}
    </section>
  )
}
