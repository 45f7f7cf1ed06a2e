import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { measureBudget } from '../../../shared/article/readiness'
import { articleKinds, articleStatuses, type ArticleFields, type ArticleSummary } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { BodyEditor } from '../../editor/body-editor'
import type { BodyStats } from '../../editor/body-stats'
import '../../styles/writing.css'
import { HistoryPanel } from '../history/history-panel'
import { SettingsButton } from '../settings/settings-panel'
import { usePublication } from '../publication/use-publication'
import { BudgetMeter, DateTimeField, FeaturedImageField, TagEditor } from './form-parts'
import { once, slugFollowsHeadline, slugForHeadline, slugProblem, tagVocabulary } from './form-logic'
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
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** Formats an ISO time as the local wall-clock time of the UI language. */
function clock(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
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

/** The status line: "Saving…", "Saved 12:03:41" or "Not saved: <reason>" with Retry. */
function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t, i18n } = useTranslation()
  return (
    <div className="save-status" role="status" aria-live="polite" data-testid="save-status">
      {state.kind === 'saving' && t('save.saving')}
      {state.kind === 'dirty' && t('save.unsaved')}
      {state.kind === 'clean' && state.savedAt && t('save.saved', { time: clock(state.savedAt, i18n.language) })}
      {state.kind === 'failed' && (
        <span className="save-failed">
          {t('save.failed', { reason: state.reason })}{' '}
          {state.conflict ? (
            <>
              <span>{t('articleForm.conflictHint')} </span>
              <button type="button" data-testid="conflict-choose" onClick={focusConflictChoices}>
                {t('articleForm.conflictChoose')}
              </button>{' '}
            </>
          ) : null}
          <button type="button" onClick={onRetry}>
            {t('save.retry')}
          </button>
        </span>
      )}
    </div>
  )
}

