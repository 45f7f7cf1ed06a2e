// The short version of the sync kill-9 campaign (the full one runs in `npm run stress -- --only sync-kill`): one
// cycle of the commit step with the kill aimed inside `git commit` itself, through the same git wrapper, so the
// deterministic in-git kill (trace2 events through a FIFO, git stopped and checked in /proc, then SIGKILL) is
// exercised on every `npm test`. The other steps use the same wrapper; the stress run covers them.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { runGit } from '../../electron/main/services/sync'
import { gcInForeground, syncKillCampaigns } from './sync-kill'

it('a sync killed inside `git commit` (verified stopped there first) recovers and loses no saved edit', async () => {
  // One uncut cycle measures the step; cycle 1 (odd) aims the kill at the middle trace event of `git commit`.
  const rows = await syncKillCampaigns(
    1,
    () => 0.5,
    () => undefined,
    ['commit'],
    2,
  )
  expect(rows.map((r) => r.path)).toEqual(['sync commit'])
  const [commit] = rows
  expect(commit?.examples).toEqual([])
  expect(commit?.failures).toBe(0)
  expect(commit?.note).toMatch(/inside git commit, stopped then killed: 1\/1 aimed/)
}, 180_000)

it('in a campaign repository git gc --auto has repacked when it returns (no detached gc racing git fsck)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-gc-'))
  try {
    await runGit(dir, ['init', '--quiet'])
    const who = ['-c', 'user.name=T', '-c', 'user.email=t@example.org']
    // Two packs; gc.autoPackLimit 1 makes the next `git gc --auto` (as commit, merge or receive-pack run it) repack.
    for (const n of [1, 2]) {
      await writeFile(join(dir, `f${n}.txt`), `file ${n}\n`)
      await runGit(dir, ['add', '--all'])
      await runGit(dir, [...who, 'commit', '--quiet', '--message', `c${n}`])
      await runGit(dir, ['repack', '-d', '-q'])
    }
    const packs = async () => (await readdir(join(dir, '.git', 'objects', 'pack'))).filter((f) => f.endsWith('.pack'))
    expect(await packs()).toHaveLength(2)
    await runGit(dir, ['config', 'gc.autoPackLimit', '1'])
    await gcInForeground(dir)
    await runGit(dir, ['gc', '--auto', '--quiet'])
    // Detached, gc would still be repacking now (in its own session, out of reach of the campaign's kill).
    expect(await packs()).toHaveLength(1)
    expect(await readdir(join(dir, '.git'))).not.toContain('gc.pid')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
