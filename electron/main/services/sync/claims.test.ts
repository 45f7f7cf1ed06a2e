import { chmod, writeFile } from 'node:fs/promises'
import { join as joinPath } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GIT_TIMEOUT_MS, gitServerSuite } from '../test-support'
import { claimArticle, fetchClaims, listClaims, releaseClaim, renewClaims, runGit } from '.'
import type { TestEditor } from '../test-support'

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

  it(
    'a remote over git:// that takes no refs under refs/newsdesk/ refuses the claim with its words; articles still sync',
    async () => {
      const { first: a, article, join } = await suite.shareArticle('refuses-claims')
      const b = await join('B')
      // The host's rule, as an update hook of the served repository (git daemon runs it for every pushed ref).
      const hook = joinPath(suite.dir, 'server', 'refuses-claims.git', 'hooks', 'update')
      await writeFile(
        hook,
        '#!/bin/sh\ncase "$1" in refs/newsdesk/*) echo "this host takes no refs under refs/newsdesk/" >&2; exit 1;; esac\n',
      )
      await chmod(hook, 0o755)
      const taken = await claimArticle(a.root, article.id, ana)
      expect(taken).toMatchObject({ shared: false, tookOverFrom: null, claim: { name: 'Ana' } })
      expect(taken.refused).toContain('remote: this host takes no refs under refs/newsdesk/')
      expect(taken.refused).toContain('[remote rejected] (hook declined)')
      // Held here only: nobody else hears of it, and a sync (which renews it) still sends the edits.
      expect((await listClaims(a.root)).map((c) => c.name)).toEqual(['Ana'])
      await a.edit(article.id, () => ({ headline: 'Edited under a claim the remote refused' }))
      expect((await a.sync()).state).toBe('synced')
      expect((await b.sync()).state).toBe('synced')
      expect((await b.read(article.id)).headline).toBe('Edited under a claim the remote refused')
      expect(await fetchClaims(b.root)).toBe(true)
      expect(await listClaims(b.root)).toEqual([])
      expect((await runGit(a.root, ['ls-remote', 'origin', 'refs/newsdesk/*'])).stdout).toBe('')
    },
    GIT_TIMEOUT_MS,
  )

  describe('claims made while offline meet at a sync: the earlier live claim wins', () => {
    const OFFLINE = 'git://127.0.0.1:1/unreachable.git'
    const offline = (e: TestEditor) => runGit(e.root, ['remote', 'set-url', 'origin', OFFLINE])
    const online = (e: TestEditor, url: string) => runGit(e.root, ['remote', 'set-url', 'origin', url])
    const onRemote = async (e: TestEditor, id: string) =>
      (await runGit(e.root, ['ls-remote', 'origin', `refs/newsdesk/claims/${id}`])).stdout.split(/\s/)[0] ?? ''
    const ownRef = async (e: TestEditor, id: string) =>
      (
        await runGit(e.root, ['rev-parse', '--verify', '--quiet', `refs/newsdesk/claims/${id}`], { okCodes: [1] })
      ).stdout.trim()

    it(
      'the later claim does not replace the earlier one on the remote: it is withdrawn where it was made',
      async () => {
        const { first: a, article, join, url } = await suite.shareArticle('offline-later-loses')
        const b = await join('B')
        await offline(a)
        await offline(b)
        const t0 = new Date(Date.now() - 2 * 60_000)
        const anas = await claimArticle(a.root, article.id, ana, { now: t0, timeoutMs: 10_000 })
        const bens = await claimArticle(b.root, article.id, ben, {
          now: new Date(t0.getTime() + 60_000),
          timeoutMs: 10_000,
        })
        expect([anas.shared, bens.shared]).toEqual([false, false])
        // Unreachable is not refused: no refusal to word, the claims go out with the next sync.
        expect([anas.refused, bens.refused]).toEqual([null, null])

        await online(a, url)
        await online(b, url)
        await a.sync()
        const anasSha = await ownRef(a, article.id)
        expect(await onRemote(a, article.id)).toBe(anasSha)
        // Ben syncs last: before, his claim went over Ana's live one; now his is withdrawn and hers stays.
        await b.sync()
        expect(await onRemote(b, article.id)).toBe(anasSha)
        expect(await ownRef(b, article.id)).toBe('')
        expect((await listClaims(b.root)).map((c) => c.name)).toEqual(['Ana'])
        await a.sync()
        expect((await listClaims(a.root)).map((c) => [c.name, c.since])).toEqual([['Ana', t0.toISOString()]])
        // Ana's sync renewed hers; Ben closing the article gives nothing of Ana's back.
        const renewedSha = await ownRef(a, article.id)
        expect(await onRemote(a, article.id)).toBe(renewedSha)
        expect(await releaseClaim(b.root, article.id)).toBe(true)
        expect(await onRemote(a, article.id)).toBe(renewedSha)
      },
      GIT_TIMEOUT_MS,
    )

    it(
      'an earlier claim made offline wins over a later live one (with a lease), and the later one is dropped at its next fetch',
      async () => {
        const { first: a, article, join, url } = await suite.shareArticle('offline-earlier-wins')
        const b = await join('B')
        await offline(a)
        const t0 = new Date(Date.now() - 2 * 60_000)
        expect((await claimArticle(a.root, article.id, ana, { now: t0, timeoutMs: 10_000 })).shared).toBe(false)
        // Ben, online, sees no claim and claims a minute later.
        const bens = await claimArticle(b.root, article.id, ben, { now: new Date(t0.getTime() + 60_000) })
        expect(bens).toMatchObject({ shared: true, tookOverFrom: null })
        const bensSha = await ownRef(b, article.id)

        await online(a, url)
        // Ana's renewal as a sync does it (after a fetch): hers is earlier, so it goes out.
        await fetchClaims(a.root)
        const renewed = await renewClaims(a.root, ana)
        expect(renewed).toEqual({ held: 1, lost: [] })
        const anasSha = await ownRef(a, article.id)
        expect(await onRemote(a, article.id)).toBe(anasSha)

        // Ben closes the article before he syncs: his release leases on his own claim, so Ana's stays.
        expect(await releaseClaim(b.root, article.id)).toBe(false)
        expect(await onRemote(a, article.id)).toBe(anasSha)
        expect(bensSha).not.toBe(anasSha)
        await fetchClaims(b.root)
        expect((await listClaims(b.root)).map((c) => c.name)).toEqual(['Ana'])
      },
      GIT_TIMEOUT_MS,
    )

    it(
      'renewing reports the claim lost to an earlier one, without touching the remote',
      async () => {
        const { first: a, article, join, url } = await suite.shareArticle('offline-renew-lost')
        const b = await join('B')
        const t0 = new Date(Date.now() - 2 * 60_000)
        const anas = await claimArticle(a.root, article.id, ana, { now: t0 })
        await offline(b)
        const bens = await claimArticle(b.root, article.id, ben, {
          now: new Date(t0.getTime() + 60_000),
          timeoutMs: 10_000,
        })
        expect(bens).toMatchObject({ shared: false, tookOverFrom: null })
        await online(b, url)
        await fetchClaims(b.root)
        const renewed = await renewClaims(b.root, ben)
        expect(renewed).toEqual({ held: 0, lost: [{ mine: bens.claim, winner: anas.claim }] })
        expect(await ownRef(b, article.id)).toBe('')
        expect(await onRemote(a, article.id)).toBe(await ownRef(a, article.id))
      },
      GIT_TIMEOUT_MS,
    )
  })
})
