import { describe, expect, it } from 'vitest'
import { measureFilter, measureSearch, syntheticArticles } from './finding-bench'

describe('finding benchmarks (small sizes; `npm run bench` runs 50,000)', () => {
  it('generates deterministic data', () => {
    expect(syntheticArticles(50).summaries).toEqual(syntheticArticles(50).summaries)
  })

  it('measures search and filter timings', () => {
    const n = Number(process.env.NEWSDESK_FINDING_BENCH_N ?? 2000)
    const search = measureSearch(n, 200)
    const filter = measureFilter(n, 50)
    if (process.env.NEWSDESK_FINDING_BENCH_N) console.log(JSON.stringify({ n, search, filter }, null, 2))
    expect(search.search.runs).toBe(200)
    expect(search.search.p95Ms).toBeGreaterThanOrEqual(search.search.medianMs)
    expect(filter.runs).toBe(50)
  })
})
