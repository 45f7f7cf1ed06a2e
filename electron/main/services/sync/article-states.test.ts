import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTestDriver, makeSyncArticle as makeArticle, TestEditor } from '../test-support'
import { articleSyncStates, runGit, type DriverCommand } from '.'

let dir: string
let driver: DriverCommand

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nd-sync-states-'))
  driver = await buildTestDriver(dir)
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('tells each article apart: local only, changed here, changed there, conflicted; in sync is absent', async () => {
  const remote = join(dir, 'r.git')
  await mkdir(remote)
  await runGit(remote, ['init', '--quiet', '--bare', '--initial-branch=main'])
  const a = await TestEditor.init('A', remote, join(dir, 'e'), driver)
  const [same, here, there, both] = [makeArticle(), makeArticle(), makeArticle(), makeArticle()]
  for (const x of [same, here, there, both]) await a.write(x)
  const draft = makeArticle()
  await a.write(draft)
  expect((await articleSyncStates(a.root)).get(draft.id)).toMatchObject({ localOnly: true, changedHere: true })
  await a.sync()
  const b = await TestEditor.clone('B', remote, join(dir, 'e'), driver)
  await b.edit(there.id, () => ({ headline: 'There' }))
  await b.edit(both.id, () => ({ status: 'review' }))
  await b.sync()
  await a.edit(here.id, () => ({ headline: 'Here' }))
  await a.edit(both.id, () => ({ status: 'ready' }))
  await runGit(a.root, ['fetch', '--quiet', 'origin'])
  const fresh = makeArticle()
  await a.write(fresh)
  const states = await articleSyncStates(a.root)
  expect(states.has(same.id)).toBe(false)
  expect(states.get(here.id)).toEqual({ localOnly: false, changedHere: true, changedThere: false, conflicted: false })
  expect(states.get(there.id)).toEqual({ localOnly: false, changedHere: false, changedThere: true, conflicted: false })
  expect(states.get(fresh.id)).toMatchObject({ localOnly: true })
  await a.sync()
  const after = await articleSyncStates(a.root)
  expect(after.get(both.id)).toEqual({ localOnly: false, changedHere: false, changedThere: false, conflicted: true })
  expect(after.has(here.id)).toBe(false)
}, 300_000)
