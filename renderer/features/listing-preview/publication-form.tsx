import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { articleKinds, articleStatuses, type ArticleKind } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import {
  BUDGET_RANGES,
  HEADLINE_LINES_RANGE,
  ITEMS_PER_PAGE_RANGE,
  RSS_ITEMS_RANGE,
  STANDFIRST_LINES_RANGE,
  type LengthBudgets,
  type PublicationSettings,
} from '../../../shared/publication/publication'

/** Props of the publication settings form. */
export interface PublicationFormProps {
  bridge: NewsdeskBridge
  settings: PublicationSettings
  /** Every edit, so the listing preview follows the form before it is saved. */
  onChange: (settings: PublicationSettings) => void
}

/** The publication's settings: name, listing heading and language, which articles appear, items per page, clamps. */
export function PublicationForm({ bridge, settings, onChange }: PublicationFormProps) {
  const { t } = useTranslation()
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null)
  const set = <K extends keyof PublicationSettings>(key: K, value: PublicationSettings[K]) => {
    setStatus(null)
    onChange({ ...settings, [key]: value })
  }
  const handleSave = async () => {
    const result = await bridge.publication.set(settings)
    setStatus(
      result.ok
        ? { ok: true, text: t('publication.saved') }
        : { ok: false, text: t('publication.notSaved', { reason: result.message }) },
    )
  }
  return (
    <form
      className="publication-form"
      onSubmit={(e) => {
        e.preventDefault()
        void handleSave()
      }}
    >
      <label className="field">
        <span>{t('publication.name')}</span>
        <input value={settings.name} onChange={(e) => set('name', e.target.value)} required maxLength={200} />
      </label>
      <label className="field">
        <span>{t('publication.heading')}</span>
        <input
          value={settings.heading}
          onChange={(e) => set('heading', e.target.value)}
          placeholder={t('publication.headingPlaceholder', { name: settings.name })}
          maxLength={200}
        />
      </label>
      <label className="field">
        <span>{t('publication.baseUrl')}</span>
        <input
          type="url"
          value={settings.baseUrl ?? ''}
          onChange={(e) => set('baseUrl', e.target.value.trim() === '' ? null : e.target.value.trim())}
          placeholder="https://news.example.org/"
          maxLength={500}
        />
      </label>
      <label className="field">
        <span>{t('publication.timeZone')}</span>
        <input
          value={settings.timeZone}
          onChange={(e) => set('timeZone', e.target.value.trim())}
          placeholder="Europe/Madrid"
          maxLength={100}
        />
      </label>
      <label className="field">
        <span>{t('publication.locale')}</span>
        <select value={settings.locale} onChange={(e) => set('locale', e.target.value)}>
          <option value="en">{t('language.en')}</option>
          <option value="es">{t('language.es')}</option>
        </select>
      </label>
      <fieldset className="field">
        <legend>{t('publication.statuses')}</legend>
        {articleStatuses.map((s) => (
          <label key={s} className="inline">
            <input
              type="checkbox"
              checked={settings.statuses.includes(s)}
              onChange={(e) =>
                set('statuses', e.target.checked ? [...settings.statuses, s] : settings.statuses.filter((x) => x !== s))
              }
            />
            {t(`status.${s}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('publication.tag')}</span>
        <input
          value={settings.tag ?? ''}
          onChange={(e) => set('tag', e.target.value.trim() === '' ? null : e.target.value)}
          placeholder={t('publication.anyTag')}
        />
      </label>
      <label className="field">
        <span>{t('publication.language')}</span>
        <select value={settings.language ?? ''} onChange={(e) => set('language', e.target.value || null)}>
          <option value="">{t('publication.anyLanguage')}</option>
          <option value="en">{t('language.en')}</option>
          <option value="es">{t('language.es')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('publication.kind')}</span>
        <select
          value={settings.kind ?? ''}
          onChange={(e) => set('kind', (e.target.value || null) as ArticleKind | null)}
        >
          <option value="">{t('publication.anyKind')}</option>
          {articleKinds.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('publication.itemsPerPage')}</span>
        <input
          type="number"
          min={ITEMS_PER_PAGE_RANGE.min}
          max={ITEMS_PER_PAGE_RANGE.max}
          value={settings.itemsPerPage}
          onChange={(e) => set('itemsPerPage', Number(e.target.value))}
        />
      </label>
      <label className="field">
        <span>{t('publication.headlineLines')}</span>
        <input
          type="number"
          min={HEADLINE_LINES_RANGE.min}
          max={HEADLINE_LINES_RANGE.max}
          value={settings.headlineLines}
          onChange={(e) => set('headlineLines', Number(e.target.value))}
        />
      </label>
      <label className="field">
        <span>{t('publication.standfirstLines')}</span>
        <input
          type="number"
          min={STANDFIRST_LINES_RANGE.min}
          max={STANDFIRST_LINES_RANGE.max}
          value={settings.standfirstLines}
          onChange={(e) => set('standfirstLines', Number(e.target.value))}
        />
      </label>
      <label className="field">
        <span>{t('publication.rssItems')}</span>
        <input
          type="number"
          min={RSS_ITEMS_RANGE.min}
          max={RSS_ITEMS_RANGE.max}
          value={settings.rssItems}
          onChange={(e) => set('rssItems', Number(e.target.value))}
        />
      </label>
      {(Object.keys(BUDGET_RANGES) as (keyof LengthBudgets)[]).map((field) => (
        <label key={field} className="field">
          <span>{t(`publication.budget.${field}`)}</span>
          <input
            type="number"
            min={BUDGET_RANGES[field].min}
            max={BUDGET_RANGES[field].max}
            value={settings.budgets[field]}
            onChange={(e) => set('budgets', { ...settings.budgets, [field]: Number(e.target.value) })}
          />
        </label>
      ))}
      <div className="publication-actions">
        <button type="submit" className="primary">
          {t('publication.save')}
        </button>
        {status ? (
          <span role="status" className={status.ok ? 'muted' : 'preview-error'} data-testid="publication-status">
            {status.text}
          </span>
        ) : null}
      </div>
    </form>
  )
}
