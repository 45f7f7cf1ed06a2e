import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import { migrateArticle } from '../../../../shared/article/migrations'
import { ARTICLE_SCHEMA_VERSION, articleSchema, type Article, type TiptapDoc } from '../../../../shared/article/schema'
import { uniqueSlug } from '../../../../shared/article/slug'
import { findHostileJson } from '../../../../shared/bundle/deterministic-json'
import { resolveInside } from '../../../../shared/bundle/file-names'
import { lineOfKey, mapFrontMatter, splitFrontMatter } from '../../../../shared/bundle/front-matter'
import { JSON_BUNDLE_NAME, type JsonBundle } from '../../../../shared/bundle/json-bundle'
import { MANIFEST_NAME } from '../../../../shared/bundle/manifest'
import {
  articleAssets,
  assetNameOf,
  createMarkdownCodec,
  normalizeImages,
  type MarkdownCodec,
} from '../../../../shared/bundle/markdown-codec'
import bundleSchema from '../../../../shared/bundle/newsdesk-bundle.schema.json' with { type: 'json' }
import { fsyncDir, writeNewFile } from '../durable-write'
import { runBounded } from '../bounded-pool'
import { serializeArticle, type ArticleLibrary } from '../library'
import { markDone, writeMoves } from './import-recovery'
import { DEFAULT_LIMITS, readSource, SourceRefusedError, type ImportLimits, type SourceTree } from './source-reader'

/** What to do with an item that conflicts with the workspace (same id, or same slug on another article). */
export type ConflictChoice = 'skip' | 'overwrite' | 'keep-both'

/** How one import item relates to the workspace. */
export type ImportItemStatus = 'new' | 'update' | 'unchanged' | 'conflict' | 'invalid'

/** One item of a dry-run report (plain data: no bodies). */
export interface ImportItem {
  index: number
  /** The file it came from, as "source › path". */
  source: string
  status: ImportItemStatus
  headline?: string
  slug?: string
  id?: string
  /** For conflicts: what it collides with. */
  conflict?: { on: 'id' | 'slug'; id: string; slug: string; headline: string }
  /** For invalid items: why, with the line and field when known. */
  problem?: { message: string; line?: number; field?: string }
  /** Content kept in a simpler form than the source had (e.g. a GFM table kept as paragraphs). */
  warnings?: string[]
}

/** The dry-run report: every item and the counts by status. */
export interface ImportReport {
  planId: string
  items: ImportItem[]
  counts: Record<ImportItemStatus, number>
}

/** Result of applying a plan: all items written, or none. */
export type ApplyOutcome =
  | { ok: true; created: number; updated: number; skipped: number; assets: number }
  | { ok: false; reason: 'invalid' | 'stale' | 'io'; message: string }

/** Options of a dry run. */
export interface DryRunOptions {
  limits?: Partial<ImportLimits>
  now?: () => Date
}

/** Options of applying a plan. */
export interface ApplyOptions {
  /** Choice for conflicts without an explicit decision (default skip). */
  onConflict?: ConflictChoice
  /** Per-item choices, by item index. */
  decisions?: Record<string | number, ConflictChoice>
  /** Test hook: throw after this many files were moved into place (to prove the rollback). */
  failAfterCommits?: number
  /** Articles written so far out of the total (the apply's progress). */
  onProgress?: (progress: { done: number; total: number }) => void
}

interface PlannedItem extends ImportItem {
  article?: Article
}

interface Plan {
  items: PlannedItem[]
  assets: Map<string, Uint8Array>
}

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|avif|svg)$/i
const MARKDOWN_EXT = /\.(md|markdown|mdown|mkd)$/i

/** Field of the article schema -> the front matter key a user would look for. */
const FIELD_TO_KEY: Record<string, string> = { headline: 'title', standfirst: 'summary' }

/** Raised for a single item that cannot be imported; becomes an "invalid" row of the report. */
class ItemProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(message)
  }
}

/**
 * Imports Newsdesk JSON and Markdown bundles and Hugo / Jekyll / Decap Markdown into a workspace: a dry run
 * first (new, update, conflict, invalid with file, line and field), then an all-or-nothing apply that
 * stages every file and rolls back on failure. No electron import.
 */
export class ImportService {
  private readonly plans = new Map<string, Plan>()
  private codecInstance: MarkdownCodec | null = null
  private validateBundle: ReturnType<Ajv2020['compile']> | null = null

  constructor(private readonly library: ArticleLibrary) {}

