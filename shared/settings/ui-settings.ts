import { z } from 'zod'

/** UI languages Newsdesk ships (the article language is separate: any BCP 47 tag). */
export const uiLanguageValues = ['en', 'es'] as const

/**
 * Legacy: no screen reads the two budget fields any more. The length budgets are the publication's
 * (`shared/publication`), shared by the meters, `check` and exports. The fields stay in the stored shape only
 * because the settings crash campaigns (scripts/stress) write them as their counter; remove them with those.
 */
/** Default length budget of a headline, in characters (legacy, see above). */
export const DEFAULT_HEADLINE_BUDGET = 64
/** Default length budget of a standfirst, in characters; longer text is flagged, never cut. */
export const DEFAULT_STANDFIRST_BUDGET = 160

/**
 * Where Chromium downloads Hunspell dictionaries when the `spellcheckDownload` setting is on: Electron's
 * documented default for `session.setSpellCheckerDictionaryDownloadURL`, Google's servers.
 */
export const CHROMIUM_DICTIONARY_CDN = 'https://redirector.gvt1.com/edgedl/chrome/dictionaries/'

/** The user's UI settings as stored by main (electron-store) and sent over IPC. */
export const uiSettingsSchema = z
  .object({
    uiLanguage: z.enum(uiLanguageValues),
    headlineBudget: z.number().int().min(10).max(500),
    standfirstBudget: z.number().int().min(20).max(5000),
    /**
     * Whether Chromium may download Hunspell dictionaries from Google's servers (Windows and Linux; macOS uses
     * the system spellchecker). Off by default: no request leaves the app (SECURITY.md). A settings file from
     * before this field reads as off (normalizeUiSettings gives the default for a missing field).
     */
    spellcheckDownload: z.boolean(),
    /**
     * The editor's name and email: the author of the commits team sync makes and the holder of the editor's
     * claims ("Ana is editing"), and "me" in the library's "Assigned to me" and "Waiting for my review"
     * filters. Empty: git's own user.name / user.email are used, when set; a file from before these fields reads
     * them as empty.
     */
    editorName: z.string().trim().max(200),
    editorEmail: z
      .string()
      .trim()
      .max(320)
      .refine((v) => v === '' || /^[^\s<>@]+@[^\s<>@]+$/.test(v), 'give an email address like ana@example.org'),
  })
  .strict()
export type UiSettings = z.infer<typeof uiSettingsSchema>

/** A partial update of the UI settings; each given field is validated like the whole. */
export const uiSettingsPatchSchema = uiSettingsSchema.partial().strict()
export type UiSettingsPatch = z.infer<typeof uiSettingsPatchSchema>

/** The settings of a first launch. */
export const DEFAULT_UI_SETTINGS: UiSettings = {
  uiLanguage: 'en',
  headlineBudget: DEFAULT_HEADLINE_BUDGET,
  standfirstBudget: DEFAULT_STANDFIRST_BUDGET,
  spellcheckDownload: false,
  editorName: '',
  editorEmail: '',
}

/** Reads stored settings leniently: every valid field is kept, every missing or invalid one gets its default. */
export function normalizeUiSettings(stored: unknown): UiSettings {
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {}
  const result: UiSettings = { ...DEFAULT_UI_SETTINGS }
  for (const key of Object.keys(DEFAULT_UI_SETTINGS) as (keyof UiSettings)[]) {
    const field = uiSettingsSchema.shape[key].safeParse(source[key])
    if (field.success) (result as Record<string, unknown>)[key] = field.data
  }
  return result
}
