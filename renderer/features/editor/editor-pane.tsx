import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ComponentProps,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { useTranslation } from 'react-i18next'
import { measureBudget, type BudgetMeasure } from '../../../shared/article/readiness'
import { formatInZone, sameDayInZone } from '../../../shared/publication/clock'
import {
  articleKinds,
  articleStatuses,
  type ArticleFields,
  type ArticleStatus,
  type ArticleSummary,
} from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { FieldRow, SelectFieldRow } from '../../components/field-row'
import { BodyEditor } from '../../editor/body-editor'
import type { BodyStats } from '../../editor/body-stats'
import '../../styles/writing.css'
import { HistoryPanel } from '../history/history-panel'
import { SettingsButton } from '../settings/settings-panel'
import { ArticleClaimLine } from '../sync/claim-line'
import { usePublication } from '../publication/use-publication'
import { BudgetMeter, DateTimeField, FeaturedImageField, TagEditor } from './form-parts'
import { once, slugFollowsHeadline, slugForHeadline, slugProblem, tagVocabulary } from './form-logic'
import { gatedStatuses, gateIssues, overrideNote, type GateField, type GateIssue } from './ready-gate'
import { isScheduled } from './schedule'
import type { SaveState, useArticleDraft } from './use-article-draft'

/** The draft hook's result, as the pane uses it. */
export type ArticleDraftHandle = ReturnType<typeof useArticleDraft>

