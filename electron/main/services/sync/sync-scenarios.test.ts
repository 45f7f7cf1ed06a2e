// Scripted two- and three-editor scenarios (issue #19) against a git daemon on loopback. Each row is one
// article (merges are per file, so rows share a remote); the whole table runs twice with different sync
// orders, and every workspace must end byte-identical, every article valid.
import { randomUUID } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Article, FieldConflict, TiptapDoc, TiptapNode } from '../../../../shared/article/schema'
import { articleSchema } from '../../../../shared/article/schema'
import { defaultPublication } from '../../../../shared/publication/publication'
import { stableKey } from '../../../../shared/sync/merge-value'
import { publicationFileSchema, type PublicationFile } from '../../../../shared/sync/merge-publication'
import { makeSyncArticle as makeArticle, para, TestEditor, gitServerSuite } from '../test-support'
import { conflictedPaths, runGit } from '.'
import { workspaceLayout } from '../storage'

const DEFAULT_PUBLICATION = defaultPublication('Riverton Daily', 'UTC')

type Edit = (a: Article) => Partial<Article> | 'delete'
type Who = 'A' | 'B' | 'C'

interface Scenario {
  name: string
  /** The article everyone starts from (default `makeArticle`); null: nobody has it (the edits create). */
  initial?: (id: string) => Article | null
  /** Creates the article on that editor when the scenario starts from nothing. */
  create?: Partial<Record<Who, (id: string) => Article>>
  edits: Partial<Record<Who, Edit>>
  /** Checks the converged article (null when deleted) and its conflicts. */
  check: (final: Article | null, conflicts: FieldConflict[]) => void
}

const text = (n: TiptapNode): string => (n.content ?? []).map((c) => c.text ?? '').join('')
const blocks = (d: TiptapDoc): TiptapNode[] => d.content ?? []
const texts = (a: Article | null): string[] => (a ? blocks(a.body).map(text) : [])
const ids = (a: Article | null): string[] => (a ? blocks(a.body).map((n) => String(n.attrs?.id)) : [])
const withBody = (_a: Article, content: TiptapNode[]): Partial<Article> => ({ body: { type: 'doc', content } })
const setText = (a: Article, id: string, value: string): Partial<Article> =>
  withBody(
    a,
    blocks(a.body).map((n) => (n.attrs?.id === id ? para(id, value) : n)),
  )
const setTextAt = (a: Article, index: number, value: string): Partial<Article> =>
  withBody(
    a,
    blocks(a.body).map((n, i) => (i === index ? para(null, value) : n)),
  )
const dropBlock = (a: Article, id: string): Partial<Article> =>
  withBody(
    a,
    blocks(a.body).filter((n) => n.attrs?.id !== id),
  )
const insertAfter = (a: Article, after: string | null, node: TiptapNode): Partial<Article> => {
  const list = [...blocks(a.body)]
  const at = after === null ? 0 : list.findIndex((n) => n.attrs?.id === after) + 1
  list.splice(at, 0, node)
  return withBody(a, list)
}
const moveToEnd = (a: Article, id: string): Partial<Article> => {
  const list = blocks(a.body)
  return withBody(a, [...list.filter((n) => n.attrs?.id !== id), ...list.filter((n) => n.attrs?.id === id)])
}
const moveToStart = (a: Article, id: string): Partial<Article> => {
  const list = blocks(a.body)
  return withBody(a, [...list.filter((n) => n.attrs?.id === id), ...list.filter((n) => n.attrs?.id !== id)])
}
const legacy = (id: string): Article =>
  makeArticle({
    id,
    body: {
      type: 'doc',
      content: [para(null, 'One two three four.'), para(null, 'Five six seven eight.'), para(null, 'Nine ten.')],
    },
  })
const fields = (c: FieldConflict[]) => c.map((x) => x.field).sort()
const sides = (c: FieldConflict | undefined) => [c?.ours, c?.theirs].map((v) => stableKey(v ?? null)).sort()
const none = (c: FieldConflict[]) => expect(c).toEqual([])
const IMAGE = { asset: `${'a'.repeat(64)}.jpg`, alt: 'The bridge at dawn', caption: 'Photo: R. Diaz' }

