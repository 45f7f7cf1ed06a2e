import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DiffPart } from '../../../shared/article/diff'
import { assertNever } from '../../../shared/assert-never'
import { plainText } from '../../../shared/editor'
import { formatInZone } from '../../../shared/publication/clock'
import type { Article, ArticleFields } from '../../../shared/article/schema'
import type { NewsdeskBridge, RevisionInfo } from '../../../shared/ipc/contract'
import '../../styles/writing.css'
import '../../styles/history.css'
import { compareRevision, type ComparedField, type RevisionComparison } from './compare-rows'
import { TeamHistory } from './team-history'

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

/** One side of a compared value: the older side shows what was removed, the newer what was added. */
function Side({ parts, side }: { parts: DiffPart[]; side: 'from' | 'to' }) {
  const { t } = useTranslation()
  const shown = parts.filter((p) => p.op === 'equal' || p.op === (side === 'from' ? 'delete' : 'insert'))
  if (shown.every((p) => p.text === '')) return <span className="muted">{t('history.none')}</span>
  return (
    <>
      {shown.map((p, i) =>
        p.op === 'equal' ? (
          <span key={i}>{p.text}</span>
        ) : p.op === 'insert' ? (
          <ins key={i}>{p.text}</ins>
        ) : (
          <del key={i}>{p.text}</del>
        ),
      )}
    </>
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
  const [selected, setSelected] = useState<{ article: Article; comparison: RevisionComparison } | null>(null)
  const [showUnchanged, setShowUnchanged] = useState(false)
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

  /** A field's value as the editor reads it: times on the publication's clock, names in the UI language. */
  const showValue = (field: ComparedField, fields: ArticleFields): string => {
    switch (field) {
      case 'status':
        return t(`status.${fields.status}`)
      case 'kind':
        return t(`kind.${fields.kind}`)
      case 'language':
        return t(`language.${fields.language}`, { defaultValue: fields.language })
      case 'tags':
        return fields.tags.join(', ')
      case 'publishAt':
      case 'embargoUntil': {
        const iso = fields[field]
        return iso ? formatInZone(iso, i18n.language, timeZone, 'medium') : ''
      }
      case 'featuredImage':
        return fields.featuredImage
          ? [fields.featuredImage.alt, fields.featuredImage.caption].filter(Boolean).join(' · ') ||
              fields.featuredImage.asset.slice(0, 12)
          : ''
      case 'headline':
      case 'standfirst':
      case 'slug':
      case 'byline':
      case 'dateline':
      case 'editorsNote':
        return fields[field]
      default:
        return assertNever(field)
    }
  }

  const open = async (revision: number) => {
    const result = await bridge.history.load(articleId, revision)
    const now = current()
    if (!result.ok || !now) {
      setMessage(result.ok ? null : result.message)
      return
    }
    setSelected({ article: result.article, comparison: compareRevision(result.article, now, showValue) })
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
          <div className="revision-detail-head">
            <h3>{t('history.compare', { revision: selected.article.revision })}</h3>
            <span className="muted" data-testid="changed-count">
              {t('history.changedCount', { count: selected.comparison.changedCount })}
            </span>
            <label className="inline">
              <input
                type="checkbox"
                checked={showUnchanged}
                onChange={(e) => setShowUnchanged(e.target.checked)}
                data-testid="show-unchanged"
              />
              {t('history.showUnchanged')}
            </label>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void restore(selected.article.revision)}
            >
              {t('history.restore', { revision: selected.article.revision })}
            </button>
          </div>
          <table className="history-compare" data-testid="history-compare">
            <caption className="visually-hidden">
              {t('history.compare', { revision: selected.article.revision })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('history.fieldColumn')}</th>
                <th scope="col">{t('history.revision', { revision: selected.article.revision })}</th>
                <th scope="col">{t('history.current')}</th>
              </tr>
            </thead>
            <tbody>
              {selected.comparison.fields
                .filter((row) => row.changed || showUnchanged)
                .map((row) => (
                  <tr key={row.field} className={row.changed ? 'changed' : 'unchanged'} data-field={row.field}>
                    <th scope="row">
                      {t(`history.field.${row.field}`)}
                      {row.changed ? <span className="change-mark">{t('history.changed')}</span> : null}
                    </th>
                    <td>
                      <Side parts={row.parts} side="from" />
                    </td>
                    <td>
                      <Side parts={row.parts} side="to" />
                    </td>
                  </tr>
                ))}
              <tr className="body-heading">
                <th scope="rowgroup" colSpan={3}>
                  {t('history.field.body')}
                  {selected.comparison.body.some((b) => b.op !== 'equal') ? (
                    <span className="change-mark">{t('history.changed')}</span>
                  ) : (
                    <span className="muted"> {t('history.unchanged')}</span>
                  )}
                </th>
              </tr>
              {selected.comparison.body.map((block, i) =>
                block.op === 'equal' && !showUnchanged ? null : (
                  <tr key={i} className={`block block-${block.op}`} data-testid="body-block">
                    <th scope="row">
                      <span className="visually-hidden">{t(`history.block.${block.op}`)}</span>
                    </th>
                    <td>{block.from === null ? null : <Side parts={block.parts} side="from" />}</td>
                    <td>{block.to === null ? null : <Side parts={block.parts} side="to" />}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <details>
            <summary>{t('history.preview')}</summary>
            <article className="revision-preview" lang={selected.article.language}>
              <h3>{selected.article.headline}</h3>
              <p>{selected.article.standfirst}</p>
              <pre>{plainText(selected.article.body)}</pre>
            </article>
          </details>
        </div>
      ) : null}
      <TeamHistory bridge={bridge} articleId={articleId} timeZone={timeZone} />
    </section>
  )
}
