import { describe, expect, it } from 'vitest'
import type { FieldConflict } from '../../../shared/article/schema'
import { ConflictDrafts, NO_PICK } from './conflict-drafts'

const record = (field: string, theirs: string, at = '2026-12-05T10:00:00.000Z'): FieldConflict => ({
  field,
  base: 'Bridge vote',
  ours: 'Bridge vote passes',
  theirs,
  at,
})

describe('ConflictDrafts', () => {
  it('gives back the picks of the same records, per article, in the records’ order', () => {
    const drafts = new ConflictDrafts()
    const headline = record('headline', 'Council backs bridge')
    const standfirst = record('standfirst', 'A long wait ends')
    drafts.keep('a', headline, { choice: 'mine', text: null, doc: null })
    drafts.keep('a', standfirst, { choice: 'edit', text: 'Edited', doc: null })
    // Read again from disk: equal records, new objects.
    expect(drafts.restore('a', [structuredClone(standfirst), structuredClone(headline)])).toEqual([
      { choice: 'edit', text: 'Edited', doc: null },
      { choice: 'mine', text: null, doc: null },
    ])
    expect(drafts.restore('b', [headline])).toEqual([NO_PICK])
  })

  it('drops picks of records the file no longer holds, so a later sync’s record starts with none', () => {
    const drafts = new ConflictDrafts()
    const earlier = record('headline', 'Council backs bridge')
    drafts.keep('a', earlier, { choice: 'theirs', text: null, doc: null })
    const later = record('headline', 'Bridge vote delayed', '2026-12-05T11:00:00.000Z')
    expect(drafts.restore('a', [later])).toEqual([NO_PICK])
    // Gone for good: the earlier record coming back (an undone merge) does not revive it.
    expect(drafts.restore('a', [earlier])).toEqual([NO_PICK])
  })

  it('forgets an article once its resolution is saved', () => {
    const drafts = new ConflictDrafts()
    const headline = record('headline', 'Council backs bridge')
    drafts.keep('a', headline, { choice: 'both', text: null, doc: null })
    drafts.forget('a')
    expect(drafts.restore('a', [headline])).toEqual([NO_PICK])
  })
})
