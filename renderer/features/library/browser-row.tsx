import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { isScheduled } from '../editor/schedule'
import type { ArticleSummary } from '../../../shared/article/schema'
import { badgeFor } from '../../../shared/listing/listing'
import { Highlighted } from './highlight'
import { RowSyncBadges } from '../sync/claim-line'

/** Props of one row of the library list. */
export interface BrowserRowProps {
  article: ArticleSummary
  index: number
  /** Offset of the row from the top of the list, in px (from the virtualiser). */
  start: number
  selected: boolean
  active: boolean
  terms: readonly string[]
  showSnippet: boolean
  /** How the row writes its updated time (compact text, full tooltip). */
  rowDate: RowDate
  /** The fixed height of every row, in px. */
  height: number
  /** Show "Local only" on the row (false when the list says it once for every row). */
  localOnlyBadge?: boolean
  /** A click: plain opens the article, Ctrl/Cmd toggles it in the selection, Shift selects a range. */
  onPick: (id: string, how: PickGesture) => void
}

/** An instant as a row shows it: compact text and the full date and time for the tooltip. */
export type RowDate = (iso: string) => { text: string; title: string }

/** What a click on a row asks for. */
export type PickGesture = 'open' | 'toggle' | 'range'

/**
 * One article in the virtualised list: "Conflicted" when a merge left it so, kind badge, status, primary tag, updated time, headline (and the
 * standfirst while searching), and under it the sync and claim badges when it has any. Memoised: while the list scrolls, rows that stay on screen with the same
 * offset are not rendered again, so a frame only pays for the rows that came into view.
 */
export const BrowserRow = memo(function BrowserRow({
  article: a,
  index,
  start,
  selected,
  active,
  terms,
  showSnippet,
  rowDate,
  height,
  localOnlyBadge = true,
  onPick,
}: BrowserRowProps) {
  const { t } = useTranslation()
  const badge = badgeFor(a.kind)
  const updated = rowDate(a.updatedAt)
  return (
    <div
      id={`article-option-${a.id}`}
      role="option"
      aria-selected={selected}
      className={`article-item browser-row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      data-index={index}
      style={{ transform: `translateY(${start}px)`, height }}
      onClick={(e) => onPick(a.id, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'open')}
      data-testid="article-item"
      data-id={a.id}
    >
      <span className="item-meta">
        {a.conflicted ? (
          <span className="conflict-badge" title={t('conflicts.badgeTitle')} data-testid="conflict-badge">
            {t('conflicts.badge')}
          </span>
        ) : null}
        {badge ? <span className={`badge badge-${badge}`}>{t(`preview.badge.${badge}`)}</span> : null}
        {isScheduled(a, new Date()) ? (
          <span className="status status-scheduled">{t('gate.scheduled')}</span>
        ) : (
          <span className={`status status-${a.status}`}>{t(`status.${a.status}`)}</span>
        )}
        {a.tags[0] ? (
          <span className="tag">
            <Highlighted text={a.tags[0]} terms={terms} />
          </span>
        ) : null}
        <time className="browser-updated muted" dateTime={a.updatedAt} title={updated.title}>
          {updated.text}
        </time>
      </span>
      <span className="item-headline">
        {a.headline ? <Highlighted text={a.headline} terms={terms} /> : t('library.untitled')}
      </span>
      {/* Sync and claim badges have a line of their own (the headline then takes one line): in the one meta line
          they squeezed the tag and themselves ("A…" for "Ana Ruiz is editing") at the library's width. */}
      <span className="row-sync-line">
        <RowSyncBadges articleId={a.id} localOnly={localOnlyBadge} />
      </span>
      {showSnippet && a.standfirst ? (
        <span className="browser-snippet muted">
          <Highlighted text={a.standfirst} terms={terms} />
        </span>
      ) : null}
    </div>
  )
})
