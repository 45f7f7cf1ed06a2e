import { describe, expect, it } from 'vitest'
import { GIT_TIMEOUT_MS, gitServerSuite } from '../test-support'
import { runGit } from '.'

const suite = gitServerSuite('sync-smoke')

describe('git runs the registered merge driver', () => {
  it(
    'two editors edit different fields of one article and converge through `newsdesk merge-driver`',
    async () => {
      const { first: ana, article, join } = await suite.shareArticle('smoke', 'Ana')
      const ben = await join('Ben')
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
