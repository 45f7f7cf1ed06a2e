// Kill -9 during a sync (issue #19): `newsdesk sync` runs as its own process and is SIGKILLed at a random
// point of commit, fetch, merge or push; the next sync must recover, lose no saved edit and leave git's
// objects sound. NEWSDESK_SYNC_KILLS sets the number of cycles (default 8).
import { spawn } from 'node:child_process'
import { expect, it } from 'vitest'
import { para, gitServerSuite } from '../test-support'
import { driverConfigValue, runGit } from '.'

const CYCLES = Number(process.env.NEWSDESK_SYNC_KILLS ?? 8)

const suite = gitServerSuite('sync-kill')

/** Starts `newsdesk sync` on `root` as a child process and SIGKILLs it after `afterMs` (if still running). */
function syncAndKill(root: string, afterMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const [node, script] = suite.driver.argv as [string, string]
    const child = spawn(node, [script, 'sync', '--workspace', root, '--author', 'A <a@example.org>'], {
      stdio: 'ignore',
      env: {
        ...process.env,
        NEWSDESK_MERGE_DRIVER: driverConfigValue(suite.driver).replace(/ merge-driver %O %A %B %P$/, ''),
      },
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs)
    child.once('exit', (_code, signal) => {
      clearTimeout(timer)
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished')
    })
  })
}

it(`a sync killed at random points recovers and loses no saved edit (${CYCLES} cycles)`, async () => {
  const { first: a, article, join } = await suite.shareArticle('kill')
  const b = await join('B')
  const outcomes: string[] = []
  for (let i = 0; i < CYCLES; i += 1) {
    // B's edit is on the remote; A's saved edit is only on A's disk when the sync is killed.
    await b.sync()
    await b.edit(article.id, (x) => ({
      body: { type: 'doc', content: [para('b1', `B ${i}`), ...(x.body.content ?? []).slice(1)] },
    }))
    expect((await b.sync()).state).toBe('synced')
    await a.edit(article.id, () => ({ headline: `A ${i}` }))
    outcomes.push(await syncAndKill(a.root, Math.floor(Math.random() * 1500)))
    const report = await a.sync()
    expect(report.state, `${report.message ?? ''} ${report.detail ?? ''}`).toBe('synced')
    const mine = await a.read(article.id)
    expect(mine.headline).toBe(`A ${i}`)
    expect(mine.body.content?.[0]).toEqual(para('b1', `B ${i}`))
    const fsck = await runGit(a.root, ['fsck', '--no-progress'])
    expect(fsck.stderr).not.toMatch(/error|missing|broken|corrupt/i)
    const status = await runGit(a.root, ['status', '--porcelain'])
    expect(status.stdout).toBe('')
  }
  await b.sync()
  expect(await b.read(article.id)).toEqual(await a.read(article.id))
  // Some cycles must really have been killed mid-way for the test to mean anything.
  expect(outcomes).toContain('killed')
}, 1_800_000)