const scenarios: Scenario[] = [
  {
    name: 'headline vs headline (different) conflicts, both kept',
    edits: { A: () => ({ headline: 'Mayor signs the deal' }), B: () => ({ headline: 'Council rejects the plan' }) },
    check: (f, c) => {
      expect(fields(c)).toEqual(['headline'])
      expect(['Mayor signs the deal', 'Council rejects the plan']).toContain(f?.headline)
      expect(sides(c[0])).toEqual(
        sides({ ...c[0], ours: 'Mayor signs the deal', theirs: 'Council rejects the plan' } as FieldConflict),
      )
    },
  },
  {
    name: 'headline changed alike on both sides',
    edits: { A: () => ({ headline: 'Same new headline' }), B: () => ({ headline: 'Same new headline' }) },
    check: (f, c) => {
      none(c)
      expect(f?.headline).toBe('Same new headline')
    },
  },
  {
    name: 'headline vs standfirst',
    edits: { A: () => ({ headline: 'New headline' }), B: () => ({ standfirst: 'New standfirst.' }) },
    check: (f, c) => {
      none(c)
      expect([f?.headline, f?.standfirst]).toEqual(['New headline', 'New standfirst.'])
    },
  },
  {
    name: 'headline: different words on each side merge',
    edits: {
      A: () => ({ headline: 'City approves the new bridge budget' }),
      B: () => ({ headline: 'Council approves the new tunnel budget' }),
    },
    check: (f, c) => {
      none(c)
      expect(f?.headline).toBe('City approves the new tunnel budget')
    },
  },
  {
    name: 'headline: the same word changed differently conflicts',
    edits: {
      A: () => ({ headline: 'Council approves the old bridge budget' }),
      B: () => ({ headline: 'Council approves the big bridge budget' }),
    },
    check: (f, c) => {
      expect(fields(c)).toEqual(['headline'])
      expect(['Council approves the old bridge budget', 'Council approves the big bridge budget']).toContain(
        f?.headline,
      )
    },
  },
  {
    name: 'tag added vs tag removed',
    edits: { A: (a) => ({ tags: [...a.tags, 'transport'] }), B: () => ({ tags: ['city'] }) },
    check: (f, c) => {
      none(c)
      expect(f?.tags).toEqual(['city', 'transport'])
    },
  },
  {
    name: 'different tags added on both sides',
    edits: { A: (a) => ({ tags: [...a.tags, 'budget'] }), B: (a) => ({ tags: [...a.tags, 'bridge'] }) },
    check: (f, c) => {
      none(c)
      expect([...(f?.tags ?? [])].sort()).toEqual(['bridge', 'budget', 'city', 'politics'])
      expect(f?.tags.slice(0, 2)).toEqual(['politics', 'city'])
    },
  },
  {
    name: 'the same tag removed on both sides',
    edits: { A: () => ({ tags: ['city'] }), B: () => ({ tags: ['city'] }) },
    check: (f, c) => {
      none(c)
      expect(f?.tags).toEqual(['city'])
    },
  },
  {
    name: 'tag added vs headline edited',
    edits: { A: (a) => ({ tags: [...a.tags, 'economy'] }), B: () => ({ headline: 'Budget passes' }) },
    check: (f, c) => {
      none(c)
      expect(f?.tags).toContain('economy')
      expect(f?.headline).toBe('Budget passes')
    },
  },
  {
    name: 'status vs status (different) conflicts',
    edits: { A: () => ({ status: 'review' }), B: () => ({ status: 'ready' }) },
    check: (f, c) => {
      expect(fields(c)).toEqual(['status'])
      expect(['review', 'ready']).toContain(f?.status)
    },
  },
  {
    name: 'status changed alike',
    edits: { A: () => ({ status: 'ready' }), B: () => ({ status: 'ready' }) },
    check: (f, c) => {
      none(c)
      expect(f?.status).toBe('ready')
    },
  },
  {
    name: 'status vs body edit',
    edits: { A: () => ({ status: 'review' }), B: (a) => setText(a, 'b2', 'Second paragraph rewritten.') },
    check: (f, c) => {
      none(c)
      expect(f?.status).toBe('review')
      expect(texts(f)[1]).toBe('Second paragraph rewritten.')
    },
  },
  {
    name: 'different blocks edited',
    edits: { A: (a) => setText(a, 'b1', 'A wrote the first.'), B: (a) => setText(a, 'b3', 'B wrote the last.') },
    check: (f, c) => {
      none(c)
      expect(texts(f)).toEqual(['A wrote the first.', 'Second paragraph here.', 'B wrote the last.'])
    },
  },
  {
    name: 'same block, different words merge',
    edits: {
      A: (a) => setText(a, 'b1', 'Opening paragraph of the story.'),
      B: (a) => setText(a, 'b1', 'First paragraph of the report.'),
    },
    check: (f, c) => {
      none(c)
      expect(texts(f)[0]).toBe('Opening paragraph of the report.')
    },
  },
  {
    name: 'same block, same words changed differently conflicts',
    edits: { A: (a) => setText(a, 'b2', 'Second paragraph A.'), B: (a) => setText(a, 'b2', 'Second paragraph B.') },
    check: (f, c) => {
      expect(fields(c)).toEqual(['body.block:b2'])
      expect(['Second paragraph A.', 'Second paragraph B.']).toContain(texts(f)[1])
      expect(sides(c[0])).toEqual(
        sides({
          ...c[0],
          ours: para('b2', 'Second paragraph A.'),
          theirs: para('b2', 'Second paragraph B.'),
        } as FieldConflict),
      )
    },
  },
  {
    name: 'block moved vs the same block edited',
    edits: { A: (a) => moveToEnd(a, 'b1'), B: (a) => setText(a, 'b1', 'First paragraph, edited.') },
    check: (f, c) => {
      none(c)
      expect(ids(f)).toEqual(['b2', 'b3', 'b1'])
      expect(texts(f)[2]).toBe('First paragraph, edited.')
    },
  },
  {
    name: 'block deleted vs the same block edited keeps the edit and records it',
    edits: { A: (a) => dropBlock(a, 'b2'), B: (a) => setText(a, 'b2', 'Second paragraph, kept by B.') },
    check: (f, c) => {
      expect(fields(c)).toEqual(['body.block:b2'])
      expect(texts(f)).toContain('Second paragraph, kept by B.')
      expect(sides(c[0])).toContain('null')
    },
  },
  {
    name: 'block deleted vs another block edited',
    edits: { A: (a) => dropBlock(a, 'b3'), B: (a) => setText(a, 'b1', 'First, by B.') },
    check: (f, c) => {
      none(c)
      expect(texts(f)).toEqual(['First, by B.', 'Second paragraph here.'])
    },
  },
  {
    name: 'blocks inserted at different places',
    edits: {
      A: (a) => insertAfter(a, 'b1', para('a1', 'Inserted by A.')),
      B: (a) => insertAfter(a, 'b3', para('x1', 'Appended by B.')),
    },
    check: (f, c) => {
      none(c)
      expect(ids(f)).toEqual(['b1', 'a1', 'b2', 'b3', 'x1'])
    },
  },
  {
    name: 'blocks inserted at the same place both kept',
    edits: {
      A: (a) => insertAfter(a, 'b2', para('a1', 'A here.')),
      B: (a) => insertAfter(a, 'b2', para('x1', 'B here.')),
    },
    check: (f, c) => {
      none(c)
      expect(ids(f).slice(0, 2)).toEqual(['b1', 'b2'])
      expect([...ids(f).slice(2, 4)].sort()).toEqual(['a1', 'x1'])
      expect(ids(f)[4]).toBe('b3')
    },
  },
  {
    name: 'block prepended vs block appended',
    edits: {
      A: (a) => insertAfter(a, null, para('a0', 'Top by A.')),
      B: (a) => insertAfter(a, 'b3', para('x9', 'Bottom by B.')),
    },
    check: (f, c) => {
      none(c)
      expect(ids(f)).toEqual(['a0', 'b1', 'b2', 'b3', 'x9'])
    },
  },
  {
    name: 'the same block deleted on both sides',
    edits: { A: (a) => dropBlock(a, 'b1'), B: (a) => dropBlock(a, 'b1') },
    check: (f, c) => {
      none(c)
      expect(ids(f)).toEqual(['b2', 'b3'])
    },
  },
  {
    name: 'block moved differently on both sides records the order',
    edits: { A: (a) => moveToEnd(a, 'b1'), B: (a) => moveToStart(a, 'b3') },
    check: (f, c) => {
      expect(fields(c)).toEqual(['body.order'])
      expect([...ids(f)].sort()).toEqual(['b1', 'b2', 'b3'])
    },
  },
  {
    name: 'block moved vs another block inserted',
    edits: { A: (a) => moveToStart(a, 'b3'), B: (a) => insertAfter(a, 'b1', para('x1', 'New by B.')) },
    check: (f, c) => {
      none(c)
      expect(ids(f)).toEqual(['b3', 'b1', 'x1', 'b2'])
    },
  },
  {
    name: 'article deleted vs edited keeps the edit and records the deletion',
    edits: { A: () => 'delete', B: () => ({ headline: 'Still here' }) },
    check: (f, c) => {
      expect(f?.headline).toBe('Still here')
      expect(fields(c)).toEqual(['deleted'])
    },
  },
  {
    name: 'article deleted, untouched elsewhere',
    edits: { A: () => 'delete' },
    check: (f) => expect(f).toBeNull(),
  },
  {
    name: 'article deleted on both sides',
    edits: { A: () => 'delete', B: () => 'delete' },
    check: (f) => expect(f).toBeNull(),
  },
  {
    name: 'new article on one side only',
    initial: () => null,
    create: { B: (id) => makeArticle({ id, headline: 'Filed from the field' }) },
    edits: {},
    check: (f, c) => {
      none(c)
      expect(f?.headline).toBe('Filed from the field')
    },
  },
  {
    name: 'the same new article added on both sides with different headlines',
    initial: () => null,
    create: {
      A: (id) => makeArticle({ id, headline: 'Version A' }),
      B: (id) => makeArticle({ id, headline: 'Version B', tags: ['politics', 'city'] }),
    },
    edits: {},
    check: (f, c) => {
      expect(fields(c)).toEqual(['headline'])
      expect(['Version A', 'Version B']).toContain(f?.headline)
    },
  },
  {
    name: 'legacy body (no block ids): different paragraphs',
    initial: legacy,
    edits: { A: (a) => setTextAt(a, 0, 'One two three FOUR.'), B: (a) => setTextAt(a, 2, 'Nine TEN.') },
    check: (f, c) => {
      none(c)
      expect(texts(f)).toEqual(['One two three FOUR.', 'Five six seven eight.', 'Nine TEN.'])
    },
  },
  {
    name: 'legacy body: same paragraph, different words',
    initial: legacy,
    edits: { A: (a) => setTextAt(a, 1, 'FIVE six seven eight.'), B: (a) => setTextAt(a, 1, 'Five six seven EIGHT.') },
    check: (f, c) => {
      none(c)
      expect(texts(f)[1]).toBe('FIVE six seven EIGHT.')
    },
  },
  {
    name: 'legacy body: same words changed differently conflicts',
    initial: legacy,
    edits: { A: (a) => setTextAt(a, 1, 'Five A seven eight.'), B: (a) => setTextAt(a, 1, 'Five B seven eight.') },
    check: (f, c) => {
      expect(fields(c)).toEqual(['body'])
      expect(['Five A seven eight.', 'Five B seven eight.']).toContain(texts(f)[1])
    },
  },
  {
    name: 'legacy body: paragraph appended vs first paragraph edited',
    initial: legacy,
    edits: {
      A: (a) => withBody(a, [...blocks(a.body), para(null, 'Eleven.')]),
      B: (a) => setTextAt(a, 0, 'Zero two three four.'),
    },
    check: (f, c) => {
      none(c)
      expect(texts(f)).toEqual(['Zero two three four.', 'Five six seven eight.', 'Nine ten.', 'Eleven.'])
    },
  },
  {
    name: 'publish time vs embargo',
    edits: {
      A: () => ({ publishAt: '2026-12-10T08:00:00.000Z' }),
      B: () => ({ embargoUntil: '2026-12-09T08:00:00.000Z' }),
    },
    check: (f, c) => {
      none(c)
      expect([f?.publishAt, f?.embargoUntil]).toEqual(['2026-12-10T08:00:00.000Z', '2026-12-09T08:00:00.000Z'])
    },
  },
  {
    name: 'publish time vs publish time conflicts',
    edits: {
      A: () => ({ publishAt: '2026-12-10T08:00:00.000Z' }),
      B: () => ({ publishAt: '2026-12-11T08:00:00.000Z' }),
    },
    check: (f, c) => {
      expect(fields(c)).toEqual(['publishAt'])
      expect(f?.publishAt).toMatch(/^2026-12-1[01]/)
    },
  },
  {
    name: 'featured image set vs headline edited',
    edits: { A: () => ({ featuredImage: IMAGE }), B: () => ({ headline: 'With a picture' }) },
    check: (f, c) => {
      none(c)
      expect(f?.featuredImage).toEqual(IMAGE)
      expect(f?.headline).toBe('With a picture')
    },
  },
  {
    name: 'kind vs kind conflicts',
    edits: { A: () => ({ kind: 'video' }), B: () => ({ kind: 'audio' }) },
    check: (f, c) => {
      expect(fields(c)).toEqual(['kind'])
      expect(['video', 'audio']).toContain(f?.kind)
    },
  },
  {
    name: 'byline vs dateline',
    edits: { A: () => ({ byline: 'By Ben Ode' }), B: () => ({ dateline: 'LAKESIDE' }) },
    check: (f, c) => {
      none(c)
      expect([f?.byline, f?.dateline]).toEqual(['By Ben Ode', 'LAKESIDE'])
    },
  },
  {
    name: 'language vs language conflicts',
    edits: { A: () => ({ language: 'es' }), B: () => ({ language: 'fr' }) },
    check: (f, c) => {
      expect(fields(c)).toEqual(['language'])
      expect(['es', 'fr']).toContain(f?.language)
    },
  },
  {
    name: 'slug vs slug conflicts (no word merge of slugs)',
    edits: { A: () => ({ slug: 'bridge-budget-a' }), B: () => ({ slug: 'bridge-budget-b' }) },
    check: (f, c) => {
      expect(fields(c)).toEqual(['slug'])
      expect(['bridge-budget-a', 'bridge-budget-b']).toContain(f?.slug)
    },
  },
  {
    name: "editor's notes appended at the same place conflict",
    initial: (id) => makeArticle({ id, editorsNote: 'Check the figures.' }),
    edits: {
      A: () => ({ editorsNote: 'Check the figures. Call the mayor.' }),
      B: () => ({ editorsNote: 'Check the figures. Ask legal.' }),
    },
    check: (f, c) => {
      expect(fields(c)).toEqual(['editorsNote'])
      expect(f?.editorsNote).toMatch(/^Check the figures\. (Call the mayor|Ask legal)\.$/)
    },
  },
  {
    name: 'a field this version does not know vs a headline edit',
    edits: { A: () => ({ futureField: { priority: 2 } }) as Partial<Article>, B: () => ({ headline: 'Known field' }) },
    check: (f, c) => {
      none(c)
      expect((f as Record<string, unknown>).futureField).toEqual({ priority: 2 })
      expect(f?.headline).toBe('Known field')
    },
  },
  {
    name: 'three editors: headline, status, tags',
    edits: {
      A: () => ({ headline: 'A headline' }),
      B: () => ({ status: 'review' }),
      C: (a) => ({ tags: [...a.tags, 'weather'] }),
    },
    check: (f, c) => {
      none(c)
      expect([f?.headline, f?.status, f?.tags]).toEqual(['A headline', 'review', ['politics', 'city', 'weather']])
    },
  },
  {
    name: 'three editors: two alike headlines, one standfirst',
    edits: {
      A: () => ({ headline: 'Agreed headline' }),
      B: () => ({ headline: 'Agreed headline' }),
      C: () => ({ standfirst: 'C standfirst.' }),
    },
    check: (f, c) => {
      none(c)
      expect([f?.headline, f?.standfirst]).toEqual(['Agreed headline', 'C standfirst.'])
    },
  },
  {
    name: 'three editors: three headlines, every value recorded',
    edits: { A: () => ({ headline: 'Head A' }), B: () => ({ headline: 'Head B' }), C: () => ({ headline: 'Head C' }) },
    check: (f, c) => {
      expect(c.length).toBeGreaterThanOrEqual(2)
      expect(c.every((x) => x.field === 'headline')).toBe(true)
      const recorded = new Set(c.flatMap((x) => [x.ours, x.theirs]))
      for (const h of ['Head A', 'Head B', 'Head C']) expect(recorded).toContain(h)
      expect(['Head A', 'Head B', 'Head C']).toContain(f?.headline)
    },
  },
  {
    name: 'three editors: each edits a different block',
    edits: {
      A: (a) => setText(a, 'b1', 'One by A.'),
      B: (a) => setText(a, 'b2', 'Two by B.'),
      C: (a) => setText(a, 'b3', 'Three by C.'),
    },
    check: (f, c) => {
      none(c)
      expect(texts(f)).toEqual(['One by A.', 'Two by B.', 'Three by C.'])
    },
  },
  {
    name: 'three editors: tag added, tag removed, block inserted',
    edits: {
      A: (a) => ({ tags: [...a.tags, 'rail'] }),
      B: () => ({ tags: ['politics'] }),
      C: (a) => insertAfter(a, 'b3', para('c1', 'Update from C.')),
    },
    check: (f, c) => {
      none(c)
      expect(f?.tags).toEqual(['politics', 'rail'])
      expect(ids(f)).toEqual(['b1', 'b2', 'b3', 'c1'])
    },
  },
  {
    name: 'three editors: delete vs two edits',
    edits: { A: () => 'delete', B: () => ({ headline: 'Edited by B' }), C: () => ({ status: 'review' }) },
    check: (f, c) => {
      expect(f?.headline).toBe('Edited by B')
      expect(f?.status).toBe('review')
      expect(fields(c)).toContain('deleted')
    },
  },
  {
    name: 'one editor only (nothing to merge)',
    edits: { C: () => ({ headline: 'Only C' }) },
    check: (f, c) => {
      none(c)
      expect(f?.headline).toBe('Only C')
    },
  },
  {
    name: 'a word added at the end of the standfirst vs a word at the start',
    edits: {
      A: () => ({ standfirst: 'The vote was close and the debate long, very long.' }),
      B: () => ({ standfirst: 'Yesterday the vote was close and the debate long.' }),
    },
    check: (f, c) => {
      none(c)
      expect(f?.standfirst).toBe('Yesterday the vote was close and the debate long, very long.')
    },
  },
]

