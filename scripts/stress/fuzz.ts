// Fuzzing the import paths with fast-check: generated and mutated JSON bundles, Markdown files with YAML / TOML
// front matter, and zip archives, each fed to the real ImportService (dry run, and apply for a share of the
// acceptable ones). Checked for every input: no crash (only a report or a SourceRefusedError), no hang
// (each input time-boxed), no prototype pollution, and no file written outside the workspace's own folders.
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { strToU8, zipSync } from 'fflate'
import { makeArticle } from '../../electron/main/services/test-support'
import { ImportService, SourceRefusedError } from '../../electron/main/services/import'
import { ArticleLibrary } from '../../electron/main/services/library'
import { createWorkerPool } from '../../electron/main/services/storage'
import { row, type Row } from './common'

/** Longest time one input may take before it counts as a hang. */
export const TIME_BOX_MS = 2000

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'hasOwnProperty']
const HOSTILE_NAMES = [
  '../../x.md',
  '/abs/x.md',
  'C:\\x.md',
  '..\\..\\x.md',
  'a/../../x.md',
  '%2e%2e%2fx.md',
  'a\u0000b.md',
  'CON.md',
  'ok.md',
  'bundle.json',
  'manifest.json',
  'assets/x.png',
  'dir/',
  'ünï.md',
]

function validArticle(i: number) {
  return makeArticle({ id: randomUUID(), slug: `fuzz-${i}`, headline: `Fuzz ${i}` })
}

const validBundle = (n: number) => ({
  format: 'newsdesk-bundle',
  version: 1,
  generator: 'fuzz',
  articles: Array.from({ length: n }, (_, i) => ({ article: validArticle(i), renditions: { html: '', markdown: '' } })),
  assets: {},
})

/** Sets `value` at a random path inside `target` (mutating a copy). */
function mutateAt(target: unknown, pathChoice: number[], key: string, value: unknown): unknown {
  const copy = structuredClone(target) as Record<string, unknown>
  let node: unknown = copy
  for (const c of pathChoice) {
    if (typeof node !== 'object' || node === null) break
    const keys = Object.keys(node)
    if (keys.length === 0) break
    const next = (node as Record<string, unknown>)[keys[c % keys.length]!]
    if (typeof next !== 'object' || next === null) break
    node = next
  }
  if (typeof node === 'object' && node !== null)
    Object.defineProperty(node, key, { value, enumerable: true, configurable: true, writable: true })
  return copy
}

/** `arbitrary` two times in three, else an empty list. */
function sometimes<T>(arbitrary: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> {
  return fc.oneof({ arbitrary: fc.constant([] as T[]), weight: 1 }, { arbitrary, weight: 2 })
}

/** `arbitrary` one time in eight, else null. */
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: 7 }, { arbitrary, weight: 1 })
}

/** Text-level damage: truncate, insert, flip, duplicate, BOM. */
const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('bom' as const) }),
)
type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never

function applyText(bytes: Uint8Array, m: TextMutation): Uint8Array {
  const b = Buffer.from(bytes)
  const at = 'at' in m ? m.at % (b.length + 1) : 0
  switch (m.kind) {
    case 'truncate':
      return b.subarray(0, at)
    case 'insert':
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.text), b.subarray(at)])
    case 'flip': {
      if (b.length === 0) return b
      const c = Buffer.from(b)
      c[at % c.length] = m.byte
      return c
    }
    case 'duplicate':
      return Buffer.concat([b.subarray(0, at), b.subarray(at, at + m.length), b.subarray(at)])
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])
  }
}