/** The middle pane: every article field, the TipTap body with live counts, the save status and history. */
export function EditorPane({ bridge, articleId, draft, articles }: EditorPaneProps) {
  const { t, i18n } = useTranslation()
  const publication = usePublication(bridge, articleId)
  const fields = draft.fields
  const headlineBudget = measureBudget('headline', fields?.headline ?? '', publication.budgets)
  const standfirstBudget = measureBudget('standfirst', fields?.standfirst ?? '', publication.budgets)
  const [stats, setStats] = useState<BodyStats>({ words: 0, characters: 0, readingMinutes: 0 })
  const [notice, setNotice] = useState<string | null>(null)
  const [historyOpen, setHistoryOpen] = useState(false)
  const onChange = draft.update

  // With 50,000 articles every autosave hands this pane a new list; building a slug set and the tag vocabulary
  // from it each time cost ~25 ms of a long task while the editor typed. The slug check scans the list only
  // when asked (a headline or slug edit), and the vocabulary is built when the tag field first wants it.
  const takenSlugs = useMemo(
    () => ({ has: (slug: string) => articles.some((a) => a.slug === slug && a.id !== articleId) }),
    [articles, articleId],
  )
  const vocabulary = useMemo(() => once(() => tagVocabulary(articles.map((a) => a.tags))), [articles])
  const saveNow = draft.saveNow
  // Stable, so the memoised body editor never needs a re-render for it.
  const save = useCallback(() => void saveNow('explicit'), [saveNow])

  useEffect(() => {
    setHistoryOpen(false)
    setNotice(null)
  }, [articleId])

  useEffect(
    () =>
      bridge.on('menu:command', (command) => {
        if (command === 'preview') focusPreview()
      }),
    [bridge],
  )

  // The spellchecker follows the article's language (Electron only; elsewhere main reports no dictionaries).
  const language = fields?.language
  useEffect(() => {
    if (language) void bridge.settings.spellcheck(language).catch(() => undefined)
  }, [bridge, language])

  // Once per slug or list change, not on every render (the lookup scans the whole list).
  const slug = fields?.slug
  const slugIssue = useMemo(() => (slug === undefined ? null : slugProblem(slug, takenSlugs)), [slug, takenSlugs])

  if (!fields) return null

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

  const handleHeadline = (headline: string) => {
    const patch: Partial<ArticleFields> = { headline }
    if (slugFollowsHeadline(fields.slug, fields.headline, takenSlugs))
      patch.slug = slugForHeadline(headline, takenSlugs)
    onChange(patch)
  }
  const nf = new Intl.NumberFormat(i18n.language)

  return (
    <main className="pane editor-pane" onKeyDown={handleKeyDown} aria-label={t('articleForm.paneLabel')}>
      <div className="editor-bar">
        <SaveStatus state={draft.saveState} onRetry={save} />
        <button type="button" onClick={save}>
          {t('editor.save')}
        </button>
        <button
          type="button"
          aria-expanded={historyOpen}
          onClick={() => setHistoryOpen((o) => !o)}
          data-testid="open-history"
        >
          {t('history.open')}
        </button>
        <SettingsButton />
      </div>
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
          saveFirst={() => draft.saveNow('explicit')}
          onRestored={draft.reload}
          onClose={() => setHistoryOpen(false)}
        />
      ) : null}

      <div className="field">
        <label htmlFor="field-headline">{t('editor.headline')}</label>
        <input
          id="field-headline"
          className="headline-input"
          value={fields.headline}
          placeholder={t('editor.headlinePlaceholder')}
          aria-describedby="headline-budget"
          onChange={(e) => handleHeadline(e.target.value)}
        />
        <BudgetMeter id="headline-budget" measure={headlineBudget} />
      </div>
      <div className="field">
        <label htmlFor="field-standfirst">{t('editor.standfirst')}</label>
        <textarea
          id="field-standfirst"
          className="standfirst-input"
          rows={3}
          value={fields.standfirst}
          placeholder={t('editor.standfirstPlaceholder')}
          aria-describedby="standfirst-budget"
          onChange={(e) => onChange({ standfirst: e.target.value })}
        />
        <BudgetMeter id="standfirst-budget" measure={standfirstBudget} />
      </div>
      <div className="field">
        <label htmlFor="field-slug">{t('articleForm.slug')}</label>
        <input
          id="field-slug"
          value={fields.slug}
          spellCheck={false}
          aria-invalid={slugIssue ? true : undefined}
          aria-describedby="slug-help"
          onChange={(e) => onChange({ slug: e.target.value })}
        />
        <small id="slug-help" className={slugIssue ? 'field-error' : 'muted'}>
          {slugIssue ? t(`articleForm.slugProblem.${slugIssue}`) : t('articleForm.slugHelp')}
        </small>
      </div>
      <div className="field-row">
        <label className="field">
          <span>{t('editor.kind')}</span>
          <select value={fields.kind} onChange={(e) => onChange({ kind: e.target.value as ArticleFields['kind'] })}>
            {articleKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('editor.status')}</span>
          <select
            value={fields.status}
            onChange={(e) => onChange({ status: e.target.value as ArticleFields['status'] })}
          >
            {articleStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('editor.language')}</span>
          <select value={fields.language} onChange={(e) => onChange({ language: e.target.value })}>
            {['en', 'es'].map((l) => (
              <option key={l} value={l}>
                {t(`language.${l}`)}
              </option>
            ))}
            {!['en', 'es'].includes(fields.language) ? (
              <option value={fields.language}>{fields.language}</option>
            ) : null}
          </select>
        </label>
      </div>
      <div className="field-row">
        <label className="field grow">
          <span>{t('editor.byline')}</span>
          <input value={fields.byline} onChange={(e) => onChange({ byline: e.target.value })} />
        </label>
        <label className="field grow">
          <span>{t('articleForm.dateline')}</span>
          <input
            value={fields.dateline}
            placeholder={t('articleForm.datelinePlaceholder')}
            onChange={(e) => onChange({ dateline: e.target.value })}
          />
        </label>
      </div>
      <TagEditor tags={fields.tags} vocabulary={vocabulary} onChange={(tags) => onChange({ tags })} />
      <div className="field-row">
        <DateTimeField
          label={t('articleForm.publishAt')}
          value={fields.publishAt}
          timeZone={publication.timeZone}
          onChange={(publishAt) => onChange({ publishAt })}
        />
        <DateTimeField
          label={t('articleForm.embargoUntil')}
          value={fields.embargoUntil}
          hint={t('articleForm.embargoHint')}
          timeZone={publication.timeZone}
          onChange={(embargoUntil) => onChange({ embargoUntil })}
        />
      </div>
      <FeaturedImageField
        bridge={bridge}
        value={fields.featuredImage}
        onChange={(featuredImage) => onChange({ featuredImage })}
        onNotice={setNotice}
      />
      <div className="field body-field">
        <span id="body-label">{t('editor.body')}</span>
        <BodyEditor
          key={`${articleId}:${draft.generation}`}
          bridge={bridge}
          initial={fields.body}
          language={fields.language}
          bodySource={draft.bodySource}
          onDirty={draft.markBodyDirty}
          onStats={setStats}
          onSave={save}
          onPreview={focusPreview}
          onNotice={setNotice}
        />
        <p className="body-stats muted" data-testid="body-stats" aria-live="off">
          {t('articleForm.words', { count: stats.words, formatted: nf.format(stats.words) })} ·{' '}
          {t('articleForm.characters', { count: stats.characters, formatted: nf.format(stats.characters) })} ·{' '}
          {t('articleForm.readingTime', { count: stats.readingMinutes, formatted: nf.format(stats.readingMinutes) })}
        </p>
      </div>
      <label className="field">
        <span>{t('articleForm.editorsNote')}</span>
        <textarea rows={3} value={fields.editorsNote} onChange={(e) => onChange({ editorsNote: e.target.value })} />
      </label>
    </main>
  )
}
