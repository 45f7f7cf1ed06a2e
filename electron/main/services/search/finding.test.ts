import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { defaultPublication } from '../../../../shared/publication/publication'
import { RENDER_CSS, RENDER_CSS_SHA256 } from '../../../../shared/render/css'
import { CONTENT_SECURITY_POLICY } from '../../security/policy'
import { createFindingServices, type FindingServices } from './finding'
import { ArticleLibrary } from '../library'
import { seedWorkspace } from '../workspace'
import { workspaceLayout } from '../storage'
import { suggestMerges, tagKey } from '../editing'
import { SAMPLE_WORKSPACE as SAMPLE, saveEdit, tempDirEach } from '../test-support'

const root = tempDirEach('newsdesk-finding-')
let library: ArticleLibrary
let s: FindingServices

beforeEach(async () => {
  await seedWorkspace(root(), SAMPLE)
  library = await ArticleLibrary.open(root())
  s = createFindingServices(() => library)
})

async function onDisk() {
  const dir = join(root(), 'articles')
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json'))
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8'))))
}

describe('the preview stylesheet hash', () => {
  it('matches the embedded CSS and is the only inline style the CSP allows', () => {
    const hash = `sha256-${createHash('sha256').update(RENDER_CSS, 'utf8').digest('base64')}`
    expect(RENDER_CSS_SHA256).toBe(hash)
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'self' '${hash}'`)
  })
})

describe('SearchService', () => {
  it('finds by a body word, by prefix, and accent-insensitively', async () => {
    await s.search.sync() // the index builds in the background; wait for the bodies
    const byBody = await s.search.query('sorgo', {})
    const podcast = library.list({}).find((a) => a.headline.startsWith('Pódcast'))
    expect(byBody.ids).toEqual([podcast?.id])
    const election = library.list({}).find((a) => a.headline.includes('elección'))
    expect((await s.search.query('eleccion', {})).ids).toContain(election?.id)
    expect((await s.search.query('Mexico', {})).ids).toContain(podcast?.id)
    expect((await s.search.query('bookbind', {})).ids.length).toBe(1)
    expect((await s.search.query('bookbindr', {})).ids.length).toBe(1)
    expect((await s.search.query('', {})).ids).toEqual([])
  })

  it('applies the list filters and follows saves', async () => {
    expect((await s.search.query('eleccion', { language: 'en' })).ids).toEqual([])
    const target = library.list({ status: 'draft' })[0]
    if (!target) throw new Error('no draft in the sample')
    await saveEdit(library, target.id, { headline: 'Zanzibar quokka' })
    expect((await s.search.query('quokka', {})).ids).toEqual([target.id])
  })
})

describe('TagService', () => {
  it('counts tags', () => {
    const list = s.tags.list()
    expect(list[0]).toEqual({ tag: 'economy', count: 5 })
    expect(list.find((t) => t.tag === 'elecciones')?.count).toBe(2)
  })

  it('renames a tag on every article, each getting a new revision on disk', async () => {
    const before = (await onDisk()).filter((a) => a.tags.includes('politics'))
    expect(before.length).toBe(3)
    const result = await s.tags.rename('politics', 'Politics & Government')
    expect(result).toEqual({ ok: true, changed: expect.arrayContaining(before.map((a) => a.id)) })
    const after = await onDisk()
    expect(after.filter((a) => a.tags.includes('politics'))).toEqual([])
    for (const old of before) {
      const now = after.find((a) => a.id === old.id)
      expect(now.tags).toContain('Politics & Government')
      expect(now.revision).toBe(old.revision + 1)
      // Recorded in history even right after another snapshot, so the rename can be undone per article.
      const revisions = await library.revisions(old.id)
      expect(revisions[0]).toMatchObject({ revision: old.revision + 1, reason: 'explicit' })
    }
  })

  it('records a history revision for every article a second tag change touches within minutes', async () => {
    await s.tags.rename('politics', 'civics')
    const affected = library.list({ tag: 'civics' })
    await s.tags.rename('civics', 'politics')
    for (const a of affected) {
      const revisions = (await library.revisions(a.id)).map((r) => r.revision)
      expect(revisions.slice(0, 2)).toEqual([a.revision + 1, a.revision])
    }
  })

  it('merges without duplicating and deletes', async () => {
    expect((await s.tags.merge(['transport', 'economy'], 'economy')).ok).toBe(true)
    const council = (await onDisk()).find((a) => a.headline.startsWith('Council'))
    expect(council.tags).toEqual(['politics', 'economy'])
    expect((await s.tags.delete('economy')).ok).toBe(true)
    expect((await onDisk()).some((a) => a.tags.includes('economy'))).toBe(false)
  })

  it('refuses an empty name and an unknown tag with a clear message', async () => {
    expect(await s.tags.rename('politics', '  ')).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await s.tags.delete('nope')).toMatchObject({ ok: false, reason: 'not-found' })
  })

  it('proposes near-duplicates by case, accents and plural, never merging', () => {
    expect(new Set(['election', 'Elections', 'elección', 'elecciones'].map(tagKey)).size).toBe(1)
    expect(tagKey('politics')).not.toBe(tagKey('police'))
    expect(
      suggestMerges([
        { tag: 'Elections', count: 1 },
        { tag: 'elección', count: 4 },
        { tag: 'sport', count: 2 },
      ]),
    ).toEqual([{ tags: ['elección', 'Elections'], suggested: 'elección' }])
  })
})

describe('PublicationStore', () => {
  it('gives defaults, saves durably, refuses bad settings and clamps a hand-edited file', async () => {
    const defaults = defaultPublication(basename(root()), Intl.DateTimeFormat().resolvedOptions().timeZone)
    // A new workspace is named after its folder, never after the sample.
    expect(await s.publication.get()).toEqual(defaults)
    expect(defaults.name).toMatch(/^newsdesk-finding-/)
    const next = { ...defaults, name: 'El Diario', heading: 'Novedades de El Diario', locale: 'es' }
    expect(await s.publication.set(next)).toEqual({ ok: true, settings: next })
    expect(JSON.parse(await readFile(workspaceLayout(root()).publication, 'utf8'))).toEqual(next)
    const bad = await s.publication.set({ ...next, itemsPerPage: 0 })
    expect(bad).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await s.publication.get()).toEqual(next)
    await writeFile(workspaceLayout(root()).publication, JSON.stringify({ ...next, headlineLines: 40 }))
    expect((await s.publication.get()).headlineLines).toBe(6)
  })
})

describe('the preview reads the publication', () => {
  it('shows the name and the Madrid clock: 09:00 in Madrid is shown as 9:00, not 8:00', async () => {
    const id = library.list({})[0]?.id ?? ''
    await saveEdit(library, id, { status: 'published', publishAt: '2026-11-23T08:00:00.000Z', embargoUntil: null })
    const pub = { ...(await s.publication.get()), name: 'Diario de Madrid', timeZone: 'Europe/Madrid', kind: null }
    expect((await s.publication.set(pub)).ok).toBe(true)
    const listing = await s.preview.listingHtml({})
    if (!listing.ok) throw new Error(listing.message)
    expect(listing.html).toContain('Diario de Madrid')
    expect(listing.html).toMatch(/November 23, 2026(,| at) 9:00\s?AM GMT\+1/)
    expect(listing.html).not.toMatch(/November 23, 2026(,| at) 8:00/)
    const page = await s.preview.articleHtml(id, {})
    if (!page.ok) throw new Error(page.message)
    expect(page.html).toMatch(/ 9:00\s?(AM )?(GMT\+1|CET)/)
    expect(page.html).not.toMatch(/ 8:00\s?(AM )?GMT/)
  })
})

describe('PreviewService', () => {
  it('renders the listing with the saved settings and an article page', async () => {
    const listing = await s.preview.listingHtml({})
    if (!listing.ok) throw new Error(listing.message)
    expect(listing.html).toContain('Latest news')
    expect(listing.html).not.toContain('Riverton Rovers') // a draft
    const id = library.list({})[0]?.id ?? ''
    const page = await s.preview.articleHtml(id, { theme: 'dark' })
    expect(page.ok && page.html.includes('data-theme="dark"')).toBe(true)
  })

  it('prints through the installed printer into exports/', async () => {
    expect(await s.preview.pdf({ kind: 'listing' })).toMatchObject({ ok: false, reason: 'unavailable' })
    s.preview.setPrinter(async (html) => new TextEncoder().encode(`%PDF-1.4 ${html.length}`))
    const result = await s.preview.pdf({ kind: 'listing' })
    expect(result).toMatchObject({ ok: true, fileName: 'exports/listing.pdf' })
    expect((await readFile(join(root(), 'exports', 'listing.pdf'), 'utf8')).startsWith('%PDF')).toBe(true)
  })

  it('prints to the destination the save picker chose, and writes nothing when it is cancelled', async () => {
    const out = await mkdtemp(join(tmpdir(), 'newsdesk-pdf-out-'))
    try {
      const asked: string[] = []
      let answer: string | null = null
      const picked = createFindingServices(() => library, {
        pickPdfDestination: async (name) => {
          asked.push(name)
          return answer
        },
      })
      picked.preview.setPrinter(async (html) => new TextEncoder().encode(`%PDF-1.4 ${html.length}`))
      expect(await picked.preview.pdf({ kind: 'listing' })).toMatchObject({ ok: false, reason: 'cancelled' })
      answer = join(out, 'chosen.pdf')
      const article = library.list({})[0]
      if (!article) throw new Error('empty sample')
      const result = await picked.preview.pdf({ kind: 'article', id: article.id })
      expect(result).toMatchObject({ ok: true, fileName: 'chosen.pdf' })
      expect(asked).toEqual(['listing.pdf', `${article.slug}.pdf`])
      expect((await readFile(answer, 'utf8')).startsWith('%PDF')).toBe(true)
      expect(await readdir(out)).toEqual(['chosen.pdf'])
      await expect(readdir(join(root(), 'exports'))).rejects.toThrow()
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })
})

describe('SearchService follows the library change counter', () => {
  it('re-indexes only what changed: nothing for an unchanged library, one article after one save', async () => {
    const { SearchService } = await import('./search')
    const loads: string[] = []
    const load = library.load.bind(library)
    library.load = async (id) => {
      loads.push(id)
      return load(id)
    }
    const search = new SearchService(() => library, { persist: false })
    await search.sync() // the build reads the files itself, in slices
    expect((await search.query('quokka')).ids).toEqual([])
    expect(loads).toEqual([])
    await search.query('quokk')
    await search.query('quok')
    expect(loads).toEqual([]) // typing costs no library reads

    const target = library.list({ status: 'draft' })[0]
    const loaded = target ? await load(target.id) : null
    if (!target || !loaded?.ok) throw new Error('no draft')
    const { schemaVersion: _v, id: _i, createdAt: _c, updatedAt: _u, revision: _r, ...fields } = loaded.article
    await library.save({ id: target.id, baseHash: loaded.hash, fields: { ...fields, headline: 'quokka' } })
    expect((await search.query('quokka')).ids).toEqual([target.id]) // at once, at any library size
    expect(loads).toEqual([target.id])

    loads.length = 0
    await library.delete(target.id)
    expect((await search.query('quokka')).ids).toEqual([])
    expect(loads).toEqual([])
  })

  it('answers while indexing from what is indexed, then from the complete index; starts afresh for another library', async () => {
    const { SearchService } = await import('./search')
    let current = library
    const search = new SearchService(() => current, { persist: false })
    const podcast = library.list({}).find((a) => a.headline.startsWith('Pódcast'))
    const first = await search.query('podcast') // starts the build; answers at once
    expect(first.indexing).toEqual({ done: expect.any(Number), total: library.list({}).length })
    await search.start()
    expect(search.progress()).toBeNull()
    expect((await search.query('podcast')).ids).toContain(podcast?.id)
    const answers = await Promise.all([search.query('sorgo'), search.query('sorgo'), search.query('sorgo')])
    for (const a of answers) {
      expect(a.ids.length).toBe(1)
      expect(a.indexing).toBeUndefined()
    }
    const other = await mkdtemp(join(tmpdir(), 'newsdesk-finding-other-'))
    try {
      current = await ArticleLibrary.open(other)
      expect((await search.query('sorgo')).ids).toEqual([])
    } finally {
      await rm(other, { recursive: true, force: true })
    }
  })
})