  private get codec(): MarkdownCodec {
    this.codecInstance ??= createMarkdownCodec()
    return this.codecInstance
  }

  /** Reads the sources, maps every item and classifies it against the workspace; writes nothing. */
  async dryRun(paths: readonly string[], options: DryRunOptions = {}): Promise<ImportReport> {
    const limits = { ...DEFAULT_LIMITS, ...options.limits }
    const now = (options.now ?? (() => new Date()))().toISOString()
    const plan: Plan = { items: [], assets: new Map() }
    for (const path of paths) {
      const tree = await readSource(path, limits)
      this.collect(tree, plan, limits, now)
    }
    this.classify(plan)
    const planId = randomBytes(12).toString('hex')
    this.plans.set(planId, plan)
    const counts: Record<ImportItemStatus, number> = { new: 0, update: 0, unchanged: 0, conflict: 0, invalid: 0 }
    for (const item of plan.items) counts[item.status] += 1
    return { planId, items: plan.items.map(({ article: _a, ...row }) => row), counts }
  }

  /** Forgets a dry run that will not be applied. */
  discard(planId: string): void {
    this.plans.delete(planId)
  }

  private collect(tree: SourceTree, plan: Plan, limits: ImportLimits, now: string): void {
    const add = (source: string, make: (warnings: string[]) => Article) => {
      const index = plan.items.length
      try {
        const warnings: string[] = []
        const article = make(warnings)
        plan.items.push({
          index,
          source: `${tree.label} › ${source}`,
          status: 'new',
          article,
          headline: article.headline,
          slug: article.slug,
          id: article.id,
          ...(warnings.length > 0 ? { warnings } : {}),
        })
      } catch (error) {
        if (!(error instanceof ItemProblem)) throw error
        plan.items.push({
          index,
          source: `${tree.label} › ${source}`,
          status: 'invalid',
          problem: {
            message: error.message,
            ...(error.line ? { line: error.line } : {}),
            ...(error.field ? { field: error.field } : {}),
          },
        })
      }
    }
    const manifest = tree.files.get(MANIFEST_NAME)
    if (manifest) verifyManifest(tree.label, manifest.bytes, tree)
    const bundleFile =
      tree.files.get(JSON_BUNDLE_NAME) ??
      (tree.kind === 'file' && [...tree.files.keys()][0]?.endsWith('.json') ? [...tree.files.values()][0] : undefined)
    if (bundleFile) {
      const bundle = this.parseBundle(tree.label, bundleFile.bytes, limits)
      for (const [name, asset] of Object.entries(bundle.assets)) {
        const bytes = Buffer.from(asset.base64, 'base64')
        if (`${sha256(bytes)}${name.slice(64)}` !== name) {
          throw new SourceRefusedError(`${tree.label}: asset ${name} does not match its content hash`)
        }
        plan.assets.set(name, bytes)
      }
      bundle.articles.forEach((entry, i) =>
        add(`${bundleFile.path} articles[${i}]`, (warnings) => {
          const migrated = migrateArticle(entry.article)
          if (!migrated.ok) throw new ItemProblem(migrated.message, undefined, 'schemaVersion')
          const value = migrated.value as Record<string, unknown>
          if (value.body && typeof value.body === 'object') {
            const images = normalizeImages(value.body as TiptapDoc, assetNameOf)
            if (images.unresolved.length > 0) warnings.push(unresolvedWarning(images.unresolved))
            value.body = images.doc
          }
          return validated(value, (f) => `articles[${i}].article.${f}`)
        }),
      )
      return
    }
    for (const file of [...tree.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (!MARKDOWN_EXT.test(file.path)) continue
      add(file.path, (warnings) => this.markdownArticle(tree, file.path, file.bytes, plan, now, warnings))
    }
  }

  private parseBundle(label: string, bytes: Uint8Array, limits: ImportLimits): JsonBundle {
    const text = decodeUtf8(bytes, label)
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch (error) {
      throw new SourceRefusedError(`${label}: not valid JSON (${(error as Error).message})`)
    }
    const hostile = findHostileJson(raw, limits.maxJsonDepth)
    if (hostile) throw new SourceRefusedError(`${label}: refused, ${hostile}`)
    if (!this.validateBundle) {
      const ajv = new Ajv2020({ allErrors: false, strict: false })
      this.validateBundle = ajv.compile(bundleSchema)
    }
    if (!this.validateBundle(raw)) {
      const e = this.validateBundle.errors?.[0]
      throw new SourceRefusedError(
        `${label}: not a valid Newsdesk bundle: ${e?.instancePath || '(root)'} ${e?.message ?? 'is invalid'}`,
      )
    }
    return raw as JsonBundle
  }

  private markdownArticle(
    tree: SourceTree,
    path: string,
    bytes: Uint8Array,
    plan: Plan,
    now: string,
    warnings: string[],
  ): Article {
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      throw new ItemProblem('the file is not valid UTF-8')
    }
    const split = splitFrontMatter(text)
    if (!split.ok) throw new ItemProblem(split.message, split.line)
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
    const stem = path.slice(path.lastIndexOf('/') + 1).replace(MARKDOWN_EXT, '')
    const mapped = mapFrontMatter(split.data, { fileStem: stem, now })
    if (!mapped.ok) {
      throw new ItemProblem(
        `${mapped.problem.field}: ${mapped.problem.message}`,
        lineOfKey(split.raw, mapped.problem.field),
        mapped.problem.field,
      )
    }
    const importImage = (src: string): string | null => {
      const inside = resolveInside(dir, src)
      const file = inside !== null && IMAGE_EXT.test(inside) ? tree.files.get(inside) : undefined
      if (file) {
        const ext = inside?.slice(inside.lastIndexOf('.') + 1).toLowerCase() ?? 'bin'
        const name = `${sha256(file.bytes)}.${ext === 'jpeg' ? 'jpeg' : ext}`
        plan.assets.set(name, file.bytes)
        return name
      }
      return assetNameOf(src)
    }
    const parsed = this.codec.parse(split.body)
    if (parsed.flattenedTables > 0) {
      warnings.push(
        `${parsed.flattenedTables === 1 ? 'a table was' : `${parsed.flattenedTables} tables were`} kept as paragraphs (one per row, cells separated by " | "): the editor has no tables`,
      )
    }
    const images = normalizeImages(parsed.doc, importImage)
    if (images.unresolved.length > 0) warnings.push(unresolvedWarning(images.unresolved))
    const body: TiptapDoc = images.doc
    const fields = mapped.fields
    const featured = split.data.featuredImage
    let featuredImage = null
    if (featured && typeof featured === 'object' && !Array.isArray(featured)) {
      const f = featured as Record<string, unknown>
      const asset = typeof f.src === 'string' ? importImage(f.src) : null
      if (!asset)
        throw new ItemProblem(
          'featuredImage.src does not point to an image in the bundle',
          lineOfKey(split.raw, 'featuredImage'),
          'featuredImage',
        )
      featuredImage = {
        asset,
        alt: typeof f.alt === 'string' ? f.alt : '',
        caption: typeof f.caption === 'string' ? f.caption : '',
      }
    }
    const candidate = {
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      id: fields.id ?? randomUUID(),
      revision: fields.revision ?? 1,
      ...fields,
      featuredImage,
      body,
    }
    return validated(
      candidate,
      (field) => field,
      (field) => lineOfKey(split.raw, FIELD_TO_KEY[field] ?? field),
    )
  }

