import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { pickFields } from '../../../../shared/article/schema'
import { WorkspaceLock, workspaceLayout } from '../storage'
import { ArticleLibrary } from './library'

let root = ''
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true })
})

describe('workspaceLayout, as the library writes it', () => {
  it('is where the library, its stores and the lock really write', async () => {
    root = await mkdtemp(join(tmpdir(), 'newsdesk-layout-'))
    const l = workspaceLayout(root)
    const taken = await WorkspaceLock.acquire(root)
    if (taken.kind !== 'acquired') throw new Error(taken.kind)
    const lib = await ArticleLibrary.open(root)
    const created = await lib.create({ headline: 'Laid out' })
    if (!created.ok) throw new Error(created.message)
    const id = created.article.id
    await lib.writeJournal(id, created.hash, { ...pickFields(created.article), headline: 'typed' })
    await lib.delete(id)
    expect(await readdir(l.articles)).toEqual([])
    expect(await readdir(l.historyOf(id))).toEqual(['1.json'])
    expect((await readdir(l.trash)).sort()).toEqual([`${id}.json`, `${id}.meta.json`].sort())
    expect(await readdir(l.store)).toEqual(expect.arrayContaining(['history', 'trash', 'lock']))
    await taken.lock.release()
  })
})
