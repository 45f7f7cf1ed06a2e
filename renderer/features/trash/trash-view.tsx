import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NewsdeskBridge, TrashItem } from '../../../shared/ipc/contract'
import { formatInZone } from '../../../shared/publication/clock'
import '../../styles/trash.css'
import { usePublication } from '../publication/use-publication'

/** Props of the Trash view. */
export interface TrashViewProps {
  bridge: NewsdeskBridge
  readOnly: boolean
  /** Back to the article list. */
  onClose(): void
  /** An article came back: the list reloads and the article opens. */
  onRestored(id: string): void
}

/**
 * The Trash, in the library's column: deleted articles newest first, one selected to preview (headline, slug,
 * when it was deleted), Restore, and Empty trash behind a confirmation that says it cannot be undone.
 */
export function TrashView({ bridge, readOnly, onClose, onRestored }: TrashViewProps) {
  const { t, i18n } = useTranslation()
  const [items, setItems] = useState<TrashItem[] | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  const reload = useCallback(async () => {
    const list = await bridge.trash.list()
    list.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))
    setItems(list)
    setSelected((s) => (s && list.some((i) => i.id === s) ? s : (list[0]?.id ?? null)))
  }, [bridge])

  useEffect(() => {
    void reload()
  }, [reload])

  const publication = usePublication(bridge, 'trash')
  const when = (iso: string) => formatInZone(iso, i18n.language, publication.timeZone, 'medium')
  const current = items?.find((i) => i.id === selected) ?? null

  const handleRestore = async (item: TrashItem) => {
    const result = await bridge.trash.restore(item.id)
    if (!result.ok) {
      setMessage(t('trash.failed', { reason: result.message }))
      return
    }
    setMessage(t('trash.restored', { headline: item.headline || t('trash.untitled') }))
    await reload()
    onRestored(item.id)
  }

  const handleEmpty = async () => {
    setConfirming(false)
    const result = await bridge.trash.empty()
    setMessage(
      result.ok ? t('trash.emptied', { count: result.removed }) : t('trash.failed', { reason: result.message }),
    )
    await reload()
  }

  return (
    <aside className="pane library-pane trash-view" aria-label={t('trash.heading')} data-testid="trash-view">
      <header className="pane-header">
        <h2>{t('trash.heading')}</h2>
        <button type="button" onClick={onClose} data-testid="trash-back">
          {t('trash.back')}
        </button>
      </header>
      {items === null ? null : items.length === 0 ? (
        <p className="muted empty">{t('trash.empty')}</p>
      ) : (
        <>
          <ul className="trash-list" aria-label={t('trash.heading')}>
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className="trash-item"
                  aria-pressed={item.id === selected}
                  onClick={() => setSelected(item.id)}
                >
                  <strong>{item.headline || t('trash.untitled')}</strong>
                  <span className="muted">{t('trash.deletedAt', { time: when(item.deletedAt) })}</span>
                </button>
              </li>
            ))}
          </ul>
          {current ? (
            <section
              className="trash-preview"
              aria-label={current.headline || t('trash.untitled')}
              data-testid="trash-preview"
            >
              <h3>{current.headline || t('trash.untitled')}</h3>
              <p className="muted">{t('trash.slug', { slug: current.slug })}</p>
              <p className="muted">{t('trash.deletedAt', { time: when(current.deletedAt) })}</p>
              <button
                type="button"
                className="primary"
                disabled={readOnly}
                onClick={() => void handleRestore(current)}
                data-testid="trash-restore"
              >
                {t('trash.restore')}
              </button>
            </section>
          ) : null}
          <div className="trash-footer">
            {confirming ? (
              <div role="alertdialog" aria-label={t('trash.emptyTrash')} className="trash-confirm">
                <p>{t('trash.emptyConfirm', { count: items.length })}</p>
                <button
                  type="button"
                  className="danger"
                  onClick={() => void handleEmpty()}
                  data-testid="trash-empty-yes"
                >
                  {t('trash.emptyYes')}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('trash.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" disabled={readOnly} onClick={() => setConfirming(true)} data-testid="trash-empty">
                {t('trash.emptyTrash')}
              </button>
            )}
          </div>
        </>
      )}
      <p className="trash-message" role="status" aria-live="polite">
        {message}
      </p>
    </aside>
  )
}
