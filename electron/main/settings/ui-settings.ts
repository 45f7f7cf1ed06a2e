import { mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import {
  normalizeUiSettings,
  uiSettingsPatchSchema,
  type UiSettings,
  type UiSettingsPatch,
} from '../../../shared/settings/ui-settings'
import type { SettingsNotice } from '../../../shared/ipc/contract'
import { isCode, writeDurable } from '../services/storage'
import { removeTempsOfSync } from '../services/library'
import { setAsideSettingsFile, SettingsNotices } from './settings-notices'

/** Where UI settings live: electron-store in the app (electron-settings-store.ts), a JSON file in tests and e2e. */
export interface UiSettingsStore {
  load(): Promise<unknown>
  save(settings: UiSettings): Promise<void>
  /** Where this store reports a settings file it set aside and a write that failed. */
  notices?: SettingsNotices
}

/**
 * A UiSettingsStore over one plain JSON file (used by services tests and the e2e harness). Like the electron-store
 * one, a file that is not JSON is set aside (kept) with a notice, and a failed write is reported and rethrown.
 */
export function createJsonUiSettingsStore(path: string, notices = new SettingsNotices()): UiSettingsStore {
  let swept = false
  return {
    load: async () => {
      // Once, at the first read (start-up, before any write of this store can be in flight): temps of writes a
      // kill interrupted were never acknowledged, the file itself is the last good state.
      if (!swept) {
        swept = true
        removeTempsOfSync(path)
      }
      let text: string
      try {
        text = await readFile(path, 'utf8')
      } catch (error) {
        if (isCode(error, 'ENOENT')) return undefined
        throw error
      }
      try {
        return JSON.parse(text) as unknown
      } catch {
        setAsideSettingsFile(path, text, notices)
        return undefined
      }
    },
    save: async (settings) => {
      try {
        await mkdir(dirname(path), { recursive: true })
        await writeDurable(path, `${JSON.stringify(settings, null, 2)}\n`)
      } catch (error) {
        notices.writeFailed(path, error)
        throw error
      }
    },
    notices,
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
  /**
   * Where Chromium fetches missing Hunspell dictionaries (Windows and Linux): Google's servers when `download`
   * is true, else the app's own folder, so no request leaves the app (the `spellcheckDownload` setting).
   */
  setDictionaryDownload(download: boolean): void
}

/** The `settings` contract group: UI settings kept outside the workspace, and the spellchecker language. */
export class UiSettingsService {
  /** The dictionaries last set in this run (re-set when the download setting changes). */
  private languages: string[] = []
  /** Updates run one after the other: each reads what the one before it wrote (two fields left in quick succession). */
  private updates: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly store: UiSettingsStore,
    private readonly spellchecker: Spellchecker | null = null,
  ) {}

  /** The stored settings, with defaults for anything missing or invalid. */
  async get(): Promise<UiSettings> {
    return normalizeUiSettings(await this.store.load())
  }

  /**
   * Applies a validated partial update and returns the settings now in force. Updates are serialized: two
   * that overlap (Settings saves each field as it is left) would otherwise both read the old file, and the
   * second write would undo the first.
   */
  async update(patch: UiSettingsPatch): Promise<UiSettings> {
    const checked = uiSettingsPatchSchema.parse(patch)
    const next = this.updates.then(
      () => this.apply(checked),
      () => this.apply(checked),
    )
    this.updates = next.catch(() => undefined)
    return next
  }

  private async apply(checked: UiSettingsPatch): Promise<UiSettings> {
    const before = await this.get()
    const next = { ...before, ...checked }
    await this.store.save(next)
    if (this.spellchecker && next.spellcheckDownload !== before.spellcheckDownload) {
      this.spellchecker.setDictionaryDownload(next.spellcheckDownload)
      // Chromium loads (and, if allowed, downloads) a dictionary when its language is set: the languages in
      // use are set again so the new source applies now, not only from the next language or the next start.
      if (this.languages.length > 0) {
        this.spellchecker.setLanguages([])
        this.spellchecker.setLanguages(this.languages)
      }
    }
    return next
  }

  /** Settings files set aside and settings writes that failed in this run (read first, so a damaged file is found). */
  async notices(): Promise<SettingsNotice[]> {
    await this.store.load().catch(() => undefined)
    return this.store.notices?.list() ?? []
  }

  /** Calls `listener` for every settings notice from now on (main forwards them as 'settings:notice'). */
  onNotice(listener: (notice: SettingsNotice) => void): () => void {
    return this.store.notices?.subscribe(listener) ?? (() => undefined)
  }

  /** Points the spellchecker at `language`; returns the dictionaries chosen (none outside Electron). */
  async spellcheck(language: string): Promise<{ languages: string[] }> {
    if (!this.spellchecker) return { languages: [] }
    const languages = spellcheckerLanguagesFor(language, this.spellchecker.available())
    if (languages.length > 0) {
      // The dictionary source follows the stored setting before any language is set (an unreadable settings
      // file reads as the default: off, no download).
      const download = await this.get().then(
        (settings) => settings.spellcheckDownload,
        () => false,
      )
      this.spellchecker.setDictionaryDownload(download)
      this.spellchecker.setLanguages(languages)
      this.languages = languages
    }
    return { languages }
  }
}
