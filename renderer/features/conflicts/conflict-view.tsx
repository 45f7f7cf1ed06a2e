import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { Article, FieldConflict, TiptapDoc, TiptapNode } from '../../../shared/article/schema'
import type { NewsdeskBridge, ResolveConflictsResult } from '../../../shared/ipc/contract'
import {
  choicesFor,
  conflictPart,
  type ConflictChoice,
  type ConflictChoiceKind,
  type ConflictPart,
} from '../../../shared/sync/resolve-conflicts'
import '../../styles/conflicts.css'
import { useEditorIdentity } from '../sync/use-editor-identity'
import { NO_PICK, sessionConflictDrafts, type ConflictDrafts, type FieldPick } from './conflict-drafts'
import { sideLabels, type SideLabels } from './conflict-sides'
import { ConflictValue } from './conflict-values'

// The block editor (TipTap) loads when an editor first picks Edit on a body block, not with the app.
const BlockEdit = lazy(() => import('./block-edit').then((m) => ({ default: m.BlockEdit })))

/** The heading of a record: the field's name in words. */
function fieldLabel(part: ConflictPart, t: TFunction): string {
  switch (part.kind) {
    case 'text':
    case 'value':
      return t(`conflicts.field.${part.name}`)
    case 'tags':
      return t('conflicts.field.tags')
    case 'body':
    case 'body-blocks':
      return t('conflicts.field.body')
    case 'body-block':
      return t('conflicts.field.bodyBlock')
    case 'body-order':
      return t('conflicts.field.bodyOrder')
    case 'body-attr':
      return t('conflicts.field.bodyAttr', { key: part.key })
    case 'deleted':
      return t('conflicts.field.deleted')
    case 'article':
      return t('conflicts.field.article')
    case 'extra':
      return t('conflicts.field.extra', { key: part.key })
    default: {
      const never: never = part
      throw new Error(`unknown conflict part ${String(never)}`)
    }
  }
}

/** What "Keep both" does for this kind of field, in words. */
function bothHint(part: ConflictPart): 'text' | 'tags' | 'body' {
  return part.kind === 'text' ? 'text' : part.kind === 'tags' ? 'tags' : 'body'
}

/** The edit box starts from the viewer's version (ours when the record does not say who wrote which). */
function initialText(record: FieldConflict, sides: SideLabels): string {
  const value = sides.theirs.mine ? record.theirs : record.ours
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(', ')
  return typeof value === 'string' ? value : ''
}

/** The body block the block editor starts from: the viewer's version, else the other side's (one side deleted it). */
function initialBlock(record: FieldConflict, sides: SideLabels): TiptapNode | null {
  const [mine, other] = sides.theirs.mine ? [record.theirs, record.ours] : [record.ours, record.theirs]
  return ((mine ?? other) as TiptapNode | null) ?? null
}

/** The document the block editor starts from when nothing was typed yet: the block, or an empty paragraph. */
function blockDoc(block: TiptapNode | null): TiptapDoc {
  return { type: 'doc', content: block ? [block] : [] }
}

/** Props of the conflict view. */
export interface ConflictViewProps {
  bridge: Pick<NewsdeskBridge, 'articles'>
  articleId: string
  readOnly?: boolean
  /** Called after the resolution was saved (or the article went to the trash). */
  onResolved: (result: Extract<ResolveConflictsResult, { ok: true }>) => void
  /**
   * "Resolve later" (the button, or Escape outside an edit box): back to the article list, the article left
   * conflicted and unchanged on disk; the choices made so far stay in `drafts` for when the editor comes back.
   * Without it the view offers no way back.
   */
  onBack?: () => void
  /** Where choices not saved yet are kept for the session (per article and conflict record); the window's own by default. */
  drafts?: ConflictDrafts
}

