import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { judge, markdownTable, previousRun, ratioTo, saveResults, summarize, type RunResult } from './report'

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

describe('ratio targets', () => {
  it('reads a ratio as "times the peer\'s time": row ÷ peer for times, peer ÷ row for rates', () => {
    expect(ratioTo('ms', 30, 10)).toBe(3)
    expect(ratioTo('articles/s', 1000, 4000)).toBe(4) // 4× slower than the peer
  })

  it('passes or misses on the ratio against the peer, whatever the absolute figure', () => {
    const slowDisk = judge({
      group: 'export',
      id: 'export.markdown',
      label: 'export',
      unit: 'articles/s',
      stats: summarize([900, 1000, 1100]),
      target: { stat: 'median', peer: { label: 'cp -r of the output', value: 1800 }, max: 2 },
    })
    expect(slowDisk).toMatchObject({ pass: true, ratio: 1.8 })
    const fastDiskSlowCode = judge({
      ...slowDisk,
      stats: summarize([9000, 10_000, 11_000]),
      target: { stat: 'median', peer: { label: 'cp -r of the output', value: 25_000 }, max: 2 },
    })
    expect(fastDiskSlowCode).toMatchObject({ pass: false, ratio: 2.5 })
    const search = judge({
      group: 'search',
      id: 'search.query',
      label: 'search',
      unit: 'ms',
      stats: summarize([1, 2, 20]),
      target: { stat: 'p95', peer: { label: 'one 60 Hz frame (16.7 ms)', value: 16.7 }, max: 1 },
    })
    expect(search.pass).toBe(false)
    expect(search.ratio).toBeCloseTo(20 / 16.7)
  })

  it('misses when the peer could not be measured, and prints the ratio beside the target', () => {
    const row = {
      group: 'open',
      id: 'open.node.cold',
      label: 'open',
      unit: 'ms',
      stats: summarize([30, 40]),
      target: { stat: 'median' as const, peer: { label: 'cat of every article file', value: Number.NaN }, max: 2 },
    }
    expect(judge(row).pass).toBe(false)
    const judged = judge({ ...row, target: { ...row.target, peer: { ...row.target.peer, value: 20 } } })
    expect(markdownTable([judged])).toContain('median ≤ 2× cat of every article file (now ×1.75)')
    expect(judged.pass).toBe(true)
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
