import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { judge, markdownTable, previousRun, saveResults, summarize, type RunResult } from './report'

describe('summarize', () => {
  it('gives the median, the nearest-rank p95, min, max and mean', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i) // 1..100, unsorted
    expect(summarize(samples)).toEqual({ n: 100, median: 50.5, p95: 95, min: 1, max: 100, mean: 50.5 })
    expect(summarize([3, 1, 2])).toMatchObject({ median: 2, p95: 3 })
    expect(() => summarize([])).toThrow('no samples')
  })
})

describe('judge', () => {
  const stats = summarize([5, 6, 7, 30])
  it('checks the named statistic against the target in the right direction', () => {
    expect(
      judge({ group: 'g', id: 'a', label: 'a', unit: 'ms', stats, target: { stat: 'median', op: '<=', value: 10 } })
        .pass,
    ).toBe(true)
    expect(
      judge({ group: 'g', id: 'a', label: 'a', unit: 'ms', stats, target: { stat: 'p95', op: '<=', value: 10 } }).pass,
    ).toBe(false)
    expect(
      judge({
        group: 'g',
        id: 'r',
        label: 'r',
        unit: 'articles/s',
        value: 4999,
        target: { stat: 'value', op: '>=', value: 5000 },
      }).pass,
    ).toBe(false)
  })
  it('misses when an extra condition (a ratio to a peer) fails, and leaves unmeasured rows undecided', () => {
    const row = {
      group: 'g',
      id: 'a',
      label: 'a',
      unit: 'ms',
      stats,
      target: { stat: 'median' as const, op: '<=' as const, value: 10 },
    }
    expect(judge(row, false).pass).toBe(false)
    expect(judge({ ...row, notMeasured: 'no peer' }).pass).toBeNull()
  })
  it('prints a miss plainly in the table', () => {
    const row = judge({
      group: 'g',
      id: 'a',
      label: 'open',
      unit: 'ms',
      stats,
      target: { stat: 'p95', op: '<=', value: 10 },
    })
    expect(markdownTable([row])).toContain('**MISS**')
  })
})

describe('saveResults and previousRun', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const run = (articles: number, quick: boolean, at: string): RunResult => ({
    startedAt: at,
    finishedAt: at,
    options: { articles, seed: 's', quick, only: null },
    machine: {},
    rows: [],
  })

  it('keeps the last runs only and finds the previous comparable one', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-report-'))
    for (let i = 0; i < 5; i++) saveResults(dir, run(1000, true, `2026-01-0${i + 1}`), 3)
    saveResults(dir, run(50_000, false, '2026-02-01'), 3)
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3)
    expect(JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')).options.articles).toBe(50_000)
    expect(previousRun(dir, { articles: 1000, seed: 's', quick: true, only: null })?.finishedAt).toBe('2026-01-05')
    expect(previousRun(dir, { articles: 10_000, seed: 's', quick: false, only: null })).toBeUndefined()
  })
})
