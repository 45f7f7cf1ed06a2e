import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { migrateArticle } from '../../../shared/article/migrations'
import {
  ARTICLE_SCHEMA_VERSION,
  articleSchema,
  emptyDoc,
  toSummary,
  type Article,
  type ArticleId,
  type ArticleSummary,
} from '../../../shared/article/schema'
import { slugify, uniqueSlug } from '../../../shared/article/slug'
import type {
  ArticleDraft,
  ArticleQuery,
  LoadResult,
  NewArticleInput,
  SaveResult,
  WorkspaceInfo,
} from '../../../shared/ipc/contract'
import { isCode, writeDurable } from './durable-write'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Largest article file the library reads; bigger ones are refused as invalid. */
export const MAX_ARTICLE_BYTES = 10 * 1024 * 1024

/** sha256 of a file's bytes: the identity of the revision an editor loaded. */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The bytes an article is stored as (2-space JSON and a final newline). */
export function serializeArticle(article: Article): string {
  return `${JSON.stringify(article, null, 2)}\n`
}

/** Outcome of reading one article file. */
export type ReadOutcome =
  { ok: true; article: Article; hash: string } | { ok: false; reason: 'not-found' | 'invalid'; message: string }

/** Reads, migrates and validates one article file without throwing. */
export async function readArticleFile(path: string): Promise<ReadOutcome> {
  let bytes: Buffer
  try {
    const info = await stat(path)
    if (info.size > MAX_ARTICLE_BYTES) {
      return { ok: false, reason: 'invalid', message: `${basename(path)} is ${info.size} bytes, over the 10 MB limit` }
    }
    bytes = await readFile(path)
  } catch (error) {
    if (isCode(error, 'ENOENT')) return { ok: false, reason: 'not-found', message: `${basename(path)} does not exist` }
    throw error
  }
  if (bytes.byteLength === 0) return { ok: false, reason: 'invalid', message: `${basename(path)} is empty` }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { ok: false, reason: 'invalid', message: `${basename(path)} is not valid UTF-8` }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: 'invalid', message: `${basename(path)} is not valid JSON: ${(error as Error).message}` }
  }
  const migrated = migrateArticle(raw)
  if (!migrated.ok) return { ok: false, reason: 'invalid', message: `${basename(path)}: ${migrated.message}` }
  const parsed = articleSchema.safeParse(migrated.value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.join('.') || '(root)'
    return {
      ok: false,
      reason: 'invalid',
      message: `${basename(path)}: field ${where}: ${issue?.message ?? 'invalid'}`,
    }
  }
  return { ok: true, article: parsed.data, hash: contentHash(bytes) }
}

/** Options of a library; `now` is injectable so tests control time. */
export interface LibraryOptions {
  readOnly?: boolean
  now?: () => Date
}

/**
 * The articles of one workspace folder, owned by the main process: lists, loads, creates and saves
 * `articles/<id>.json` with durable writes and a content-hash conflict check. No electron import.
 */
export class ArticleLibrary {
  readonly articlesDir: string
  private readonly summaries = new Map<ArticleId, ArticleSummary>()
  private readonly now: () => Date
  private readonly readOnly: boolean

  private constructor(
    readonly root: string,
    options: LibraryOptions,
  ) {
    this.articlesDir = join(root, 'articles')
    this.now = options.now ?? (() => new Date())
    this.readOnly = options.readOnly ?? false
  }

  /** Opens (creating the folders of) a workspace and reads every article's summary. */
  static async open(root: string, options: LibraryOptions = {}): Promise<ArticleLibrary> {
    const library = new ArticleLibrary(root, options)
    if (!library.readOnly) {
      await mkdir(library.articlesDir, { recursive: true })
      await mkdir(join(root, 'assets'), { recursive: true })
      await mkdir(join(root, '.newsdesk'), { recursive: true })
    }
    await library.rescan()
    return library
  }

