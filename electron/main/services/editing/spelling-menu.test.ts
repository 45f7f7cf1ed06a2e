import { describe, expect, it } from 'vitest'
import { MAX_SUGGESTIONS, spellingMenuItems } from './spelling-menu'

const edit = ['cut', 'copy', 'paste', 'selectAll'].map((role) => ({ kind: 'role', role }))

describe('spellingMenuItems', () => {
  it('offers no menu outside editable fields', () => {
    expect(
      spellingMenuItems({ isEditable: false, misspelledWord: 'teh', dictionarySuggestions: ['the'] }, 'en'),
    ).toBeNull()
  })

  it('lists suggestions that replace the word, then add-to-dictionary, then the edit roles', () => {
    const items = spellingMenuItems(
      { isEditable: true, misspelledWord: 'councl', dictionarySuggestions: ['council', 'counsel', 'council'] },
      'en',
    )
    expect(items).toEqual([
      { kind: 'replace', label: 'council', word: 'council' },
      { kind: 'replace', label: 'counsel', word: 'counsel' },
      { kind: 'add-to-dictionary', label: 'Add “councl” to dictionary', word: 'councl' },
      { kind: 'separator' },
      ...edit,
    ])
  })

  it('speaks Spanish when the UI does, and says when there is no suggestion', () => {
    const items = spellingMenuItems({ isEditable: true, misspelledWord: 'Riverton', dictionarySuggestions: [] }, 'es')
    expect(items?.slice(0, 2)).toEqual([
      { kind: 'no-suggestions', label: 'Sin sugerencias ortográficas' },
      { kind: 'add-to-dictionary', label: 'Añadir «Riverton» al diccionario', word: 'Riverton' },
    ])
  })

  it('caps the suggestions and shows only edit roles for a correctly spelled word', () => {
    const many = Array.from({ length: 20 }, (_, i) => `word${i}`)
    const capped = spellingMenuItems({ isEditable: true, misspelledWord: 'wrod', dictionarySuggestions: many }, 'en')
    expect(capped?.filter((i) => i.kind === 'replace')).toHaveLength(MAX_SUGGESTIONS)
    expect(spellingMenuItems({ isEditable: true, misspelledWord: '', dictionarySuggestions: [] }, 'en')).toEqual(edit)
  })
})
