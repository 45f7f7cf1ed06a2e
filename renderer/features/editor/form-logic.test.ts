import { describe, expect, it } from 'vitest'
import {
  moveItem,
  once,
  slugFollowsHeadline,
  slugForHeadline,
  slugProblem,
  tagSuggestions,
  tagVocabulary,
} from './form-logic'

describe('moveItem', () => {
  it('moves an item forwards and backwards', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a'])
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b'])
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b'])
  })
})

describe('slugs', () => {
  const taken = new Set(['council-budget', 'council-budget-2'])
  it('follows the headline until the user types their own', () => {
    expect(slugFollowsHeadline('untitled', 'x', taken)).toBe(true)
    expect(slugFollowsHeadline('untitled-3', 'x', taken)).toBe(true)
    expect(slugFollowsHeadline('flood-barriers', 'Flood barriers', taken)).toBe(true)
    expect(slugFollowsHeadline('council-budget-3', 'Council budget', taken)).toBe(true)
    expect(slugFollowsHeadline('my-own-slug', 'Flood barriers', taken)).toBe(false)
  })
  it('makes a unique slug from the headline', () => {
    expect(slugForHeadline('Council budget', taken)).toBe('council-budget-3')
    expect(slugForHeadline('Año nuevo en Málaga', taken)).toBe('ano-nuevo-en-malaga')
  })
  it('says why a slug cannot be saved', () => {
    expect(slugProblem('Bad Slug', taken)).toBe('format')
    expect(slugProblem('council-budget', taken)).toBe('taken')
    expect(slugProblem('fresh-one', taken)).toBeNull()
  })
})

describe('tagVocabulary', () => {
  it('lists distinct tags, most used first', () => {
    expect(tagVocabulary([['floods', 'weather'], ['weather'], ['council']])).toEqual(['weather', 'council', 'floods'])
  })
})

describe('tagSuggestions', () => {
  const vocabulary = ['elections', 'economy', 'Elección', 're-election', 'health', 'Europe']

  it('offers what matches the typed text, accent- and case-blind, prefix matches first, in vocabulary order', () => {
    expect(tagSuggestions(vocabulary, 'ELEC', [])).toEqual(['elections', 'Elección', 're-election'])
    expect(tagSuggestions(vocabulary, 'eleccion', [])).toEqual(['Elección'])
  })

  it('offers nothing for empty input, leaves out tags already on the article, and stops at the limit', () => {
    expect(tagSuggestions(vocabulary, '  ', [])).toEqual([])
    expect(tagSuggestions(vocabulary, 'e', ['Economy'])).toEqual([
      'elections',
      'Elección',
      'Europe',
      're-election',
      'health',
    ])
    expect(tagSuggestions(vocabulary, 'e', [], 2)).toEqual(['elections', 'economy'])
  })
})

describe('once', () => {
  it('computes on the first call only', () => {
    let runs = 0
    const value = once(() => ++runs)
    expect([value(), value(), runs]).toEqual([1, 1, 1])
  })
})
