import { basename } from 'node:path'
import { z } from 'zod'
import type { AttentionItem } from '../../../../shared/ipc/contract'
import { RecordFolder, workspaceLayout } from '../storage'

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
export class Quarantine extends RecordFolder {
  constructor(
    root: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    super(workspaceLayout(root).quarantine)
  }

  /** Moves `path` into quarantine with its reason; returns the item as listed. */
  async add(path: string, reason: QuarantineReason, message: string): Promise<AttentionItem> {
    const quarantinedAt = this.now().toISOString()
    const stamp = quarantinedAt.replace(/[:.]/g, '-')
    let key = `${stamp}-${basename(path)}`
    for (let n = 2; await this.has(key); n++) key = `${stamp}-${n}-${basename(path)}`
    const record = { originalName: basename(path), reason, message, quarantinedAt }
    await this.moveIn(path, key, key + REASON_SUFFIX, record)
    return { key, ...record }
  }

  /** Every quarantined file with its reason, newest first. */
  async list(): Promise<AttentionItem[]> {
    const names = await this.names()
    const present = new Set(names)
    const items: AttentionItem[] = []
    for (const name of names) {
      if (!name.endsWith(REASON_SUFFIX)) continue
      const key = name.slice(0, -REASON_SUFFIX.length)
      if (!present.has(key)) continue
      const record = await this.readRecord(name, recordSchema)
      items.push(
        record
          ? { key, ...record }
          : {
              key,
              originalName: key,
              reason: 'unreadable',
              message: 'the reason file is unreadable',
              quarantinedAt: new Date(0).toISOString(),
            },
      )
    }
    return items.sort((a, b) => (a.quarantinedAt < b.quarantinedAt ? 1 : -1))
  }
}
