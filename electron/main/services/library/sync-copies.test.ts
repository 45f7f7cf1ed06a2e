import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { serializeArticle } from './article-file'
import { ArticleLibrary } from './library'
import { listSyncCopies, syncCopyArticleId, syncCopyPath } from './sync-copies'
import { tempDirEach } from '../test-support'

const ID = '8d1f7a52-4c7b-4d8e-9f53-2a0c4b9e6f11'

const root = tempDirEach('newsdesk-sync-')

describe('sync-tool conflict copies', () => {
  it('recognises Dropbox and Syncthing copy names and nothing else', () => {
    expect(syncCopyArticleId(`${ID} (conflicted copy 2026-12-04).json`)).toBe(ID)
    expect(syncCopyArticleId(`${ID} (Ana's conflicted copy 2026-12-04).json`)).toBe(ID)
    expect(syncCopyArticleId(`${ID}.sync-conflict-20261204-101010-ABCDEFG.json`)).toBe(ID)
    expect(syncCopyArticleId(`${ID}.json`)).toBeNull()
    expect(syncCopyArticleId('notes (conflicted copy).json')).toBeNull()
  })

  it('accepts only keys naming a copy file, never a path', () => {
    expect(syncCopyPath('/w/articles', `sync:${ID}.sync-conflict-1.json`)?.articleId).toBe(ID)
    expect(syncCopyPath('/w/articles', `sync:../${ID}.sync-conflict-1.json`)).toBeNull()
    expect(syncCopyPath('/w/articles', `${ID}.json`)).toBeNull()
  })

  it('lists copies under Needs attention, and taking the copy keeps the current version in history', async () => {
    const lib = await ArticleLibrary.open(root(), {})
    const created = await lib.create({ headline: 'Frost tonight' })
    if (!created.ok) throw new Error(created.message)
    const id = created.article.id
    const copyName = `${id} (conflicted copy 2026-12-04).json`
    await writeFile(
      join(lib.articlesDir, copyName),
      serializeArticle({ ...created.article, headline: 'Hard frost tonight, roads icy' }),
    )
    expect(await listSyncCopies(lib.articlesDir)).toHaveLength(1)
    const items = await lib.attention()
    const item = items.find((i) => i.reason === 'sync-conflict')
    expect(item?.articleId).toBe(id)
    expect(item?.originalName).toBe(copyName)

    const shown = await lib.syncCopy(item?.key ?? '')
    expect(shown.ok && shown.article.headline).toBe('Hard frost tonight, roads icy')

    const result = await lib.resolveSyncCopy(item?.key ?? '', 'take-copy')
    expect(result).toEqual({ ok: true, id })
    const loaded = await lib.load(id)
    expect(loaded.ok && loaded.article.headline).toBe('Hard frost tonight, roads icy')
    const revisions = await lib.revisions(id)
    const headlines = await Promise.all(
      revisions.map(async (r) => {
        const old = await lib.loadRevision(id, r.revision)
        return old.ok ? old.article.headline : null
      }),
    )
    expect(headlines).toContain('Frost tonight')
    expect(await readdir(lib.articlesDir)).not.toContain(copyName)
    await lib.close()
  })

  it('imports a copy as a new article with a slug of its own, or drops it when the current version is kept', async () => {
    const lib = await ArticleLibrary.open(root(), {})
    const created = await lib.create({ headline: 'Ferry timetable' })
    if (!created.ok) throw new Error(created.message)
    const id = created.article.id
    const names = [`${id}.sync-conflict-20261204-101010-ABC.json`, `${id} (conflicted copy 2026-12-05).json`]
    for (const name of names)
      await writeFile(
        join(lib.articlesDir, name),
        serializeArticle({ ...created.article, headline: 'Ferry timetable v2' }),
      )

    const imported = await lib.resolveSyncCopy(`sync:${names[0]}`, 'import-as-new')
    if (!imported.ok) throw new Error(imported.message)
    expect(imported.id).not.toBe(id)
    const copy = await lib.load(imported.id)
    expect(copy.ok && copy.article.headline).toBe('Ferry timetable v2')
    expect(copy.ok && copy.article.slug).not.toBe(created.article.slug)

    expect(await lib.resolveSyncCopy(`sync:${names[1]}`, 'keep-current')).toEqual({ ok: true, id })
    const current = await lib.load(id)
    expect(current.ok && current.article.headline).toBe('Ferry timetable')
    expect((await lib.attention()).filter((i) => i.reason === 'sync-conflict')).toEqual([])
    await lib.close()
  })
})
