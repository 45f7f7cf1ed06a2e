import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { checkReadiness, describeIssue } from '../../../../shared/article/readiness'
import type { Article } from '../../../../shared/article/schema'
import type { FrontMatterOptions } from '../../../../shared/bundle/front-matter'
import { stableStringify } from '../../../../shared/bundle/deterministic-json'
import { fileNameProblem } from '../../../../shared/bundle/file-names'
import { JSON_BUNDLE_NAME, type JsonBundle, type JsonBundleEntry } from '../../../../shared/bundle/json-bundle'
import { buildManifest, MANIFEST_NAME, type ExportFormat } from '../../../../shared/bundle/manifest'
import {
  articleAssets,
  assetNameOf,
  createMarkdownCodec,
  type MarkdownCodec,
} from '../../../../shared/bundle/markdown-codec'
import { articleToNinjs, mediaTypeOf } from '../../../../shared/bundle/ninjs'
import { channelOf, feedItems, renderRss, rssDate, rssRefusal } from '../../../../shared/bundle/rss'
import { assertNever } from '../../../../shared/assert-never'
import { mediaKindLabel, plainText } from '../../../../shared/editor'
import type { ArticleFilter } from '../../../../shared/listing/filter'
import { buildListing, includedInListing, isPublic, listingDate } from '../../../../shared/listing/listing'
import { isoInZone, isoInZoneOrNull } from '../../../../shared/publication/clock'
import type { PublicationSettings } from '../../../../shared/publication/publication'
import { renderArticlePage, renderBodyHtml, renderListingPage, safeImageSrc } from '../../../../shared/render'
import {
  type ArticleLibrary,
  decodeArticleBytes,
  type DecodeOutcome,
  importGeneration,
  importsInMotion,
  readOneGeneration,
  settleImports,
} from '../library'
import { batchesOf, isCode, runBounded, usableWorkers, type WorkerPool, workspaceLayout } from '../storage'
import { PublicationStore } from '../workspace'
import { AtomicOutput, DestinationExistsError } from './atomic-output'
import { checkDestination, DestinationRefusedError } from './destination'
import { bodyMarkdown, relAsset, renderArticle } from './markdown-file'
import type { ExportJobItem, ExportJobResult } from './export-jobs'

/** Which articles an export covers: explicit ids, or the one article filter (all when neither is given). */
export interface ExportScope {
  ids?: readonly string[]
  filter?: ArticleFilter
}

/** Progress of a running export: articles done out of the total. */
export interface ExportProgress {
  done: number
  total: number
}

/** Everything one export needs; paths come from the CLI's arguments or a native dialog in main. */
export interface ExportOptions {
  format: ExportFormat
  destination: string
  zip?: boolean
  scope?: ExportScope
  /** Leave the export time out of the manifest (byte-identical output for the same workspace). */
  reproducible?: boolean
  overwrite?: boolean
  /** The publication (name, base URL, time zone, statuses, budgets); default: the workspace's own. */
  publication?: PublicationSettings
  /** Markdown: keep the internal front matter keys (editorsNote, status, revision) for another Newsdesk. */
  includeInternal?: boolean
  /** A publishing export (HTML, RSS) is refused when any article it carries fails a readiness rule. */
  strict?: boolean
  now?: () => Date
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
}

/** Result of an export; a failed or cancelled export leaves nothing at the destination. */
export type ExportOutcome =
  | { ok: true; destination: string; articleCount: number; fileCount: number; bytes: number; warnings: string[] }
  | {
      ok: false
      reason: 'cancelled' | 'invalid' | 'exists' | 'io' | 'busy'
      message: string
      /** For a refused destination: why (overlaps the workspace, exists, not a previous export). */
      destination?: 'overlap' | 'exists' | 'not-an-export'
    }

/** Article files read (and turned into output) at once. */
const READS_IN_FLIGHT = 32

/** Articles per batch sent to a bundle worker: big enough to make messages rare, small enough for smooth progress. */
const EXPORT_BATCH = 64

/** An import moved files while an export read them: the export is run again. */
const GENERATION_MOVED = Symbol('generation-moved')

class GenerationMovedError extends Error {}

/** Raised inside an export for input that cannot be exported (reported as reason "invalid"). */
class ExportInputError extends Error {}

