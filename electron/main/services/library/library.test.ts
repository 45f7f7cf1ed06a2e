import { mkdtemp, readdir, readFile, rm, writeFile, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pickFields } from '../../../../shared/article/schema'
import { contentHash, readArticleFile, serializeArticle } from './article-file'
import { ArticleLibrary, dropIndexCache } from './library'
import { ServiceEvents } from '../service-events'
import { workspaceLayout } from '../storage'

let root: string
let clock: Date
const now = () => clock
const MIN = 60_000
const DAY = 24 * 60 * MIN

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'newsdesk-lib-'))
  clock = new Date('2026-03-01T09:00:00.000Z')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function openLib(extra: Parameters<typeof ArticleLibrary.open>[1] = {}) {
  return ArticleLibrary.open(root, { now, ...extra })
}

async function createSaved(lib: ArticleLibrary, headline: string) {
  const created = await lib.create({ headline })
  if (!created.ok) throw new Error(created.message)
  return created
}

describe('save', () => {
  it('refuses a save whose base hash is not the file on disk, leaving the file byte-identical', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Mayor opens bridge')
    const path = lib.pathOf(a.article.id)
    const external = { ...a.article, headline: 'Edited elsewhere' }
    await writeFile(path, serializeArticle(external))
    const before = await readFile(path)
    const result = await lib.save({
      id: a.article.id,
      baseHash: a.hash,
      fields: { ...pickFields(a.article), headline: 'Mine' },
    })
    expect(result).toMatchObject({ ok: false, reason: 'conflict' })
    expect(await readFile(path)).toEqual(before)
  })

  it('gives every top-level block of a saved body a unique id, keeping those it has (CLI and import write none)', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Blocks')
    const path = lib.pathOf(a.article.id)
    const p = (text: string, id?: string) => ({
      type: 'paragraph',
      ...(id ? { attrs: { id } } : {}),
      content: [{ type: 'text', text }],
    })
    // As the CLI or an import writes an article: a body without ids (and here one id used twice).
    const written = {
      ...a.article,
      body: {
        type: 'doc' as const,
        content: [
          p('One', 'kept'),
          p('Two'),
          p('Three', 'kept'),
          { type: 'bulletList', content: [{ type: 'listItem', content: [p('Item')] }] },
        ],
      },
    }
    await writeFile(path, serializeArticle(written))
    const hash = contentHash(serializeArticle(written))
    const result = await lib.save({
      id: a.article.id,
      baseHash: hash,
      fields: { ...pickFields(written), headline: 'Blocks, edited' },
    })
    expect(result.ok).toBe(true)
    const onDisk = await readArticleFile(path)
    if (!onDisk.ok) throw new Error(onDisk.message)
    const blocks = onDisk.article.body.content ?? []
    const ids = blocks.map((b) => b.attrs?.id)
    expect(ids[0]).toBe('kept')
    expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true)
    expect(new Set(ids).size).toBe(blocks.length)
    expect(blocks.map((b) => b.content?.[0]?.content?.[0]?.text ?? b.content?.[0]?.text)).toEqual([
      'One',
      'Two',
      'Three',
      undefined,
    ])
    // Nested blocks are not merged by id and get none.
    expect(blocks[3]?.content?.[0]?.content?.[0]?.attrs).toBeUndefined()
    // A second save keeps every id it was given.
    const again = await lib.save({
      id: a.article.id,
      baseHash: onDisk.hash,
      fields: { ...pickFields(onDisk.article), headline: 'Again' },
    })
    if (!again.ok) throw new Error(again.message)
    const reread = await readArticleFile(path)
    expect(reread.ok && reread.article.body.content?.map((b) => b.attrs?.id)).toEqual(ids)
  })

  it('detects a same-size external write (content hash, not mtime)', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'AAAA')
    const path = lib.pathOf(a.article.id)
    const text = (await readFile(path, 'utf8')).replace('"AAAA"', '"BBBB"')
    await writeFile(path, text)
    const result = await lib.save({ id: a.article.id, baseHash: a.hash, fields: pickFields(a.article) })
    expect(result).toMatchObject({ ok: false, reason: 'conflict' })
  })

  it('recreates an article deleted on disk while open when it is saved', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Kept text')
    await rm(lib.pathOf(a.article.id))
    const result = await lib.save({
      id: a.article.id,
      baseHash: a.hash,
      fields: { ...pickFields(a.article), headline: 'Kept text, recreated' },
    })
    expect(result.ok).toBe(true)
    const back = await readArticleFile(lib.pathOf(a.article.id))
    expect(back.ok && back.article.headline).toBe('Kept text, recreated')
  })

  it('serialises concurrent saves of one article: the last one sent wins, none is lost silently', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Storm')
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        lib.save({ id: a.article.id, baseHash: a.hash, fields: { ...pickFields(a.article), headline: `v${n}` } }),
      ),
    )
    expect(results.map((r) => r.ok)).toEqual([true, false, false])
    expect(results[1]).toMatchObject({ reason: 'conflict' })
  })
})

