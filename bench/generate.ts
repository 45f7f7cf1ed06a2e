// `npm run bench:generate -- --articles N --seed S --out DIR`: writes a deterministic benchmark workspace.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { generateWorkspace } from './generate/workspace.ts'

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    seed: { type: 'string', default: 'newsdesk' },
    out: { type: 'string' },
  },
})
const articles = Number(values.articles)
if (!Number.isInteger(articles) || articles < 1) {
  console.error(`--articles must be a positive integer, got "${values.articles}"`)
  process.exit(2)
}
const out = resolve(values.out ?? `bench/workspaces/ws-${values.seed}-${articles}`)
const started = performance.now()
const manifest = generateWorkspace({
  articles,
  seed: values.seed,
  out,
  onProgress: (n) => console.log(`  ${n.toLocaleString('en')} articles written`),
})
const seconds = (performance.now() - started) / 1000
console.log(
  `Wrote ${articles.toLocaleString('en')} articles (${manifest.totalWords.toLocaleString('en')} words, ` +
    `${manifest.longReads.length} long reads, ${manifest.assets.length} images) to ${out} in ${seconds.toFixed(1)} s`,
)
