import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestDriver,
  type GitServer,
  makeSyncArticle as makeArticle,
  startGitServer,
  TestEditor,
} from '../test-support'
import { runGit, type DriverCommand } from '.'

/** Syncs start git processes; a loaded machine needs more than vitest's 30 s. */
const GIT_TIMEOUT_MS = 180_000

let dir: string
let server: GitServer
let driver: DriverCommand

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nd-sync-smoke-'))
  server = await startGitServer(join(dir, 'server'))
  driver = await buildTestDriver(dir)
}, 60_000)
afterAll(async () => {
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

describe('git runs the registered merge driver', () => {
  it(
    'two editors edit different fields of one article and converge through `newsdesk merge-driver`',
    async () => {
      const url = await server.createRepository('smoke.git')
      const ana = await TestEditor.init('Ana', url, join(dir, 'e'), driver)
      const article = makeArticle()
      await ana.write(article)
      const first = await ana.sync()
      expect(first.state).toBe('synced')
      const ben = await TestEditor.clone('Ben', url, join(dir, 'e'), driver)
      expect(await ben.ids()).toEqual([article.id])
      await ana.edit(article.id, () => ({ headline: 'Ana headline' }))
      await ben.edit(article.id, () => ({ status: 'review' }))
      expect((await ana.sync()).state).toBe('synced')
      // git starts the driver itself (as for a merge typed in a terminal), not sync's in-process merge.
      const merged = await ben.sync({ externalDriver: true })
      expect(merged).toMatchObject({ state: 'synced', received: 1, newlyConflicted: [] })
      expect((await runGit(ben.root, ['log', '-1', '--format=%p'])).stdout.trim().split(' ')).toHaveLength(2)
      expect((await ana.sync()).state).toBe('synced')
      const a = await ana.read(article.id)
      const b = await ben.read(article.id)
      expect(a).toEqual(b)
      expect(a.headline).toBe('Ana headline')
      expect(a.status).toBe('review')
    },
    GIT_TIMEOUT_MS,
  )
})