/** A JSON bundle input: a valid bundle with hostile values and keys grafted in, then text damage. */
export const jsonInput = fc
  .record({
    size: fc.integer({ min: 0, max: 3 }),
    // A third of the inputs stay valid in each respect, so apply runs too.
    grafts: sometimes(
      fc.array(
        fc.record({
          path: fc.array(fc.nat(), { maxLength: 5 }),
          key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 })),
          value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant({ polluted: 'yes' })),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    ),
    damage: sometimes(fc.array(textMutation, { minLength: 1, maxLength: 2 })),
    deep: rarely(fc.integer({ min: 60, max: 5000 })),
  })
  .map(({ size, grafts, damage, deep }) => {
    let value: unknown = validBundle(size)
    for (const g of grafts) value = mutateAt(value, g.path, g.key, g.value)
    let text = JSON.stringify(value)
    // Hand-written __proto__ keys (JSON.stringify drops the special one set by defineProperty on some paths).
    if (grafts.length > 0 && grafts[0]!.key === '__proto__')
      text = text.replace('{', '{"__proto__":{"polluted":"yes"},')
    if (deep) text = text.replace('"generator"', `"deep":${'['.repeat(deep)}${']'.repeat(deep)},"generator"`)
    let bytes: Uint8Array = Buffer.from(text)
    for (const m of damage) bytes = applyText(bytes, m)
    return { name: 'bundle.json', bytes }
  })

/** A Markdown input with YAML or TOML front matter built from hostile keys, odd values and alias bombs. */
const markdownInput = fc
  .record({
    toml: fc.boolean(),
    entries: fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(...HOSTILE_KEYS, 'title', 'date', 'tags', 'slug', 'draft', 'summary', 'id'),
          fc.string({ maxLength: 8 }),
        ),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 30 })),
      ),
      { maxLength: 6 },
    ),
    aliasBomb: rarely(fc.integer({ min: 2, max: 9 })),
    body: fc.string({ maxLength: 200 }),
    damage: sometimes(fc.array(textMutation, { minLength: 1, maxLength: 2 })),
  })
  .map(({ toml, entries, aliasBomb, body, damage }) => {
    const lines: string[] = []
    for (const [k, v] of entries) {
      const key = JSON.stringify(k)
      lines.push(toml ? `${key} = ${JSON.stringify(JSON.stringify(v))}` : `${key}: ${JSON.stringify(v)}`)
    }
    if (aliasBomb && !toml) {
      lines.push('a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]')
      for (let i = 1; i <= aliasBomb; i++)
        lines.push(
          `a${i}: &a${i} [${Array(9)
            .fill(`*a${i - 1}`)
            .join(',')}]`,
        )
    }
    const fence = toml ? '+++' : '---'
    let bytes: Uint8Array = Buffer.from(`${fence}\n${lines.join('\n')}\n${fence}\n${body}\n`)
    for (const m of damage) bytes = applyText(bytes, m)
    return { name: 'story.md', bytes }
  })

/** A zip input: hostile entry names and contents from the other generators, then byte damage. */
const zipInput = fc
  .record({
    entries: fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ minLength: 1, maxLength: 12 })),
        fc.oneof(jsonInput, markdownInput),
      ),
      { maxLength: 4 },
    ),
    damage: fc.array(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      { maxLength: 2 },
    ),
    truncate: rarely(fc.nat()),
  })
  .map(({ entries, damage, truncate }) => {
    const files: Record<string, Uint8Array> = {}
    for (const [name, content] of entries) files[name.replace(/\/$/, '') || 'x'] = content.bytes
    let bytes: Uint8Array
    try {
      bytes = zipSync(Object.keys(files).length > 0 ? files : { 'empty.txt': strToU8('') })
    } catch {
      bytes = zipSync({ 'fallback.md': strToU8('# x') })
    }
    for (const m of damage) bytes = applyText(bytes, m)
    if (truncate !== null) bytes = bytes.subarray(0, truncate % (bytes.length + 1))
    return { name: 'archive.zip', bytes }
  })

/** Counts of one fuzz run. */
export interface FuzzReport {
  inputs: number
  applied: number
  crashes: string[]
  hangs: number
  pollution: number
  outside: string[]
}

function polluted(): boolean {
  const probe = {} as Record<string, unknown>
  return probe.polluted !== undefined || Object.getOwnPropertyNames(Object.prototype).length !== PROTO_NAMES
}
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).length

/** Everything under `dir` except the workspace's own folders and the source folder. */
async function strayFiles(sandbox: string): Promise<string[]> {
  const names = await readdir(sandbox, { recursive: true })
  const allowed = (n: string) =>
    ['deep', 'deep/er', 'deep/er/workspace', 'src'].includes(n) ||
    /^deep\/er\/workspace\/(articles|assets|\.newsdesk)(\/|$)/.test(n) ||
    /^src\/[^/]+$/.test(n)
  return names.filter((n) => !allowed(n))
}

