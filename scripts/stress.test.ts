import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runStress } from './stress'

// The short version of every campaign `npm run stress` runs (CI turns red on any regression): kill-9 cycles
// for all eight write paths (a Markdown export and a bulk import through the worker threads among them),
// every injected disk fault, the scenarios, ~2,000 fuzzed imports, the XSS set and 50 fidelity articles.
describe('npm run stress (short run)', () => {
  it('runs every campaign with no damaged file, lost save, half import/export, crash or escaped payload', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-stress-test-'))
    const out = join(dir, 'latest.json')
    try {
      const lines: string[] = []
      // The hostile generators run in scripts/stress/hostile.test.ts (one trial each), and the sync kills in
      // the test below, not in this short run.
      const code = await runStress(
        [
          ...['--cycles', '4', '--fuzz', '2000', '--fidelity', '50', '--hostile', '0', '--sync-kills', '0'],
          ...['--seed', '4242', '--quiet', '--out', out],
        ],
        (l) => lines.push(l),
      )
      const log = lines.join('\n')
      expect(log, log).toContain('stress: PASS')
      expect(code).toBe(0)
      const result = JSON.parse(await readFile(out, 'utf8')) as {
        ok: boolean
        rows: { path: string; campaign: string; trials: number; failures: number }[]
      }
      expect(result.ok).toBe(true)
      const campaigns = (path: string) => result.rows.filter((r) => r.path === path).map((r) => r.campaign)
      for (const path of ['article save', 'journal', 'history snapshot', 'settings', 'import', 'export']) {
        expect(campaigns(path)).toContain('kill -9')
        expect(campaigns(path).filter((c) => c.includes('on write') || c.includes('on rename'))).toHaveLength(2)
      }
      // The bundle workers' share of an export and an import is killed with their process (these children
      // refuse to run without workers).
      for (const path of ['markdown export', 'bulk import']) expect(campaigns(path)).toEqual(['kill -9'])
      const fuzzed = result.rows.filter((r) => r.campaign.startsWith('fuzz')).reduce((n, r) => n + r.trials, 0)
      expect(fuzzed).toBe(2000)
      expect(result.rows.find((r) => r.campaign.startsWith('XSS'))?.trials).toBeGreaterThanOrEqual(200)
      // The fidelity campaign's short run (the unit suite's fidelity test runs 1,000 on its own).
      expect(result.rows.find((r) => r.campaign === 'fidelity: every format')?.trials).toBe(50)
      for (const scenario of [
        'read-only workspace',
        'corrupt files on start',
        'two instances',
        'clock -1 h / +1 y',
        '500 files changed at once',
      ])
        expect(result.rows.map((r) => r.campaign)).toContain(scenario)
      expect(result.rows.every((r) => r.failures === 0 && r.trials > 0)).toBe(true)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    // A hang guard, not a performance target: the short run took 157 s on a loaded 2-core machine.
  }, 420_000)
})

describe('npm run stress --only sync-kill', () => {
  it('kills a sync inside commit, fetch, merge (in process and through the driver) and push, and loses nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-stress-sync-'))
    const out = join(dir, 'latest.json')
    try {
      const lines: string[] = []
      const code = await runStress(
        ['--only', 'sync-kill', '--sync-kills', '1', '--seed', '19', '--quiet', '--out', out],
        (l) => lines.push(l),
      )
      const log = lines.join('\n')
      expect(log, log).toContain('stress: PASS')
      expect(code).toBe(0)
      const result = JSON.parse(await readFile(out, 'utf8')) as {
        rows: { path: string; campaign: string; trials: number; failures: number }[]
      }
      expect(result.rows.map((r) => r.path)).toEqual([
        'sync commit',
        'sync fetch',
        'sync merge',
        'sync merge (merge driver)',
        'sync push',
      ])
      expect(result.rows.every((r) => r.campaign === 'kill -9' && r.trials === 1 && r.failures === 0)).toBe(true)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 900_000)
})

describe('npm run stress --paths', () => {
  it('runs the kill-9 campaign of the named write paths only, and refuses an unknown one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-stress-paths-'))
    const out = join(dir, 'latest.json')
    try {
      const code = await runStress(
        [
          '--cycles',
          '3',
          '--fuzz',
          '0',
          '--seed',
          '7',
          '--quiet',
          '--only',
          'kill',
          '--paths',
          'settings',
          '--out',
          out,
        ],
        () => undefined,
      )
      expect(code).toBe(0)
      const result = JSON.parse(await readFile(out, 'utf8')) as {
        rows: { path: string; campaign: string; trials: number }[]
      }
      expect(result.rows.map((r) => [r.path, r.campaign, r.trials])).toEqual([['settings', 'kill -9', 3]])
      await expect(runStress(['--paths', 'settings,nope', '--quiet', '--out', out], () => undefined)).rejects.toThrow(
        /unknown write path nope/,
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('npm run stress --only hostile (kill -9 of the hostile writes)', () => {
  it('kills a hostile import, two exports to one destination, a zip import after a damaged zip and a folder import under symlink swaps, at random times and at a named step, and every cycle holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-stress-hostile-'))
    const out = join(dir, 'latest.json')
    const paths = ['hostile import', 'two exports', 'damaged zip import', 'symlink swap import']
    try {
      const code = await runStress(
        [
          ...['--only', 'hostile', '--hostile', '1', '--hostile-cycles', '2'],
          ...['--paths', paths.join(','), '--seed', '9', '--quiet', '--out', out],
        ],
        () => undefined,
      )
      const result = JSON.parse(await readFile(out, 'utf8')) as {
        rows: { path: string; campaign: string; trials: number; failures: number; examples: string[]; note: string }[]
      }
      const kills = result.rows.filter((r) => r.campaign === 'kill -9')
      expect(kills.map((r) => [r.path, r.trials])).toEqual(paths.map((p) => [p, 2]))
      // Failures first: their examples say why a cycle went wrong (a named step missed names its cause there).
      for (const r of result.rows) expect(r.failures, `${r.path} ${r.campaign}: ${r.examples.join(' | ')}`).toBe(0)
      // Cycle 0 dies at a random time, cycle 1 exactly at the first named step of the write (and says so).
      for (const r of kills) {
        expect(r.note, r.path).toContain('kills at random times 1')
        expect(r.note, r.path).toMatch(r.path === 'two exports' ? /export:temp-written 1\/1/ : /import:staged 1\/1/)
      }
      expect(code).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