  /** Re-reads every article file into the summary list. */
  async rescan(): Promise<void> {
    this.summaries.clear()
    let names: string[] = []
    try {
      names = await readdir(this.articlesDir)
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error
    }
    for (const name of names.sort()) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : ''
      if (!UUID_RE.test(id)) continue
      const outcome = await readArticleFile(join(this.articlesDir, name))
      if (outcome.ok && outcome.article.id === id) this.summaries.set(id, toSummary(outcome.article))
    }
  }

  /** Facts about the workspace for the renderer. */
  info(): WorkspaceInfo {
    return {
      name: basename(this.root),
      displayPath: this.root,
      articleCount: this.summaries.size,
      readOnly: this.readOnly,
    }
  }

  /** Summaries matching `query`, most recently updated first. */
  list(query: ArticleQuery = {}): ArticleSummary[] {
    return [...this.summaries.values()]
      .filter(
        (s) =>
          (query.status === undefined || s.status === query.status) &&
          (query.kind === undefined || s.kind === query.kind) &&
          (query.language === undefined || s.language === query.language) &&
          (query.tag === undefined || s.tags.includes(query.tag)),
      )
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id)))
  }

  /** Path of an article file; refuses anything that is not a UUID so no id can name another path. */
  pathOf(id: ArticleId): string {
    if (!UUID_RE.test(id)) throw new Error(`not an article id: ${JSON.stringify(id)}`)
    return join(this.articlesDir, `${id.toLowerCase()}.json`)
  }

  /** Loads one article with the hash its next save must quote. */
  async load(id: ArticleId): Promise<LoadResult> {
    const outcome = await readArticleFile(this.pathOf(id))
    if (!outcome.ok) return outcome
    return { ok: true, article: outcome.article, hash: outcome.hash }
  }

  /** Creates a new draft article with a unique slug and writes it durably. */
  async create(input: NewArticleInput): Promise<LoadResult> {
    if (this.readOnly) return { ok: false, reason: 'invalid', message: 'the workspace is open read-only' }
    const now = this.now().toISOString()
    const headline = input.headline ?? ''
    const taken = new Set([...this.summaries.values()].map((s) => s.slug))
    const article: Article = {
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      id: randomUUID(),
      slug: uniqueSlug(slugify(headline), taken),
      headline,
      standfirst: '',
      kind: input.kind ?? 'article',
      status: 'draft',
      tags: [],
      byline: '',
      dateline: '',
      language: input.language ?? 'en',
      publishAt: null,
      embargoUntil: null,
      editorsNote: '',
      featuredImage: null,
      createdAt: now,
      updatedAt: now,
      revision: 1,
      body: emptyDoc(),
    }
    const bytes = serializeArticle(article)
    await writeDurable(this.pathOf(article.id), bytes)
    this.summaries.set(article.id, toSummary(article))
    return { ok: true, article, hash: contentHash(bytes) }
  }

  /** Saves edited fields if the file on disk is still the one the editor loaded; otherwise refuses. */
  async save(draft: ArticleDraft): Promise<SaveResult> {
    if (this.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
    const path = this.pathOf(draft.id)
    const current = await readArticleFile(path)
    if (!current.ok) {
      return current.reason === 'not-found'
        ? { ok: false, reason: 'not-found', message: `article ${draft.id} is not in the workspace` }
        : { ok: false, reason: 'conflict', message: `the file on disk is unreadable: ${current.message}` }
    }
    if (current.hash !== draft.baseHash) {
      return {
        ok: false,
        reason: 'conflict',
        message: `the article changed on disk since it was loaded (now revision ${current.article.revision})`,
      }
    }
    const slugOwner = [...this.summaries.values()].find((s) => s.slug === draft.fields.slug && s.id !== draft.id)
    if (slugOwner) {
      return {
        ok: false,
        reason: 'invalid',
        message: `slug "${draft.fields.slug}" is already used by "${slugOwner.headline}"`,
      }
    }
    const savedAt = this.now().toISOString()
    const candidate = {
      ...current.article,
      ...draft.fields,
      updatedAt: savedAt,
      revision: current.article.revision + 1,
    }
    const parsed = articleSchema.safeParse(candidate)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return {
        ok: false,
        reason: 'invalid',
        message: `field ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
      }
    }
    const bytes = serializeArticle(parsed.data)
    try {
      await writeDurable(path, bytes)
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not write the article: ${(error as Error).message}` }
    }
    this.summaries.set(draft.id, toSummary(parsed.data))
    return { ok: true, article: parsed.data, hash: contentHash(bytes), savedAt }
  }
}