const ORDERS: Who[][] = [
  ['A', 'B', 'C', 'A', 'B'],
  ['C', 'B', 'A', 'C', 'B'],
]

const suite = gitServerSuite('sync-scenarios')

interface Run {
  editors: Record<Who, TestEditor>
  idOf: Map<string, string>
}

/** Starts three editors on one remote, applies every scenario's edits offline, then syncs in `order`. */
async function runTable(label: string, order: Who[]): Promise<Run> {
  const url = await suite.server.createRepository(`${label}.git`)
  const parent = join(suite.dir, label)
  const a = await TestEditor.init('A', url, parent, suite.driver)
  const idOf = new Map<string, string>()
  for (const s of scenarios) {
    const id = randomUUID()
    idOf.set(s.name, id)
    const initial = s.initial ? s.initial(id) : makeArticle({ id })
    if (initial) await a.write(initial)
  }
  expect((await a.sync()).state).toBe('synced')
  const editors = {
    A: a,
    B: await TestEditor.clone('B', url, parent, suite.driver),
    C: await TestEditor.clone('C', url, parent, suite.driver),
  }
  for (const s of scenarios) {
    const id = idOf.get(s.name) as string
    for (const who of ['A', 'B', 'C'] as Who[]) {
      const make = s.create?.[who]
      if (make) await editors[who].write(make(id))
      const edit = s.edits[who]
      if (!edit) continue
      const current = await editors[who].read(id)
      const change = edit(current)
      if (change === 'delete') await editors[who].remove(id)
      else await editors[who].edit(id, () => change, `2026-12-02T10:0${'ABC'.indexOf(who)}:00.000Z`)
    }
  }
  for (const who of order) {
    const report = await editors[who].sync()
    expect(report.state, `${who}: ${report.message ?? ''} ${report.detail ?? ''}`).toBe('synced')
  }
  return { editors, idOf }
}

