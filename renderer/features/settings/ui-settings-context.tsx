import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { DEFAULT_UI_SETTINGS, type UiSettings, type UiSettingsPatch } from '../../../shared/settings/ui-settings'

interface UiSettingsValue {
  settings: UiSettings
  /** Saves a change in main and applies it (the UI language switches at once). */
  update: (patch: UiSettingsPatch) => Promise<void>
  error: string | null
}

const UiSettingsContext = createContext<UiSettingsValue>({
  settings: DEFAULT_UI_SETTINGS,
  update: async () => undefined,
  error: null,
})

/** Loads the UI settings from main, keeps i18next's language in step, and shares them with the screens. */
export function UiSettingsProvider({ bridge, children }: { bridge: NewsdeskBridge; children: ReactNode }) {
  const { i18n } = useTranslation()
  const [settings, setSettings] = useState<UiSettings>(DEFAULT_UI_SETTINGS)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void bridge.settings.get().then(setSettings, (e: Error) => setError(e.message))
  }, [bridge])

  useEffect(() => {
    if (i18n.language !== settings.uiLanguage) void i18n.changeLanguage(settings.uiLanguage)
    document.documentElement.lang = settings.uiLanguage
  }, [i18n, settings.uiLanguage])

  const update = useCallback(
    async (patch: UiSettingsPatch) => {
      try {
        setSettings(await bridge.settings.update(patch))
        setError(null)
      } catch (e) {
        setError((e as Error).message)
      }
    },
    [bridge],
  )
  const value = useMemo(() => ({ settings, update, error }), [settings, update, error])
  return <UiSettingsContext.Provider value={value}>{children}</UiSettingsContext.Provider>
}

/** The UI settings in force and the function that changes them. */
export function useUiSettings(): UiSettingsValue {
  return useContext(UiSettingsContext)
}
