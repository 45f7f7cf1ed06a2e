import { describe, expect, it } from 'vitest'
import en from '../../i18n/locales/editors-day.en.json'
import es from '../../i18n/locales/editors-day.es.json'
import { keyLabels, shortcuts } from './shortcut-list'

describe('keyboard shortcuts', () => {
  it('names Mod as Ctrl off a Mac and ⌘ on one', () => {
    expect(keyLabels(['Mod', 'Shift', 'P'], false)).toEqual(['Ctrl', 'Shift', 'P'])
    expect(keyLabels(['Mod', 'Shift', 'P'], true)).toEqual(['⌘', '⇧', 'P'])
  })

  it('has words for every shortcut in English and Spanish', () => {
    for (const s of shortcuts) {
      expect((en.shortcuts as Record<string, string>)[s.action]).toBeTruthy()
      expect((es.shortcuts as Record<string, string>)[s.action]).toBeTruthy()
    }
  })
})