describe('conflict "keep mine"', () => {
  it('keeps the disk version in history before overwriting it, even when it reuses a revision number', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Ours')
    const path = lib.pathOf(a.article.id)
    // An outside editor rewrites the file without bumping the revision (revision 1 is already in history).
    const theirs = { ...a.article, headline: 'Theirs', standfirst: 'written elsewhere' }
    await writeFile(path, serializeArticle(theirs))
    await lib.refreshFile(a.article.id)
    const mine = { ...pickFields(a.article), headline: 'Mine' }
    expect(await lib.save({ id: a.article.id, baseHash: a.hash, fields: mine, mode: 'explicit' })).toMatchObject({
      ok: false,
      reason: 'conflict',
    })
    // Keep mine: the editor adopts the disk's hash as its base and saves again.
    const disk = await lib.load(a.article.id)
    if (!disk.ok) throw new Error(disk.message)
    const saved = await lib.save({ id: a.article.id, baseHash: disk.hash, fields: mine, mode: 'explicit' })
    if (!saved.ok) throw new Error(saved.message)
    expect(saved.article.headline).toBe('Mine')
    const revisions = await lib.revisions(a.article.id)
    // Newest first: the save, the disk version it replaced (kept first), and the create snapshot.
    expect(revisions.map((r) => [r.revision, r.reason])).toEqual([
      [3, 'explicit'],
      [2, 'disk-version'],
      [1, 'create'],
    ])
    const kept = revisions[1]!
    const snap = await lib.loadRevision(a.article.id, kept.revision)
    if (!snap.ok) throw new Error(snap.message)
    expect(snap.article).toMatchObject({ headline: 'Theirs', standfirst: 'written elsewhere' })
    // The create snapshot (revision 1, "Ours") is untouched and the new save comes after the kept version.
    const first = await lib.loadRevision(a.article.id, 1)
    expect(first.ok && first.article.headline).toBe('Ours')
    expect(saved.article.revision).toBe(kept.revision + 1)
  })

  it('takes no extra snapshot when the disk holds what the library itself wrote', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Plain')
    const saved = await lib.save({
      id: a.article.id,
      baseHash: a.hash,
      fields: { ...pickFields(a.article), headline: 'Plain, edited' },
      mode: 'explicit',
    })
    expect(saved.ok).toBe(true)
    expect((await lib.revisions(a.article.id)).map((r) => r.reason)).toEqual(['explicit', 'create'])
  })

  it('keeps an external edit with a new revision number at that number', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Ours')
    await writeFile(lib.pathOf(a.article.id), serializeArticle({ ...a.article, headline: 'Theirs', revision: 7 }))
    const disk = await lib.load(a.article.id)
    if (!disk.ok) throw new Error(disk.message)
    const saved = await lib.save({
      id: a.article.id,
      baseHash: disk.hash,
      fields: { ...pickFields(a.article), headline: 'Mine' },
      mode: 'auto',
    })
    if (!saved.ok) throw new Error(saved.message)
    expect(saved.article.revision).toBe(8)
    const kept = await lib.loadRevision(a.article.id, 7)
    expect(kept.ok && kept.article.headline).toBe('Theirs')
  })
})

