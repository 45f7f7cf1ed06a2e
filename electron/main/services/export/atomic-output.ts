import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import { entryPathProblem } from '../../../../shared/bundle/file-names'
import type { ManifestFile } from '../../../../shared/bundle/manifest'
import { contentHash } from '../library'
import { BoundedQueue, crashStep, fsyncDir, isCode, writeNewFile } from '../storage'
import { DestinationRefusedError, lockDestination, notAPreviousExport } from './destination'

/** Fixed modification time of every zip entry, so the same files always give the same zip bytes. */
const ZIP_EPOCH = new Date('1980-01-01T00:00:00Z')

/** Writes in flight for a folder output: enough to keep libuv's thread pool busy, few enough to stay flat. */
const WRITES_IN_FLIGHT = 32

/**
 * Collects the files of one export and moves them into place only when complete: a folder is written into a
 * temp folder beside the destination and renamed over it; a zip is built in memory and written to a temp
 * file beside it, then renamed. Every file and folder is fsynced before the rename, so after a power loss
 * the destination holds the whole export or the previous state, never empty or partial files.
 * `discard()` removes every trace. Records a sha256 per file for the manifest.
 */
export class AtomicOutput {
  readonly files: ManifestFile[] = []
  private readonly temp: string
  private readonly zipEntries: Zippable = {}
  private readonly madeDirs = new Map<string, Promise<void>>()
  private rootMade: Promise<void> | null = null
  private bytes = 0
  /** Writes in flight (folder output); several at once hide file-system latency. */
  private readonly writes = new BoundedQueue(WRITES_IN_FLIGHT)
  /** Releases the destination lock taken by `lock()`. */
  private unlock: (() => Promise<void>) | null = null

