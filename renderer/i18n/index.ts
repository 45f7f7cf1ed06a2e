import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { SYNC_MESSAGES_EN } from '../../shared/sync/sync-messages'
import en from './locales/en.json'
import es from './locales/es.json'

/** UI languages Newsdesk ships. */
export const uiLanguages = ['en', 'es'] as const
export type UiLanguage = (typeof uiLanguages)[number]

type Resource = Record<string, unknown>

// English tables kept in shared/ because the CLI prints the same words (one English text per message); other
// languages translate them in their locale files under the same key.
const sharedEnglish: Resource = { syncMessage: SYNC_MESSAGES_EN }

// Each feature may add `locales/<feature>.<lang>.json` with its own top-level keys; they are merged here.
const featureFiles = import.meta.glob<Resource>('./locales/*.*.json', { eager: true, import: 'default' })

/** The translation resource of one language: the core file plus every feature file for that language. */
export function resourceFor(language: UiLanguage): Resource {
  const merged: Resource = { ...(language === 'en' ? { ...en, ...sharedEnglish } : es) }
  for (const [path, resource] of Object.entries(featureFiles).sort(([a], [b]) => a.localeCompare(b))) {
    if (path.endsWith(`.${language}.json`)) Object.assign(merged, resource)
  }
  return merged
}

/** Initialises i18next with the bundled English and Spanish resources. */
export async function initI18n(language: UiLanguage = 'en') {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: resourceFor('en') }, es: { translation: resourceFor('es') } },
    interpolation: { escapeValue: false },
  })
  return i18next
}
