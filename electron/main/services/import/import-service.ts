import { randomBytes, randomUUID } from 'node:crypto'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import { migrateArticle } from '../../../../shared/article/migrations'
import type { Article, TiptapDoc } from '../../../../shared/article/schema'
import { uniqueSlug } from '../../../../shared/article/slug'
import { findHostileJson } from '../../../../shared/bundle/deterministic-json'
import { JSON_BUNDLE_NAME, type JsonBundle } from '../../../../shared/bundle/json-bundle'
import { MANIFEST_NAME } from '../../../../shared/bundle/manifest'
import {
  assetNameOf,
  createMarkdownCodec,
  normalizeImages,
  type MarkdownCodec,
} from '../../../../shared/bundle/markdown-codec'
import { impossibleDate } from '../../../../shared/bundle/front-matter'
import bundleSchema from '../../../../shared/bundle/newsdesk-bundle.schema.json' with { type: 'json' }
import { type ArticleLibrary, contentHash, strictUtf8 } from '../library'
import {
  batchesOf,
  crashStep,
  fsyncDir,
  runBounded,
  usableWorkers,
  type WorkerPool,
  writeNewFile,
  type WrittenStamp,
  workspaceLayout,
} from '../storage'
import {
  importMarkdownItem,
  type ImportJobContext,
  type ImportJobItem,
  type ImportJobResult,
  type StageJobItem,
  type StageJobResult,
} from './import-jobs'
import { importGeneration, markDone, writeMoves } from '../library'
import {
  IMAGE_EXT,
  ItemProblem,
  MARKDOWN_EXT,
  storedItem,
  unresolvedWarning,
  validated,
  type ItemProblemData,
  type StoredItem,
} from './markdown-item'
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
  | { ok: true; created: number; updated: number; skipped: number; assets: number; firstId: string | null }
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
  /** Articles written so far out of the total (the apply's progress): called for every article, unthrottled. */
  onProgress?: (progress: { done: number; total: number }) => void
}

interface PlannedItem extends ImportItem {
  /** A valid item as it will be stored (head, file bytes, assets); absent for invalid items. */
  valid?: StoredItem
}

interface Plan {
  items: PlannedItem[]
  assets: Map<string, Uint8Array>
}

/** Markdown files per batch sent to a bundle worker. */
const IMPORT_BATCH = 64

/** Staged files per batch sent to a bundle worker during an apply. */
const STAGE_BATCH = 64

/**
 * Imports Newsdesk JSON and Markdown bundles and Hugo / Jekyll / Decap Markdown into a workspace: a dry run
 * first (new, update, conflict, invalid with file, line and field), then an all-or-nothing apply that
 * stages every file and rolls back on failure. No electron import.
 */
export class ImportService {
  private readonly plans = new Map<string, Plan>()
  private codecInstance: MarkdownCodec | null = null
  private validateBundle: ReturnType<Ajv2020['compile']> | null = null

