import { readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import type { ArticleId } from '../../../../shared/article/schema'
import type { TrashItem } from '../../../../shared/ipc/contract'
import { fsyncDir, isCode, RecordFolder, workspaceLayout } from '../storage'

/** Days an article stays in the trash before the start-up purge removes it. */
export const TRASH_RETENTION_DAYS = 30

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DAY_MS = 24 * 60 * 60 * 1000

const metaSchema = z.object({
  id: z.string().regex(UUID_RE),
  slug: z.string(),
  headline: z.string(),
  deletedAt: z.iso.datetime({ offset: true }),
})

/**
 * Deleted articles at `.newsdesk/trash/<id>.json` (the file moved by rename, bytes untouched) with a
 * `<id>.meta.json` beside it saying when it was deleted.
 */
export class TrashStore extends RecordFolder {
  constructor(
    root: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(workspaceLayout(root).trash)
  }

  /** Path of a trashed article's file. */
  fileOf(id: ArticleId): string {
    if (!UUID_RE.test(id)) throw new Error(`not an article id: ${JSON.stringify(id)}`)
    return this.pathOf(`${id.toLowerCase()}.json`)
  }

  private metaName(id: ArticleId): string {
    return `${id.toLowerCase()}.meta.json`
  }

  /** Moves an article file into the trash (meta written first, then one atomic rename). */
  async put(id: ArticleId, articlePath: string, facts: { slug: string; headline: string }): Promise<string> {
    const deletedAt = this.now().toISOString()
    // fileOf checks the id is a UUID before anything moves.
    await this.moveIn(articlePath, basename(this.fileOf(id)), this.metaName(id), { id, ...facts, deletedAt })
    return deletedAt
  }

  /** Every article in the trash, most recently deleted first. */
  async list(): Promise<TrashItem[]> {
    const items: TrashItem[] = []
    for (const name of await this.names()) {
      const id = name.endsWith('.json') && !name.endsWith('.meta.json') ? name.slice(0, -5) : ''
      if (!UUID_RE.test(id)) continue
      let meta = await this.readRecord(this.metaName(id), metaSchema)
      if (!meta) {
        // Meta lost (crash between the two steps, or removed by hand): fall back to the file's own facts.
        const info = await stat(join(this.dir, name))
        let facts = { slug: '', headline: '' }
        try {
          const raw = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as { slug?: unknown; headline?: unknown }
          facts = { slug: String(raw.slug ?? ''), headline: String(raw.headline ?? '') }
        } catch {
          // An unreadable trashed file is still listed so it can be emptied.
        }
        meta = { id, ...facts, deletedAt: info.mtime.toISOString() }
      }
      items.push(meta)
    }
    return items.sort((a, b) => (a.deletedAt < b.deletedAt ? 1 : a.deletedAt > b.deletedAt ? -1 : 0))
  }

  /** Moves a trashed file back to `target`; refuses to overwrite an existing file. */
  async takeOut(id: ArticleId, target: string): Promise<void> {
    try {
      await stat(target)
      throw Object.assign(new Error(`an article file with id ${id} already exists`), { code: 'EEXIST' })
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error
    }
    await rename(this.fileOf(id), target)
    await fsyncDir(dirname(target))
    await rm(this.pathOf(this.metaName(id)), { force: true })
    await fsyncDir(this.dir)
  }

  /** Removes one trashed article for good. */
  async remove(id: ArticleId): Promise<void> {
    await rm(this.fileOf(id), { force: true })
    await rm(this.pathOf(this.metaName(id)), { force: true })
  }

  /** Removes items deleted more than `days` ago (or everything when `days` is 0); returns how many. */
  async purge(days: number = TRASH_RETENTION_DAYS): Promise<number> {
    const cutoff = this.now().getTime() - days * DAY_MS
    let removed = 0
    for (const item of await this.list()) {
      if (days === 0 || Date.parse(item.deletedAt) < cutoff) {
        await this.remove(item.id)
        removed++
      }
    }
    return removed
  }
}
