import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { z } from 'zod'
import { fsyncDir, writeDurable } from './durable-write'
import { isCode } from './fs-errors'

/**
 * A folder under `.newsdesk/` whose files may each carry a JSON record beside them: the trash (`<id>.json`
 * with `<id>.meta.json`), the quarantine (`<key>` with `<key>.reason.json`) and the journal (entries only).
 * One place for moving a file in with its record, listing names and reading records.
 */
export class RecordFolder {
  constructor(readonly dir: string) {}

  /** Names in the folder; none when it does not exist yet. */
  async names(): Promise<string[]> {
    try {
      return await readdir(this.dir)
    } catch (error) {
      if (isCode(error, 'ENOENT')) return []
      throw error
    }
  }

  /** Path of a name inside the folder. */
  pathOf(name: string): string {
    return join(this.dir, name)
  }

  /** True when something (even unreadable) is at `name`. */
  async has(name: string): Promise<boolean> {
    try {
      await stat(this.pathOf(name))
      return true
    } catch (error) {
      return !isCode(error, 'ENOENT')
    }
  }

  /**
   * Moves `source` in as `name` with `record` written durably beside it as `recordName` first, then one
   * atomic rename (the bytes are never rewritten), then both folders fsynced. A crash in between leaves a
   * record without its file, which listings skip or fall back from; the file itself is never lost.
   */
  async moveIn(source: string, name: string, recordName: string, record: object): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    await writeDurable(this.pathOf(recordName), `${JSON.stringify(record, null, 2)}\n`)
    await rename(source, this.pathOf(name))
    await fsyncDir(this.dir)
    await fsyncDir(dirname(source))
  }

  /** The record at `recordName` parsed with `schema`; null when missing or unreadable. */
  async readRecord<T>(recordName: string, schema: z.ZodType<T>): Promise<T | null> {
    try {
      return schema.parse(JSON.parse(await readFile(this.pathOf(recordName), 'utf8')))
    } catch {
      return null
    }
  }
}
