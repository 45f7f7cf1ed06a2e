import { describe, expect, it } from 'vitest'
import { rng } from './common'
import { hostileCampaigns } from './hostile'

// One trial of every hostile generator (the stress run does --hostile of them): each must hold.
describe('hostile generators (one trial each)', () => {
  it('every class holds: refused in words in time, nothing from outside, one generation, one export wins', async () => {
    const rows = await hostileCampaigns(1, rng(2121), () => undefined)
    expect(rows.map((r) => r.campaign)).toEqual([
      'YAML alias expansion',
      'deep nesting (quotes, lists)',
      'inline delimiter runs',
      'special files (FIFO, device)',
      'damaged zip entries (CRC, sizes, duplicates)',
      'symlink swaps during folder import',
      'import and export at once (one generation)',
      'two exports to one destination',
    ])
    for (const r of rows) expect(r.failures, `${r.campaign}: ${r.examples.join(' | ')}`).toBe(0)
  }, 120_000)
})
