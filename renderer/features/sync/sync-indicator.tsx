import { useId, useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { assertNever } from '../../../shared/assert-never'
import type { SyncView } from '../../../shared/sync/api-types'
import type { SyncMessage } from '../../../shared/sync/sync-messages'
import '../../styles/sync.css'
import { useSync } from './sync-context'

/**
 * The indicator's words for a sync state ("3 to send", "Offline", "Synced"), with the articles a merge left
 * conflicted after it ("Synced · 1 conflicted"): they wait for the editor whatever the remote says.
 */
export function syncStateText(view: SyncView, t: TFunction): string {
  const state = stateWords(view, t)
  return view.conflicted > 0 ? t('sync.withConflicted', { state, count: view.conflicted }) : state
}

function stateWords(view: SyncView, t: TFunction): string {
  if (view.running) return t('sync.state.running')
  switch (view.state) {
    case 'git-missing':
      return t('sync.state.gitMissing')
    case 'not-repository':
      return t('sync.state.notRepository')
    case 'no-remote':
      return t('sync.state.noRemote')
    case 'to-send':
      return t('sync.state.toSend', { count: view.toSend })
    case 'to-receive':
      return t('sync.state.toReceive', { count: view.toReceive })
    case 'offline':
      return view.toSend > 0 ? t('sync.state.offlineWaiting', { count: view.toSend }) : t('sync.state.offline')
    case 'auth':
      return t('sync.state.auth')
    case 'error':
      return t('sync.state.error')
    case 'synced':
      return t('sync.state.synced')
    default:
      return assertNever(view.state)
  }
}

/**
 * The failure in the UI language: main's code (`syncMessage.<code>` with its parameters), else main's words as
 * they came (a view from before codes). Git's own text is never translated: it is shown apart, verbatim.
 */
export function syncProblemText(view: SyncView, t: TFunction): string | null {
  if (view.problem) return syncMessageText(view.problem, t)
  return view.message
}

/** A message main sent as a code with parameters, in the UI language (`syncMessage.<code>`, en from shared/sync). */
export function syncMessageText(message: SyncMessage, t: TFunction): string {
  return t(`syncMessage.${message.code}`, { ...message.params })
}

/** Props of the sync indicator. */
export interface SyncIndicatorProps {
  view: SyncView
  busy: boolean
  onSyncNow: () => void
}

/**
 * The sync state in words, a Sync now button, and a details toggle that shows what went wrong with git's
 * own message, the remote and the last sync's time.
 */
export function SyncIndicator({ view, busy, onSyncNow }: SyncIndicatorProps) {
  const { t, i18n } = useTranslation()
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  const canSync = view.state !== 'git-missing' && view.state !== 'not-repository'
  const failed = view.state === 'offline' || view.state === 'auth' || view.state === 'error'
  const problem = syncProblemText(view, t)
  return (
    <div
      className={`sync-indicator sync-${view.state}${view.conflicted > 0 ? ' sync-has-conflicts' : ''}`}
      data-testid="sync-indicator"
      data-state={view.state}
      data-conflicted={view.conflicted}
    >
      <span className="sync-state" role="status" aria-live="polite" data-testid="sync-state">
        {syncStateText({ ...view, running: view.running || busy }, t)}
      </span>
      {canSync ? (
        <button type="button" onClick={onSyncNow} disabled={busy} data-testid="sync-now">
          {t('sync.syncNow')}
        </button>
      ) : null}
      <button
        type="button"
        className="sync-details-toggle"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
        data-testid="sync-details-toggle"
      >
        {t('sync.details')}
      </button>
      {open ? (
        <div id={detailsId} className="sync-details" data-testid="sync-details">
          {problem ? (
            <p className={failed ? 'sync-message field-error' : 'sync-message'} data-testid="sync-message">
              {problem}
            </p>
          ) : null}
          {view.detail ? (
            <>
              <p className="muted">{t('sync.gitSaid')}</p>
              <pre className="sync-git-message" data-testid="sync-git-message">
                {view.detail}
              </pre>
            </>
          ) : null}
          {view.state === 'not-repository' ? <p>{t('sync.howToEnable')}</p> : null}
          {view.state === 'no-remote' ? <p>{t('sync.howToShare')}</p> : null}
          <p className="muted">
            {view.remote ? t('sync.remote', { url: view.remote }) : t('sync.noRemote')}
            {view.lastSyncAt
              ? ` · ${t('sync.lastSync', {
                  time: new Date(view.lastSyncAt).toLocaleString(i18n.language, {
                    dateStyle: 'short',
                    timeStyle: 'short',
                  }),
                })}`
              : ''}
          </p>
        </div>
      ) : null}
    </div>
  )
}

/** The indicator over the app's sync state (nothing until main has answered). */
export function SyncStatusBar() {
  const { view, busy, syncNow } = useSync()
  if (!view) return null
  return <SyncIndicator view={view} busy={busy} onSyncNow={() => void syncNow()} />
}
