import { describe, expect, it } from 'vitest'
import { runStress } from './stress'

describe('npm run stress (short run)', () => {
  it('survives 50 kill-9 cycles and every injected disk fault with no damaged or missing save', async () => {
    const lines: string[] = []
    const code = await runStress(['--cycles', '50', '--quiet'], (line) => lines.push(line))
    const table = lines.join('\n')
    expect(table, table).toContain('stress: PASS')
    expect(code).toBe(0)
    expect(table).toMatch(/kill-9 cycles run\s+50/)
    expect(table).toMatch(/files unreadable \/ wrong revision \/ acked save missing\s+0/)
  }, 120_000)
})