/** Props of the article editor pane. */
export interface EditorPaneProps {
  bridge: NewsdeskBridge
  articleId: string
  draft: ArticleDraftHandle
  /** Every article's summary: the tag vocabulary and the slugs already taken. */
  articles: ArticleSummary[]
  /** The workspace cannot be written: every field is disabled. */
  readOnly?: boolean
  /** The article was just created: the caret goes to the headline. */
  isNew?: boolean
  /** Moves the open article to the trash (the app closes it). */
  onDelete?: () => void
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** An ISO time on the publication's clock in the UI language (with the date when not today there). */
function clock(iso: string, language: string, timeZone: string): string {
  return sameDayInZone(iso, new Date().toISOString(), timeZone)
    ? formatInZone(iso, language, timeZone, 'seconds')
    : formatInZone(iso, language, timeZone, 'medium')
}

/** Where the details panel's open/closed choice is remembered (a UI preference, not article data). */
const DETAILS_KEY = 'newsdesk.detailsOpen'
/** Opens by default only where the writing column keeps its width beside it. */
function detailsDefault(): boolean {
  const kept = localStorage.getItem(DETAILS_KEY)
  if (kept !== null) return kept === '1'
  return window.innerWidth >= 1400
}

/** Moves focus to the listing preview (Mod-Shift-P, the View menu's Preview). */
function focusPreview(): void {
  const pane = document.querySelector<HTMLElement>('.preview-pane')
  if (!pane) return
  pane.tabIndex = -1
  pane.focus()
  pane.scrollIntoView({ block: 'nearest' })
}

/** Moves focus to the conflict view's choices (keep mine, take the disk version, see both: library-notices). */
function focusConflictChoices(): void {
  document.querySelector<HTMLElement>('[data-testid="conflict-view"] button')?.focus()
}

/** The status line: "Saving…", "Saved 12:03" or "Not saved: <reason in words>" with Retry. */
function SaveStatus({
  state,
  onRetry,
  readOnly,
  timeZone,
}: {
  state: SaveState
  onRetry: () => void
  readOnly: boolean
  timeZone: string
}) {
  const { t, i18n } = useTranslation()
  const failure =
    state.kind === 'failed'
      ? state.code && state.code !== 'io' && state.code !== 'error'
        ? t(`saveReason.${state.code}`)
        : state.reason
      : null
  // One line of words (it may be shortened with an ellipsis to keep the bar on one line; the title keeps it whole).
  const line =
    state.kind === 'failed'
      ? null
      : readOnly
        ? t('saveReason.readOnlyState')
        : state.kind === 'saving'
          ? t('save.saving')
          : state.kind === 'dirty'
            ? t('save.unsaved')
            : state.savedAt
              ? t('save.saved', { time: clock(state.savedAt, i18n.language, timeZone) })
              : t('saveReason.notYet')
  return (
    <div
      className={state.kind === 'failed' ? 'save-status save-status-failed' : 'save-status'}
      role="status"
      aria-live="polite"
      title={line ?? undefined}
      data-testid="save-status"
    >
      {line}
      {state.kind === 'failed' && (
        <span className="save-failed">
          {t('save.failed', { reason: failure })}{' '}
          {state.conflict ? (
            <>
              <span>{t('articleForm.conflictHint')} </span>
              <button type="button" data-testid="conflict-choose" onClick={focusConflictChoices}>
                {t('articleForm.conflictChoose')}
              </button>{' '}
            </>
          ) : null}
          {state.code === 'read-only' ? null : (
            <button type="button" onClick={onRetry}>
              {t('save.retry')}
            </button>
          )}
        </span>
      )}
    </div>
  )
}

/** What fails the Ready gate beside one field. */
function GateNote({ issues, field }: { issues: readonly GateIssue[]; field: GateField }) {
  const { t } = useTranslation()
  const mine = issues.filter((i) => i.field === field)
  if (mine.length === 0) return null
  return (
    <ul className="gate-note" data-testid={`gate-${field}`}>
      {mine.map((i, n) => (
        <li key={n}>
          {t(`gate.rule.${i.issue.rule}`, { field: t(`gate.field.${field}`), defaultValue: i.issue.message })}
        </li>
      ))}
    </ul>
  )
}

/** The headline or the standfirst: a textarea under a hidden label, with its length budget and its gate note. */
function BudgetedText({
  field,
  label,
  measure,
  issues,
  fieldClassName,
  ...textarea
}: {
  field: 'headline' | 'standfirst'
  label: string
  measure: BudgetMeasure
  issues: readonly GateIssue[]
  fieldClassName?: string
} & ComponentProps<'textarea'>) {
  return (
    <div className={fieldClassName ? `field ${fieldClassName}` : 'field'}>
      <label htmlFor={`field-${field}`} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={`field-${field}`}
        aria-describedby={`${field}-budget`}
        aria-invalid={issues.some((i) => i.field === field) ? true : undefined}
        {...textarea}
      />
      <BudgetMeter id={`${field}-budget`} measure={measure} />
      <GateNote issues={issues} field={field} />
    </div>
  )
}

/** The state chip: Draft, Ready, Scheduled for <time>, Published. */
function StateChip({ fields, timeZone }: { fields: ArticleFields; timeZone: string }) {
  const { t, i18n } = useTranslation()
  const scheduled = isScheduled(fields, new Date())
  const text =
    scheduled && fields.publishAt
      ? t('gate.scheduledFor', {
          time: formatInZone(fields.publishAt, i18n.language, timeZone, 'short'),
        })
      : t(`status.${fields.status}`)
  return (
    <span className={`state-chip state-${scheduled ? 'scheduled' : fields.status}`} data-testid="state-chip">
      {text}
    </span>
  )
}

/** A labelled block of the details panel. */
function Detail({ children }: { children: ReactNode }) {
  return <div className="detail">{children}</div>
}

/**
 * The middle pane, writing first: the headline (wraps and grows), the standfirst and the body fill the column;
 * slug, kind, status, language, byline, dateline, tags, times, featured image and the editor's note sit in a
 * details panel docked at the side that can be collapsed. Choosing Ready or Published runs the Ready gate.
 */
export function EditorPane({
  bridge,
  articleId,
  draft,
  articles,
  readOnly = false,
  isNew = false,
  onDelete,
}: EditorPaneProps) {
  const { t, i18n } = useTranslation()
  const publication = usePublication(bridge, articleId)
  const fields = draft.fields
  const headlineBudget = measureBudget('headline', fields?.headline ?? '', publication.budgets)
  const standfirstBudget = measureBudget('standfirst', fields?.standfirst ?? '', publication.budgets)
  const loaded = draft.loaded
  const [stats, setStats] = useState<BodyStats>({ words: 0, characters: 0, readingMinutes: 0 })
  const [notice, setNotice] = useState<string | null>(null)
  const [historyOpen, setHistoryOpen] = useState(false)
  const [detailsOpen, setDetailsOpenRaw] = useState(detailsDefault)
  /** The Ready gate's findings for the status the editor asked for (null: no gate shown). */
  const [gate, setGate] = useState<{ status: ArticleStatus; issues: GateIssue[] } | null>(null)
  const [overrideReason, setOverrideReason] = useState('')
  /** A slug as typed that cannot be saved yet (bad format): shown and marked, never sent. */
  const [slugDraft, setSlugDraft] = useState<string | null>(null)
  const [slugUnlocked, setSlugUnlocked] = useState(false)
  const headlineRef = useRef<HTMLTextAreaElement>(null)
  const onChange = draft.update

  const setDetailsOpen = useCallback((open: boolean) => {
    localStorage.setItem(DETAILS_KEY, open ? '1' : '0')
    setDetailsOpenRaw(open)
  }, [])

  const takenSlugs = useMemo(
    () => ({ has: (slug: string) => articles.some((a) => a.slug === slug && a.id !== articleId) }),
    [articles, articleId],
  )
  const vocabulary = useMemo(() => once(() => tagVocabulary(articles.map((a) => a.tags))), [articles])
  const saveNow = draft.saveNow
  const save = useCallback(() => void saveNow('explicit'), [saveNow])

  useEffect(() => {
    setHistoryOpen(false)
    setNotice(null)
    setGate(null)
    setOverrideReason('')
    setSlugDraft(null)
    setSlugUnlocked(false)
  }, [articleId])

  // New article: the caret goes to the headline.
  const ready = fields !== null
  useEffect(() => {
    if (isNew && ready) headlineRef.current?.focus()
  }, [isNew, ready, articleId])

  useEffect(
    () =>
      bridge.on('menu:command', (command) => {
        if (command === 'preview') focusPreview()
      }),
    [bridge],
  )

  const language = fields?.language
  useEffect(() => {
    if (language) void bridge.settings.spellcheck(language).catch(() => undefined)
  }, [bridge, language])

  const slugShown = slugDraft ?? fields?.slug
  const slugIssue = useMemo(
    () => (slugShown === undefined ? null : slugProblem(slugShown, takenSlugs)),
    [slugShown, takenSlugs],
  )

  if (!fields) return null

  // A published article's URL is its slug: it no longer follows the headline, and editing it is explicit.
  const published = fields.status === 'published' && loaded?.status === 'published'
  const slugLocked = published && !slugUnlocked
  const issues = gate?.issues ?? []

  const handleKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const mod = isMac ? e.metaKey : e.ctrlKey
    if (!mod) return
    if (e.key.toLowerCase() === 's' && !e.shiftKey) {
      e.preventDefault()
      save()
    } else if (e.key.toLowerCase() === 'p' && e.shiftKey) {
      e.preventDefault()
      focusPreview()
    }
  }

