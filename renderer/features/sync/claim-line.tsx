import { useTranslation } from 'react-i18next'
import type { ClaimInfo } from '../../../shared/sync/api-types'
import { useSync } from './sync-context'
import { syncMessageText } from './sync-indicator'

/** "10:32" in the UI's locale (the date too when the claim began on another day). */
export function claimTime(iso: string, language: string, now: Date = new Date()): string {
  const d = new Date(iso)
  return d.toDateString() === now.toDateString()
    ? d.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' })
}

/**
 * The claim's start for a sentence: the time, and the i18next context 'date' when it began on another day (Spanish
 * says "desde las 10:32" but "desde el 4/12/26, 10:32": a `_date` key words it; English needs none).
 */
export function claimWhen(iso: string, language: string, now: Date = new Date()): { time: string; context?: 'date' } {
  const time = claimTime(iso, language, now)
  return new Date(iso).toDateString() === now.toDateString() ? { time } : { time, context: 'date' }
}

/**
 * "Changed here", "Changed there", "Local only" and "Ana is editing" in a library row (others' claims only).
 * `localOnly` false leaves "Local only" out (the list says it once when every row is).
 */
export function RowSyncBadges({ articleId, localOnly = true }: { articleId: string; localOnly?: boolean }) {
  const { t } = useTranslation()
  const { states, claims } = useSync()
  const flags = states[articleId]
  const claim = claims.get(articleId)
  const other = claim && !claim.mine ? claim : null
  if (!flags && !other) return null
  return (
    <>
      {flags?.localOnly ? (
        localOnly ? (
          <span className="sync-badge sync-badge-local" data-testid="sync-badge">
            {t('sync.badge.localOnly')}
          </span>
        ) : null
      ) : flags?.changedHere ? (
        <span className="sync-badge sync-badge-here" data-testid="sync-badge">
          {t('sync.badge.changedHere')}
        </span>
      ) : null}
      {flags?.changedThere ? (
        <span className="sync-badge sync-badge-there" data-testid="sync-badge">
          {t('sync.badge.changedThere')}
        </span>
      ) : null}
      {other ? (
        <span className="claim-badge" data-testid="claim-badge" title={other.email}>
          {t('sync.claim.rowEditing', { name: other.name })}
        </span>
      ) : null}
    </>
  )
}

function ClaimNote({ claim }: { claim: ClaimInfo }) {
  const { t, i18n } = useTranslation()
  return (
    <p className="claim-line" role="status" data-testid="claim-line" title={claim.email}>
      {t('sync.claim.editingSince', { name: claim.name, ...claimWhen(claim.since, i18n.language) })}
    </p>
  )
}

/**
 * In the article header: who else is editing it ("Ana is editing since 10:32"), the notice after taking an
 * article over from someone, why the editor's claim could not be made (no name and email, git failed) or was
 * not shared (the remote refused it), and the notice that the editor's own claim was withdrawn at a sync
 * (someone else's earlier claim won, or they took the article over).
 */
export function ArticleClaimLine({ articleId }: { articleId: string }) {
  const { t, i18n } = useTranslation()
  const { claims, takeover, dismissTakeover, claimProblem, dismissClaimProblem } = useSync()
  const claim = claims.get(articleId)
  // "You took this article over" holds only while the article is still the editor's: once someone else's claim
  // stands (they took it back), that notice would contradict the one saying so.
  const took = takeover?.articleId === articleId && !(claim && !claim.mine) ? takeover.from : null
  const failed = claimProblem?.articleId === articleId ? claimProblem : null
  return (
    <>
      {claim && !claim.mine && claim.withdrewMine ? (
        <div className="notice claim-lost" role="alert" data-testid="claim-lost" title={claim.email}>
          {t('sync.claim.withdrawn', { name: claim.name, ...claimWhen(claim.since, i18n.language) })}
        </div>
      ) : claim && !claim.mine ? (
        <ClaimNote claim={claim} />
      ) : null}
      {took ? (
        <div className="notice claim-takeover" role="alert" data-testid="claim-takeover">
          {t('sync.claim.tookOver', { name: took.name, ...claimWhen(took.since, i18n.language) })}{' '}
          <button type="button" onClick={dismissTakeover}>
            {t('sync.claim.dismiss')}
          </button>
        </div>
      ) : null}
      {failed ? (
        <div className="notice claim-failed" role="status" data-testid="claim-failed">
          {syncMessageText(failed.problem, t)}
          {failed.detail ? (
            <>
              {' '}
              {t('sync.gitSaid')} <code className="sync-git-message">{failed.detail}</code>
            </>
          ) : null}{' '}
          <button type="button" onClick={dismissClaimProblem} data-testid="claim-failed-dismiss">
            {t('sync.claim.dismiss')}
          </button>
        </div>
      ) : null}
    </>
  )
}
