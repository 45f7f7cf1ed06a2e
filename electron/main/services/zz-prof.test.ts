import { it } from 'vitest'
import { performance } from 'node:perf_hooks'
import { syntheticArticles } from './finding-bench'
import { buildSearchIndex, searchIndex } from './search'
it('prof', () => {
  const { docs } = syntheticArticles(50000)
  const index = buildSearchIndex(docs)
  for (const q of ['council', 'cou', 'eleccion', 'council bridge', 'councilx', 'zzzz', 'riverton']) {
    for (const opts of [{}, { fuzzy: false }, { prefix: false, fuzzy: false }]) {
      const s = performance.now()
      const hits = index.search(q, opts as never)
      const t1 = performance.now() - s
      const s2 = performance.now()
      searchIndex(index, q, {})
      console.log(q, JSON.stringify(opts), hits.length, t1.toFixed(1), (performance.now() - s2).toFixed(1))
    }
  }
}, 600000)
