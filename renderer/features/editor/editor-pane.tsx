import { useTranslation } from 'react-i18next'
import { articleKinds, articleStatuses, type ArticleFields } from '../../../shared/article/schema'
import { BodyEditor } from '../../editor/body-editor'
import type { SaveState } from './use-article-draft'

/** Props of the article editor pane. */
export interface EditorPaneProps {
  articleId: string
  fields: ArticleFields
  saveState: SaveState
  onChange: (patch: Partial<ArticleFields>) => void
  onSave: () => void
}

/** Formats an ISO time as the local wall-clock time of the UI language. */
function clock(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

/** The middle pane: headline, standfirst, a few metadata fields and the TipTap body, with the save status. */
export function EditorPane({ articleId, fields, saveState, onChange, onSave }: EditorPaneProps) {
  const { t, i18n } = useTranslation()
  return (
    <main className="pane editor-pane">
      <div className="save-status" role="status" aria-live="polite" data-testid="save-status">
        {saveState.kind === 'saving' && t('save.saving')}
        {saveState.kind === 'dirty' && t('save.unsaved')}
        {saveState.kind === 'clean' &&
          saveState.savedAt &&
          t('save.saved', { time: clock(saveState.savedAt, i18n.language) })}
        {saveState.kind === 'failed' && (
          <>
            {t('save.failed', { reason: saveState.reason })}{' '}
            <button type="button" onClick={onSave}>
              {t('save.retry')}
            </button>
          </>
        )}
      </div>
      <label className="field">
        <span>{t('editor.headline')}</span>
        <input
          className="headline-input"
          value={fields.headline}
          placeholder={t('editor.headlinePlaceholder')}
          onChange={(e) => onChange({ headline: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('editor.standfirst')}</span>
        <textarea
          className="standfirst-input"
          rows={3}
          value={fields.standfirst}
          placeholder={t('editor.standfirstPlaceholder')}
          onChange={(e) => onChange({ standfirst: e.target.value })}
        />
      </label>
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
        <label className="field grow">
          <span>{t('editor.byline')}</span>
          <input value={fields.byline} onChange={(e) => onChange({ byline: e.target.value })} />
        </label>
      </div>
      <label className="field">
        <span>{t('editor.tags')}</span>
        <input
          defaultValue={fields.tags.join(', ')}
          key={`${articleId}-tags`}
          title={t('editor.tagsHint')}
          onChange={(e) =>
            onChange({
              tags: e.target.value
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s !== ''),
            })
          }
        />
      </label>
      <div className="field body-field">
        <span id="body-label">{t('editor.body')}</span>
        <BodyEditor
          docKey={articleId}
          initial={fields.body}
          label={t('editor.body')}
          onChange={(body) => onChange({ body })}
        />
      </div>
    </main>
  )
}
