import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMarkdownCodec } from '../../../../shared/bundle/markdown-codec'
import ninjsSchema from '../../../../shared/bundle/ninjs/ninjs-schema_3.1.json' with { type: 'json' }
import { eachNode } from '../../../../shared/editor'
import {
  articleArb,
  GENERATED_MARKS,
  GENERATED_NODES,
  SCHEMA_MARKS,
  SCHEMA_NODES,
} from '../../../../shared/editor/test-support/arbitrary-article'
import { fidelityProblems } from '../test-support'

/** Runs of the property in the unit suite; `npm run stress -- --only fidelity` runs 100,000 with any seed. */
const RUNS = 1000
/** A fixed seed keeps the unit suite's 1,000 articles the same from run to run (the stress run varies them). */
const SEED = 20261205

function ninjsValidator(): (doc: unknown) => string | null {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' })
  const validate = ajv.compile(ninjsSchema)
  return (doc) => (validate(doc) ? null : JSON.stringify(validate.errors))
}

describe('fidelity of every format', () => {
  it('generates every node and mark of the shared schema', () => {
    expect([...GENERATED_NODES].sort()).toEqual([...SCHEMA_NODES].sort())
    expect([...GENERATED_MARKS].sort()).toEqual([...SCHEMA_MARKS].sort())
    const seenNodes = new Set<string>()
    const seenMarks = new Set<string>()
    for (const article of fc.sample(articleArb, { numRuns: 300, seed: 1 })) {
      eachNode(article.body, (n) => {
        seenNodes.add(n.type)
        n.marks?.forEach((m) => seenMarks.add(m.type))
      })
    }
    expect([...seenNodes].sort()).toEqual([...SCHEMA_NODES].sort())
    expect([...seenMarks].sort()).toEqual([...SCHEMA_MARKS].sort())
  })

  it(`Markdown and JSON re-import the same article; HTML, RSS and ninjs carry all of it (${RUNS} articles)`, () => {
    const codec = createMarkdownCodec()
    const valid = ninjsValidator()
    fc.assert(
      fc.property(articleArb, (article) => {
        const problems = fidelityProblems(article, codec, valid)
        if (problems.length > 0) throw new Error(problems.join('\n'))
      }),
      { numRuns: RUNS, seed: SEED },
    )
  }, 60_000)
})
