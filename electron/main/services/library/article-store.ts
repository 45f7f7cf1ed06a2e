import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import {
  ARTICLE_SCHEMA_VERSION,
  articleSchema,
  emptyDoc,
  isConflicted,
  pickFields,
  type Article,
  type ArticleHead,
  type ArticleId,
} from '../../../../shared/article/schema'
import { slugify, uniqueSlug } from '../../../../shared/article/slug'
import { resolveConflicts, type ConflictChoice } from '../../../../shared/sync/resolve-conflicts'
import { withBlockIds } from '../../../../shared/editor/block-ids'
import type {
  ArticleDraft,
  DeleteResult,
  EmptyTrashResult,
  JournalEntry,
  LoadResult,
  NewArticleInput,
  RevisionReason,
  SaveResult,
  TrashRestoreResult,
} from '../../../../shared/ipc/contract'
import { isCode, writeDurable, type WrittenStamp } from '../storage'
import type { ServiceEvents } from '../service-events'
import { contentHash, readArticleFile, sameFields, serializeArticle } from './article-file'
import type { ArticleCatalogue } from './catalogue'
import type { HistoryStore } from './history'
import type { JournalStore } from './journal'
import type { ArticleScanner } from './scanner'
import type { TrashStore } from './trash'

/** What the article store works with. */
export interface ArticleStoreDeps {
  catalogue: ArticleCatalogue
  scanner: ArticleScanner
  history: HistoryStore
  trash: TrashStore
  journal: JournalStore
  events: ServiceEvents
  readOnly: boolean
  now: () => Date
  /** Path of an article file (refuses anything that is not an article id). */
  pathOf: (id: ArticleId) => string
}

/**
 * Writes articles: create, save (with the content-hash conflict check and slug uniqueness), restore from
 * history or the trash, delete to the trash. Every write to one article runs after the earlier ones.
 */
export class ArticleStore {
  /**
   * Hash of each article as this store last wrote it, or as first listed (open, or a file appearing). A save
   * over a file whose hash differs (an external edit the user chose to overwrite: conflict "keep mine", or a
   * reload followed by edits) first keeps the disk version in history, so nothing is lost either way.
   */
  private readonly baseline = new Map<ArticleId, string>()
  /** Articles whose on-disk original is already kept in history this session (see save). */
  private readonly originalKept = new Set<ArticleId>()
  private readonly queues = new Map<ArticleId, Promise<unknown>>()

  constructor(private readonly deps: ArticleStoreDeps) {}

  /** Notes the hash an article was first listed with (its baseline, unless one is known). */
  listed(id: ArticleId, hash: string): void {
    if (!this.baseline.has(id)) this.baseline.set(id, hash)
  }