  const handleHeadline = (raw: string) => {
    const headline = raw.replace(/\s*\n\s*/g, ' ')
    const patch: Partial<ArticleFields> = { headline }
    if (!published && slugDraft === null && slugFollowsHeadline(fields.slug, fields.headline, takenSlugs))
      patch.slug = slugForHeadline(headline, takenSlugs)
    onChange(patch)
    if (gate) setGate(null)
  }

  // A slug that cannot be saved stays in the field, marked; the rest of the article keeps saving.
  const handleSlug = (slug: string) => {
    if (slugProblem(slug, { has: () => false }) === 'format') {
      setSlugDraft(slug)
      return
    }
    setSlugDraft(null)
    onChange({ slug })
  }

  const handleStatus = (status: ArticleStatus) => {
    if (!gatedStatuses.includes(status) || !loaded) {
      setGate(null)
      onChange({ status })
      return
    }
    const found = gateIssues(loaded, fields, status, new Date(), publication)
    if (found.length === 0) {
      setGate(null)
      onChange({ status })
      return
    }
    setGate({ status, issues: found })
    setOverrideReason('')
    setDetailsOpen(true)
  }

  const handleOverride = () => {
    if (!gate || overrideReason.trim() === '') return
    onChange({
      status: gate.status,
      editorsNote: overrideNote(fields.editorsNote, gate.status, overrideReason, new Date()),
    })
    setGate(null)
    // Saved at once as an explicit revision, so the reason is kept in history.
    setTimeout(save, 0)
  }

  const handleFixed = () => {
    if (!gate || !loaded) return
    const found = gateIssues(loaded, fields, gate.status, new Date(), publication)
    if (found.length === 0) {
      onChange({ status: gate.status })
      setGate(null)
    } else setGate({ status: gate.status, issues: found })
  }

  const nf = new Intl.NumberFormat(i18n.language)
  const issueCount = issues.length

