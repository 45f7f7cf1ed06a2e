import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './locales/en.json'
import es from './locales/es.json'

/** UI languages Newsdesk ships. */
export const uiLanguages = ['en', 'es'] as const
export type UiLanguage = (typeof uiLanguages)[number]

/** Initialises i18next with the bundled English and Spanish resources. */
export async function initI18n(language: UiLanguage = 'en') {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, es: { translation: es } },
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return i18next
}