/** An article's record with every time in the publication's zone, with its offset (the JSON bundle's form). */
function inZone(a: Article, timeZone: string): Article {
  return {
    ...a,
    publishAt: isoInZoneOrNull(a.publishAt, timeZone),
    embargoUntil: isoInZoneOrNull(a.embargoUntil, timeZone),
    createdAt: isoInZone(a.createdAt, timeZone),
    updatedAt: isoInZone(a.updatedAt, timeZone),
  }
}

/** Where page `n` of an exported HTML listing is written (1: index.html). */
export function listingPagePath(page: number): string {
  return page <= 1 ? 'index.html' : `page/${page}.html`
}

/**
 * Runs exports of one workspace in every format; one Markdown codec is built per service and reused (the
 * app keeps one service per open workspace, the CLI one per command). Progress is reported for every
 * article, unthrottled: the caller that pushes it somewhere throttles (the app's ExportController).
 */
export class ExportService {
  private codecInstance: MarkdownCodec | null = null

  /**
   * `workers`: threads for big Markdown exports, passed in by whoever builds the service (`createWorkerPool`;
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

  /** The ids in scope, from the library's current listing (resolved once per attempt of an export). */
  private scopeIds(scope: ExportScope): readonly string[] {
    return scope.ids ?? this.library.list(scope.filter ?? {}).map((s) => s.id)
  }

  /** The publication the workspace keeps (name, base URL, time zone, statuses, budgets). */
  publication(): Promise<PublicationSettings> {
    return new PublicationStore(() => this.library.root).get()
  }

  /** Reads and validates one article file directly (no stat first, as library.load does). */
  private async readArticle(id: string): Promise<Article> {
    const bytes = await readIfPresent(this.library.pathOf(id))
    const result: DecodeOutcome = bytes
      ? decodeArticleBytes(bytes, `${id}.json`)
      : { ok: false, reason: 'not-found', message: `${id}.json does not exist` }
    if (!result.ok) throw new ExportInputError(`article ${id}: ${result.message}`)
    return result.article
  }

  /** Runs `each` over `ids` with several files in flight; stops at the first failure or a cancel. */
  private forEachArticle(
    ids: readonly string[],
    signal: AbortSignal | undefined,
    each: (article: Article, index: number) => Promise<void> | void,
  ): Promise<void> {
    return runBounded(ids, READS_IN_FLIGHT, async (id, index) => {
      throwIfAborted(signal)
      await each(await this.readArticle(id), index)
    })
  }

  /**
   * Settles imports (waits for a live one, rolls back a dead one) and relists when an import changed the
   * workspace since the library listed it; returns the generation the listing is of. Waits first for a first
   * listing still under way (a large folder or index cache listed head first) to hold every article.
   */
  private async settled(): Promise<string> {
    await this.library.listedWhole
    const generation = await settleImports(this.library.root)
    if (generation !== this.library.generation) await this.library.relist()
    return this.library.generation
  }

  /** True when an import moved files since `generation` was read (or is moving them now). */
  private async moved(generation: string): Promise<boolean> {
    const root = this.library.root
    return (await importsInMotion(root)).length > 0 || (await importGeneration(root)) !== generation
  }

  /**
   * Loads the articles in scope in a stable order (slug, then id), all of one import generation (read again
   * when an import moved files meanwhile); unreadable files are reported.
   */
  async loadScope(scope: ExportScope = {}, signal?: AbortSignal): Promise<Article[]> {
    return readOneGeneration(this.library.root, async () => {
      await this.settled()
      return this.loadNow(this.scopeIds(scope), signal)
    })
  }

  private async loadNow(ids: readonly string[], signal?: AbortSignal): Promise<Article[]> {
    const articles: Article[] = new Array(ids.length)
    await this.forEachArticle(ids, signal, (article, index) => {
      articles[index] = article
    })
    return articles.sort(bySlugThenId)
  }

  /**
   * The scope in export order (slug, then id) and the file names, from the library's summaries, so a
   * Markdown export can stream: each article is read, written and dropped, and memory stays flat on
   * 50,000 articles (holding them all made garbage collection a large share of the time). Null when an id
   * has no summary (then everything is loaded first, as for the other formats).
   */
  private plan(
    ids: readonly string[],
  ): { ids: string[]; slugs: Map<string, string>; names: Map<string, string> } | null {
    const summaries = []
    for (const id of ids) {
      const summary = this.library.summary(id)
      if (!summary) return null
      summaries.push(summary)
    }
    summaries.sort(bySlugThenId)
    return {
      ids: summaries.map((s) => s.id),
      slugs: new Map(summaries.map((s) => [s.id, s.slug])),
      names: fileNamesFor(summaries),
    }
  }