  const details = (
    <aside className="details-panel" aria-label={t('details.label')} data-testid="details-panel">
      {gate ? (
        <div className="gate-box" role="alert" data-testid="ready-gate">
          <p>
            <strong>{t('gate.title', { status: t(`status.${gate.status}`), count: issueCount })}</strong>
          </p>
          <GateNote issues={issues} field="other" />
          <div className="button-row">
            <button type="button" onClick={handleFixed} data-testid="gate-recheck">
              {t('gate.recheck')}
            </button>
            <button type="button" onClick={() => setGate(null)}>
              {t('gate.keepStatus', { status: t(`status.${fields.status}`) })}
            </button>
          </div>
          <FieldRow label={t('gate.overrideReason')}>
            <input
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              data-testid="gate-reason"
            />
          </FieldRow>
          <button
            type="button"
            disabled={overrideReason.trim() === ''}
            onClick={handleOverride}
            data-testid="gate-override"
          >
            {t('gate.override', { status: t(`status.${gate.status}`) })}
          </button>
        </div>
      ) : null}
      <Detail>
        <div className="field-row">
          <SelectFieldRow<ArticleStatus>
            grow
            label={t('editor.status')}
            value={gate?.status ?? fields.status}
            options={articleStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            onChange={handleStatus}
            testId="field-status"
          />
          <SelectFieldRow<ArticleFields['kind']>
            grow
            label={t('editor.kind')}
            value={fields.kind}
            options={articleKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            onChange={(kind) => onChange({ kind })}
            testId="field-kind"
          />
          <SelectFieldRow
            grow
            label={t('editor.language')}
            value={fields.language}
            options={[
              ...['en', 'es'].map((l) => ({ value: l, label: t(`language.${l}`) })),
              ...(['en', 'es'].includes(fields.language) ? [] : [{ value: fields.language, label: fields.language }]),
            ]}
            onChange={(language) => onChange({ language })}
          />
        </div>
      </Detail>
      <div className="field">
        <label htmlFor="field-slug">{t('articleForm.slug')}</label>
        <input
          id="field-slug"
          value={slugShown}
          spellCheck={false}
          readOnly={slugLocked}
          aria-invalid={slugIssue || issues.some((i) => i.field === 'slug') ? true : undefined}
          aria-describedby="slug-help"
          onChange={(e) => handleSlug(e.target.value)}
        />
        <small id="slug-help" className={slugIssue ? 'field-error' : 'muted'}>
          {slugIssue
            ? t(`articleForm.slugProblem.${slugIssue}`) +
              (slugDraft !== null ? ` ${t('details.slugNotSaved', { slug: fields.slug })}` : '')
            : slugLocked
              ? t('details.slugLocked')
              : slugUnlocked
                ? t('details.slugUrlChanges')
                : t('articleForm.slugHelp')}
        </small>
        {slugLocked ? (
          <button type="button" className="link-button" onClick={() => setSlugUnlocked(true)} data-testid="slug-unlock">
            {t('details.slugChange')}
          </button>
        ) : null}
        <GateNote issues={issues} field="slug" />
      </div>
      <FieldRow label={t('editor.byline')}>
        <input
          value={fields.byline}
          data-testid="field-byline"
          aria-invalid={issues.some((i) => i.field === 'byline') ? true : undefined}
          onChange={(e) => onChange({ byline: e.target.value })}
        />
      </FieldRow>
      <GateNote issues={issues} field="byline" />
      <FieldRow label={t('articleForm.dateline')}>
        <input
          value={fields.dateline}
          placeholder={t('articleForm.datelinePlaceholder')}
          onChange={(e) => onChange({ dateline: e.target.value })}
        />
      </FieldRow>
      <TagEditor tags={fields.tags} vocabulary={vocabulary} onChange={(tags) => onChange({ tags })} />
      <DateTimeField
        key={`publishAt-${articleId}`}
        testId="field-publishAt"
        label={t('articleForm.publishAt')}
        value={fields.publishAt}
        timeZone={publication.timeZone}
        onChange={(publishAt) => onChange({ publishAt })}
      />
      <GateNote issues={issues} field="publishAt" />
      <DateTimeField
        key={`embargoUntil-${articleId}`}
        testId="field-embargoUntil"
        label={t('articleForm.embargoUntil')}
        value={fields.embargoUntil}
        hint={t('articleForm.embargoHint')}
        timeZone={publication.timeZone}
        onChange={(embargoUntil) => onChange({ embargoUntil })}
      />
      <GateNote issues={issues} field="embargoUntil" />
      <FeaturedImageField
        bridge={bridge}
        value={fields.featuredImage}
        onChange={(featuredImage) => onChange({ featuredImage })}
        onNotice={setNotice}
      />
      <GateNote issues={issues} field="featuredImage" />
      <fieldset className="review-fields">
        <legend>{t('articleForm.review')}</legend>
        {(['assignee', 'reviewer'] as const).map((role) => (
          <FieldRow key={role} label={t(`articleForm.${role}`)}>
            <input
              value={fields[role] ?? ''}
              placeholder={t('articleForm.editorRefPlaceholder')}
              data-testid={`field-${role}`}
              onChange={(e) => onChange({ [role]: e.target.value.trim() === '' ? null : e.target.value })}
            />
          </FieldRow>
        ))}
        <DateTimeField
          key={`dueAt-${articleId}`}
          testId="field-dueAt"
          label={t('articleForm.dueAt')}
          value={fields.dueAt ?? null}
          timeZone={publication.timeZone}
          onChange={(dueAt) => onChange({ dueAt })}
        />
      </fieldset>
      <FieldRow label={t('articleForm.editorsNote')}>
        <textarea rows={3} value={fields.editorsNote} onChange={(e) => onChange({ editorsNote: e.target.value })} />
      </FieldRow>
    </aside>
  )

  return (
    <main
      className={`pane editor-pane${detailsOpen ? ' details-open' : ''}`}
      onKeyDown={handleKeyDown}
      aria-label={t('articleForm.paneLabel')}
    >
      <div className="editor-bar">
        <SaveStatus state={draft.saveState} onRetry={save} readOnly={readOnly} timeZone={publication.timeZone} />
        <StateChip fields={fields} timeZone={publication.timeZone} />
        <button type="button" onClick={save} disabled={readOnly}>
          {t('editor.save')}
        </button>
        <button
          type="button"
          aria-expanded={detailsOpen}
          aria-controls="details-panel"
          onClick={() => setDetailsOpen(!detailsOpen)}
          data-testid="toggle-details"
        >
          {t('details.toggle')}
          {issueCount > 0 ? ` (${nf.format(issueCount)})` : ''}
        </button>
        <button
          type="button"
          aria-expanded={historyOpen}
          onClick={() => setHistoryOpen((o) => !o)}
          data-testid="open-history"
        >
          {t('history.open')}
        </button>
        {onDelete ? (
          <button
            type="button"
            onClick={onDelete}
            disabled={readOnly}
            title={t('trash.deleteHint')}
            data-testid="delete-article"
          >
            {t('trash.delete')}
          </button>
        ) : null}
        <SettingsButton />
      </div>
      <ArticleClaimLine articleId={articleId} />
      {notice ? (
        <div className="notice" role="alert">
          {notice}{' '}
          <button type="button" onClick={() => setNotice(null)}>
            {t('articleForm.dismiss')}
          </button>
        </div>
      ) : null}
      {historyOpen ? (
        <HistoryPanel
          bridge={bridge}
          articleId={articleId}
          current={draft.snapshot}
          timeZone={publication.timeZone}
          saveFirst={() => draft.saveNow('explicit')}
          onRestored={draft.reload}
          onClose={() => setHistoryOpen(false)}
        />
      ) : null}
      <fieldset className="editor-columns" disabled={readOnly}>
        <legend className="visually-hidden">{t('articleForm.paneLabel')}</legend>
        <div className="writing-column">
          <BudgetedText
            field="headline"
            fieldClassName="headline-field"
            label={t('editor.headline')}
            measure={headlineBudget}
            issues={issues}
            ref={headlineRef}
            rows={1}
            className="headline-input"
            value={fields.headline}
            placeholder={t('editor.headlinePlaceholder')}
            onChange={(e) => handleHeadline(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                document.getElementById('field-standfirst')?.focus()
              }
            }}
          />
          <BudgetedText
            field="standfirst"
            label={t('editor.standfirst')}
            measure={standfirstBudget}
            issues={issues}
            className="standfirst-input"
            rows={2}
            value={fields.standfirst}
            placeholder={t('editor.standfirstPlaceholder')}
            onChange={(e) => onChange({ standfirst: e.target.value })}
          />
          <div className="field body-field">
            <span id="body-label" className="visually-hidden">
              {t('editor.body')}
            </span>
            <BodyEditor
              key={`${articleId}:${draft.generation}`}
              bridge={bridge}
              initial={fields.body}
              language={fields.language}
              bodySource={draft.bodySource}
              readOnly={readOnly}
              onDirty={draft.markBodyDirty}
              onStats={setStats}
              onSave={save}
              onPreview={focusPreview}
              onNotice={setNotice}
            />
            <GateNote issues={issues} field="body" />
            <p className="body-stats muted" data-testid="body-stats" aria-live="off">
              {t('articleForm.words', { count: stats.words, formatted: nf.format(stats.words) })} ·{' '}
              {t('articleForm.characters', { count: stats.characters, formatted: nf.format(stats.characters) })} ·{' '}
              {t('articleForm.readingTime', {
                count: stats.readingMinutes,
                formatted: nf.format(stats.readingMinutes),
              })}
            </p>
          </div>
        </div>
        {detailsOpen ? <div id="details-panel">{details}</div> : null}
      </fieldset>
    </main>
  )
}
