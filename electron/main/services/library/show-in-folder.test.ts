import { mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { workspaceLayout } from '../storage'
import { serializeArticle } from './article-file'
import { ArticleLibrary } from './library'

// "Show in folder" for the file a notice is about: main resolves the renderer's reference (an article id or a
// "Needs attention" key, never a path) inside the workspace and refuses anything that leads out of it.
let root: string
let outside: string
const shown: string[] = []
const show = (path: string) => {
  shown.push(path)
  return true
}

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'newsdesk-show-')))
  outside = await realpath(await mkdtemp(join(tmpdir(), 'newsdesk-outside-')))
  shown.length = 0
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

describe('show a notice’s file in its folder', () => {
  it('shows an article’s file, a sync tool’s conflict copy and a quarantined file', async () => {
    const lib = await ArticleLibrary.open(root, {})
    const created = await lib.create({ headline: 'Frost tonight' })
    if (!created.ok) throw new Error(created.message)
    const id = created.article.id
    const copyName = `${id} (conflicted copy 2026-12-04).json`
    await writeFile(join(lib.articlesDir, copyName), serializeArticle({ ...created.article, headline: 'Hard frost' }))
    const broken = '0b8e4a52-5f0e-4c8e-9d3c-1f2a3b4c5d6e.json'
    await writeFile(join(lib.articlesDir, broken), 'hello, world')
    await lib.close()

    const reopened = await ArticleLibrary.open(root, {})
    const items = await reopened.attention()
    const copy = items.find((i) => i.reason === 'sync-conflict')
    const quarantined = items.find((i) => i.reason === 'not-json')
    expect(copy && quarantined).toBeTruthy()

    expect(await reopened.showInFolder({ kind: 'article', id }, show)).toEqual({
      ok: true,
      displayPath: join(root, 'articles', `${id}.json`),
    })
    expect(await reopened.showInFolder({ kind: 'attention', key: copy!.key }, show)).toMatchObject({
      ok: true,
      displayPath: join(root, 'articles', copyName),
    })
    expect(await reopened.showInFolder({ kind: 'attention', key: quarantined!.key }, show)).toMatchObject({
      ok: true,
      displayPath: join(workspaceLayout(root).quarantine, quarantined!.key),
    })
    expect(shown).toHaveLength(3)
    await reopened.close()
  })

  it('refuses a file whose link leads outside the workspace, and keys or ids it does not list', async () => {
    const lib = await ArticleLibrary.open(root, {})
    const created = await lib.create({ headline: 'Frost tonight' })
    if (!created.ok) throw new Error(created.message)
    const id = created.article.id
    // A conflict copy that is a link to a file elsewhere: listed, but never shown.
    const secret = join(outside, 'secret.json')
    await writeFile(secret, '{}')
    const linkName = `${id}.sync-conflict-20261204-101010-ABCDEFG.json`
    await symlink(secret, join(lib.articlesDir, linkName))
    const key = (await lib.attention()).find((i) => i.originalName === linkName)?.key
    expect(key).toBeDefined()
    const refused = await lib.showInFolder({ kind: 'attention', key: key! }, show)
    expect(refused).toMatchObject({ ok: false, reason: 'refused' })
    expect(refused.ok || refused.message).toMatch(/outside the workspace/)

    // Paths and made-up keys are not listed: nothing to show.
    for (const bad of ['../../etc/passwd', `sync:../${linkName}`, outside, 'no-such-file.json'])
      expect(await lib.showInFolder({ kind: 'attention', key: bad }, show)).toMatchObject({ reason: 'not-found' })
    expect(await lib.showInFolder({ kind: 'article', id: '../../x' }, show)).toMatchObject({ reason: 'not-found' })
    expect(await lib.showInFolder({ kind: 'article', id: '0b8e4a52-5f0e-4c8e-9d3c-1f2a3b4c5d6e' }, show)).toMatchObject(
      {
        reason: 'not-found',
      },
    )
    expect(shown).toEqual([])
    // Without a file manager (no shell here) the answer says so.
    expect(await lib.showInFolder({ kind: 'article', id }, () => false)).toMatchObject({ reason: 'unavailable' })
    await lib.close()
  })
})