  /**
   * `workers`: threads for big Markdown imports, passed in by whoever builds the service (`createWorkerPool`;
   * null: everything on this thread).
   */
  constructor(
    private readonly library: ArticleLibrary,
    private readonly workers: WorkerPool | null,
  ) {}

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
      // Markdown files of a folder are listed here and read where they are parsed (see collect).
      const tree = await readSource(path, limits, MARKDOWN_EXT)
      const before = plan.items.length
      await this.collect(tree, plan, limits, now)
      if (plan.items.length === before)
        throw new SourceRefusedError(
          `${tree.label} holds no article: no Markdown file (.md, .markdown) and no Newsdesk bundle in it`,
        )
    }
    // A first listing still under way (a large folder or index cache listed head first) is waited for: an
    // article not listed yet must be found as existing, not planned as new.
    await this.library.listedWhole
    this.classify(plan)
    const planId = randomBytes(12).toString('hex')
    this.plans.set(planId, plan)
    const counts: Record<ImportItemStatus, number> = { new: 0, update: 0, unchanged: 0, conflict: 0, invalid: 0 }
    for (const item of plan.items) counts[item.status] += 1
    return { planId, items: plan.items.map(({ valid: _v, ...row }) => row), counts }
  }

  /** Forgets a dry run that will not be applied. */
  discard(planId: string): void {
    this.plans.delete(planId)
  }

  private async collect(tree: SourceTree, plan: Plan, limits: ImportLimits, now: string): Promise<void> {
    const row = (source: string, outcome: { valid: StoredItem; warnings: string[] } | ItemProblemData): PlannedItem => {
      const index = plan.items.length
      if (!('valid' in outcome))
        return { index, source: `${tree.label} › ${source}`, status: 'invalid', problem: outcome }
      const { head } = outcome.valid
      return {
        index,
        source: `${tree.label} › ${source}`,
        status: 'new',
        valid: outcome.valid,
        headline: head.headline,
        slug: head.slug,
        id: head.id,
        ...(outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {}),
      }
    }
    const add = (source: string, make: (warnings: string[]) => Article) => {
      try {
        const warnings: string[] = []
        plan.items.push(row(source, { valid: storedItem(make(warnings)), warnings }))
      } catch (error) {
        if (!(error instanceof ItemProblem)) throw error
        plan.items.push(row(source, error.toData()))
      }
    }
    // Entries refused by their type (a FIFO, a device): one invalid row each, never opened.
    for (const entry of tree.skipped) plan.items.push(row(entry.path, { message: entry.message }))
    const manifest = tree.files.get(MANIFEST_NAME)
    // Listed files (read where they are parsed) are checked against the manifest once their hash is known.
    const expected = manifest ? verifyManifest(tree.label, manifest.bytes, tree) : new Map<string, string>()
    const bundleFile =
      tree.files.get(JSON_BUNDLE_NAME) ??
      (tree.kind === 'file' && [...tree.files.keys()][0]?.endsWith('.json') ? [...tree.files.values()][0] : undefined)
    if (bundleFile) {
      const bundle = this.parseBundle(tree.label, bundleFile.bytes, limits)
      for (const [name, asset] of Object.entries(bundle.assets)) {
        const bytes = Buffer.from(asset.base64, 'base64')
        if (`${contentHash(bytes)}${name.slice(64)}` !== name) {
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
          for (const key of ['publishAt', 'embargoUntil', 'createdAt', 'updatedAt']) {
            const date = value[key]
            const problem = typeof date === 'string' ? impossibleDate(date) : null
            if (problem) throw new ItemProblem(problem, undefined, `articles[${i}].article.${key}`)
          }
          return validated(value, (f) => `articles[${i}].article.${f}`)
        }),
      )
      return
    }
    const markdown: Omit<ImportJobItem, 'index'>[] = [
      ...[...tree.files.values()].filter((file) => MARKDOWN_EXT.test(file.path)),
      ...[...tree.deferred.values()].map((file) => ({ path: file.path, file })),
    ].sort((a, b) => (a.path < b.path ? -1 : 1))
    // The source's images by path, named by content hash as the workspace stores them.
    const images = new Map<string, string>()
    let total = 0
    for (const file of tree.files.values()) {
      total += file.bytes.byteLength
      if (!IMAGE_EXT.test(file.path)) continue
      const ext = file.path.slice(file.path.lastIndexOf('.') + 1).toLowerCase()
      images.set(file.path, `${contentHash(file.bytes)}.${ext}`)
    }
    const context: ImportJobContext = {
      now,
      images,
      label: tree.label,
      maxFileBytes: limits.maxFileBytes,
      maxItemMs: limits.maxItemMs,
      hashFiles: expected.size > 0,
    }
    const results: ImportJobResult[] = new Array(markdown.length)
    const take = (r: ImportJobResult) => {
      if ('refused' in r) throw new SourceRefusedError(r.refused)
      const path = (markdown[r.index] as { path: string }).path
      if (tree.deferred.has(path)) {
        total += r.from.size
        if (total > limits.maxTotalBytes)
          throw new SourceRefusedError(`${tree.label}: more than ${limits.maxTotalBytes} bytes, over the limit`)
        const sha = expected.get(path)
        if (sha !== undefined && sha !== r.from.sha256)
          throw new SourceRefusedError(
            `${tree.label}: ${path} does not match its sha256 in the manifest (damaged or altered)`,
          )
      }
      results[r.index] = r
    }
    const items: ImportJobItem[] = markdown.map((file, index) => ({ index, ...file }))
    const workers = await usableWorkers(this.workers, items.length)
    if (workers) {
      // Each worker reads, parses, maps and validates its share; the stored bytes come back, not articles.
      await workers.run<ImportJobResult>(
        'import-markdown',
        batchesOf(items, IMPORT_BATCH),
        (batch) => batch.forEach(take),
        { context },
      )
    } else {
      for (const item of items) take(importMarkdownItem(this.codec, context, item))
    }
    for (const [i, r] of results.entries()) {
      const path = (markdown[i] as { path: string }).path
      if (!r.ok) {
        plan.items.push(row(path, (r as { problem: ItemProblemData }).problem))
        continue
      }
      for (const used of r.usedImages) {
        const file = tree.files.get(used)
        if (file) plan.assets.set(images.get(used) as string, file.bytes)
      }
      plan.items.push(
        row(path, { valid: { head: r.head, stored: r.stored, hash: r.hash, assets: r.assets }, warnings: r.warnings }),
      )
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

  private classify(plan: Plan): void {
    const existing = new Map(this.library.list({}).map((s) => [s.id, s]))
    const bySlug = new Map([...existing.values()].map((s) => [s.slug, s]))
    const seenIds = new Map<string, string>()
    const seenSlugs = new Map<string, string>()
    for (const item of plan.items) {
      const a = item.valid?.head
      if (!a) continue
      const dupId = seenIds.get(a.id)
      const dupSlug = seenSlugs.get(a.slug)
      if (dupId || dupSlug) {
        item.status = 'invalid'
        item.problem = dupId
          ? { message: `id ${a.id} appears twice in the import (also ${dupId})`, field: 'id' }
          : { message: `slug "${a.slug}" appears twice in the import (also ${dupSlug})`, field: 'slug' }
        delete item.valid
        continue
      }
      seenIds.set(a.id, item.source)
      seenSlugs.set(a.slug, item.source)
      const same = existing.get(a.id)
      const slugOwner = bySlug.get(a.slug)
      if (same) {
        // Instants, not strings: an export writes times in the publication's zone ("+01:00"), the store in UTC.
        const theirs = Date.parse(a.updatedAt)
        const ours = Date.parse(same.updatedAt)
        if (same.revision === a.revision && theirs === ours) item.status = 'unchanged'
        else if (a.revision > same.revision || (a.revision === same.revision && theirs > ours)) item.status = 'update'
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
    await this.library.listedWhole
    const existing = new Map(this.library.list({}).map((s) => [s.id, s]))
    const taken = new Set([...existing.values()].map((s) => s.slug))
    const writes: StoredItem[] = []
    let created = 0
    let updated = 0
    let skipped = 0
    for (const item of plan.items) {
      const valid = item.valid
      if (!valid || item.status === 'invalid' || item.status === 'unchanged') {
        skipped += 1
        continue
      }
      const a = valid.head
      if (item.status === 'new' || item.status === 'update') {
        if (item.status === 'new' && existing.has(a.id)) {
          return {
            ok: false,
            reason: 'stale',
            message: `the workspace changed since the dry run (${a.id} now exists); run it again`,
          }
        }
        writes.push(valid)
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
          writes.push(
            changed(valid, {
              id: target?.id ?? a.id,
              revision: Math.max(a.revision, (target?.revision ?? 0) + 1),
            }),
          )
          updated += 1
          break
        case 'keep-both': {
          const slug = uniqueSlug(a.slug, taken)
          taken.add(slug)
          writes.push(changed(valid, { id: randomUUID(), slug }))
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
    for (const w of writes) {
      for (const name of w.assets) {
        const bytes = plan.assets.get(name)
        if (bytes) assets.set(name, bytes)
      }
    }
    const generationBefore = await importGeneration(this.library.root)
    try {
      // Encoded and hashed once, where each item was validated: the same bytes are written here.
      const { assetCount, stamps } = await this.commit(writes, assets, options.failAfterCommits, options.onProgress)
      crashStep('import:cleaned')
      // Every article was validated in the dry run and written above: the library adopts them without
      // reading them back (one index write, not a rescan that re-reads and re-validates every file). It keeps
      // only each article's summary, so the head is all it is handed, with the stamp its writer took.
      await this.library.adoptWritten(
        writes.map(({ head, hash }, i) => {
          const stamp = stamps[i]
          return { article: head, hash, ...(stamp ? { stamp } : {}) }
        }),
      )
      // The library now lists this import: when it listed the generation before it, it lists the new one
      // (so the next export need not rescan).
      if (this.library.generation === generationBefore)
        this.library.generation = await importGeneration(this.library.root)
      return { ok: true, created, updated, skipped, assets: assetCount, firstId: writes[0]?.head.id ?? null }
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
   * A big import's staged files are written by the bundle workers, which also stamp each article file (size
   * and modification time, kept by the rename) so the library need not stat them again.
   */
  private async commit(
    articles: StoredItem[],
    assets: Map<string, Uint8Array>,
    failAfter?: number,
    onProgress?: (progress: { done: number; total: number }) => void,
  ): Promise<{ assetCount: number; stamps: (WrittenStamp | undefined)[] }> {
    const layout = workspaceLayout(this.library.root)
    const staging = layout.importStaging(randomBytes(6).toString('hex'))
    const backups = join(staging, 'backup')
    await mkdir(backups, { recursive: true })
    await mkdir(layout.assets, { recursive: true })
    // One listing per folder instead of a stat per file.
    const [presentArticles, presentAssets] = await Promise.all([
      readdir(this.library.articlesDir).then((names) => new Set(names)),
      readdir(layout.assets).then((names) => new Set(names)),
    ])
    const moves: { staged: string; target: string; backup: string | null }[] = []
    const done: typeof moves = []
    const total = articles.length
    let written = 0
    // Every article is reported; whoever pushes the counts on throttles them (the app's ImportController).
    const wroteArticle = () => {
      written += 1
      onProgress?.({ done: written, total })
    }
    onProgress?.({ done: 0, total })
    const stamps: (WrittenStamp | undefined)[] = new Array(total)
    try {
      // Moves (and the files to stage) in order: the articles first, then the assets not yet present.
      const files: StageJobItem[] = []
      for (const { head: a, stored } of articles) {
        const staged = join(staging, `${a.id}.json`)
        files.push({ index: files.length, path: staged, bytes: stored })
        const exists = presentArticles.has(`${a.id.toLowerCase()}.json`)
        moves.push({ staged, target: this.library.pathOf(a.id), backup: exists ? join(backups, `${a.id}.json`) : null })
      }
      for (const [name, bytes] of assets) {
        if (presentAssets.has(name)) continue
        const staged = join(staging, name)
        files.push({ index: files.length, path: staged, bytes })
        moves.push({ staged, target: layout.asset(name), backup: null })
      }
      const workers = await usableWorkers(this.workers, total)
      if (workers) {
        await workers.run<StageJobResult>('stage-files', batchesOf(files, STAGE_BATCH), (results) => {
          for (const { index, size, mtimeNs } of results) {
            if (index >= total) continue
            stamps[index] = { size, mtimeNs }
            wroteArticle()
          }
        })
      } else {
        await runBounded(files, 64, async ({ index, path, bytes }) => {
          await writeNewFile(path, bytes)
          if (index < total) wroteArticle()
        })
      }
      await fsyncDir(staging)
      await fsyncDir(backups)
      crashStep('import:staged')
      // A crash from here on is rolled back at the next start (import-recovery.ts).
      await writeMoves(layout.root, staging, moves)
      crashStep('import:moves-listed')
      let failed = false
      let started = 0
      await runBounded(moves, 32, async (move) => {
        if (failed) return
        if (failAfter !== undefined && started++ >= failAfter) {
          failed = true
          throw new Error('injected failure (test)')
        }
        // The k-th move about to start: earlier moves may be done, half done (target parked) or in flight.
        crashStep('import:move')
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
      await fsyncDir(layout.assets)
      crashStep('import:moved')
      await markDone(staging)
      crashStep('import:done-marked')
      return { assetCount: files.length - total, stamps }
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

/**
 * Checks every file the manifest lists: present, and (for files already read) matching its sha256. Returns
 * the expected sha256 of the listed-but-unread files, checked once they are read.
 */
function verifyManifest(label: string, bytes: Uint8Array, tree: SourceTree): Map<string, string> {
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
  const later = new Map<string, string>()
  if (m.format !== 'newsdesk-manifest' || !Array.isArray(m.files)) return later
  for (const f of m.files as { path?: unknown; sha256?: unknown }[]) {
    const path = typeof f.path === 'string' ? f.path : null
    const file = path !== null ? tree.files.get(path) : undefined
    if (path !== null && !file && tree.deferred.has(path)) {
      later.set(path, String(f.sha256))
      continue
    }
    if (!file) throw new SourceRefusedError(`${label}: ${String(f.path)} is listed in the manifest but missing`)
    if (contentHash(file.bytes) !== f.sha256)
      throw new SourceRefusedError(`${label}: ${f.path} does not match its sha256 in the manifest (damaged or altered)`)
  }
  return later
}

function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    throw new SourceRefusedError(`${label}: not valid UTF-8`)
  }
}

/** A stored item with some top-level fields changed (a conflict resolved by overwrite or keep-both). */
function changed(item: StoredItem, fields: Partial<Pick<Article, 'id' | 'slug' | 'revision'>>): StoredItem {
  const article = { ...(JSON.parse(strictUtf8.decode(item.stored)) as Article), ...fields }
  return storedItem(article)
}