describe('history', () => {
  it('keeps the on-disk original of an article with no history before its first change in a session', async () => {
    const first = await openLib()
    const a = await createSaved(first, 'Frost tonight')
    await first.close()
    // As a sample or an imported article: the file exists, its history does not.
    await rm(workspaceLayout(root).history, { recursive: true, force: true })
    const lib = await openLib()
    const saved = await lib.save({
      id: a.article.id,
      baseHash: a.hash,
      mode: 'auto',
      fields: { ...pickFields(a.article), headline: 'Hard frost tonight' },
    })
    if (!saved.ok) throw new Error(saved.message)
    const revisions = await lib.revisions(a.article.id)
    const kept = revisions.find((r) => r.reason === 'disk-version')
    expect(kept).toBeDefined()
    const original = await lib.loadRevision(a.article.id, kept?.revision ?? 0)
    expect(original.ok && original.article.headline).toBe('Frost tonight')
    await lib.close()
  })

  it('snapshots every explicit save, and autosaves at most every 5 minutes', async () => {
    const lib = await openLib()
    let cur = await createSaved(lib, 'One')
    const save = async (headline: string, mode: 'explicit' | 'auto') => {
      const r = await lib.save({
        id: cur.article.id,
        baseHash: cur.hash,
        fields: { ...pickFields(cur.article), headline },
        mode,
      })
      if (!r.ok) throw new Error(r.message)
      cur = { ok: true, article: r.article, hash: r.hash }
    }
    clock = new Date(clock.getTime() + MIN)
    await save('Two', 'auto') // 1 min after the create snapshot: skipped
    await save('Three', 'explicit') // explicit: kept
    clock = new Date(clock.getTime() + 2 * MIN)
    await save('Four', 'auto') // 2 min after the last: skipped
    clock = new Date(clock.getTime() + 4 * MIN)
    await save('Five', 'auto') // 6 min: kept
    const revisions = await lib.revisions(cur.article.id)
    expect(revisions.map((r) => [r.revision, r.reason])).toEqual([
      [5, 'auto'],
      [3, 'explicit'],
      [1, 'create'],
    ])
    expect(revisions[0]?.size).toBeGreaterThan(100)
  })

  it('diffs two revisions field by field and restores an old one as a new revision', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Bridge opens')
    const body = {
      type: 'doc' as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Crowds gathered at noon.' }] }],
    }
    const r = await lib.save({
      id: a.article.id,
      baseHash: a.hash,
      mode: 'explicit',
      fields: { ...pickFields(a.article), headline: 'Bridge opens late', tags: ['transport'], status: 'review', body },
    })
    if (!r.ok) throw new Error(r.message)
    const diff = await lib.diffRevisions(a.article.id, 1, 2)
    if (!diff.ok) throw new Error(diff.message)
    expect(diff.diff.headline.parts).toEqual([
      { op: 'equal', text: 'Bridge opens' },
      { op: 'insert', text: ' late' },
    ])
    expect(diff.diff.tags).toMatchObject({ changed: true, added: ['transport'], removed: [] })
    expect(diff.diff.status).toEqual({ changed: true, from: 'draft', to: 'review' })
    expect(diff.diff.body.to).toBe('Crowds gathered at noon.')
    expect(diff.diff.standfirst.changed).toBe(false)

    const restored = await lib.restoreRevision(a.article.id, 1)
    expect(restored).toMatchObject({ ok: true, article: { revision: 3, headline: 'Bridge opens', status: 'draft' } })
    expect((await lib.revisions(a.article.id))[0]).toMatchObject({ revision: 3, reason: 'restore' })
    expect(await lib.loadRevision(a.article.id, 99)).toMatchObject({ ok: false, reason: 'not-found' })
  })

  it('prunes snapshots older than the retention period at start', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Old news')
    clock = new Date(clock.getTime() + 91 * DAY)
    const reopened = await openLib()
    expect(reopened.startup.historyPruned).toBe(1)
    expect(await reopened.revisions(a.article.id)).toEqual([])
  })
})

