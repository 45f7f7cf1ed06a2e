// Property (issue #19): random edits on three workspaces, synced in random orders through a git daemon on
// loopback, always converge, keep every edit that did not conflict, record every one that did, leave every
// file valid, and a second sync changes nothing. NEWSDESK_SYNC_RUNS sets the number of runs (default 20).
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { articleSchema, articleStatuses, type Article, type ArticleStatus } from '../../../../shared/article/schema'
import { makeSyncArticle as makeArticle, para, TestEditor, gitServerSuite } from '../test-support'

const RUNS = Number(process.env.NEWSDESK_SYNC_RUNS ?? 20)
const WHO = ['A', 'B', 'C'] as const
type Who = (typeof WHO)[number]
const ARTICLES = 2
const BLOCKS = 3
const BASE_TAGS = ['politics', 'city', 'rail']

/** One editor's offline change to one article (values are single words, unique per editor and article). */
type Change =
  | { kind: 'headline' }
  | { kind: 'status'; status: ArticleStatus }
  | { kind: 'tag-add' }
  | { kind: 'tag-remove'; tag: string }
  | { kind: 'block'; index: number }

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.constant({ kind: 'headline' as const }),
  fc.constantFrom(...articleStatuses).map((status) => ({ kind: 'status' as const, status })),
  fc.constant({ kind: 'tag-add' as const }),
  fc.constantFrom(...BASE_TAGS).map((tag) => ({ kind: 'tag-remove' as const, tag })),
  fc.integer({ min: 0, max: BLOCKS - 1 }).map((index) => ({ kind: 'block' as const, index })),
)

interface Plan {
  /** For each editor and article, the changes it makes offline. */
  edits: Record<Who, Change[][]>
  /** Syncs before the final rounds, in this order. */
  order: Who[]
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  edits: fc.record({
    A: fc.array(fc.array(changeArb, { maxLength: 3 }), { minLength: ARTICLES, maxLength: ARTICLES }),
    B: fc.array(fc.array(changeArb, { maxLength: 3 }), { minLength: ARTICLES, maxLength: ARTICLES }),
    C: fc.array(fc.array(changeArb, { maxLength: 3 }), { minLength: ARTICLES, maxLength: ARTICLES }),
  }),
  order: fc.array(fc.constantFrom(...WHO), { minLength: 1, maxLength: 4 }),
})

const headlineOf = (who: Who, run: number) => `Headline${who}${run}`
const blockText = (who: Who, run: number, index: number) => `Text${who}${run}b${index}`
const tagOf = (who: Who, run: number) => `tag-${who.toLowerCase()}-${run}`
const blockId = (index: number) => `blk${index}`

let editors: Record<Who, TestEditor>
let pool: Article[]

function baseArticle(id: string): Article {
  return makeArticle({
    id,
    tags: [...BASE_TAGS],
    body: { type: 'doc', content: Array.from({ length: BLOCKS }, (_, i) => para(blockId(i), `Base${i}`)) },
  })
}

const suite = gitServerSuite('sync-prop')

beforeAll(async () => {
  const { dir, server, driver } = suite
  const url = await server.createRepository('property.git')
  const a = await TestEditor.init('A', url, dir, driver)
  await a.sync()
  // Every run's fresh articles are shared through the remote once, before any run edits.
  pool = Array.from({ length: (RUNS + 1) * ARTICLES }, () => baseArticle(randomUUID()))
  for (const article of pool) await a.write(article)
  await a.sync()
  editors = { A: a, B: await TestEditor.clone('B', url, dir, driver), C: await TestEditor.clone('C', url, dir, driver) }
}, 300_000)

function apply(article: Article, who: Who, run: number, changes: Change[]): Partial<Article> {
  let next: Article = article
  for (const change of changes) {
    switch (change.kind) {
      case 'headline':
        next = { ...next, headline: headlineOf(who, run) }
        break
      case 'status':
        next = { ...next, status: change.status }
        break
      case 'tag-add':
        next = { ...next, tags: next.tags.includes(tagOf(who, run)) ? next.tags : [...next.tags, tagOf(who, run)] }
        break
      case 'tag-remove':
        next = { ...next, tags: next.tags.filter((t) => t !== change.tag) }
        break
      case 'block':
        next = {
          ...next,
          body: {
            type: 'doc',
            content: (next.body.content ?? []).map((n) =>
              n.attrs?.id === blockId(change.index)
                ? para(blockId(change.index), blockText(who, run, change.index))
                : n,
            ),
          },
        }
        break
      default: {
        const never: never = change
        throw new Error(`unknown change ${String(never)}`)
      }
    }
  }
  return next
}

