/** The part of Electron's context-menu params the spelling menu reads (plain data, so it is testable in Node). */
export interface SpellingMenuParams {
  isEditable: boolean
  misspelledWord: string
  dictionarySuggestions: readonly string[]
}

/** One entry of the editor's context menu, as plain data; editor-hooks.ts turns it into Electron menu items. */
export type SpellingMenuItem =
  | { kind: 'replace'; label: string; word: string }
  | { kind: 'add-to-dictionary'; label: string; word: string }
  | { kind: 'no-suggestions'; label: string }
  | { kind: 'separator' }
  | { kind: 'role'; role: 'cut' | 'copy' | 'paste' | 'selectAll' }

/** At most this many suggestions are offered; Hunspell can return a long tail of unlikely words. */
export const MAX_SUGGESTIONS = 6

/** Menu text in the UI languages (main has no i18next; cut/copy/paste are labelled by Electron per OS locale). */
const LABELS = {
  en: { add: 'Add “{word}” to dictionary', none: 'No spelling suggestions' },
  es: { add: 'Añadir «{word}» al diccionario', none: 'Sin sugerencias ortográficas' },
} as const

/**
 * The context menu of an editable field: the spellchecker's suggestions for a misspelled word (each replaces
 * it), "Add to dictionary", then cut / copy / paste / select all. Null outside editable fields (no menu).
 */
export function spellingMenuItems(params: SpellingMenuParams, uiLanguage: string): SpellingMenuItem[] | null {
  if (!params.isEditable) return null
  const text = uiLanguage.toLowerCase().startsWith('es') ? LABELS.es : LABELS.en
  const items: SpellingMenuItem[] = []
  const word = params.misspelledWord.trim()
  if (word !== '') {
    const suggestions = [...new Set(params.dictionarySuggestions)].filter((s) => s !== '').slice(0, MAX_SUGGESTIONS)
    if (suggestions.length === 0) items.push({ kind: 'no-suggestions', label: text.none })
    for (const suggestion of suggestions) items.push({ kind: 'replace', label: suggestion, word: suggestion })
    items.push({ kind: 'add-to-dictionary', label: text.add.replace('{word}', word), word })
    items.push({ kind: 'separator' })
  }
  items.push(
    { kind: 'role', role: 'cut' },
    { kind: 'role', role: 'copy' },
    { kind: 'role', role: 'paste' },
    { kind: 'role', role: 'selectAll' },
  )
  return items
}