for (const [n, order] of ORDERS.entries()) {
  describe(`scenarios, sync order ${order.join(' ')}`, () => {
    let run: Run
    beforeAll(async () => {
      run = await runTable(`table-${n}`, order)
    }, 600_000)

    it('every workspace ends identical, with every article valid and a second sync changing nothing', async () => {
      const { A, B, C } = run.editors
      expect(await B.ids()).toEqual(await A.ids())
      expect(await C.ids()).toEqual(await A.ids())
      for (const id of await A.ids()) {
        const bytes = await readFile(A.path(id), 'utf8')
        expect(await readFile(B.path(id), 'utf8')).toBe(bytes)
        expect(await readFile(C.path(id), 'utf8')).toBe(bytes)
        expect(articleSchema.safeParse(JSON.parse(bytes)).success).toBe(true)
        expect(bytes).not.toMatch(/^(<<<<<<<|>>>>>>>|=======)/m)
      }
      const heads = async () =>
        Promise.all([A, B, C].map(async (e) => (await runGit(e.root, ['rev-parse', 'HEAD'])).stdout))
      const before = await heads()
      for (const e of [A, B, C]) {
        const again = await e.sync()
        expect([again.committedFiles, again.received, again.sent]).toEqual([0, 0, 0])
      }
      expect(await heads()).toEqual(before)
      const fsck = await runGit(A.root, ['fsck', '--no-progress'])
      expect(fsck.stderr).not.toMatch(/error|missing|broken/i)
    }, 300_000)

    it('conflicted articles are the ones git grep finds', async () => {
      const listed = await conflictedPaths(run.editors.A.root)
      const expected: string[] = []
      for (const id of await run.editors.A.ids()) {
        const article = await run.editors.A.read(id)
        if ((article.conflicts ?? []).length > 0) expected.push(`articles/${id}.json`)
      }
      expect(listed.sort()).toEqual(expected.sort())
    })

    it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
      const id = run.idOf.get(s.name) as string
      const exists = (await run.editors.A.ids()).includes(id)
      const final = exists ? await run.editors.A.read(id) : null
      s.check(final, final?.conflicts ?? [])
    })
  })
}