it(`random edits on three workspaces synced in random orders converge and lose nothing (${RUNS} runs)`, async () => {
  let run = 0
  await fc.assert(
    fc.asyncProperty(planArb, async (plan) => {
      run += 1
      const { A, B, C } = editors
      // Fresh articles for this run (from the pool every workspace already holds; more if it ran out).
      let base = pool.splice(0, ARTICLES)
      if (base.length < ARTICLES) {
        base = Array.from({ length: ARTICLES }, () => baseArticle(randomUUID()))
        for (const article of base) await A.write(article)
        for (const e of [A, B, C]) expect((await e.sync()).state).toBe('synced')
      }
      const ids = base.map((a) => a.id)
      // Offline edits.
      for (const who of WHO) {
        for (const [i, id] of ids.entries()) {
          const changes = plan.edits[who][i] ?? []
          if (changes.length === 0) continue
          const current = await editors[who].read(id)
          await editors[who].edit(id, (a) => apply(a, who, run, changes))
          expect(current.id).toBe(id)
        }
      }
      // Random syncs, then enough rounds for everyone to hold everything.
      for (const who of plan.order) expect((await editors[who].sync()).state).toBe('synced')
      for (const who of [...WHO, 'A', 'B'] as Who[]) expect((await editors[who].sync()).state).toBe('synced')
      // A second sync changes nothing.
      for (const e of [A, B, C]) {
        const again = await e.sync()
        expect([again.committedFiles, again.received, again.sent]).toEqual([0, 0, 0])
      }
      for (const [i, id] of ids.entries()) {
        const bytes = await readFile(A.path(id), 'utf8')
        expect(await readFile(B.path(id), 'utf8')).toBe(bytes)
        expect(await readFile(C.path(id), 'utf8')).toBe(bytes)
        const final = articleSchema.parse(JSON.parse(bytes))
        const conflicts = final.conflicts ?? []
        const recorded = (field: string) =>
          new Set(conflicts.filter((c) => c.field === field).flatMap((c) => [c.ours, c.theirs]))
        const editorsOf = (pick: (c: Change) => boolean) => WHO.filter((w) => (plan.edits[w][i] ?? []).some(pick))
        // Headline: one editor's value survives alone; several editors' values are all recorded.
        const headliners = editorsOf((c) => c.kind === 'headline')
        if (headliners.length === 1) expect(final.headline).toBe(headlineOf(headliners[0] as Who, run))
        if (headliners.length > 1) {
          for (const w of headliners) expect(recorded('headline')).toContain(headlineOf(w, run))
        } else expect(recorded('headline').size).toBe(0)
        // Status: the last status each editor chose.
        const statuses = new Map<Who, ArticleStatus>()
        for (const w of WHO) {
          const last = (plan.edits[w][i] ?? []).filter((c) => c.kind === 'status').pop()
          if (last?.kind === 'status' && last.status !== base[i]?.status) statuses.set(w, last.status)
        }
        const distinct = new Set(statuses.values())
        if (distinct.size === 1) expect(final.status).toBe([...distinct][0])
        if (distinct.size > 1) for (const s of distinct) expect(recorded('status')).toContain(s)
        if (distinct.size <= 1) expect(recorded('status').size).toBe(0)
        // Tags merge as a set: every removal and every addition is kept, never a conflict.
        const removed = new Set(
          WHO.flatMap((w) => (plan.edits[w][i] ?? []).flatMap((c) => (c.kind === 'tag-remove' ? [c.tag] : []))),
        )
        const added = WHO.filter((w) => (plan.edits[w][i] ?? []).some((c) => c.kind === 'tag-add')).map((w) =>
          tagOf(w, run),
        )
        const expectedTags = [...BASE_TAGS.filter((t) => !removed.has(t)), ...added]
        expect([...final.tags].sort()).toEqual([...expectedTags].sort())
        // Blocks: like the headline, per block.
        for (let b = 0; b < BLOCKS; b += 1) {
          const writers = editorsOf((c) => c.kind === 'block' && c.index === b)
          const node = (final.body.content ?? []).find((n) => n.attrs?.id === blockId(b))
          const textOf = (n: unknown) =>
            ((n as { content?: { text?: string }[] })?.content ?? []).map((x) => x.text).join('')
          if (writers.length === 1) expect(textOf(node)).toBe(blockText(writers[0] as Who, run, b))
          const field = `body.block:${blockId(b)}`
          if (writers.length > 1) {
            const texts = new Set([...recorded(field)].map(textOf))
            for (const w of writers) expect(texts).toContain(blockText(w, run, b))
          } else expect(recorded(field).size).toBe(0)
        }
        expect(final.body.content?.map((n) => n.attrs?.id)).toEqual(
          Array.from({ length: BLOCKS }, (_, k) => blockId(k)),
        )
        // Nothing but these fields was conflicted.
        for (const c of conflicts)
          expect([
            'headline',
            'status',
            ...Array.from({ length: BLOCKS }, (_, k) => `body.block:${blockId(k)}`),
          ]).toContain(c.field)
      }
    }),
    { numRuns: RUNS, endOnFailure: true },
  )
}, 1_800_000)
