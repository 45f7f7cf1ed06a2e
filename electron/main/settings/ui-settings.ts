import { mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import {
  normalizeUiSettings,
  uiSettingsPatchSchema,
  type UiSettings,
  type UiSettingsPatch,
} from '../../../shared/settings/ui-settings'
import { isCode, writeDurable } from '../services/durable-write'

/** Where UI settings live: electron-store in the app (electron-settings-store.ts), a JSON file in tests and e2e. */
export interface UiSettingsStore {
  load(): Promise<unknown>
  save(settings: UiSettings): Promise<void>
}

/** A UiSettingsStore over one plain JSON file (used by services tests and the e2e harness). */
export function createJsonUiSettingsStore(path: string): UiSettingsStore {
  return {
    load: async () => {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as unknown
      } catch (error) {
        if (isCode(error, 'ENOENT') || error instanceof SyntaxError) return undefined
        throw error
      }
    },
    save: async (settings) => {
      await mkdir(dirname(path), { recursive: true })
      await writeDurable(path, `${JSON.stringify(settings, null, 2)}\n`)
    },
  }
}

/**
 * The spellchecker languages for an article language: the tag itself when Electron has a dictionary for it,
 * else its base language ("es-MX" -> "es"), else a regional default ("en" -> "en-US"); empty when none exists.
 */
export function spellcheckerLanguagesFor(language: string, available: readonly string[]): string[] {
  const lower = new Map(available.map((a) => [a.toLowerCase(), a]))
  const base = language.split('-')[0]?.toLowerCase() ?? ''
  const regional: Record<string, string> = { en: 'en-US', es: 'es-ES', pt: 'pt-BR', fr: 'fr-FR', de: 'de-DE' }
  for (const candidate of [language.toLowerCase(), base, regional[base]?.toLowerCase()]) {
    const hit = candidate ? lower.get(candidate) : undefined
    if (hit) return [hit]
  }
  const sameBase = available.find((a) => a.toLowerCase().startsWith(`${base}-`))
  return sameBase ? [sameBase] : []
}

/** Electron's spellchecker as main injects it (session.setSpellCheckerLanguages and the available list). */
export interface Spellchecker {
  available(): readonly string[]
  setLanguages(languages: string[]): void
}

/** The `settings` contract group: UI settings kept outside the workspace, and the spellchecker language. */
export class UiSettingsService {
  constructor(
    private readonly store: UiSettingsStore,
    private readonly spellchecker: Spellchecker | null = null,
  ) {}

  /** The stored settings, with defaults for anything missing or invalid. */
  async get(): Promise<UiSettings> {
    return normalizeUiSettings(await this.store.load())
  }

  /** Applies a validated partial update and returns the settings now in force. */
  async update(patch: UiSettingsPatch): Promise<UiSettings> {
    const checked = uiSettingsPatchSchema.parse(patch)
    const next = { ...(await this.get()), ...checked }
    await this.store.save(next)
    return next
  }

  /** Points the spellchecker at `language`; returns the dictionaries chosen (none outside Electron). */
  async spellcheck(language: string): Promise<{ languages: string[] }> {
    if (!this.spellchecker) return { languages: [] }
    const languages = spellcheckerLanguagesFor(language, this.spellchecker.available())
    if (languages.length > 0) this.spellchecker.setLanguages(languages)
    return { languages }
  }
}
