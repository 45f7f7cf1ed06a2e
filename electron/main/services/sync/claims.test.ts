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
import { claimArticle, fetchClaims, listClaims, releaseClaim, runGit, type DriverCommand } from '.'

/** Syncs start git processes; a loaded machine needs more than vitest's 30 s. */
const GIT_TIMEOUT_MS = 180_000

let dir: string
let server: GitServer
let driver: DriverCommand

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nd-claims-'))
  server = await startGitServer(join(dir, 'server'))
  driver = await buildTestDriver(dir)
}, 60_000)
afterAll(async () => {
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

const ana = { name: 'Ana', email: 'ana@example.org' }
const ben = { name: 'Ben', email: 'ben@example.org' }

describe('claims (who is editing what)', () => {
  it(
    'are shared through their own refs, taken over with a notice, released, and add no commits',
    async () => {
      const url = await server.createRepository('claims.git')
      const a = await TestEditor.init('A', url, join(dir, 'e'), driver)
      const article = makeArticle()
      await a.write(article)
      await a.sync()
      const b = await TestEditor.clone('B', url, join(dir, 'e'), driver)
      const commits = async () =>
        (await runGit(a.root, ['rev-list', '--count', '--all', '--', 'articles'])).stdout.trim()
      const before = await commits()

      const now = new Date('2026-12-05T10:32:00.000Z')
      const taken = await claimArticle(a.root, article.id, ana, { now })
      expect(taken).toMatchObject({
        tookOverFrom: null,
        shared: true,
        claim: { name: 'Ana', since: now.toISOString() },
      })
      expect(await fetchClaims(b.root)).toBe(true)
      expect(await listClaims(b.root, now)).toEqual([taken.claim])
      // Claims expire when not renewed.
      expect(await listClaims(b.root, new Date(now.getTime() + 16 * 60_000))).toEqual([])

      const later = new Date(now.getTime() + 60_000)
      const takeover = await claimArticle(b.root, article.id, ben, { now: later })
      expect(takeover.tookOverFrom).toEqual(taken.claim)
      await fetchClaims(a.root)
      expect((await listClaims(a.root, later)).map((c) => c.name)).toEqual(['Ben'])

      expect(await releaseClaim(b.root, article.id)).toBe(true)
      await fetchClaims(a.root)
      // Ana's own stale local claim is older than the release; only live claims are listed.
      const left = await listClaims(a.root, new Date(now.getTime() + 16 * 60_000))
      expect(left).toEqual([])
      // The articles' history did not move: claims live outside every branch.
      await a.sync()
      await b.sync()
      expect(await commits()).toBe(before)
      expect((await runGit(a.root, ['log', '--format=%s', 'main'])).stdout).not.toContain('articleId')
    },
    GIT_TIMEOUT_MS,
  )

  it(
    'a sync renews the holder’s claims, so they stay live while it syncs',
    async () => {
      const url = await server.createRepository('renew.git')
      const a = await TestEditor.init('A', url, join(dir, 'r'), driver)
      const article = makeArticle()
      await a.write(article)
      await a.sync()
      const old = new Date(Date.now() - 10 * 60_000)
      await claimArticle(a.root, article.id, { name: 'A', email: 'a@example.org' }, { now: old })
      await a.sync()
      const b = await TestEditor.clone('B', url, join(dir, 'r'), driver)
      await fetchClaims(b.root)
      const live = await listClaims(b.root, new Date(Date.now() + 10 * 60_000))
      expect(live.map((c) => [c.articleId, c.since])).toEqual([[article.id, old.toISOString()]])
    },
    GIT_TIMEOUT_MS,
  )
})
