import { performance } from 'node:perf_hooks'
import { articleKinds, articleStatuses, type ArticleSummary } from '../../../../shared/article/schema'
import { buildFilterIndex, filterIndexed, sortSummaries } from '../../../../shared/listing/browse'
import type { ArticleFilter } from '../../../../shared/listing/filter'
import { buildSearchIndex, searchIndex, type SearchDoc } from '../search'

const WORDS = (
  'council bridge harbour river election elección alcaldía mercado tram depot frost weather sequía maíz ' +
  'agricultores valle candidates debate hospital urgent care rovers promotion stoppage winner bookbinder ' +
  'street trade market christmas plaza budget transport economy culture health sport politics México ' +
  'Riverton quay flood barriers sandbags station mayor vote ballot turnout school teachers strike fire ' +
  'police court ruling housing rent prices energy solar wind farm water supply drought harvest festival ' +
  'música teatro biblioteca museo concierto estadio aeropuerto tren autobús carretera obra puente'
).split(' ')
const TAGS = ['politics', 'economy', 'transport', 'culture', 'sport', 'health', 'weather', 'elecciones']

/** A small deterministic PRNG (mulberry32) so every run measures the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(list: readonly T[], r: () => number): T {
  return list[Math.floor(r() * list.length)] as T
}

function words(n: number, r: () => number): string {
  return Array.from({ length: n }, () => pick(WORDS, r)).join(' ')
}

/** `count` synthetic articles (summaries and search documents) from a fixed seed. */
export function syntheticArticles(count: number, bodyWords = 60): { summaries: ArticleSummary[]; docs: SearchDoc[] } {
  const r = rng(42)
  const summaries: ArticleSummary[] = []
  const docs: SearchDoc[] = []
  const base = Date.parse('2026-01-01T00:00:00.000Z')
  for (let i = 0; i < count; i += 1) {
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`
    const tags = [pick(TAGS, r), pick(TAGS, r)].filter((t, k, all) => all.indexOf(t) === k)
    const s: ArticleSummary = {
      id,
      slug: `a-${i}`,
      headline: words(8, r),
      standfirst: words(25, r),
      kind: pick(articleKinds, r),
      status: pick(articleStatuses, r),
      tags,
      byline: `By ${pick(WORDS, r)}`,
      language: r() < 0.5 ? 'en' : 'es',
      publishAt: r() < 0.7 ? new Date(base + Math.floor(r() * 3e10)).toISOString() : null,
      embargoUntil: null,
      updatedAt: new Date(base + Math.floor(r() * 3e10)).toISOString(),
      revision: 1,
    }
    summaries.push(s)
    docs.push({ ...s, body: words(bodyWords, r) })
  }
  return { summaries, docs }
}

/** Untimed runs before measuring. */
const WARMUP = 10

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

/** Figures of one timed operation, in milliseconds. */
export interface Timing {
  runs: number
  medianMs: number
  p95Ms: number
  maxMs: number
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    runs: samples.length,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1] ?? 0,
  }
}

/** Builds the search index over `count` synthetic articles and times `queries` as-you-type searches. */
export function measureSearch(count = 50_000, queries = 200): { buildMs: number; search: Timing } {
  const { docs } = syntheticArticles(count)
  const t0 = performance.now()
  const index = buildSearchIndex(docs)
  const buildMs = performance.now() - t0
  const r = rng(7)
  const samples: number[] = []
  // The first WARMUP queries let the JIT settle (as in a running app) and are not counted.
  for (let i = -WARMUP; i < queries; i += 1) {
    const w = pick(WORDS, r)
    // A mix of what typing produces: whole words, prefixes, accent-free spellings, two-word queries, typos.
    const q =
      [w, w.slice(0, 3), w.normalize('NFD').replace(/\p{M}/gu, ''), `${w} ${pick(WORDS, r)}`, `${w}x`][i % 5] ?? w
    const start = performance.now()
    searchIndex(index, q, i % 4 === 0 ? { language: 'es' } : {})
    if (i >= 0) samples.push(performance.now() - start)
  }
  return { buildMs, search: timing(samples) }
}

/** Times filter changes of the library browser over `count` synthetic summaries (already sorted, as the UI keeps them). */
export function measureFilter(count = 50_000, changes = 50): Timing {
  const { summaries } = syntheticArticles(count, 0)
  const prepared = buildFilterIndex(sortSummaries(summaries, 'updated'))
  const r = rng(9)
  const samples: number[] = []
  for (let i = -WARMUP; i < changes; i += 1) {
    const filters: ArticleFilter = {
      status: r() < 0.6 ? pick(articleStatuses, r) : undefined,
      kind: r() < 0.5 ? pick(articleKinds, r) : undefined,
      tag: r() < 0.5 ? pick(TAGS, r) : undefined,
      language: r() < 0.3 ? 'es' : undefined,
    }
    const start = performance.now()
    filterIndexed(prepared, filters)
    if (i >= 0) samples.push(performance.now() - start)
  }
  return timing(samples)
}