describe('publication settings and assets', () => {
  it('merge per setting across three editors, statuses as a set, conflicts recorded in the valid file', async () => {
    const url = await suite.server.createRepository('publication.git')
    const parent = join(suite.dir, 'publication')
    const a = await TestEditor.init('A', url, parent, suite.driver)
    const pubPath = (e: TestEditor) => workspaceLayout(e.root).publication
    const writePub = (e: TestEditor, p: PublicationFile) => writeFile(pubPath(e), `${JSON.stringify(p, null, 2)}\n`)
    const readPub = async (e: TestEditor) => publicationFileSchema.parse(JSON.parse(await readFile(pubPath(e), 'utf8')))
    await writePub(a, { ...DEFAULT_PUBLICATION })
    await a.sync()
    const b = await TestEditor.clone('B', url, parent, suite.driver)
    const c = await TestEditor.clone('C', url, parent, suite.driver)
    await writePub(a, {
      ...DEFAULT_PUBLICATION,
      name: 'Riverton Evening',
      itemsPerPage: 20,
      statuses: ['ready', 'published', 'review'],
    })
    await writePub(b, { ...DEFAULT_PUBLICATION, heading: 'Top stories', itemsPerPage: 30, statuses: ['published'] })
    await writePub(c, { ...DEFAULT_PUBLICATION, locale: 'es' })
    // Assets are shared too: two editors add different images.
    await writeFile(join(a.root, 'assets', `${'1'.repeat(64)}.png`), 'png-a')
    await writeFile(join(b.root, 'assets', `${'2'.repeat(64)}.png`), 'png-b')
    for (const e of [a, b, c, a, b]) expect((await e.sync()).state).toBe('synced')
    const [pa, pb, pc] = await Promise.all([readPub(a), readPub(b), readPub(c)])
    expect(pb).toEqual(pa)
    expect(pc).toEqual(pa)
    expect(pa.name).toBe('Riverton Evening')
    expect(pa.heading).toBe('Top stories')
    expect(pa.locale).toBe('es')
    expect(pa.statuses).toEqual(['published', 'review'])
    expect(pa.conflicts?.map((x) => x.field)).toEqual(['itemsPerPage'])
    expect([20, 30]).toContain(pa.itemsPerPage)
    expect(await conflictedPaths(a.root)).toEqual(['.newsdesk/publication.json'])
    for (const e of [a, b, c]) {
      expect(await readFile(join(e.root, 'assets', `${'1'.repeat(64)}.png`), 'utf8')).toBe('png-a')
      expect(await readFile(join(e.root, 'assets', `${'2'.repeat(64)}.png`), 'utf8')).toBe('png-b')
    }
  }, 300_000)
})
