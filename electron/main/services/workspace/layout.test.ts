import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { pickFields } from '../../../../shared/article/schema'
import { ArticleLibrary } from '../library'
import { IMPORT_STAGING_RE, workspaceLayout } from './layout'
import { WorkspaceLock } from './workspace-lock'

let root = ''
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true })
})

describe('workspaceLayout', () => {
  it('names every path under a workspace, relative to its root', () => {
    const l = workspaceLayout('/ws')
    const rel = (p: string) => relative('/ws', p)
    expect([l.articles, l.assets, l.store].map(rel)).toEqual(['articles', 'assets', '.newsdesk'])
    expect([l.history, l.trash, l.quarantine, l.journal, l.index, l.search, l.searchIndex].map(rel)).toEqual([
      '.newsdesk/history',
      '.newsdesk/trash',
      '.newsdesk/quarantine',
      '.newsdesk/journal',
      '.newsdesk/index.json',
      '.newsdesk/search',
      '.newsdesk/search/index.bin',
    ])
    expect([l.lock, l.lockTakeover, l.publication, l.marker].map(rel)).toEqual([
      '.newsdesk/lock',
      '.newsdesk/lock.takeover',
      '.newsdesk/publication.json',
      '.newsdesk/workspace.json',
    ])
    expect(rel(l.article('7C392812-0b37-4ba7-a2ad-974d78d6413c'))).toBe(
      'articles/7C392812-0b37-4ba7-a2ad-974d78d6413c.json',
    )
    expect(rel(l.journalEntry('ABC'))).toBe('.newsdesk/journal/abc.json')
    expect(rel(l.historyOf('ABC'))).toBe('.newsdesk/history/abc')
    expect(IMPORT_STAGING_RE.test(relative(l.store, l.importStaging('0123456789ab')))).toBe(true)
  })

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
