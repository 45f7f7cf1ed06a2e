import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { diffField } from '../../../shared/article/diff'
import type { Article } from '../../../shared/article/schema'
import { plainText } from '../../../shared/editor'
import type { AttentionItem, NewsdeskBridge, SyncCopyAction } from '../../../shared/ipc/contract'
import { ShowInFolderButton } from '../../components/show-in-folder-button'
import { localTime } from './holder-text'

/** Props of one sync-tool conflict copy in "Needs attention". */
export interface SyncCopyNoticeProps {
  bridge: NewsdeskBridge
  item: AttentionItem
  readOnly: boolean
  /** The copy was resolved; `id` is the article that holds the outcome (opened), or null. */
  onResolved(id: string | null): void
}

const compared = ['headline', 'standfirst', 'body'] as const

/**
 * A second version of an article left by a sync tool, in words, with the way out: compare it with the article,
 * take it (the current version stays in history), keep the current one (the copy is deleted), or import it as a
 * new article.
 */
export function SyncCopyNotice({ bridge, item, readOnly, onResolved }: SyncCopyNoticeProps) {
  const { t, i18n } = useTranslation()
  const [pair, setPair] = useState<{ copy: Article; current: Article | null } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const handleCompare = async () => {
    if (pair) {
      setPair(null)
      return
    }
    const [copy, current] = await Promise.all([
      bridge.articles.syncCopy(item.key),
      item.articleId ? bridge.articles.load(item.articleId) : Promise.resolve(null),
    ])
    if (!copy.ok) {
      setError(copy.message)
      return
    }
    setPair({ copy: copy.article, current: current?.ok ? current.article : null })
  }

  const handleAction = async (action: SyncCopyAction) => {
    setBusy(true)
    const result = await bridge.articles.resolveSyncCopy(item.key, action)
    setBusy(false)
    if (!result.ok) setError(result.message)
    else onResolved(action === 'keep-current' ? null : result.id)
  }

  const headline = pair?.current?.headline ?? pair?.copy.headline
  return (
    <div className="sync-copy" data-testid="sync-copy">
      <p>
        {t('syncCopy.what', {
          name: item.originalName,
          time: localTime(new Date(item.quarantinedAt), i18n.language),
        })}
        {headline ? ` ${t('syncCopy.of', { headline })}` : ''}
      </p>
      <div className="notice-actions">
        <button
          type="button"
          aria-expanded={pair !== null}
          onClick={() => void handleCompare()}
          data-testid="sync-compare"
        >
          {t('syncCopy.compare')}
        </button>
        <button
          type="button"
          disabled={readOnly || busy}
          onClick={() => void handleAction('take-copy')}
          data-testid="sync-take-copy"
        >
          {t('syncCopy.takeCopy')}
        </button>
        <button
          type="button"
          disabled={readOnly || busy}
          onClick={() => void handleAction('keep-current')}
          data-testid="sync-keep-current"
        >
          {t('syncCopy.keepCurrent')}
        </button>
        <button
          type="button"
          disabled={readOnly || busy}
          onClick={() => void handleAction('import-as-new')}
          data-testid="sync-import-new"
        >
          {t('syncCopy.importNew')}
        </button>
        <ShowInFolderButton
          show={() => bridge.articles.showInFolder({ kind: 'attention', key: item.key })}
          testId="sync-show-in-folder"
        />
      </div>
      {error ? <p role="alert">{t('syncCopy.failed', { reason: error })}</p> : null}
      {pair ? (
        <table className="conflict-compare" data-testid="sync-compare-table">
          <thead>
            <tr>
              <th scope="col">{t('libraryNotices.field')}</th>
              <th scope="col">{t('syncCopy.current')}</th>
              <th scope="col">{t('syncCopy.copy')}</th>
            </tr>
          </thead>
          <tbody>
            {compared.map((name) => {
              const text = (a: Article | null) => (a ? (name === 'body' ? plainText(a.body) : a[name]) : '')
              const diff = diffField(text(pair.current), text(pair.copy))
              return (
                <tr key={name} className={diff.changed ? 'changed' : undefined}>
                  <th scope="row">{t(`libraryNotices.fields.${name}`)}</th>
                  <td>
                    {diff.parts
                      .filter((p) => p.op !== 'insert')
                      .map((p, i) => (p.op === 'delete' ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>))}
                  </td>
                  <td>
                    {diff.parts
                      .filter((p) => p.op !== 'delete')
                      .map((p, i) => (p.op === 'insert' ? <ins key={i}>{p.text}</ins> : <span key={i}>{p.text}</span>))}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}