  private classify(plan: Plan): void {
    const existing = new Map(this.library.list({}).map((s) => [s.id, s]))
    const bySlug = new Map([...existing.values()].map((s) => [s.slug, s]))
    const seenIds = new Map<string, string>()
    const seenSlugs = new Map<string, string>()
    for (const item of plan.items) {
      const a = item.article
      if (!a) continue
      const dupId = seenIds.get(a.id)
      const dupSlug = seenSlugs.get(a.slug)
      if (dupId || dupSlug) {
        item.status = 'invalid'
        item.problem = dupId
          ? { message: `id ${a.id} appears twice in the import (also ${dupId})`, field: 'id' }
          : { message: `slug "${a.slug}" appears twice in the import (also ${dupSlug})`, field: 'slug' }
        delete item.article
        continue
      }
      seenIds.set(a.id, item.source)
      seenSlugs.set(a.slug, item.source)
      const same = existing.get(a.id)
      const slugOwner = bySlug.get(a.slug)
      if (same) {
        if (same.revision === a.revision && same.updatedAt === a.updatedAt) item.status = 'unchanged'
        else if (a.revision > same.revision || (a.revision === same.revision && a.updatedAt > same.updatedAt))
          item.status = 'update'
        else {
          item.status = 'conflict'
          item.conflict = { on: 'id', id: same.id, slug: same.slug, headline: same.headline }
        }
        if (item.status !== 'conflict' && slugOwner && slugOwner.id !== a.id) {
          item.status = 'conflict'
          item.conflict = { on: 'slug', id: slugOwner.id, slug: slugOwner.slug, headline: slugOwner.headline }
        }
      } else if (slugOwner) {
        item.status = 'conflict'
        item.conflict = { on: 'slug', id: slugOwner.id, slug: slugOwner.slug, headline: slugOwner.headline }
      } else item.status = 'new'
    }
  }

