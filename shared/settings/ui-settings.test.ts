import { describe, expect, it } from 'vitest'
import { DEFAULT_UI_SETTINGS, normalizeUiSettings, uiSettingsPatchSchema } from './ui-settings'

describe('normalizeUiSettings', () => {
  it('gives defaults for nothing stored', () => {
    expect(normalizeUiSettings(undefined)).toEqual(DEFAULT_UI_SETTINGS)
    expect(normalizeUiSettings('garbage')).toEqual(DEFAULT_UI_SETTINGS)
  })
  it('keeps valid fields and replaces invalid ones', () => {
    expect(normalizeUiSettings({ uiLanguage: 'es', headlineBudget: 3, standfirstBudget: 200 })).toEqual({
      uiLanguage: 'es',
      headlineBudget: 64,
      standfirstBudget: 200,
      spellcheckDownload: false,
      editorName: '',
      editorEmail: '',
    })
    expect(normalizeUiSettings({ uiLanguage: 'fr' }).uiLanguage).toBe('en')
  })
})

describe('spellcheckDownload', () => {
  it('is off by default', () => {
    expect(DEFAULT_UI_SETTINGS.spellcheckDownload).toBe(false)
  })
  it('reads as off from a settings file written before the field existed, or holding a non-boolean', () => {
    expect(normalizeUiSettings({ uiLanguage: 'es', headlineBudget: 70, standfirstBudget: 200 })).toEqual({
      uiLanguage: 'es',
      headlineBudget: 70,
      standfirstBudget: 200,
      spellcheckDownload: false,
      editorName: '',
      editorEmail: '',
    })
    expect(normalizeUiSettings({ spellcheckDownload: 'yes' }).spellcheckDownload).toBe(false)
    expect(normalizeUiSettings({ spellcheckDownload: true }).spellcheckDownload).toBe(true)
  })
})

describe('uiSettingsPatchSchema', () => {
  it('refuses unknown keys and out-of-range budgets', () => {
    expect(uiSettingsPatchSchema.safeParse({ theme: 'dark' }).success).toBe(false)
    expect(uiSettingsPatchSchema.safeParse({ headlineBudget: 0 }).success).toBe(false)
    expect(uiSettingsPatchSchema.safeParse({ headlineBudget: 70 }).success).toBe(true)
    expect(uiSettingsPatchSchema.safeParse({ spellcheckDownload: 'on' }).success).toBe(false)
    expect(uiSettingsPatchSchema.safeParse({ spellcheckDownload: true }).success).toBe(true)
  })
})