  /** Runs `task` after every earlier task on the same article (saves, deletes and re-reads never interleave). */
  serial<T>(id: ArticleId, task: () => Promise<T>): Promise<T> {
    const key = id.toLowerCase()
    const previous = this.queues.get(key) ?? Promise.resolve()
    const next = previous.then(task, task)
    const settled = next.then(
      () => undefined,
      () => undefined,
    )
    this.queues.set(key, settled)
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key)
    })
    return next
  }

  /** Lists an article just written (here or by the importer) without reading it back. */
  async rememberWritten(article: ArticleHead, hash: string, stamp?: WrittenStamp): Promise<void> {
    this.baseline.set(article.id, hash)
    if (stamp) return this.deps.scanner.remember(article, hash, stamp.size, stamp.mtimeNs)
    const info = await stat(this.deps.pathOf(article.id), { bigint: true }).catch(() => null)
    this.deps.scanner.remember(article, hash, info ? Number(info.size) : 0, info ? info.mtimeNs.toString() : '0')
  }

  /** Loads one article with the hash its next save must quote. */
  async load(id: ArticleId): Promise<LoadResult> {
    const outcome = await readArticleFile(this.deps.pathOf(id))
    if (!outcome.ok) return { ok: false, reason: outcome.reason, message: outcome.message }
    return { ok: true, article: outcome.article, hash: outcome.hash }
  }

  /** Creates a new draft article with a unique slug and writes it durably. */
  async create(input: NewArticleInput): Promise<LoadResult> {
    if (this.deps.readOnly) return { ok: false, reason: 'invalid', message: 'the workspace is open read-only' }
    const now = this.deps.now().toISOString()
    const headline = input.headline ?? ''
    const article: Article = {
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      id: randomUUID(),
      slug: uniqueSlug(slugify(headline), this.deps.catalogue.slugsTaken()),
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
    await writeDurable(this.deps.pathOf(article.id), bytes)
    const hash = contentHash(bytes)
    await this.rememberWritten(article, hash)
    await this.deps.history.record(article, 'create', now).catch(() => undefined)
    return { ok: true, article, hash }
  }

  /** Saves edited fields if the file on disk is still the one the editor loaded; otherwise refuses. */
  save(draft: ArticleDraft): Promise<SaveResult> {
    return this.serial(draft.id, () =>
      this.saveNow(draft, draft.mode ?? 'auto', (base) => ({ ok: true, value: { ...base, ...draft.fields } })),
    )
  }

  /**
   * Settles a conflicted article's merge records with the editor's choices (see shared/sync/resolve-conflicts),
   * as a save: the same on-disk check, slug rule, history and durable write. `deleted`: the choice was the
   * side that deleted the article (the caller moves it to the trash).
   */
  resolveConflicts(
    id: ArticleId,
    baseHash: string,
    choices: readonly ConflictChoice[],
  ): Promise<Extract<SaveResult, { ok: false }> | (Extract<SaveResult, { ok: true }> & { deleted: boolean })> {
    return this.serial(id, async () => {
      let deleted = false
      const saved = await this.saveNow({ id, baseHash }, 'explicit', (base) => {
        if (!isConflicted(base)) return { ok: false, message: 'the article has no conflicts to resolve' }
        const outcome = resolveConflicts(base, choices)
        if (!outcome.ok) return outcome
        deleted = outcome.deleted
        return { ok: true, value: outcome.article }
      })
      return saved.ok ? { ...saved, deleted } : saved
    })
  }

  /**
   * The one save path: checks the file is still the one loaded (`baseHash`), builds the new version from the
   * file's (`build`: the draft's fields over it, or a conflict resolution), checks the slug and the schema,
   * keeps history and writes durably.
   */
  private async saveNow(
    draft: Pick<ArticleDraft, 'id' | 'baseHash'>,
    reason: RevisionReason,
    build: (base: Article) => { ok: true; value: Record<string, unknown> } | { ok: false; message: string },
  ): Promise<SaveResult> {
    if (this.deps.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
    const path = this.deps.pathOf(draft.id)
    const current = await readArticleFile(path)
    let base: Article
    if (!current.ok) {
      if (current.reason !== 'not-found') {
        return { ok: false, reason: 'conflict', message: `the file on disk is unreadable: ${current.message}` }
      }
      // Deleted on disk while open: the editor kept the text, and saving recreates the article.
      const recreated = await this.recreatedBase(draft.id)
      if (!recreated) return { ok: false, reason: 'not-found', message: `article ${draft.id} is not in the workspace` }
      base = recreated
    } else {
      if (current.hash !== draft.baseHash) {
        return {
          ok: false,
          reason: 'conflict',
          message: `the article changed on disk since it was loaded (now revision ${current.article.revision})`,
        }
      }
      base = current.article
    }
    const built = build(base)
    if (!built.ok) return { ok: false, reason: 'invalid', message: built.message }
    const slug = String(built.value.slug)
    const slugOwner = this.deps.catalogue.slugOwner(slug, draft.id)
    if (slugOwner) {
      return {
        ok: false,
        reason: 'invalid',
        message: `slug "${slug}" is already used by "${slugOwner.headline}"`,
      }
    }
    const savedAt = this.deps.now().toISOString()
    const candidate = {
      ...built.value,
      updatedAt: savedAt,
      revision: base.revision + 1,
    }
    const parsed = articleSchema.safeParse(candidate)
    // Every top-level block gets a unique id (the editor sends them; an article written by the CLI or an import
    // gets them here), so the git merge driver can merge the body block by block (shared/editor/block-ids.ts).
    if (parsed.success) parsed.data.body = withBlockIds(parsed.data.body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return {
        ok: false,
        reason: 'invalid',
        message: `field ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
      }
    }
    const known = this.baseline.get(draft.id)
    // Overwriting a version this library never wrote (conflict "keep mine"), or the first change of this article
    // in this session (the original as it was on disk, e.g. a sample or an imported article with no history yet):
    // keep it in history first, so every edit can be undone back to what was there.
    const firstChange = !this.originalKept.has(draft.id)
    if (current.ok && ((known !== undefined && known !== current.hash) || firstChange)) {
      try {
        const slot = await this.deps.history.recordDiskVersion(current.article, savedAt)
        parsed.data.revision = Math.max(parsed.data.revision, slot + 1)
      } catch (error) {
        return { ok: false, reason: 'io', message: `could not keep the disk version: ${(error as Error).message}` }
      }
    }
    this.originalKept.add(draft.id)
    const bytes = serializeArticle(parsed.data)
    try {
      await writeDurable(path, bytes)
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not write the article: ${(error as Error).message}` }
    }
    const hash = contentHash(bytes)
    await this.rememberWritten(parsed.data, hash)
    const snapshotMode = reason === 'auto' ? 'auto' : 'explicit'
    try {
      if (await this.deps.history.wants(draft.id, snapshotMode))
        await this.deps.history.record(parsed.data, reason, savedAt)
    } catch (error) {
      // The save itself succeeded; a failed snapshot is reported, not turned into a failed save.
      this.deps.events.emit('workspace:notice', {
        kind: 'watch-error',
        message: `history snapshot failed: ${(error as Error).message}`,
      })
    }
    return { ok: true, article: parsed.data, hash, savedAt }
  }

  /** The article a save of a file deleted on disk rebuilds on: its last history snapshot, else a fresh shell. */
  private async recreatedBase(id: ArticleId): Promise<Article | null> {
    const newest = (await this.deps.history.list(id))[0]
    if (newest) {
      const snap = await this.deps.history.load(id, newest.revision)
      if (snap.ok) return snap.article
    }
    const known = this.deps.catalogue.summary(id)
    const now = this.deps.now().toISOString()
    if (!known) return null
    return {
      schemaVersion: ARTICLE_SCHEMA_VERSION,
      id,
      slug: known.slug,
      headline: known.headline,
      standfirst: known.standfirst,
      kind: known.kind,
      status: known.status,
      tags: known.tags,
      byline: known.byline,
      dateline: '',
      language: known.language,
      publishAt: known.publishAt,
      embargoUntil: known.embargoUntil,
      editorsNote: '',
      featuredImage: null,
      createdAt: now,
      updatedAt: now,
      revision: known.revision,
      body: emptyDoc(),
    }
  }

  /** Saves an old revision's fields as a new revision. */
  restoreRevision(id: ArticleId, revision: number): Promise<SaveResult> {
    return this.serial(id, async () => {
      const old = await this.deps.history.load(id, revision)
      if (!old.ok) return { ok: false, reason: 'not-found', message: old.message }
      const current = await readArticleFile(this.deps.pathOf(id))
      if (!current.ok && current.reason !== 'not-found') {
        return { ok: false, reason: 'conflict', message: `the file on disk is unreadable: ${current.message}` }
      }
      const fields = pickFields(old.article)
      const taken = this.deps.catalogue.slugsTaken(id)
      if (taken.has(fields.slug)) fields.slug = uniqueSlug(fields.slug, taken)
      return this.saveNow({ id, baseHash: current.ok ? current.hash : '' }, 'restore', (base) => ({
        ok: true,
        value: { ...base, ...fields },
      }))
    })
  }

  /** Moves an article to the trash (its history stays). */
  delete(id: ArticleId): Promise<DeleteResult> {
    return this.serial(id, async () => {
      if (this.deps.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
      const path = this.deps.pathOf(id)
      const current = await readArticleFile(path)
      if (!current.ok && current.reason === 'not-found') {
        return { ok: false, reason: 'not-found', message: `article ${id} is not in the workspace` }
      }
      const listed = this.deps.catalogue.summary(id)
      const facts = current.ok
        ? { slug: current.article.slug, headline: current.article.headline }
        : { slug: listed?.slug ?? '', headline: listed?.headline ?? '' }
      try {
        const deletedAt = await this.deps.trash.put(id, path, facts)
        this.deps.catalogue.remove(id)
        this.baseline.delete(id)
        await this.deps.journal.discard(id)
        return { ok: true, deletedAt }
      } catch (error) {
        return {
          ok: false,
          reason: 'io',
          message: `could not move the article to the trash: ${(error as Error).message}`,
        }
      }
    })
  }

  /** Takes an article out of the trash; a slug taken meanwhile is made unique (as a new revision). */
  restoreFromTrash(id: ArticleId): Promise<TrashRestoreResult> {
    return this.serial(id, async () => {
      if (this.deps.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
      const trashed = await readArticleFile(this.deps.trash.fileOf(id))
      if (!trashed.ok) {
        return trashed.reason === 'not-found'
          ? { ok: false, reason: 'not-found', message: `article ${id} is not in the trash` }
          : { ok: false, reason: 'invalid', message: trashed.message }
      }
      try {
        await this.deps.trash.takeOut(id, this.deps.pathOf(id))
      } catch (error) {
        if (isCode(error, 'EEXIST')) return { ok: false, reason: 'conflict', message: (error as Error).message }
        return { ok: false, reason: 'io', message: `could not restore from the trash: ${(error as Error).message}` }
      }
      await this.rememberWritten(trashed.article, trashed.hash)
      const taken = this.deps.catalogue.slugsTaken(id)
      if (taken.has(trashed.article.slug)) {
        const fields = { ...pickFields(trashed.article), slug: uniqueSlug(trashed.article.slug, taken) }
        const saved = await this.saveNow({ id, baseHash: trashed.hash }, 'restore', (base) => ({
          ok: true,
          value: { ...base, ...fields },
        }))
        if (!saved.ok) return saved
        this.deps.events.emit('articles:list-changed')
        return { ok: true, article: saved.article, hash: saved.hash }
      }
      this.deps.events.emit('articles:list-changed')
      return { ok: true, article: trashed.article, hash: trashed.hash }
    })
  }

  /** Removes everything in the trash for good. */
  async emptyTrash(): Promise<EmptyTrashResult> {
    if (this.deps.readOnly) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
    try {
      return { ok: true, removed: await this.deps.trash.purge(0) }
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not empty the trash: ${(error as Error).message}` }
    }
  }

  /** A journal entry needs no offering when the saved file already holds exactly those fields. */
  async journalIsStale(entry: JournalEntry): Promise<boolean> {
    const current = await readArticleFile(this.deps.pathOf(entry.id))
    if (!current.ok) return false
    return sameFields(pickFields(current.article), entry.fields)
  }
}