  /**
   * Runs one export: writes into a temp location beside the destination and moves it in when complete. It
   * reads one generation of the workspace: when an import moved files while it read, the output is dropped
   * and the export runs again (three times at most).
   */
  async run(options: ExportOptions): Promise<ExportOutcome> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.runOnce(options)
      if (outcome !== GENERATION_MOVED) return outcome
      if (attempt >= 3)
        return {
          ok: false,
          reason: 'io',
          message: 'imports kept changing the workspace during the export; nothing was written, export again',
        }
    }
  }

  private async runOnce(options: ExportOptions): Promise<ExportOutcome | typeof GENERATION_MOVED> {
    let generation: string | null = null
    const publication = options.publication ?? (await this.publication())
    const zone = publication.timeZone
    if (options.format === 'rss') {
      const refusal = rssRefusal(publication)
      if (refusal) return { ok: false, reason: 'invalid', message: refusal }
    }
    const output = new AtomicOutput(options.destination, options.zip ?? false)
    const warnings: string[] = []
    const frontMatter: FrontMatterOptions = { timeZone: zone, includeInternal: options.includeInternal ?? false }
    const format = options.format
    try {
      // The same rule for the CLI and the app's dialog: never the workspace (or inside it, or around it); an
      // existing destination only with overwrite, and then only a previous Newsdesk export.
      await checkDestination(options.destination, {
        workspace: this.library.root,
        zip: options.zip ?? false,
        overwrite: options.overwrite ?? false,
      })
      await output.lock()
      generation = await this.settled()
      const ids = this.scopeIds(options.scope ?? {})
      const planned = format === 'markdown' ? this.plan(ids) : null
      const loaded = planned ? [] : await this.loadNow(ids, options.signal)
      throwIfAborted(options.signal)
      // Reader-facing formats carry only what the publication lists: its statuses (never a draft) and filters.
      const readerFacing = format === 'html' || format === 'rss'
      const articles = readerFacing
        ? loaded.filter((a) => isPublic(a, publication) && includedInListing(a, publication))
        : loaded
      if (readerFacing) {
        const issues = checkReadiness(articles, (options.now ?? (() => new Date()))(), publication)
        if (issues.length > 0 && options.strict) {
          throw new ExportInputError(
            `${issues.length} readiness ${issues.length === 1 ? 'issue' : 'issues'} in the articles to publish; nothing was written:\n${issues.map(describeIssue).join('\n')}`,
          )
        }
        for (const issue of issues) warnings.push(describeIssue(issue))
      }
      const names = planned ? planned.names : fileNamesFor(articles)
      const total = planned ? planned.ids.length : articles.length
      const progress = (done: number) => options.onProgress?.({ done, total })
      progress(0)
      const assets = new Set<string>()
      const collectAssets = (a: Article) => {
        for (const name of articleAssets(a)) assets.add(name)
      }
      const bodyHtml = (a: Article, href: (n: string) => string) =>
        renderBodyHtml(a.body, {
          resolveImage: (src) => {
            const n = assetNameOf(src)
            // Anything that is not a workspace asset goes through the renderer's policy (no remote pixels).
            return n ? href(n) : safeImageSrc(src)
          },
          kindLabel: (kind) => mediaKindLabel(kind, a.language),
        })
      switch (format) {
        case 'markdown': {
          let done = 0
          const write = async (a: Article) => {
            const r = renderArticle(this.codec, a, frontMatter)
            for (const name of r.assets) assets.add(name)
            await output.add(`articles/${names.get(a.id)}.md`, r.text)
            progress(++done)
          }
          const workers = planned && !output.zip ? await usableWorkers(this.workers, planned.ids.length) : null
          if (planned && workers) {
            // Each worker reads, validates, renders and writes its own share; only paths and hashes come back.
            const dir = await output.folder('articles')
            const items: ExportJobItem[] = planned.ids.map((id, index) => ({
              index,
              id,
              source: this.library.pathOf(id),
              target: join(dir, `${names.get(id)}.md`),
              slug: planned.slugs.get(id) as string,
              frontMatter,
            }))
            await workers.run<ExportJobResult>(
              'export-markdown',
              batchesOf(items, EXPORT_BATCH),
              (results) => {
                for (const r of results) {
                  if (!r.ok) throw r.invalid ? new ExportInputError(r.message) : new Error(r.message)
                  output.record(`articles/${names.get(planned.ids[r.index] as string)}.md`, r.sha256, r.size)
                  for (const name of r.assets) assets.add(name)
                  progress(++done)
                }
              },
              { ...(options.signal ? { signal: options.signal } : {}) },
            )
          } else if (planned) {
            await this.forEachArticle(planned.ids, options.signal, async (a) => {
              if (planned.slugs.get(a.id) !== a.slug)
                throw new ExportInputError(
                  `article "${a.headline || a.id}" changed on disk during the export (its slug is now "${a.slug}"); export again`,
                )
              await write(a)
            })
          } else {
            for (const a of articles) {
              throwIfAborted(options.signal)
              await write(a)
            }
          }
          await this.addAssets(output, assets, warnings)
          break
        }
        case 'json': {
          const entries: JsonBundleEntry[] = []
          for (const [i, a] of articles.entries()) {
            throwIfAborted(options.signal)
            collectAssets(a)
            entries.push({
              article: inZone(a, zone),
              renditions: {
                html: bodyHtml(a, (n) => `assets/${n}`),
                markdown: bodyMarkdown(this.codec, a.body, (n) => `assets/${n}`),
              },
            })
            progress(i + 1)
          }
          const bundle: JsonBundle = {
            format: 'newsdesk-bundle',
            version: 1,
            generator: 'Newsdesk',
            articles: entries,
            assets: {},
          }
          for (const name of [...assets].sort()) {
            const bytes = await this.readAsset(name, warnings)
            if (bytes)
              bundle.assets[name] = { mediaType: mediaTypeOf(name), base64: Buffer.from(bytes).toString('base64') }
          }
          await output.add(JSON_BUNDLE_NAME, stableStringify(bundle))
          break
        }
        case 'ninjs':
          for (const [i, a] of articles.entries()) {
            throwIfAborted(options.signal)
            collectAssets(a)
            const ninjs = articleToNinjs(
              inZone(a, zone),
              { html: bodyHtml(a, relAsset), text: plainText(a.body) },
              relAsset,
            )
            await output.add(`ninjs/${names.get(a.id)}.json`, stableStringify(ninjs))
            progress(i + 1)
          }
          await this.addAssets(output, assets, warnings)
          break
        case 'rss': {
          const channel = channelOf(publication)
          const base = channel.link
          const items = feedItems(articles, publication.rssItems)
          for (const a of items) {
            const date = listingDate(a)
            if (rssDate(date) !== date)
              warnings.push(
                `article "${a.headline || a.id}": its date ${date} is outside what RSS can carry; the feed says ${rssDate(date)}`,
              )
          }
          await output.add(
            'feed.xml',
            renderRss(channel, items, (a) => `${base}articles/${names.get(a.id)}.html`, zone, {
              bodyHtml: (a) => bodyHtml(a, (n) => `${base}assets/${n}`),
            }),
          )
          progress(total)
          break
        }
        case 'html': {
          const now = (options.now ?? (() => new Date()))()
          // Every page of the listing, and each article linked back to the page that lists it.
          const pageCount = buildListing(articles, publication, now).pageCount
          const pageOf = new Map<string, number>()
          for (let page = 1; page <= pageCount; page += 1) {
            const path = listingPagePath(page)
            const up = page === 1 ? '' : '../'
            const html = renderListingPage(articles, publication, {
              now,
              page,
              theme: 'auto',
              hrefFor: (entry) => {
                pageOf.set(entry.id, page)
                return `${up}articles/${names.get(entry.id)}.html`
              },
              pageHref: (target) => (page === 1 ? '' : '../') + listingPagePath(target),
            })
            await output.add(path, html)
          }
          for (const [i, a] of articles.entries()) {
            throwIfAborted(options.signal)
            collectAssets(a)
            const page = renderArticlePage(a, publication, {
              now,
              theme: 'auto',
              backHref: `../${listingPagePath(pageOf.get(a.id) ?? 1)}`,
              resolveImage: (src) => {
                const n = assetNameOf(src)
                return n ? relAsset(n) : safeImageSrc(src)
              },
            })
            await output.add(`articles/${names.get(a.id)}.html`, page)
            progress(i + 1)
          }
          await this.addAssets(output, assets, warnings)
          break
        }
        default:
          assertNever(format)
      }
      throwIfAborted(options.signal)
      // Everything was read: it is one generation unless an import moved files meanwhile.
      if (await this.moved(generation)) throw new GenerationMovedError()
      const exportedAt = options.reproducible ? null : (options.now ?? (() => new Date()))().toISOString()
      await output.add(MANIFEST_NAME, stableStringify(buildManifest(format, total, output.files, exportedAt)), false)
      await output.commit(options.overwrite ?? false)
      return {
        ok: true,
        destination: options.destination,
        articleCount: total,
        fileCount: output.files.length + 1,
        bytes: output.size,
        warnings,
      }
    } catch (error) {
      await output.discard()
      if (generation !== null && !isAbort(error) && (await this.moved(generation).catch(() => false)))
        return GENERATION_MOVED
      if (error instanceof DestinationExistsError)
        return { ok: false, reason: 'exists', message: error.message, destination: 'exists' }
      if (error instanceof DestinationRefusedError) {
        const { reason, message } = error.refusal
        return reason === 'busy'
          ? { ok: false, reason: 'busy', message }
          : { ok: false, reason: reason === 'exists' ? 'exists' : 'invalid', message, destination: reason }
      }
      if (isAbort(error))
        return { ok: false, reason: 'cancelled', message: 'the export was cancelled; nothing was written' }
      if (error instanceof ExportInputError) return { ok: false, reason: 'invalid', message: error.message }
      return {
        ok: false,
        reason: 'io',
        message: `the export failed and nothing was written: ${(error as Error).message}`,
      }
    }
  }

  private async readAsset(name: string, warnings: string[]): Promise<Uint8Array | null> {
    try {
      return await readFile(workspaceLayout(this.library.root).asset(name))
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error
      warnings.push(`asset ${name} is referenced but missing from the workspace; left out`)
      return null
    }
  }

  private async addAssets(output: AtomicOutput, assets: Set<string>, warnings: string[]): Promise<void> {
    for (const name of [...assets].sort()) {
      const bytes = await this.readAsset(name, warnings)
      if (bytes) await output.add(`assets/${name}`, bytes)
    }
  }
}

