import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import type { AttentionItem } from '../../../shared/ipc/contract'
import { fsyncDir, isCode, writeDurable } from './durable-write'

/** Why a file could not be read as an article. */
export type QuarantineReason = AttentionItem['reason']

const reasons = ['empty', 'truncated', 'not-json', 'schema-invalid', 'invalid-utf8', 'too-large', 'unreadable'] as const
const REASON_SUFFIX = '.reason.json'

const recordSchema = z.object({
  originalName: z.string(),
  reason: z.enum(reasons),
  message: z.string(),
  quarantinedAt: z.iso.datetime({ offset: true }),
})

/**
 * Files that could not be read as articles, moved (never deleted, never rewritten) to
 * `.newsdesk/quarantine/<time>-<name>` with a `<...>.reason.json` beside them; listed under "Needs attention".
 */
export class Quarantine {
  readonly dir: string
  private readonly now: () => Date

  constructor(root: string, now: () => Date = () => new Date()) {
    this.dir = join(root, '.newsdesk', 'quarantine')
    this.now = now
  }

  /** Moves `path` into quarantine with its reason; returns the item as listed. */
  async add(path: string, reason: QuarantineReason, message: string): Promise<AttentionItem> {
    await mkdir(this.dir, { recursive: true })
    const quarantinedAt = this.now().toISOString()
    const stamp = quarantinedAt.replace(/[:.]/g, '-')
    let key = `${stamp}-${basename(path)}`
    for (let n = 2; await exists(join(this.dir, key)); n++) key = `${stamp}-${n}-${basename(path)}`
    const record = { originalName: basename(path), reason, message, quarantinedAt }
    await writeDurable(join(this.dir, key + REASON_SUFFIX), `${JSON.stringify(record, null, 2)}\n`)
    await rename(path, join(this.dir, key))
    await fsyncDir(this.dir)
    await fsyncDir(dirname(path))
    return { key, ...record }
  }

  /** Every quarantined file with its reason, newest first. */
  async list(): Promise<AttentionItem[]> {
    let names: string[]
    try {
      names = await readdir(this.dir)
    } catch (error) {
      if (isCode(error, 'ENOENT')) return []
      throw error
    }
    const present = new Set(names)
    const items: AttentionItem[] = []
    for (const name of names) {
      if (!name.endsWith(REASON_SUFFIX)) continue
      const key = name.slice(0, -REASON_SUFFIX.length)
      if (!present.has(key)) continue
      try {
        items.push({ key, ...recordSchema.parse(JSON.parse(await readFile(join(this.dir, name), 'utf8'))) })
      } catch {
        items.push({
          key,
          originalName: key,
          reason: 'unreadable',
          message: 'the reason file is unreadable',
          quarantinedAt: new Date(0).toISOString(),
        })
      }
    }
    return items.sort((a, b) => (a.quarantinedAt < b.quarantinedAt ? 1 : -1))
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false
    return true
  }
}
