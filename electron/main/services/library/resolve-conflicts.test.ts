import { readFile, rm } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { articleSchema } from '../../../../shared/article/schema'
import { conflictedArticle } from '../../../../shared/sync/test-support/conflicted-article'
import { workspaceLayout } from '../storage'
import { tempDir, writeArticles } from '../test-support'
import { ArticleLibrary } from './library'

let root: string
let lib: ArticleLibrary | null = null

beforeEach(async () => {
  root = await tempDir('newsdesk-resolve-')
})
afterEach(async () => {
  await lib?.close()
  lib = null
  await rm(root, { recursive: true, force: true })
})

async function openWith(...articles: Parameters<typeof writeArticles>[1]) {
  await writeArticles(root, articles)
  lib = await ArticleLibrary.open(root, {})
  return lib
}

const fieldIndex = (conflicts: { field: string }[] | undefined, field: string) =>
  (conflicts ?? []).findIndex((c) => c.field === field)

describe('articles.resolveConflicts (main, real files)', () => {
  it('saves the chosen values without the conflict records, as a new revision kept in history', async () => {
    const { merged } = conflictedArticle()
    const library = await openWith(merged)
    expect(library.summary(merged.id)?.conflicted).toBe(true)
    const loaded = await library.load(merged.id)
    if (!loaded.ok) throw new Error(loaded.message)
    const c = loaded.article.conflicts
    const result = await library.resolveConflicts(merged.id, loaded.hash, [
      { index: fieldIndex(c, 'headline'), field: 'headline', choice: 'mine' },
      { index: fieldIndex(c, 'body.block:b2'), field: 'body.block:b2', choice: 'theirs' },
    ])
    if (!result.ok) throw new Error(result.message)
    expect(result.trashed).toBe(false)
    const onDisk = articleSchema.parse(JSON.parse(await readFile(workspaceLayout(root).article(merged.id), 'utf8')))
    expect(onDisk.conflicts).toBeUndefined()
    expect('conflicts' in onDisk).toBe(false)
    expect(onDisk.headline).toBe('Council backs the river bridge')
    expect(onDisk.body.content?.[1]?.content?.[0]?.text).toBe('Work will not start before the autumn.')
    expect(onDisk.revision).toBeGreaterThan(merged.revision)
    expect(library.summary(merged.id)?.conflicted).toBe(false)
    // The conflicted version is kept in history, so the resolution can be undone.
    const revisions = await library.revisions(merged.id)
    const kept = await Promise.all(revisions.map((r) => library.loadRevision(merged.id, r.revision)))
    expect(kept.some((r) => r.ok && (r.article.conflicts?.length ?? 0) === 2)).toBe(true)
  })

  it('refuses when the file changed since it was loaded, or the choice names another field; nothing is written', async () => {
    const { merged } = conflictedArticle()
    const library = await openWith(merged)
    const path = workspaceLayout(root).article(merged.id)
    const before = await readFile(path, 'utf8')
    const stale = await library.resolveConflicts(merged.id, 'a'.repeat(64), [
      { index: 0, field: 'headline', choice: 'mine' },
    ])
    expect(stale).toMatchObject({ ok: false, reason: 'conflict' })
    const loaded = await library.load(merged.id)
    if (!loaded.ok) throw new Error(loaded.message)
    const wrong = await library.resolveConflicts(merged.id, loaded.hash, [
      { index: 0, field: 'standfirst', choice: 'mine' },
    ])
    expect(wrong).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await readFile(path, 'utf8')).toBe(before)
  })

  it('keeps the slug rule: a chosen slug another article uses is refused', async () => {
    const { merged } = conflictedArticle()
    const other = conflictedArticle('7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d').base
    const slugConflict = {
      ...merged,
      conflicts: [{ field: 'slug', base: 'river-bridge', ours: 'river-bridge', theirs: 'taken', at: merged.updatedAt }],
    }
    const library = await openWith(slugConflict, { ...other, slug: 'taken' })
    const loaded = await library.load(merged.id)
    if (!loaded.ok) throw new Error(loaded.message)
    const result = await library.resolveConflicts(merged.id, loaded.hash, [
      { index: 0, field: 'slug', choice: 'theirs' },
    ])
    expect(result).toMatchObject({ ok: false, reason: 'invalid' })
    expect(result.ok ? '' : result.message).toMatch(/slug "taken" is already used/)
  })

  it('choosing the side that deleted the article moves it to the trash', async () => {
    const { merged } = conflictedArticle()
    const deleted = {
      ...merged,
      conflicts: [{ field: 'deleted', base: null, ours: null, theirs: merged, at: merged.updatedAt }],
    }
    const library = await openWith(deleted)
    const loaded = await library.load(merged.id)
    if (!loaded.ok) throw new Error(loaded.message)
    const result = await library.resolveConflicts(merged.id, loaded.hash, [
      { index: 0, field: 'deleted', choice: 'mine' },
    ])
    expect(result).toMatchObject({ ok: true, trashed: true })
    expect((await library.trashed()).map((t) => t.id)).toEqual([merged.id])
  })
})