/** Runs `runs` inputs of one kind through dry run (+ apply for every `applyEvery`-th acceptable one). */
export async function fuzzImport(
  kind: 'json' | 'markdown' | 'zip',
  runs: number,
  seed: number,
  applyEvery = 4,
): Promise<FuzzReport> {
  const sandbox = await mkdtemp(join(tmpdir(), 'newsdesk-fuzz-'))
  const workspace = join(sandbox, 'deep', 'er', 'workspace')
  const src = join(sandbox, 'src')
  await mkdir(src, { recursive: true })
  let library = await ArticleLibrary.open(workspace, { indexCache: false })
  // Passed in as the app and the CLI pass theirs (null when running from source: no built worker entry).
  const workers = createWorkerPool()
  let importer = new ImportService(library, workers)
  const report: FuzzReport = { inputs: 0, applied: 0, crashes: [], hangs: 0, pollution: 0, outside: [] }
  const arbitrary = kind === 'json' ? jsonInput : kind === 'markdown' ? markdownInput : zipInput
  let acceptable = 0
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        report.inputs++
        const file = join(src, input.name)
        await writeFile(file, input.bytes)
        const started = performance.now()
        try {
          const dry = await importer.dryRun([file], { limits: { maxEntries: 1000, maxTotalBytes: 64 * 1024 ** 2 } })
          if (dry.counts.new + dry.counts.update + dry.counts.conflict > 0 && ++acceptable % applyEvery === 0) {
            const applied = await importer.apply(dry.planId, { onConflict: 'keep-both' })
            if (applied.ok) report.applied++
            const stray = await strayFiles(sandbox)
            if (stray.length > 0) report.outside.push(...stray)
          } else importer.discard(dry.planId)
        } catch (error) {
          if (!(error instanceof SourceRefusedError)) {
            report.crashes.push(`${kind}: ${(error as Error).name}: ${(error as Error).message}`.slice(0, 300))
          }
        }
        if (performance.now() - started > TIME_BOX_MS) report.hangs++
        if (polluted()) {
          report.pollution++
          delete (Object.prototype as Record<string, unknown>).polluted
        }
        await rm(file, { force: true })
        // Keep the workspace small so the run stays linear.
        if (report.applied > 0 && report.applied % 200 === 0 && library.list().length > 400) {
          await rm(workspace, { recursive: true, force: true })
          library = await ArticleLibrary.open(workspace, { indexCache: false })
          importer = new ImportService(library, workers)
        }
      }),
      { numRuns: runs, seed, endOnFailure: true },
    )
    report.outside.push(...(await strayFiles(sandbox)))
  } finally {
    await workers?.close()
    await rm(sandbox, { recursive: true, force: true })
  }
  return report
}

/** The fuzz campaign of the stress run: `total` inputs split over JSON bundles, front matter and zips. */
export async function fuzzCampaigns(total: number, seed: number, log: (s: string) => void): Promise<Row[]> {
  const rows: Row[] = []
  const shares = [
    ['json', 0.4, 'JSON bundles'],
    ['markdown', 0.4, 'front matter (YAML/TOML)'],
    ['zip', 0.2, 'zip archives'],
  ] as const
  for (const [kind, share, label] of shares) {
    const t = performance.now()
    const r = await fuzzImport(kind, Math.max(1, Math.round(total * share)), seed)
    const failures = [
      ...r.crashes,
      ...Array.from({ length: r.hangs }, () => 'hang'),
      ...Array.from({ length: r.pollution }, () => 'prototype polluted'),
      ...r.outside.map((p) => `written outside the workspace: ${p}`),
    ]
    rows.push(
      row(
        'import',
        `fuzz: ${label}`,
        r.inputs,
        failures,
        `${r.applied} applied; crashes ${r.crashes.length}, hangs ${r.hangs}, pollution ${r.pollution}, outside ${r.outside.length}`,
      ),
    )
    log(`  fuzz ${kind}: ${r.inputs} inputs in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  return rows
}
