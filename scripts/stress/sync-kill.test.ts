// The short version of the sync kill-9 campaign (the full one runs in `npm run stress -- --only sync-kill`): one
// cycle of the commit step with the kill aimed inside `git commit` itself, through the same git wrapper, so the
// deterministic in-git kill (trace2 events through a FIFO, git stopped and checked in /proc, then SIGKILL) is
// exercised on every `npm test`. The other steps use the same wrapper; the stress run covers them.
import { expect, it } from 'vitest'
import { syncKillCampaigns } from './sync-kill'

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