describe('trash', () => {
  it('moves to trash, restores (renaming a slug taken meanwhile), empties, and purges after 30 days', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Council vote')
    expect(await lib.delete(a.article.id)).toMatchObject({ ok: true })
    expect(lib.list().map((s) => s.id)).not.toContain(a.article.id)
    expect((await lib.trashed()).map((t) => t.headline)).toEqual(['Council vote'])
    const b = await createSaved(lib, 'Council vote') // takes the slug "council-vote"
    expect(b.article.slug).toBe('council-vote')
    const back = await lib.restoreFromTrash(a.article.id)
    expect(back).toMatchObject({ ok: true, article: { slug: 'council-vote-2', headline: 'Council vote' } })
    expect(await lib.trashed()).toEqual([])

    await lib.delete(b.article.id)
    clock = new Date(clock.getTime() + 31 * DAY)
    const reopened = await openLib()
    expect(reopened.startup.trashPurged).toBe(1)
    await reopened.delete(a.article.id)
    expect(await reopened.emptyTrash()).toEqual({ ok: true, removed: 1 })
    expect(await readdir(workspaceLayout(root).trash)).toEqual([])
  })
})

describe('quarantine', () => {
  const cases: [string, string | Buffer, string][] = [
    ['empty', '', 'empty'],
    ['NUL-filled', Buffer.alloc(64), 'empty'],
    ['truncated', '{"schemaVersion": 1, "id": "', 'truncated'],
    ['not JSON', 'hello, world', 'not-json'],
    ['schema-invalid', JSON.stringify({ schemaVersion: 1, headline: 3 }), 'schema-invalid'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'invalid-utf8'],
    ['over 10 MB', `{"x":"${'a'.repeat(10 * 1024 * 1024 + 10)}"}`, 'too-large'],
  ]
  it.each(cases)('moves a %s file to quarantine with its reason and lists it', async (_label, bytes, reason) => {
    const lib0 = await openLib()
    const good = await createSaved(lib0, 'Good one')
    const id = '0b8e4a52-5f0e-4c8e-9d3c-1f2a3b4c5d6e'
    await writeFile(join(root, 'articles', `${id}.json`), bytes)
    const lib = await openLib()
    expect(lib.list().map((s) => s.id)).toEqual([good.article.id])
    const items = await lib.attention()
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ originalName: `${id}.json`, reason })
    expect(await readdir(join(root, 'articles'))).toEqual([`${good.article.id}.json`])
    const moved = await readFile(join(workspaceLayout(root).quarantine, items[0]!.key))
    expect(moved.equals(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes))).toBe(true)
  })

  it('lists unreadable files without moving them when the workspace is read-only', async () => {
    await (await openLib()).create({ headline: 'x' })
    await writeFile(join(root, 'articles', '0b8e4a52-5f0e-4c8e-9d3c-1f2a3b4c5d6e.json'), '{')
    const lib = await openLib({ readOnly: true })
    expect(await lib.attention()).toMatchObject([{ reason: 'truncated' }])
    expect(await readdir(join(root, 'articles'))).toHaveLength(2)
  })
})

describe('temp-file sweep', () => {
  it('offers a newer valid temp through the journal, removes the others, never lists them', async () => {
    const lib0 = await openLib()
    const a = await createSaved(lib0, 'Base')
    const newer = { ...a.article, headline: 'Interrupted save', revision: 2 }
    const dir = join(root, 'articles')
    await writeFile(join(dir, `.${a.article.id}.json.aaaaaaaaaaaa.ndtmp`), serializeArticle(newer))
    await writeFile(join(dir, `.${a.article.id}.json.bbbbbbbbbbbb.ndtmp`), '{"trunc')
    await writeFile(join(workspaceLayout(root).store, '.index.json.cccccccccccc.ndtmp'), 'x')
    const old = new Date(Date.now() - 60_000)
    await utimes(join(dir, `.${a.article.id}.json.bbbbbbbbbbbb.ndtmp`), old, old)
    const lib = await openLib()
    expect(lib.startup).toMatchObject({ tempsRecovered: 1, tempsRemoved: 2 })
    expect((await readdir(dir)).filter((n) => n.endsWith('.ndtmp'))).toEqual([])
    expect(lib.list()).toHaveLength(1)
    const pending = await lib.pendingJournal()
    expect(pending).toMatchObject([
      { id: a.article.id, headline: 'Interrupted save', source: 'temp', baseHash: a.hash },
    ])
  })

  it('puts a valid temp in place when its article file is missing', async () => {
    const lib0 = await openLib()
    const a = await createSaved(lib0, 'Created')
    const path = lib0.pathOf(a.article.id)
    await rm(path)
    await writeFile(join(root, 'articles', `.${a.article.id}.json.aaaaaaaaaaaa.ndtmp`), serializeArticle(a.article))
    const lib = await openLib()
    expect(lib.list().map((s) => s.headline)).toEqual(['Created'])
  })
})

