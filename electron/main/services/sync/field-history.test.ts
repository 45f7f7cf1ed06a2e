import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestDriver, makeSyncArticle as makeArticle, TestEditor } from '../test-support'
import { fieldHistory, runGit, WorkspaceSync, type DriverCommand } from '.'

let dir: string
let driver: DriverCommand

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nd-field-history-'))
  driver = await buildTestDriver(dir)
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/

it('names who changed which field and when, newest first, a merge named as such', async () => {
  const remote = join(dir, 'r.git')
  await mkdir(remote)
  await runGit(remote, ['init', '--quiet', '--bare', '--initial-branch=main'])
  const ana = await TestEditor.init('Ana', remote, join(dir, 'e'), driver)
  const story = makeArticle()
  const other = makeArticle()
  await ana.write(story)
  await ana.write(other)
  await ana.sync()
  const bea = await TestEditor.clone('Bea', remote, join(dir, 'e'), driver)

  await ana.edit(story.id, () => ({ headline: 'Bridge budget approved' }))
  await ana.sync()
  await bea.sync()
  await bea.edit(story.id, () => ({ tags: ['politics', 'city', 'bridge'], status: 'review' }))
  await bea.edit(other.id, () => ({ headline: 'Not this article' }))
  await bea.sync()
  await ana.sync()
  // Both change different fields at once: Bea's sync merges Ana's standfirst into her byline change.
  await ana.edit(story.id, () => ({ standfirst: 'A close vote.' }))
  await ana.sync()
  await bea.edit(story.id, () => ({ byline: 'By Bea Lima' }))
  await bea.sync()

  const history = await fieldHistory(bea.root, story.id)
  expect(history.reason).toBeNull()
  const lines = history.commits.map((c) => `${c.name} ${c.change}${c.merge ? ' merge' : ''}: ${c.fields.join(', ')}`)
  expect(lines).toEqual([
    'Bea edited merge: standfirst',
    'Bea edited: byline',
    'Ana edited: standfirst',
    'Bea edited: status, tags',
    'Ana edited: headline',
    'Ana created: ',
  ])
  for (const c of history.commits) {
    expect(c.at).toMatch(ISO)
    expect(c.email).toBe(`${c.name.toLowerCase()}@example.org`)
  }
  // Newest first: each commit's time is at or before the one above it.
  const times = history.commits.map((c) => Date.parse(c.at))
  expect(times).toEqual([...times].sort((a, b) => b - a))

  const byField = Object.fromEntries(history.lastChanges.map((l) => [l.field, `${l.name} ${l.commit}`]))
  const commitOf = (line: number) => history.commits[line]?.commit
  expect(byField).toEqual({
    headline: `Ana ${commitOf(4)}`,
    standfirst: `Ana ${commitOf(2)}`,
    status: `Bea ${commitOf(3)}`,
    byline: `Bea ${commitOf(1)}`,
    tags: `Bea ${commitOf(3)}`,
  })
  // In the editor's order.
  expect(history.lastChanges.map((l) => l.field)).toEqual(['headline', 'standfirst', 'status', 'byline', 'tags'])

  // The other article's history is its own.
  expect((await fieldHistory(bea.root, other.id)).commits.map((c) => c.fields.join())).toEqual(['headline', ''])
  // At most `limit` commits, the newest.
  expect((await fieldHistory(bea.root, story.id, 2)).commits.map((c) => c.commit)).toEqual([commitOf(0), commitOf(1)])
}, 300_000)

it('answers empty for an article never committed and for a repository without commits', async () => {
  const fresh = await TestEditor.init('Cy', null, join(dir, 'fresh'), driver)
  expect(await fieldHistory(fresh.root, makeArticle().id)).toEqual({
    commits: [],
    lastChanges: [],
    reason: null,
    message: null,
    problem: null,
    detail: null,
  })
}, 60_000)

it('the app answers empty with the reason outside a repository and without git, never an error', async () => {
  const plain = join(dir, 'plain')
  await mkdir(join(plain, 'articles'), { recursive: true })
  const options = { driver, editor: async () => ({ name: '', email: '' }), onChange: () => undefined, pollMs: 0 }
  const sync = new WorkspaceSync(options)
  await sync.open(plain, false)
  const outside = await sync.fieldHistory(makeArticle().id)
  expect(outside).toMatchObject({
    commits: [],
    lastChanges: [],
    reason: 'not-repository',
    problem: { code: 'history-not-repository', params: {} },
  })
  expect(outside.message).toMatch(/not a git repository/)
  await sync.close()

  const saved = process.env.NEWSDESK_GIT
  process.env.NEWSDESK_GIT = join(dir, 'no-such-git')
  try {
    const noGit = new WorkspaceSync(options)
    await noGit.open(plain, false)
    expect(await noGit.fieldHistory(makeArticle().id)).toMatchObject({
      commits: [],
      reason: 'git-missing',
      problem: { code: 'git-missing', params: {} },
    })
    await noGit.close()
  } finally {
    if (saved === undefined) delete process.env.NEWSDESK_GIT
    else process.env.NEWSDESK_GIT = saved
  }
}, 60_000)
