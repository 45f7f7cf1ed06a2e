import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { articleKinds, articleStatuses, type ArticleKind } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { FieldRow, NumberFieldRow, SelectFieldRow } from '../../components/field-row'
import { announcePublicationSaved } from '../publication/use-publication'
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
  const languages = (['en', 'es'] as const).map((l) => ({ value: l as string, label: t(`language.${l}`) }))
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null)
  const set = <K extends keyof PublicationSettings>(key: K, value: PublicationSettings[K]) => {
    setStatus(null)
    onChange({ ...settings, [key]: value })
  }
  const handleSave = async () => {
    const result = await bridge.publication.set(settings)
    if (result.ok) announcePublicationSaved()
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
      <FieldRow label={t('publication.name')}>
        <input value={settings.name} onChange={(e) => set('name', e.target.value)} required maxLength={200} />
      </FieldRow>
      <FieldRow label={t('publication.heading')}>
        <input
          value={settings.heading}
          onChange={(e) => set('heading', e.target.value)}
          placeholder={t('publication.headingPlaceholder', { name: settings.name })}
          maxLength={200}
        />
      </FieldRow>
      <FieldRow label={t('publication.baseUrl')}>
        <input
          type="url"
          value={settings.baseUrl ?? ''}
          onChange={(e) => set('baseUrl', e.target.value.trim() === '' ? null : e.target.value.trim())}
          placeholder="https://news.example.org/"
          maxLength={500}
        />
      </FieldRow>
      <FieldRow label={t('publication.timeZone')}>
        <input
          value={settings.timeZone}
          onChange={(e) => set('timeZone', e.target.value.trim())}
          placeholder="Europe/Madrid"
          maxLength={100}
        />
      </FieldRow>
      <SelectFieldRow
        label={t('publication.locale')}
        value={settings.locale}
        options={languages}
        onChange={(locale) => set('locale', locale)}
      />
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
      <FieldRow label={t('publication.tag')}>
        <input
          value={settings.tag ?? ''}
          onChange={(e) => set('tag', e.target.value.trim() === '' ? null : e.target.value)}
          placeholder={t('publication.anyTag')}
        />
      </FieldRow>
      <SelectFieldRow
        label={t('publication.language')}
        value={settings.language ?? ''}
        options={[{ value: '', label: t('publication.anyLanguage') }, ...languages]}
        onChange={(language) => set('language', language || null)}
      />
      <SelectFieldRow<ArticleKind | ''>
        label={t('publication.kind')}
        value={settings.kind ?? ''}
        options={[
          { value: '', label: t('publication.anyKind') },
          ...articleKinds.map((k) => ({ value: k, label: t(`kind.${k}`) })),
        ]}
        onChange={(kind) => set('kind', kind || null)}
      />
      <NumberFieldRow
        label={t('publication.itemsPerPage')}
        range={ITEMS_PER_PAGE_RANGE}
        value={settings.itemsPerPage}
        onChange={(n) => set('itemsPerPage', n)}
      />
      <NumberFieldRow
        label={t('publication.headlineLines')}
        range={HEADLINE_LINES_RANGE}
        value={settings.headlineLines}
        onChange={(n) => set('headlineLines', n)}
      />
      <NumberFieldRow
        label={t('publication.standfirstLines')}
        range={STANDFIRST_LINES_RANGE}
        value={settings.standfirstLines}
        onChange={(n) => set('standfirstLines', n)}
      />
      <NumberFieldRow
        label={t('publication.rssItems')}
        range={RSS_ITEMS_RANGE}
        value={settings.rssItems}
        onChange={(n) => set('rssItems', n)}
      />
      {(Object.keys(BUDGET_RANGES) as (keyof LengthBudgets)[]).map((field) => (
        <NumberFieldRow
          key={field}
          label={t(`publication.budget.${field}`)}
          range={BUDGET_RANGES[field]}
          value={settings.budgets[field]}
          onChange={(n) => set('budgets', { ...settings.budgets, [field]: n })}
        />
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