  /** Applies a dry run: every write staged first, then moved into place; any failure restores the workspace. */
  async apply(planId: string, options: ApplyOptions = {}): Promise<ApplyOutcome> {
    const plan = this.plans.get(planId)
    if (!plan)
      return {
        ok: false,
        reason: 'stale',
        message: 'this import plan is unknown or was already applied; run the dry run again',
      }
    this.plans.delete(planId)
    const existing = new Map(this.library.list({}).map((s) => [s.id, s]))
    const taken = new Set([...existing.values()].map((s) => s.slug))
    const writes: Article[] = []
    let created = 0
    let updated = 0
    let skipped = 0
    for (const item of plan.items) {
      const a = item.article
      if (!a || item.status === 'invalid' || item.status === 'unchanged') {
        skipped += 1
        continue
      }
      if (item.status === 'new' || item.status === 'update') {
        if (item.status === 'new' && existing.has(a.id)) {
          return {
            ok: false,
            reason: 'stale',
            message: `the workspace changed since the dry run (${a.id} now exists); run it again`,
          }
        }
        writes.push(a)
        if (item.status === 'new') created += 1
        else updated += 1
        continue
      }
      const choice = options.decisions?.[item.index] ?? options.onConflict ?? 'skip'
      const target = item.conflict ? existing.get(item.conflict.id) : undefined
      switch (choice) {
        case 'skip':
          skipped += 1
          break
        case 'overwrite':
          writes.push({ ...a, id: target?.id ?? a.id, revision: Math.max(a.revision, (target?.revision ?? 0) + 1) })
          updated += 1
          break
        case 'keep-both': {
          const slug = uniqueSlug(a.slug, taken)
          taken.add(slug)
          writes.push({ ...a, id: randomUUID(), slug })
          created += 1
          break
        }
        default: {
          const never: never = choice
          return { ok: false, reason: 'invalid', message: `unknown conflict choice ${String(never)}` }
        }
      }
    }
    const assets = new Map<string, Uint8Array>()
    for (const a of writes) {
      for (const name of articleAssets(a)) {
        const bytes = plan.assets.get(name)
        if (bytes) assets.set(name, bytes)
      }
    }
    try {
      // Encoded once: the same bytes are written and hashed for the library's index.
      const files = writes.map((article) => ({ article, bytes: Buffer.from(serializeArticle(article), 'utf8') }))
      const assetCount = await this.commit(files, assets, options.failAfterCommits, options.onProgress)
      // Every article was validated in the dry run and written above: the library adopts them without
      // reading them back (one index write, not a rescan that re-reads and re-validates every file).
      await this.library.adoptWritten(files)
      return { ok: true, created, updated, skipped, assets: assetCount }
    } catch (error) {
      await this.library.rescan()
      return {
        ok: false,
        reason: 'io',
        message: `the import failed and the workspace was left as it was: ${(error as Error).message}`,
      }
    }
  }

