import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { IMPORT_STAGING_RE, workspaceLayout } from './layout'

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
})