/** One conflicting field: its three versions side by side and the choice of what to keep. */
function ConflictItem({
  record,
  index,
  article,
  sides,
  pick,
  onPick,
}: {
  record: FieldConflict
  index: number
  article: Article
  sides: SideLabels
  pick: FieldPick
  onPick: (next: FieldPick) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const part = conflictPart(record)
  const label = fieldLabel(part, t)
  const choices = choicesFor(record)
  const text = pick.text ?? initialText(record, sides)
  return (
    <section
      className="conflict-item"
      aria-labelledby={`${id}-h`}
      data-testid="conflict-item"
      data-field={record.field}
    >
      <h3 id={`${id}-h`}>{t('conflicts.conflictLabel', { n: index + 1, field: label })}</h3>
      <div className="conflict-sides">
        {(['base', 'ours', 'theirs'] as const).map((side) => {
          const heading = side === 'base' ? t('conflicts.original') : sides[side].heading
          const missing = side === 'base' ? t('conflicts.notThere') : sides[side].deleted
          return (
            <div
              key={side}
              className={`conflict-side conflict-side-${side}${
                (side === 'ours' && pick.choice === 'mine') || (side === 'theirs' && pick.choice === 'theirs')
                  ? ' chosen'
                  : ''
              }`}
              role="group"
              aria-label={`${heading}: ${label}`}
            >
              <h4>{heading}</h4>
              <ConflictValue part={part} value={record[side]} missing={missing} article={article} />
            </div>
          )
        })}
      </div>
      <fieldset className="conflict-choice">
        <legend className="visually-hidden">{`${t('conflicts.keep')}: ${label}`}</legend>
        {choices.map((choice) => (
          <label key={choice} className={pick.choice === choice ? 'checked' : undefined}>
            <input
              type="radio"
              name={`${id}-choice`}
              value={choice}
              checked={pick.choice === choice}
              onChange={() => onPick({ ...pick, choice })}
            />
            <span>
              {choice === 'mine'
                ? sides.ours.keep
                : choice === 'theirs'
                  ? sides.theirs.keep
                  : t(`conflicts.choice.${choice}`)}
            </span>
            {choice === 'both' ? (
              <span className="muted conflict-hint"> ({t(`conflicts.bothHint.${bothHint(part)}`)})</span>
            ) : null}
          </label>
        ))}
      </fieldset>
      {pick.choice === 'edit' ? (
        <div className="conflict-edit">
          {part.kind === 'body-block' ? (
            // A contenteditable is not a labelable element: the editor names itself by this label's id.
            <span id={`${id}-edit-label`} className="conflict-edit-label">
              {t('conflicts.editLabel', { field: label })}
            </span>
          ) : (
            <label htmlFor={`${id}-edit`}>{t('conflicts.editLabel', { field: label })}</label>
          )}
          {part.kind === 'tags' ? (
            <>
              <input
                id={`${id}-edit`}
                type="text"
                value={text}
                aria-describedby={`${id}-edit-hint`}
                onChange={(e) => onPick({ ...pick, text: e.target.value })}
              />
              <span id={`${id}-edit-hint`} className="muted">
                {t('conflicts.editTagsHint')}
              </span>
            </>
          ) : part.kind === 'body-block' ? (
            <BodyBlockEdit
              id={id}
              fieldLabel={label}
              initial={pick.doc ?? blockDoc(initialBlock(record, sides))}
              language={article.language}
              onChange={(doc) => onPick({ ...pick, doc })}
            />
          ) : (
            <textarea
              id={`${id}-edit`}
              rows={part.kind === 'text' && (part.name === 'headline' || part.name === 'byline') ? 2 : 4}
              value={text}
              onChange={(e) => onPick({ ...pick, text: e.target.value })}
            />
          )}
        </div>
      ) : null}
    </section>
  )
}

/** Edit on a body block: the block in the body's own editor, with how an edit is read under it. */
function BodyBlockEdit({
  id,
  fieldLabel,
  initial,
  language,
  onChange,
}: {
  id: string
  fieldLabel: string
  initial: TiptapDoc
  language: string
  onChange: (doc: TiptapDoc) => void
}) {
  const { t } = useTranslation()
  return (
    <>
      <Suspense fallback={<p className="muted">{t('conflicts.loading')}</p>}>
        <BlockEdit
          labelledBy={`${id}-edit-label`}
          fieldLabel={fieldLabel}
          describedBy={`${id}-edit-hint`}
          initial={initial}
          language={language}
          onChange={onChange}
        />
      </Suspense>
      <span id={`${id}-edit-hint`} className="muted">
        {t('conflicts.editBlockHint')}
      </span>
    </>
  )
}

/**
 * The per-field conflict view of an article a git merge could not settle: for each conflict record, the
 * original and both sides side by side (tags as chips, the body block by block, other fields as text), each side
 * named by who wrote it and "(you)" for the viewer's (see `sideLabels`), with Keep <name>'s or Keep mine for each
 * side / Keep both (where that means something) / Edit. Saving sends every choice in one
 * `articles.resolveConflicts` call; main saves through the library's save path. Nothing is committed here:
 * the sync engine commits whatever changed in the shared files on its next sync, so the resolution goes out
 * with the next sync.
 */
export function ConflictView({
  bridge,
  articleId,
  readOnly = false,
  onResolved,
  onBack,
  drafts = sessionConflictDrafts,
}: ConflictViewProps) {
  const { t } = useTranslation()
  const me = useEditorIdentity()
  const [loaded, setLoaded] = useState<{ article: Article; hash: string } | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [picks, setPicks] = useState<FieldPick[]>([])
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const hintId = useId()

  useEffect(() => {
    let cancelled = false
    setLoaded(null)
    setLoadError(null)
    setError(null)
    void bridge.articles.load(articleId).then(
      (result) => {
        if (cancelled) return
        if (!result.ok) return setLoadError(result.message)
        setLoaded({ article: result.article, hash: result.hash })
        // Choices made before "Resolve later" come back, for the records still in the file.
        setPicks(drafts.restore(articleId, result.article.conflicts ?? []))
      },
      (e: Error) => !cancelled && setLoadError(e.message),
    )
    return () => {
      cancelled = true
    }
  }, [bridge, articleId, drafts])

  const records = useMemo(() => loaded?.article.conflicts ?? [], [loaded])
  const done = picks.filter((p) => p.choice !== null).length
  const complete = records.length > 0 && done === records.length

  const handleSave = useCallback(async () => {
    if (!loaded || !complete) return
    const choices: ConflictChoice[] = records.map((record, index) => {
      const pick = picks[index] as FieldPick
      const choice = pick.choice as ConflictChoiceKind
      if (choice !== 'edit') return { index, field: record.field, choice }
      if (conflictPart(record).kind === 'body-block') {
        const value = pick.doc ?? blockDoc(initialBlock(record, sideLabels(record, me, t)))
        return { index, field: record.field, choice, value }
      }
      const text = pick.text ?? initialText(record, sideLabels(record, me, t))
      const value =
        conflictPart(record).kind === 'tags'
          ? [
              ...new Set(
                text
                  .split(',')
                  .map((s) => s.trim())
                  .filter((s) => s !== ''),
              ),
            ]
          : text
      return { index, field: record.field, choice, value }
    })
    setSaving(true)
    setError(null)
    try {
      const result = await bridge.articles.resolveConflicts(articleId, loaded.hash, choices)
      if (result.ok) {
        drafts.forget(articleId)
        onResolved(result)
      } else setError(result.message)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setSaving(false)
    }
  }, [articleId, bridge, complete, drafts, loaded, me, onResolved, picks, records, t])

  // Escape goes back, except inside an edit box (where it would drop the words being typed) or once taken.
  const handleKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented || !onBack) return
    const target = e.target as HTMLElement
    if (target.closest('textarea, input[type="text"], [contenteditable="true"]')) return
    e.preventDefault()
    onBack()
  }
  const back = onBack ? (
    <div className="conflict-back">
      <button
        type="button"
        onClick={onBack}
        aria-keyshortcuts="Escape"
        aria-describedby={`${hintId}-back`}
        data-testid="conflict-back"
      >
        {t('conflicts.back')}
      </button>
      <span id={`${hintId}-back`} className="muted">
        {t('conflicts.backHint')}
      </span>
    </div>
  ) : null

  if (loadError)
    return (
      <main className="pane editor-pane conflict-view" onKeyDown={handleKeyDown}>
        {back}
        <p role="alert">{loadError}</p>
      </main>
    )
  if (!loaded)
    return (
      <main className="pane editor-pane conflict-view" aria-busy="true">
        <p className="muted">{t('conflicts.loading')}</p>
      </main>
    )
  const { article } = loaded
  return (
    <main
      className="pane editor-pane conflict-view"
      aria-labelledby={`${hintId}-title`}
      data-testid="conflict-view"
      onKeyDown={handleKeyDown}
    >
      <header className="conflict-header">
        {back}
        <h2 id={`${hintId}-title`}>{t('conflicts.title')}</h2>
        <p className="conflict-headline">{article.headline || t('library.untitled')}</p>
        <p className="muted">{t('conflicts.intro')}</p>
      </header>
      {records.map((record, index) => (
        <ConflictItem
          key={`${index}-${record.field}`}
          record={record}
          index={index}
          article={article}
          sides={sideLabels(record, me, t)}
          pick={picks[index] ?? NO_PICK}
          onPick={(next) => {
            drafts.keep(articleId, record, next)
            setPicks((all) => all.map((p, i) => (i === index ? next : p)))
          }}
        />
      ))}
      <footer className="conflict-footer">
        <span role="status" className="conflict-progress">
          {t('conflicts.progress', { done, count: records.length })}
        </span>
        <button
          type="button"
          className="primary"
          disabled={!complete || saving || readOnly}
          aria-describedby={complete ? `${hintId}-sync` : `${hintId}-hint`}
          onClick={() => void handleSave()}
          data-testid="conflict-save"
        >
          {saving ? t('conflicts.saving') : t('conflicts.save')}
        </button>
        {complete ? (
          <span id={`${hintId}-sync`} className="muted">
            {t('conflicts.syncNote')}
          </span>
        ) : (
          <span id={`${hintId}-hint`} className="muted">
            {t('conflicts.saveHint')}
          </span>
        )}
        {error ? (
          <p role="alert" className="conflict-error">
            {t('conflicts.saveFailed', { reason: error })}
          </p>
        ) : null}
      </footer>
    </main>
  )
}