  constructor(
    readonly destination: string,
    readonly zip: boolean,
  ) {
    this.temp = join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString('hex')}.ndexport`)
  }

  /**
   * Takes the destination's lock for the whole export (before anything is written), so a second export to
   * the same destination is refused while this one runs and never removes this one's temp output.
   */
  async lock(): Promise<void> {
    this.unlock ??= await lockDestination(this.destination)
  }

  private async releaseLock(): Promise<void> {
    const unlock = this.unlock
    this.unlock = null
    await unlock?.()
  }

  /** Total bytes added so far. */
  get size(): number {
    return this.bytes
  }

  /** Adds one file at a bundle-relative POSIX path. */
  async add(path: string, data: string | Uint8Array, listInManifest = true): Promise<void> {
    const problem = entryPathProblem(path)
    if (problem) throw new Error(`refusing to write ${problem}`)
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    this.bytes += bytes.byteLength
    if (listInManifest) {
      this.files.push({ path, sha256: contentHash(bytes), size: bytes.byteLength })
    }
    if (this.zip) {
      // Assets are already compressed images; text compresses well.
      this.zipEntries[path] = [bytes, { level: /\.(png|jpe?g|gif|webp|avif)$/.test(path) ? 0 : 6, mtime: ZIP_EPOCH }]
      return
    }
    await this.folder(dirname(path))
    await this.writes.push(() => writeNewFile(join(this.temp, path), bytes))
  }

  /**
   * Makes a folder of a folder output (bundle-relative, '.' for the root) and returns its absolute temp path,
   * for files written by someone else (the bundle workers) and then listed with `record`.
   */
  async folder(dir: string): Promise<string> {
    if (this.zip) throw new Error('a zip output has no folders to write into')
    // Folders are made once, by promise, so several callers may add files at the same time.
    this.rootMade ??= mkdir(this.temp, { recursive: false }).then(() => undefined)
    await this.rootMade
    if (dir !== '.') {
      let made = this.madeDirs.get(dir)
      if (!made) {
        made = mkdir(join(this.temp, dir), { recursive: true }).then(() => undefined)
        this.madeDirs.set(dir, made)
      }
      await made
    }
    return join(this.temp, dir)
  }

  /** Lists a file that was written (fully, and fsynced) into a folder made by `folder`. */
  record(path: string, sha256: string, size: number): void {
    const problem = entryPathProblem(path)
    if (problem) throw new Error(`refusing to write ${problem}`)
    this.bytes += size
    this.files.push({ path, sha256, size })
  }

  /** Waits for every queued write (the first failure is raised), then fsyncs the folders made. */
  private async flush(): Promise<void> {
    await this.writes.drain()
    if (this.zip) return
    // Every folder made (with the ancestors `mkdir -p` made), deepest first and the temp root last.
    const dirs = new Set<string>()
    for (const dir of this.madeDirs.keys()) {
      for (let d = dir; d !== '.'; d = dirname(d)) dirs.add(d)
    }
    for (const dir of [...dirs].sort((a, b) => b.split('/').length - a.split('/').length))
      await fsyncDir(join(this.temp, dir))
    if (this.rootMade) await fsyncDir(this.temp)
  }

  /**
   * Moves the finished output into place; refuses to replace an existing destination unless `overwrite`, and
   * then replaces only a previous Newsdesk export (recognised by its manifest).
   */
  async commit(overwrite: boolean): Promise<void> {
    try {
      await this.commitLocked(overwrite)
    } finally {
      await this.releaseLock()
    }
  }

  private async commitLocked(overwrite: boolean): Promise<void> {
    await this.lock()
    await this.flush()
    await recoverInterruptedExport(this.destination, this.temp)
    const existing = await stat(this.destination).catch((error: unknown) => {
      if (isCode(error, 'ENOENT')) return null
      throw error
    })
    if (existing && !overwrite) throw new DestinationExistsError(this.destination)
    if (existing) {
      const problem = await notAPreviousExport(this.destination, this.zip)
      if (problem)
        throw new DestinationRefusedError({ reason: 'not-an-export', message: `${problem}; nothing was replaced` })
    }
    if (this.zip) {
      const sorted: Zippable = {}
      for (const key of Object.keys(this.zipEntries).sort()) sorted[key] = this.zipEntries[key] as Zippable[string]
      await writeNewFile(this.temp, zipSync(sorted))
    } else if (!this.rootMade) {
      this.rootMade = mkdir(this.temp).then(() => undefined)
      await this.rootMade
      await fsyncDir(this.temp)
    }
    crashStep('export:temp-written')
    let backup: string | null = null
    if (existing) {
      backup = `${this.temp}.old`
      await rename(this.destination, backup)
      crashStep('export:parked')
    }
    try {
      await rename(this.temp, this.destination)
    } catch (error) {
      if (backup) await rename(backup, this.destination).catch(() => undefined)
      throw error
    }
    crashStep('export:renamed')
    if (backup) await rm(backup, { recursive: true, force: true })
    await fsyncDir(dirname(this.destination))
    crashStep('export:cleaned')
  }

  /** Removes the temp output (after a cancel or a failure). */
  async discard(): Promise<void> {
    await this.writes.settle()
    await rm(this.temp, { recursive: true, force: true })
    await this.releaseLock()
  }
}

/** The destination already exists and overwriting was not asked for. */
export class DestinationExistsError extends Error {
  override readonly name = 'DestinationExistsError'
  constructor(readonly path: string) {
    super(`${path} already exists; choose another destination, or replace a previous Newsdesk export there`)
  }
}

/**
 * Repairs what a crash (SIGKILL, power loss) left beside `destination` during an earlier export: when the
 * destination is missing but a finished previous export sits in its `.old` backup (killed between the two
 * renames of a folder commit), the backup is put back; other leftover temp outputs are removed. `keep` is
 * the caller's own temp output. Returns the number of entries restored or removed.
 */
export async function recoverInterruptedExport(destination: string, keep?: string): Promise<number> {
  const dir = dirname(destination)
  const prefix = `.${basename(destination)}.`
  const names = await readdir(dir).catch(() => [] as string[])
  const ours = (n: string) => n.startsWith(prefix) && /^[0-9a-f]{12}\.ndexport(\.old)?$/.test(n.slice(prefix.length))
  let changed = 0
  const present = await stat(destination).then(
    () => true,
    () => false,
  )
  const backup = present ? undefined : names.find((n) => ours(n) && n.endsWith('.old'))
  if (backup) {
    await rename(join(dir, backup), destination)
    changed++
  }
  for (const n of names) {
    if (!ours(n) || n === backup || (keep && join(dir, n) === keep)) continue
    await rm(join(dir, n), { recursive: true, force: true })
    changed++
  }
  if (changed > 0) await fsyncDir(dir)
  return changed
}
