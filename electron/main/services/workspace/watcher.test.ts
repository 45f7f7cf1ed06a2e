import { randomUUID } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pickFields } from '../../../../shared/article/schema'
import type { NewsdeskEvents } from '../../../../shared/ipc/contract'
import { ArticleLibrary, serializeArticle } from '../library'
import { TEMP_SUFFIX } from '../storage'
import { ServiceEvents } from '../service-events'
import { ArticleWatcher } from './watcher'
import { tempDirEach } from '../test-support'

const root = tempDirEach('newsdesk-watch-')

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('article watcher', () => {
  it('reports an external edit and a delete of one article, and nothing for the library own save', async () => {
    const events = new ServiceEvents()
    const seen: { event: keyof NewsdeskEvents; id?: unknown }[] = []
    events.subscribe((event, ...args) => seen.push({ event, id: args[0] }))
    const lib = await ArticleLibrary.open(root(), { events })
    const a = await lib.create({ headline: 'Watched' })
    if (!a.ok) throw new Error(a.message)
    const watcher = new ArticleWatcher(lib, { debounceMs: 30 }).start()
    const saved = await lib.save({
      id: a.article.id,
      baseHash: a.hash,
      fields: { ...pickFields(a.article), headline: 'ours' },
    })
    if (!saved.ok) throw new Error(saved.message)
    await new Promise((r) => setTimeout(r, 200))
    expect(seen.filter((s) => s.event === 'articles:changed-on-disk')).toEqual([])
    await writeFile(lib.pathOf(a.article.id), serializeArticle({ ...saved.article, headline: 'theirs' }))
    await until(() => seen.some((s) => s.event === 'articles:changed-on-disk' && s.id === a.article.id))
    await rm(lib.pathOf(a.article.id))
    await until(() => seen.some((s) => s.event === 'articles:deleted-on-disk' && s.id === a.article.id))
    watcher.close()
  })

  it('survives a burst of 500 changed files: coalesces, rescans, and saving still works', async () => {
    const events = new ServiceEvents()
    const notices: unknown[] = []
    events.subscribe((event, ...args) => {
      if (event === 'workspace:notice') notices.push(args[0])
    })
    const lib = await ArticleLibrary.open(root(), { events })
    const made = []
    for (let i = 0; i < 500; i++) {
      const r = await lib.create({ headline: `Story ${i}` })
      if (r.ok) made.push(r)
    }
    const watcher = new ArticleWatcher(lib, { debounceMs: 50 }).start()
    // A git checkout: every file rewritten at once.
    await Promise.all(
      made.map((m) =>
        writeFile(
          lib.pathOf(m.article.id),
          serializeArticle({ ...m.article, headline: `${m.article.headline} (checked out)` }),
        ),
      ),
    )
    await until(() => notices.some((n) => (n as { kind: string }).kind === 'rescanned'), 20_000)
    await until(() => lib.list().every((s) => s.headline.endsWith('(checked out)')), 20_000)
    expect(watcher.batches).toBeLessThan(20)
    const first = made[0]!
    const loaded = await lib.load(first.article.id)
    if (!loaded.ok) throw new Error(loaded.message)
    const saved = await lib.save({
      id: first.article.id,
      baseHash: loaded.hash,
      fields: { ...pickFields(loaded.article), headline: 'after burst' },
    })
    expect(saved.ok).toBe(true)
    watcher.close()
  })

  it('keeps saving during a 500-file burst (rewrites, new files, deletes, temps, assets) and watches on after it', async () => {
    const events = new ServiceEvents()
    const seen: { event: keyof NewsdeskEvents; arg?: unknown }[] = []
    events.subscribe((event, ...args) => seen.push({ event, arg: args[0] }))
    const lib = await ArticleLibrary.open(root(), { events })
    const made = []
    for (let i = 0; i < 400; i++) {
      const r = await lib.create({ headline: `Story ${i}` })
      if (r.ok) made.push(r)
    }
    const watcher = new ArticleWatcher(lib, { debounceMs: 50 }).start()
    const mine = made[0]!
    let base = mine.hash
    const saves: boolean[] = []
    // The burst: 300 rewrites, 100 deletions, 100 new articles, plus temp files and asset writes the
    // watcher must ignore, while the editor keeps autosaving the first article.
    const burst = Promise.all([
      ...made
        .slice(1, 301)
        .map((m) =>
          writeFile(lib.pathOf(m.article.id), serializeArticle({ ...m.article, headline: `${m.article.headline}*` })),
        ),
      ...made.slice(301, 400).map((m) => rm(lib.pathOf(m.article.id))),
      ...Array.from({ length: 100 }, (_, i) => {
        const id = randomUUID()
        return writeFile(
          lib.pathOf(id),
          serializeArticle({ ...mine.article, id, slug: `new-${i}`, headline: `New ${i}` }),
        )
      }),
      ...Array.from({ length: 20 }, (_, i) => writeFile(join(lib.articlesDir, `.x${i}.json.abc${TEMP_SUFFIX}`), '{')),
      ...Array.from({ length: 20 }, (_, i) => writeFile(join(root(), 'assets', `${i}.png`), 'not watched')),
    ])
    for (let i = 0; i < 10; i++) {
      const saved = await lib.save({
        id: mine.article.id,
        baseHash: base,
        fields: { ...pickFields(mine.article), headline: `mine ${i}` },
      })
      saves.push(saved.ok)
      if (saved.ok) base = saved.hash
    }
    await burst
    expect(saves).toEqual(Array(10).fill(true))
    await until(
      () => lib.list().length === 1 + 300 + 100 && lib.list().filter((s) => s.headline.endsWith('*')).length === 300,
      20_000,
    )
    // Our own saves were never reported as external changes.
    expect(seen.some((s) => s.event === 'articles:changed-on-disk' && s.arg === mine.article.id)).toBe(false)
    expect(seen.some((s) => s.event === 'workspace:notice' && (s.arg as { kind: string }).kind === 'watch-error')).toBe(
      false,
    )
    // After the burst the watcher still reports one edit on its own.
    const one = made[5]!
    const count = seen.length
    await writeFile(lib.pathOf(one.article.id), serializeArticle({ ...one.article, headline: 'after the burst' }))
    await until(() => seen.slice(count).some((s) => s.event === 'articles:changed-on-disk' && s.arg === one.article.id))
    expect(lib.list().find((s) => s.id === one.article.id)?.headline).toBe('after the burst')
    expect(await readFile(lib.pathOf(mine.article.id), 'utf8')).toContain('"headline": "mine 9"')
    watcher.close()
  }, 60_000)
})
