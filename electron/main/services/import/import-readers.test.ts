import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArticleLibrary, serializeArticle } from '../library'
import { ExportService } from '../export'
import { makeArticle, tempDir, writeArticles } from '../test-support'
import { STORE_ENTRIES, WorkspaceLock, workspaceLayout } from '../storage'
import { ImportService } from './import-service'
import { importGeneration, markDone, writeMoves } from '../library'

const OLD = 'Old headline'
const NEW = 'New headline'

/**
 * A workspace with `n` articles and an import of new versions of all of them plus `added` new articles,
 * killed after `movedCount` of its moves (the state a kill -9 leaves: some targets parked in backup).
 */
async function halfImported(n: number, added: number, movedCount: number) {
  const root = await tempDir('newsdesk-ws-')
  const ids = Array.from({ length: n }, () => randomUUID())
  await writeArticles(
    root,
    ids.map((id) => makeArticle({ id, slug: `s-${id.slice(0, 8)}`, headline: OLD })),
  )
  const staging = workspaceLayout(root).importStaging('00112233aabb')
  await mkdir(join(staging, 'backup'), { recursive: true })
  const moves = []
  for (const id of [...ids, ...Array.from({ length: added }, () => randomUUID())]) {
    const existing = ids.includes(id)
    const staged = join(staging, `${id}.json`)
    await writeFile(staged, serializeArticle(makeArticle({ id, slug: `s-${id.slice(0, 8)}`, headline: NEW })))
    moves.push({
      staged,
      target: join(root, 'articles', `${id}.json`),
      backup: existing ? join(staging, 'backup', `${id}.json`) : null,
    })
  }
  await writeMoves(root, staging, moves)
  for (const move of moves.slice(0, movedCount)) {
    if (move.backup) await rename(move.target, move.backup)
    await rename(move.staged, move.target)
  }
  // The last move is caught half way: its old file is parked, the new one not in yet (the article is missing).
  const half = moves[movedCount]
  if (half?.backup) await rename(half.target, half.backup)
  return { root, ids, staging, moves }
}

describe('readers never see half an import', () => {
  it('a read-only open rolls back an import whose process is gone before it lists anything', async () => {
    const { root, ids } = await halfImported(20, 5, 7)
    const library = await ArticleLibrary.open(root, { readOnly: true })
    const listed = library.list({})
    expect(listed).toHaveLength(20)
    expect(new Set(listed.map((a) => a.headline))).toEqual(new Set([OLD]))
    expect(new Set(listed.map((a) => a.id))).toEqual(new Set(ids))
    expect((await readdir(workspaceLayout(root).store)).filter((n) => /^import-[0-9a-f]{12}$/.test(n))).toEqual([])
    expect(await readdir(workspaceLayout(root).store)).not.toContain('lock')
  })

  it('an export after a kill reads the workspace as it was, whole', async () => {
    const { root } = await halfImported(12, 3, 4)
    const service = new ExportService(await ArticleLibrary.open(root, { readOnly: true, indexCache: false }), null)
    const out = join(await tempDir(), 'x')
    expect(await service.run({ format: 'json', destination: out })).toMatchObject({ ok: true, articleCount: 12 })
  })

  it('a reader waits for an import a live process is applying, then lists it whole', async () => {
    const { root, staging, moves } = await halfImported(10, 2, 3)
    // The importer is alive (our parent stands in for it) and holds the workspace lock.
    const holder = await WorkspaceLock.acquire(root, { pid: process.ppid })
    if (holder.kind !== 'acquired') throw new Error('not locked')
    const opening = ArticleLibrary.open(root, { readOnly: true })
    await new Promise((r) => setTimeout(r, 300))
    // The import finishes its moves.
    for (const move of moves.slice(3)) {
      if (move.backup && !(await readdir(join(staging, 'backup'))).includes(`${move.target.split('/').pop()}`))
        await rename(move.target, move.backup)
      await rename(move.staged, move.target)
    }
    await markDone(staging)
    await rm(staging, { recursive: true })
    const library = await opening
    const listed = library.list({})
    expect(listed).toHaveLength(12)
    expect(new Set(listed.map((a) => a.headline))).toEqual(new Set([NEW]))
    await holder.lock.release()
  })

  it('an export running beside real imports holds one generation: all before or all after, never a mix', async () => {
    const root = await tempDir('newsdesk-ws-')
    const ids = Array.from({ length: 40 }, () => randomUUID())
    await writeArticles(
      root,
      ids.map((id) => makeArticle({ id, slug: `s-${id.slice(0, 8)}`, headline: 'v0' })),
    )
    const holder = await WorkspaceLock.acquire(root, { pid: process.ppid })
    if (holder.kind !== 'acquired') throw new Error('not locked')
    const writer = await ArticleLibrary.open(root)
    const source = await tempDir()
    let mixes = 0
    for (let round = 1; round <= 4; round++) {
      await rm(join(source, 'b.json'), { force: true })
      const bundle = {
        format: 'newsdesk-bundle',
        version: 1,
        generator: 'test',
        articles: ids.map((id) => ({
          article: makeArticle({ id, slug: `s-${id.slice(0, 8)}`, headline: `v${round}`, revision: 2 + round }),
          renditions: { html: '', markdown: '' },
        })),
        assets: {},
      }
      await writeFile(join(source, 'b.json'), JSON.stringify(bundle))
      const importer = new ImportService(writer, null)
      const report = await importer.dryRun([join(source, 'b.json')])
      const reader = new ExportService(await ArticleLibrary.open(root, { readOnly: true }), null)
      const dest = join(await tempDir(), 'out')
      const [applied, exported] = await Promise.all([
        importer.apply(report.planId, { onConflict: 'overwrite' }),
        reader.run({ format: 'json', destination: dest }),
      ])
      expect(applied.ok).toBe(true)
      expect(exported.ok, JSON.stringify(exported)).toBe(true)
      const { readFile } = await import('node:fs/promises')
      const json = JSON.parse(await readFile(join(dest, 'bundle.json'), 'utf8')) as {
        articles: { article: { headline: string } }[]
      }
      const seen = new Set(json.articles.map((e) => e.article.headline))
      if (seen.size !== 1) mixes++
      expect([...seen].every((h) => h === `v${round}` || h === `v${round - 1}`)).toBe(true)
    }
    expect(mixes).toBe(0)
    expect(await readdir(workspaceLayout(root).store)).toContain(STORE_ENTRIES.importGeneration)
    // The importing library lists its own imports' generation (an export from it need not rescan).
    expect(writer.generation).toBe(await importGeneration(root))
    await holder.lock.release()
  })
})
