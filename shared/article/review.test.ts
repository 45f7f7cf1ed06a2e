import { describe, expect, it } from 'vitest'
import { editorRef, editorRefName, sameEditor, matchesReviewFilter, namesEditor } from './review'
import { articleFieldsSchema } from './schema'

const me = { name: 'Ana Ruiz', email: 'Ana@Example.org' }

describe('review flow', () => {
  it('names an editor by email (any case) or, without one, by name', () => {
    expect(namesEditor('Ana Ruiz <ana@example.org>', me)).toBe(true)
    expect(namesEditor('ana@example.org', me)).toBe(true)
    expect(namesEditor('ana ruiz', me)).toBe(true)
    expect(namesEditor('Ana Ruiz <other@example.org>', me)).toBe(false)
    expect(namesEditor(null, me)).toBe(false)
  })
  it('writes and reads an editor reference', () => {
    expect(editorRef({ name: ' Ana Ruiz ', email: 'ana@example.org' })).toBe('Ana Ruiz <ana@example.org>')
    expect(editorRef({ name: '', email: 'ana@example.org' })).toBe('ana@example.org')
    expect(editorRef({ name: '', email: ' ' })).toBeNull()
    expect(editorRefName('Ana Ruiz <ana@example.org>')).toBe('Ana Ruiz')
    expect(editorRefName('ana@example.org')).toBe('ana@example.org')
    expect(editorRefName('<ana@example.org>')).toBe('ana@example.org')
    expect(editorRefName('Ana')).toBe('Ana')
    expect(sameEditor('Ana Ruiz <ANA@example.org>', 'Ana <ana@example.org>')).toBe(true)
    expect(sameEditor('Ana Ruiz <ana@example.org>', 'Ana Ruiz <ana@other.org>')).toBe(false)
    expect(sameEditor('Ana Ruiz', 'ana ruiz <ana@example.org>')).toBe(true)
  })
  it('filters "Assigned to me" (not yet published) and "Waiting for my review" (in review)', () => {
    const a = { assignee: 'ana@example.org', reviewer: 'Ben <ben@example.org>', status: 'draft' as const }
    expect(matchesReviewFilter(a, 'assigned-to-me', me)).toBe(true)
    expect(matchesReviewFilter({ ...a, status: 'published' }, 'assigned-to-me', me)).toBe(false)
    expect(matchesReviewFilter(a, 'waiting-for-my-review', me)).toBe(false)
    const r = { assignee: null, reviewer: 'Ana Ruiz <ana@example.org>', status: 'review' as const }
    expect(matchesReviewFilter(r, 'waiting-for-my-review', me)).toBe(true)
    expect(matchesReviewFilter({ ...r, status: 'ready' }, 'waiting-for-my-review', me)).toBe(false)
  })
  it('the review fields are optional: older files stay valid, bad ones are refused', () => {
    const base = articleFieldsSchema.shape
    expect(base.assignee.safeParse(undefined).success).toBe(true)
    expect(base.dueAt.safeParse('2026-12-05T10:00:00.000Z').success).toBe(true)
    expect(base.dueAt.safeParse('tomorrow').success).toBe(false)
    expect(base.reviewer.safeParse('').success).toBe(false)
  })
})