/** Export order: slug, then id. */
function bySlugThenId(a: { slug: string; id: string }, b: { slug: string; id: string }): number {
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * File names (without extension) per article id: the slug, or `slug--<id prefix>` when two share a slug. A
 * slug has single hyphens only, so a suffixed name can never equal another article's slug; two sharing a
 * slug and an id prefix get their whole id. Checked unique before anything is written.
 */
function fileNamesFor(articles: readonly { id: string; slug: string; headline: string }[]): Map<string, string> {
  const count = new Map<string, number>()
  const prefixes = new Map<string, number>()
  const prefixOf = (a: { id: string; slug: string }) => `${a.slug}--${a.id.slice(0, 8).toLowerCase()}`
  for (const a of articles) {
    count.set(a.slug, (count.get(a.slug) ?? 0) + 1)
    prefixes.set(prefixOf(a), (prefixes.get(prefixOf(a)) ?? 0) + 1)
  }
  const names = new Map<string, string>()
  const owners = new Map<string, { id: string; headline: string }>()
  for (const a of articles) {
    const name =
      (count.get(a.slug) ?? 0) <= 1
        ? a.slug
        : (prefixes.get(prefixOf(a)) ?? 0) <= 1
          ? prefixOf(a)
          : `${a.slug}--${a.id.toLowerCase()}`
    const problem = fileNameProblem(`${name}.json`) ?? fileNameProblem(name)
    if (problem)
      throw new ExportInputError(
        `article "${a.headline || a.id}" cannot be exported: its slug makes ${problem}; change the slug`,
      )
    const owner = owners.get(name.toLowerCase())
    if (owner)
      throw new ExportInputError(
        `articles "${owner.headline || owner.id}" and "${a.headline || a.id}" would both be written as ${name}; change one slug`,
      )
    owners.set(name.toLowerCase(), a)
    names.set(a.id, name)
  }
  return names
}

/** The bytes of a file, or null when it does not exist. */
async function readIfPresent(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if (isCode(error, 'ENOENT')) return null
    throw error
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError')
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}