  /**
   * Writes every file into a staging folder inside the workspace (each file fsynced, no per-file rename or
   * folder fsync: nothing there is visible yet), fsyncs the staging folder once, then renames the files into
   * place (several in flight) and fsyncs articles/ and assets/ once each. Any failure moves the old files back.
   */
  private async commit(
    articles: { article: Article; bytes: Uint8Array }[],
    assets: Map<string, Uint8Array>,
    failAfter?: number,
    onProgress?: (progress: { done: number; total: number }) => void,
  ): Promise<number> {
    const root = this.library.root
    const staging = join(root, '.newsdesk', `import-${randomBytes(6).toString('hex')}`)
    const backups = join(staging, 'backup')
    await mkdir(backups, { recursive: true })
    await mkdir(join(root, 'assets'), { recursive: true })
    // One listing per folder instead of a stat per file.
    const [presentArticles, presentAssets] = await Promise.all([
      readdir(this.library.articlesDir).then((names) => new Set(names)),
      readdir(join(root, 'assets')).then((names) => new Set(names)),
    ])
    const moves: { staged: string; target: string; backup: string | null }[] = []
    const done: typeof moves = []
    const total = articles.length
    let written = 0
    const step = Math.max(1, Math.floor(total / 100))
    onProgress?.({ done: 0, total })
    try {
      const jobs: (() => Promise<void>)[] = []
      for (const { article: a, bytes } of articles) {
        const staged = join(staging, `${a.id}.json`)
        const target = this.library.pathOf(a.id)
        jobs.push(async () => {
          await writeNewFile(staged, bytes)
          written += 1
          if (written === total || written % step === 0) onProgress?.({ done: written, total })
        })
        const exists = presentArticles.has(`${a.id.toLowerCase()}.json`)
        moves.push({ staged, target, backup: exists ? join(backups, `${a.id}.json`) : null })
      }
      let assetCount = 0
      for (const [name, bytes] of assets) {
        if (presentAssets.has(name)) continue
        const staged = join(staging, name)
        jobs.push(() => writeNewFile(staged, bytes))
        moves.push({ staged, target: join(root, 'assets', name), backup: null })
        assetCount += 1
      }
      await runBounded(jobs, 64, (job) => job())
      await fsyncDir(staging)
      await fsyncDir(backups)
      // A crash from here on is rolled back at the next start (import-recovery.ts).
      await writeMoves(root, staging, moves)
      let failed = false
      let started = 0
      await runBounded(moves, 32, async (move) => {
        if (failed) return
        if (failAfter !== undefined && started++ >= failAfter) {
          failed = true
          throw new Error('injected failure (test)')
        }
        if (move.backup) await rename(move.target, move.backup)
        try {
          await rename(move.staged, move.target)
        } catch (error) {
          failed = true
          if (move.backup) await rename(move.backup, move.target)
          throw error
        }
        done.push(move)
      })
      await fsyncDir(this.library.articlesDir)
      await fsyncDir(join(root, 'assets'))
      await markDone(staging)
      return assetCount
    } catch (error) {
      for (const move of done.reverse()) {
        await rm(move.target, { force: true })
        if (move.backup) await rename(move.backup, move.target)
      }
      throw error
    } finally {
      await rm(staging, { recursive: true, force: true })
    }
  }
}

/** Validates a candidate article with the article schema; a failure names the field (and line when known). */
function validated(candidate: unknown, where: (field: string) => string, lineOf?: (field: string) => number): Article {
  const parsed = articleSchema.safeParse(candidate)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue?.path.map(String).join('.') || '(root)'
  const top = String(issue?.path[0] ?? '')
  throw new ItemProblem(`${where(field)}: ${issue?.message ?? 'invalid'}`, lineOf?.(top), field)
}

function verifyManifest(label: string, bytes: Uint8Array, tree: SourceTree): void {
  let manifest: unknown
  try {
    manifest = JSON.parse(decodeUtf8(bytes, `${label} › ${MANIFEST_NAME}`))
  } catch (error) {
    if (error instanceof SourceRefusedError) throw error
    throw new SourceRefusedError(`${label}: ${MANIFEST_NAME} is not valid JSON`)
  }
  const hostile = findHostileJson(manifest, 8)
  if (hostile) throw new SourceRefusedError(`${label}: ${MANIFEST_NAME} refused, ${hostile}`)
  const m = manifest as { format?: unknown; files?: unknown }
  if (m.format !== 'newsdesk-manifest' || !Array.isArray(m.files)) return
  for (const f of m.files as { path?: unknown; sha256?: unknown }[]) {
    const file = typeof f.path === 'string' ? tree.files.get(f.path) : undefined
    if (!file) throw new SourceRefusedError(`${label}: ${String(f.path)} is listed in the manifest but missing`)
    if (sha256(file.bytes) !== f.sha256)
      throw new SourceRefusedError(`${label}: ${f.path} does not match its sha256 in the manifest (damaged or altered)`)
  }
}

/** The dry-run warning for images that were kept as text because they are not in the source (or not images). */
function unresolvedWarning(sources: string[]): string {
  const shown = sources.slice(0, 3).map((src) => JSON.stringify(src.length > 80 ? `${src.slice(0, 80)}…` : src))
  const more = sources.length > 3 ? ` and ${sources.length - 3} more` : ''
  return `${sources.length === 1 ? 'an image was' : `${sources.length} images were`} kept as text, not found in the source: ${shown.join(', ')}${more}`
}

function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new SourceRefusedError(`${label}: not valid UTF-8`)
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
