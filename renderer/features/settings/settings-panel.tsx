import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CHROMIUM_DICTIONARY_CDN, uiLanguageValues, type UiSettings } from '../../../shared/settings/ui-settings'
import { ModalDialog } from '../../components/modal-dialog'
import '../../styles/writing.css'
import { useUiSettings } from './ui-settings-context'
import { TeamSyncSettings } from '../sync/sync-settings'

/** A button that opens the settings dialog (UI language, dictionary downloads; length budgets are the publication's). */
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

/** The settings dialog: a native modal <dialog> (focus is trapped and Escape closes it). */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const { settings, update, error } = useUiSettings()
  return (
    <ModalDialog className="settings-dialog" titleId="settings-title" onClose={onClose} testId="settings-dialog">
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
      <label className="field field-checkbox">
        <input
          type="checkbox"
          checked={settings.spellcheckDownload}
          onChange={(e) => void update({ spellcheckDownload: e.target.checked })}
          aria-describedby="spellcheck-download-help"
          data-testid="spellcheck-download"
        />
        <span>{t('settings.spellcheckDownload')}</span>
      </label>
      <p id="spellcheck-download-help" className="field-help">
        {t('settings.spellcheckDownloadHelp', { url: CHROMIUM_DICTIONARY_CDN })}
      </p>
      <TeamSyncSettings />
      {error ? (
        <p className="field-error" role="alert">
          {t('settings.saveFailed', { reason: error })}
        </p>
      ) : null}
      <form method="dialog">
        <button type="submit" className="primary">
          {t('settings.close')}
        </button>
      </form>
    </ModalDialog>
  )
}