describe('journal', () => {
  it('keeps unsaved fields, offers them, drops them once saved, and discards on request', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Draft')
    const fields = { ...pickFields(a.article), headline: 'Draft, typed but unsaved' }
    expect(await lib.writeJournal(a.article.id, a.hash, fields)).toMatchObject({ ok: true })
    const reopened = await openLib()
    expect(await reopened.pendingJournal()).toMatchObject([
      { id: a.article.id, headline: 'Draft, typed but unsaved', source: 'editor' },
    ])
    // Saved afterwards (journal write raced the save): the entry is stale and no longer offered.
    await reopened.save({ id: a.article.id, baseHash: a.hash, fields })
    expect(await reopened.pendingJournal()).toEqual([])
    await reopened.writeJournal(a.article.id, a.hash, { ...fields, headline: 'again' })
    await reopened.discardJournal(a.article.id)
    expect(await reopened.pendingJournal()).toEqual([])
  })

  it('a save drops the entry it made obsolete and keeps edits journaled while it ran', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'Draft')
    // Journaled before the save began (older edits than the ones saved): dropped by the save.
    await lib.writeJournal(a.article.id, a.hash, { ...pickFields(a.article), headline: 'Dr' })
    clock = new Date(clock.getTime() + MIN)
    const first = await lib.save({
      id: a.article.id,
      baseHash: a.hash,
      fields: { ...pickFields(a.article), headline: 'Draft two' },
    })
    if (!first.ok) throw new Error(first.message)
    expect(await lib.pendingJournal()).toEqual([])
    // Typed on while the next save was on its way: that entry is newer than the save and stays.
    clock = new Date(clock.getTime() + MIN)
    const saving = lib.save({
      id: a.article.id,
      baseHash: first.hash,
      fields: { ...pickFields(first.article), headline: 'Draft three' },
    })
    clock = new Date(clock.getTime() + MIN)
    await lib.writeJournal(a.article.id, first.hash, { ...pickFields(first.article), headline: 'Draft three and more' })
    expect(await saving).toMatchObject({ ok: true })
    expect((await lib.pendingJournal()).map((e) => e.headline)).toEqual(['Draft three and more'])
  })

  it('answers a save with the workspace facts and the list changes since the cursor sent, then says the list changed', async () => {
    const events = new ServiceEvents()
    const heard: unknown[][] = []
    events.subscribe((event, ...args) => heard.push([event, ...args]))
    const lib = await openLib({ events })
    const a = await createSaved(lib, 'One')
    await createSaved(lib, 'Two')
    const cursor = `${lib.changeEpoch}:${lib.changeCount}`
    const fields = { ...pickFields(a.article), headline: 'One, edited' }
    const saved = await lib.save({ id: a.article.id, baseHash: a.hash, fields, listCursor: cursor })
    if (!saved.ok) throw new Error(saved.message)
    expect(saved.info).toMatchObject({ articleCount: 2, readOnly: false })
    expect(saved.changes).toMatchObject({ full: false, removed: [] })
    expect(saved.changes?.full === false && saved.changes.changed.map((s) => s.headline)).toEqual(['One, edited'])
    // Without a cursor no list travels with the answer.
    const again = await lib.save({
      id: a.article.id,
      baseHash: saved.hash,
      fields: { ...fields, headline: 'Once more' },
    })
    expect(again.ok && again.changes).toBeNull()
    await new Promise((resolve) => setImmediate(resolve))
    expect(heard.filter(([e]) => e === 'articles:list-changed')).toEqual([
      ['articles:list-changed', saved.changes?.cursor],
      ['articles:list-changed', `${lib.changeEpoch}:${lib.changeCount}`],
    ])
  })

  it('reports a journal write it cannot make in a read-only workspace', async () => {
    const lib = await openLib()
    const a = await createSaved(lib, 'x')
    const ro = await openLib({ readOnly: true })
    expect(await ro.writeJournal(a.article.id, a.hash, pickFields(a.article))).toMatchObject({
      ok: false,
      reason: 'read-only',
    })
    expect(await ro.save({ id: a.article.id, baseHash: a.hash, fields: pickFields(a.article) })).toMatchObject({
      ok: false,
      reason: 'read-only',
    })
  })
})

