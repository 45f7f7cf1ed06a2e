import { describe, expect, it } from 'vitest'
import { GIT_TIMEOUT_MS, gitServerSuite } from '../test-support'
import { claimArticle, fetchClaims, listClaims, releaseClaim, runGit } from '.'

const suite = gitServerSuite('claims')

const ana = { name: 'Ana', email: 'ana@example.org' }
const ben = { name: 'Ben', email: 'ben@example.org' }

describe('claims (who is editing what)', () => {
  it(
    'are shared through their own refs, taken over with a notice, released, and add no commits',
    async () => {
      const { first: a, article, join } = await suite.shareArticle('claims')
      const b = await join('B')
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
      const { first: a, article, join } = await suite.shareArticle('renew')
      const old = new Date(Date.now() - 10 * 60_000)
      await claimArticle(a.root, article.id, { name: 'A', email: 'a@example.org' }, { now: old })
      await a.sync()
      const b = await join('B')
      await fetchClaims(b.root)
      const live = await listClaims(b.root, new Date(Date.now() + 10 * 60_000))
      expect(live.map((c) => [c.articleId, c.since])).toEqual([[article.id, old.toISOString()]])
    },
    GIT_TIMEOUT_MS,
  )
})
