// Fidelity at scale: articles generated from the one editor schema (shared/editor/test-support) through every
// export format, as the unit suite's fidelity test does with 1,000 (electron/main/services/export/fidelity.test.ts).
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { createMarkdownCodec } from '../../shared/bundle/markdown-codec'
import ninjsSchema from '../../shared/bundle/ninjs/ninjs-schema_3.1.json' with { type: 'json' }
import { articleArb } from '../../shared/editor/test-support/arbitrary-article'
import { fidelityProblems } from '../../electron/main/services/test-support'
import { row, type Row } from './common'

const require = createRequire(import.meta.url)

/** ajv (draft 2020-12) over the official ninjs 3.1 schema, as the unit tests validate. */
function ninjsValidator(): (doc: unknown) => string | null {
  type Validate = ((doc: unknown) => boolean) & { errors?: unknown }
  type AjvClass = new (options: object) => { addSchema(s: object): void; compile(s: object): Validate }
  const Ajv2020 = require('ajv/dist/2020') as { default: AjvClass }
  const addFormats = require('ajv-formats') as { default: (ajv: unknown) => void }
  const ajv = new Ajv2020.default({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' })
  const validate = ajv.compile(ninjsSchema)
  return (doc) => (validate(doc) ? null : JSON.stringify(validate.errors))
}

/** Runs `total` generated articles through every format; each article with a problem is one failure. */
export async function fidelityCampaign(total: number, seed: number, log: (s: string) => void): Promise<Row> {
  const codec = createMarkdownCodec()
  const valid = ninjsValidator()
  const failures: string[] = []
  const started = performance.now()
  let done = 0
  fc.assert(
    fc.property(articleArb, (article) => {
      const problems = fidelityProblems(article, codec, valid)
      if (problems.length > 0) failures.push(`${article.id}: ${problems.join(' | ').slice(0, 2000)}`)
      done += 1
      if (done % 10_000 === 0) log(`  fidelity: ${done}/${total} articles, ${failures.length} failures`)
    }),
    { numRuns: total, seed, endOnFailure: false },
  )
  const seconds = (performance.now() - started) / 1000
  return row(
    'export',
    'fidelity: every format',
    total,
    failures,
    `Markdown and JSON re-import, HTML/RSS/ninjs carry every run, link, caption, alt and media URL; ${(total / seconds).toFixed(0)} articles/s`,
  )
}
