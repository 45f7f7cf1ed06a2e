import { describe, expect, it } from 'vitest'
import { offeredScopes, scopeRequestFor, type ScopeContext } from './export-scope'

const ctx: ScopeContext = {
  viewIds: ['b', 'a', 'c'],
  selectedIds: ['a', 'c'],
  openId: 'a',
  tag: '  transport ',
  status: 'ready',
}

describe('export scope', () => {
  it('maps every choice to the request main runs', () => {
    expect(scopeRequestFor('all', ctx)).toEqual({ kind: 'all' })
    expect(scopeRequestFor('view', ctx)).toEqual({ kind: 'ids', ids: ['b', 'a', 'c'] })
    expect(scopeRequestFor('selection', ctx)).toEqual({ kind: 'ids', ids: ['a', 'c'] })
    expect(scopeRequestFor('one', ctx)).toEqual({ kind: 'ids', ids: ['a'] })
    expect(scopeRequestFor('tag', ctx)).toEqual({ kind: 'filter', query: { tag: 'transport' } })
    expect(scopeRequestFor('status', ctx)).toEqual({ kind: 'filter', query: { status: 'ready' } })
  })

  it('refuses a choice with nothing in it instead of silently exporting everything', () => {
    const empty: ScopeContext = { viewIds: [], selectedIds: [], openId: null, tag: ' ', status: 'draft' }
    expect(scopeRequestFor('view', empty)).toBeNull()
    expect(scopeRequestFor('selection', empty)).toBeNull()
    expect(scopeRequestFor('one', empty)).toBeNull()
    expect(scopeRequestFor('tag', empty)).toBeNull()
  })

  it('offers "selection" only when it is more than the open article', () => {
    expect(offeredScopes({ selectedIds: ['a'], openId: 'a' })).toEqual(['all', 'view', 'one', 'tag', 'status'])
    expect(offeredScopes({ selectedIds: ['a', 'b'], openId: 'a' })).toContain('selection')
  })
})
