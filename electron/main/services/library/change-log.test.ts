import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { articleFieldsSchema } from '../../../../shared/article/schema'
import { ChangeTrackedMap, listChanges, listPage } from './change-log'
import { ArticleLibrary } from './library'
import { workspaceLayout } from '../storage'
import { SAMPLE_WORKSPACE } from '../test-support'

/** The sample workspace's articles copied into `root` (the library needs nothing else to open). */
async function copySample(root: string): Promise<void> {
  await cp(workspaceLayout(SAMPLE_WORKSPACE).articles, workspaceLayout(root).articles, { recursive: true })
}

describe('ChangeTrackedMap', () => {
  it('counts sets and deletes and lists each changed key once', () => {
    const map = new ChangeTrackedMap<string, number>()
    expect(map.changeCount).toBe(0)
    map.set('a', 1).set('b', 2)
    const mark = map.changeCount
    map.set('a', 3)
    map.delete('b')
    map.delete('missing') // not a change
    map.set('a', 4)
    expect(map.changeCount).toBe(mark + 3)
    expect(map.changedSince(mark)).toEqual({ keys: ['a', 'b'] })
    expect(map.changedSince(map.changeCount)).toEqual({ keys: [] })
    expect(map.changedSince(map.changeCount + 1)).toBeNull()
    expect(map.changedSince(-1)).toBeNull()
    map.clear()
    expect(map.changedSince(mark)?.keys.sort()).toEqual(['a', 'b'])
  })

  it('drops the old half of a long log; a reader that far behind gets null', () => {
    const map = new ChangeTrackedMap<string, number>()
    for (let i = 0; i < 5000; i += 1) map.set('same', i)
    expect(map.changeCount).toBe(5000)
    expect(map.changedSince(0)).toBeNull()
    expect(map.changedSince(4990)).toEqual({ keys: ['same'] })
  })

  it('has its own epoch', () => {
    expect(new ChangeTrackedMap().epoch).not.toBe(new ChangeTrackedMap().epoch)
  })
})

describe('listChanges over a real library', () => {
  it('sends everything first, then only what a save, a create or a delete changed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'newsdesk-changes-'))
    try {
      await copySample(root)
      const library = await ArticleLibrary.open(root)
      const first = listChanges(library, null)
      if (!first.full) throw new Error('expected a full answer')
      expect(first.articles).toHaveLength(library.list({}).length)
      expect(listChanges(library, first.cursor)).toEqual({
        full: false,
        cursor: first.cursor,
        changed: [],
        removed: [],
      })

      const target = first.articles[0]!
      const loaded = await library.load(target.id)
      if (!loaded.ok) throw new Error('load failed')
      const fields = articleFieldsSchema.parse(loaded.article)
      await library.save({ id: target.id, baseHash: loaded.hash, fields: { ...fields, headline: 'Changed' } })
      const created = await library.create({ headline: 'New one' })
      if (!created.ok) throw new Error('create failed')
      const other = first.articles[1]!
      await library.delete(other.id)
      const second = listChanges(library, first.cursor)
      if (second.full) throw new Error('expected an incremental answer')
      expect(second.changed.map((s) => s.headline).sort()).toEqual(['Changed', 'New one'])
      expect(second.removed).toEqual([other.id])
      expect(second.cursor).not.toBe(first.cursor)

      expect(listChanges(library, 'not a cursor').full).toBe(true)
      expect(listChanges(library, `${new ChangeTrackedMap().epoch}:0`).full).toBe(true)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('listPage over a real library', () => {
  it('pages through the whole list newest first, and its cursor catches up what changed while paging', async () => {
    const root = await mkdtemp(join(tmpdir(), 'newsdesk-pages-'))
    try {
      await copySample(root)
      const library = await ArticleLibrary.open(root)
      const whole = library.list({}).map((s) => s.id)
      const first = listPage(library, 0, 4)
      expect(first.total).toBe(whole.length)
      expect(first.articles.map((s) => s.id)).toEqual(whole.slice(0, 4))
      const created = await library.create({ headline: 'Written while paging' })
      if (!created.ok) throw new Error('create failed')
      const rest = listPage(library, 4, 100)
      expect(rest.total).toBe(whole.length + 1)
      const caughtUp = listChanges(library, first.cursor)
      if (caughtUp.full) throw new Error('expected an incremental answer')
      expect(caughtUp.changed.map((s) => s.headline)).toEqual(['Written while paging'])
      expect(listPage(library, whole.length + 1, 10).articles).toEqual([])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
