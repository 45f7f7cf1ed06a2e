import { describe, expect, it } from 'vitest'
import {
  choiceLabel,
  matchChoices,
  offeredScopes,
  resolveChoice,
  scopeRequestFor,
  type ScopeContext,
} from './export-scope'

const ctx: ScopeContext = {
  viewIds: ['b', 'a', 'c'],
  selectedIds: ['a', 'c'],
  oneId: 'a',
  tag: '  transport ',
  status: 'ready',
  kind: 'video',
  language: ' es ',
}

describe('export scope', () => {
  it('maps every choice to the request main runs', () => {
    expect(scopeRequestFor('all', ctx)).toEqual({ kind: 'all' })
    expect(scopeRequestFor('view', ctx)).toEqual({ kind: 'ids', ids: ['b', 'a', 'c'] })
    expect(scopeRequestFor('selection', ctx)).toEqual({ kind: 'ids', ids: ['a', 'c'] })
    expect(scopeRequestFor('one', ctx)).toEqual({ kind: 'ids', ids: ['a'] })
    expect(scopeRequestFor('tag', ctx)).toEqual({ kind: 'filter', query: { tag: 'transport' } })
    expect(scopeRequestFor('status', ctx)).toEqual({ kind: 'filter', query: { status: 'ready' } })
    expect(scopeRequestFor('kind', ctx)).toEqual({ kind: 'filter', query: { kind: 'video' } })
    expect(scopeRequestFor('language', ctx)).toEqual({ kind: 'filter', query: { language: 'es' } })
  })

  it('refuses a choice with nothing in it instead of silently exporting everything', () => {
    const empty: ScopeContext = {
      viewIds: [],
      selectedIds: [],
      oneId: null,
      tag: ' ',
      status: 'draft',
      kind: 'article',
      language: '',
    }
    expect(scopeRequestFor('view', empty)).toBeNull()
    expect(scopeRequestFor('selection', empty)).toBeNull()
    expect(scopeRequestFor('one', empty)).toBeNull()
    expect(scopeRequestFor('tag', empty)).toBeNull()
    expect(scopeRequestFor('language', empty)).toBeNull()
  })

  it('offers "selection" only when two or more articles are selected', () => {
    expect(offeredScopes({ selectedIds: ['a'] })).toEqual(['all', 'view', 'one', 'tag', 'status', 'kind', 'language'])
    expect(offeredScopes({ selectedIds: [] })).not.toContain('selection')
    expect(offeredScopes({ selectedIds: ['a', 'b'] })).toEqual([
      'all',
      'view',
      'selection',
      'one',
      'tag',
      'status',
      'kind',
      'language',
    ])
  })

  const library = [
    { id: '1', headline: 'Council approves budget', slug: 'council-budget' },
    { id: '2', headline: 'Council approves budget', slug: 'council-budget-2' },
    { id: '3', headline: '', slug: 'untitled-draft' },
    { id: '4', headline: 'Río crece tras la tormenta', slug: 'rio-crece' },
  ]

  it('"one article": suggestions match every typed word, are capped, and tell same headlines apart', () => {
    expect(matchChoices(library, 'council BUDGET', 'Untitled').map((a) => a.id)).toEqual(['1', '2'])
    expect(matchChoices(library, 'budget-2', 'Untitled').map((a) => a.id)).toEqual(['2'])
    expect(matchChoices(library, 'untitled', 'Untitled').map((a) => a.id)).toEqual(['3'])
    expect(matchChoices(library, 'río', 'Untitled').map((a) => a.id)).toEqual(['4'])
    expect(matchChoices(library, '', 'Untitled', 2)).toHaveLength(2)
    expect(matchChoices(library, 'nothing like it', 'Untitled')).toEqual([])
  })

  it('"one article": only an exact suggestion names an article', () => {
    const label = choiceLabel(library[1] as (typeof library)[number], 'Untitled')
    expect(label).toBe('Council approves budget (council-budget-2)')
    expect(resolveChoice(library, ` ${label} `, 'Untitled')).toBe('2')
    expect(resolveChoice(library, 'Council approves budget', 'Untitled')).toBeNull()
    expect(resolveChoice(library, 'Untitled (untitled-draft)', 'Untitled')).toBe('3')
  })
})
