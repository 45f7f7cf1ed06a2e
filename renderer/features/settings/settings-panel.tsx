import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { uiLanguageValues, uiSettingsSchema, type UiSettings } from '../../../shared/settings/ui-settings'
import '../../styles/writing.css'
import { useUiSettings } from './ui-settings-context'

/** A button that opens the settings dialog (UI language, length budgets). */
export function SettingsButton() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="settings-button" onClick={() => setOpen(true)} data-testid="open-settings">
        {t('settings.open')}
      </button>
      {open ? <SettingsDialog onClose={() => setOpen(false)} /> : null}
    </>
  )
}

type BudgetKey = 'headlineBudget' | 'standfirstBudget'

/** The settings dialog: a native modal <dialog> (focus is trapped and Escape closes it). */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { settings, update, error } = useUiSettings()
  const ref = useRef<HTMLDialogElement>(null)
  const [budgets, setBudgets] = useState({
    headlineBudget: String(settings.headlineBudget),
    standfirstBudget: String(settings.standfirstBudget),
  })
  const [problems, setProblems] = useState<Partial<Record<BudgetKey, string>>>({})

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  const commitBudget = (key: BudgetKey) => {
    const value = Number(budgets[key])
    const check = uiSettingsSchema.shape[key].safeParse(value)
    if (!check.success || budgets[key].trim() === '') {
      const range = key === 'headlineBudget' ? { min: 10, max: 500 } : { min: 20, max: 5000 }
      setProblems((p) => ({ ...p, [key]: t('settings.budgetInvalid', range) }))
      return
    }
    setProblems((p) => ({ ...p, [key]: undefined }))
    if (value !== settings[key]) void update({ [key]: value } as Partial<UiSettings>)
  }

  return (
    <dialog
      ref={ref}
      className="settings-dialog"
      aria-labelledby="settings-title"
      onClose={onClose}
      data-testid="settings-dialog"
    >
      <h2 id="settings-title">{t('settings.title')}</h2>
      <label className="field">
        <span>{t('settings.uiLanguage')}</span>
        <select
          value={settings.uiLanguage}
          onChange={(e) => void update({ uiLanguage: e.target.value as UiSettings['uiLanguage'] })}
        >
          {uiLanguageValues.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`settings.languageName.${l}`)}
            </option>
          ))}
        </select>
      </label>
      {(['headlineBudget', 'standfirstBudget'] as const).map((key) => (
        <label className="field" key={key}>
          <span>{t(`settings.${key}`)}</span>
          <input
            type="number"
            inputMode="numeric"
            value={budgets[key]}
            aria-invalid={problems[key] ? true : undefined}
            aria-describedby={problems[key] ? `${key}-problem` : undefined}
            onChange={(e) => setBudgets((b) => ({ ...b, [key]: e.target.value }))}
            onBlur={() => commitBudget(key)}
          />
          {problems[key] ? (
            <small id={`${key}-problem`} className="field-error" role="alert">
              {problems[key]}
            </small>
          ) : null}
        </label>
      ))}
      {error ? (
        <p className="field-error" role="alert">
          {t('settings.saveFailed', { reason: error })}
        </p>
      ) : null}
      <form method="dialog">
        <button
          type="submit"
          className="primary"
          onClick={() => {
            commitBudget('headlineBudget')
            commitBudget('standfirstBudget')
          }}
        >
          {t('settings.close')}
        </button>
      </form>
    </dialog>
  )
}