describe('index cache and refresh', () => {
  it('lists from the cache when files match, and re-reads a file whose size or mtime changed', async () => {
    const lib0 = await openLib()
    const a = await createSaved(lib0, 'Cached')
    await createSaved(lib0, 'Other')
    await lib0.flushIndex()
    const cache = JSON.parse(await readFile(workspaceLayout(root).index, 'utf8'))
    expect(cache.rows).toHaveLength(2)
    // Poison the cached headline: it is used only while the file still matches the cached stamp.
    const col = (name: string) => (cache.fields as string[]).indexOf(name)
    const row = (cache.rows as unknown[][]).find((r) => r[col('id')] === a.article.id)!
    row[col('headline')] = 'From cache'
    await writeFile(workspaceLayout(root).index, JSON.stringify(cache))
    expect(
      (await openLib())
        .list()
        .map((s) => s.headline)
        .sort(),
    ).toEqual(['From cache', 'Other'])
    await writeFile(lib0.pathOf(a.article.id), serializeArticle({ ...a.article, headline: 'Changed on disk' }))
    expect(
      (await openLib())
        .list()
        .map((s) => s.headline)
        .sort(),
    ).toEqual(['Changed on disk', 'Other'])
    await writeFile(workspaceLayout(root).index, '{ broken')
    expect((await openLib()).list()).toHaveLength(2)
    await dropIndexCache(root)
    expect((await openLib()).list()).toHaveLength(2)
  })

  it('raises changed / deleted events for external changes but not for its own saves (which only change the list)', async () => {
    const events = new ServiceEvents()
    const seen: string[] = []
    events.subscribe((e, ...args) => seen.push(`${e}${args.length ? `:${String(args[0]).slice(0, 4)}` : ''}`))
    const lib = await openLib({ events })
    const a = await createSaved(lib, 'Watched')
    const r = await lib.save({
      id: a.article.id,
      baseHash: a.hash,
      fields: { ...pickFields(a.article), headline: 'mine' },
    })
    expect(await lib.refreshFile(a.article.id)).toBe('unchanged')
    if (!r.ok) throw new Error(r.message)
    await new Promise((resolve) => setImmediate(resolve))
    await writeFile(lib.pathOf(a.article.id), serializeArticle({ ...r.article, headline: 'theirs' }))
    expect(await lib.refreshFile(a.article.id)).toBe('changed')
    await rm(lib.pathOf(a.article.id))
    expect(await lib.refreshFile(a.article.id)).toBe('deleted')
    const short = a.article.id.slice(0, 4)
    expect(seen).toEqual([
      // Its own save: only "the list changed", with the list's cursor (starting with the library's epoch).
      `articles:list-changed:${lib.changeEpoch.slice(0, 4)}`,
      `articles:changed-on-disk:${short}`,
      'articles:list-changed',
      `articles:deleted-on-disk:${short}`,
      'articles:list-changed',
    ])
    expect(contentHash('x')).toHaveLength(64)
  })
})

describe('head', () => {
  it('gives the newest summaries first and the total, for the first screen of a large library', async () => {
    const lib = await openLib()
    for (const headline of ['Oldest', 'Middle', 'Newest']) {
      await createSaved(lib, headline)
      clock = new Date(clock.getTime() + MIN)
    }
    const head = lib.head(2)
    expect(head.total).toBe(3)
    expect(head.articles.map((s) => s.headline)).toEqual(['Newest', 'Middle'])
    expect(head.articles).toEqual(lib.list().slice(0, 2))
  })
})
