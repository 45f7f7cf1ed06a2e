import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatInZone, sameDayInZone } from '../../../shared/publication/clock'
import { FIELD_HISTORY_LIMIT, type FieldHistory, type FieldHistoryCommit } from '../../../shared/sync/api-types'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { useSync } from '../sync/sync-context'
import { syncMessageText } from '../sync/sync-indicator'

/** Props of the team history of one article. */
export interface TeamHistoryProps {
  bridge: NewsdeskBridge
  articleId: string
  /** The publication's time zone: commit times are shown on its clock. */
  timeZone: string
  /** The time now (ISO): a change made today shows the time alone (tests pass a fixed one). */
  now?: string
}

/**
 * "Team history": who changed which field of the article and when, from the commits (newest first), and per
 * field who changed it last. Shown only when the workspace is a git repository. Read again (two git calls) only
 * when a 'sync:changed' view names another HEAD commit than the one the history was read at: a claim, a fetch
 * or a failed sync adds no commit, a sync that merged, a batch commit or a resolution does.
 */
export function TeamHistory({ bridge, articleId, timeZone, now }: TeamHistoryProps) {
  const { t, i18n } = useTranslation()
  const [history, setHistory] = useState<FieldHistory | null>(null)
  // The HEAD the shown history was read at, as the sync state last said (undefined: not known yet, so the first
  // 'sync:changed' reads again).
  const knownHead = useRef<string | null | undefined>(undefined)
  knownHead.current = useSync().view?.head
  const readAt = useRef<string | null | undefined>(undefined)

  useEffect(() => {
    let live = true
    setHistory(null)
    readAt.current = knownHead.current
    const load = () =>
      void bridge.sync.fieldHistory(articleId).then(
        (answer) => live && setHistory(answer),
        () => undefined,
      )
    load()
    const off = bridge.on('sync:changed', (view) => {
      if (readAt.current !== undefined && view.head === readAt.current) return
      readAt.current = view.head
      load()
    })
    return () => {
      live = false
      off()
    }
  }, [bridge, articleId])

  if (history === null || history.reason === 'not-repository' || history.reason === 'git-missing') return null

  const when = (iso: string) => <time dateTime={iso}>{formatInZone(iso, i18n.language, timeZone, 'medium')}</time>
  const whenShort = (iso: string) => (
    <time dateTime={iso}>
      {formatInZone(
        iso,
        i18n.language,
        timeZone,
        sameDayInZone(iso, now ?? new Date().toISOString(), timeZone) ? 'time' : 'medium',
      )}
    </time>
  )
  const what = (c: FieldHistoryCommit): string => {
    const fields =
      c.change === 'created'
        ? t('history.team.created')
        : c.change === 'deleted'
          ? t('history.team.deleted')
          : c.fields.length === 0
            ? t('history.team.otherDetails')
            : c.fields.map((f) => t(`history.field.${f}`)).join(', ')
    return c.merge ? t('history.team.merge', { fields }) : fields
  }

  return (
    <section className="team-history" aria-labelledby="team-history-title" data-testid="team-history">
      <h3 id="team-history-title">{t('history.team.title')}</h3>
      {history.reason === 'git' ? (
        <p className="muted" data-testid="team-history-failed">
          {history.problem
            ? syncMessageText(history.problem, t)
            : t('history.team.failed', { reason: history.message ?? '' })}
          {history.detail ? (
            <>
              {' '}
              {t('sync.gitSaid')} <code className="sync-git-message">{history.detail}</code>
            </>
          ) : null}
        </p>
      ) : history.commits.length === 0 ? (
        <p className="muted">{t('history.team.empty')}</p>
      ) : (
        <>
          {history.lastChanges.length > 0 ? (
            <>
              <h4 id="team-last-title">{t('history.team.lastTitle')}</h4>
              <dl className="team-last" data-testid="team-last">
                {history.lastChanges.map((l) => (
                  <div key={l.field} data-field={l.field}>
                    <dt>{t(`history.field.${l.field}`)}:</dt>{' '}
                    <dd>
                      <span title={l.email}>{l.name}</span>, {whenShort(l.at)}
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
          <h4 id="team-commits-title">{t('history.team.commitsTitle')}</h4>
          <ol className="team-commits" aria-labelledby="team-commits-title" data-testid="team-commits">
            {history.commits.map((c) => (
              <li key={c.commit} data-commit={c.commit}>
                <span className="team-author" title={c.email}>
                  {c.name}
                </span>
                {' · '}
                {when(c.at)}
                {' · '}
                <span className={c.merge ? 'team-fields merge' : 'team-fields'}>{what(c)}</span>
              </li>
            ))}
          </ol>
          {history.commits.length >= FIELD_HISTORY_LIMIT ? (
            <p className="muted">{t('history.team.limited', { count: FIELD_HISTORY_LIMIT })}</p>
          ) : null}
        </>
      )}
    </section>
  )
}
