import { createHash, randomBytes } from 'node:crypto'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import { entryPathProblem } from '../../../../shared/bundle/file-names'
import type { ManifestFile } from '../../../../shared/bundle/manifest'
import { fsyncDir, isCode } from '../durable-write'

/** Fixed modification time of every zip entry, so the same files always give the same zip bytes. */
const ZIP_EPOCH = new Date('1980-01-01T00:00:00Z')

/**
 * Collects the files of one export and moves them into place only when complete: a folder is written into a
 * temp folder beside the destination and renamed over it; a zip is built in memory and written to a temp
 * file beside it, then renamed. `discard()` removes every trace. Records a sha256 per file for the manifest.
 */
export class AtomicOutput {
  readonly files: ManifestFile[] = []
  private readonly temp: string
  private readonly zipEntries: Zippable = {}
  private readonly madeDirs = new Set<string>()
  private started = false
  private bytes = 0
  /** Writes in flight (folder output); several at once hide file-system latency. */
  private readonly inFlight = new Set<Promise<void>>()

  constructor(
    readonly destination: string,
    readonly zip: boolean,
  ) {
    this.temp = join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString('hex')}.ndexport`)
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
      this.files.push({ path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength })
    }
    if (this.zip) {
      // Assets are already compressed images; text compresses well.
      this.zipEntries[path] = [bytes, { level: /\.(png|jpe?g|gif|webp|avif)$/.test(path) ? 0 : 6, mtime: ZIP_EPOCH }]
      return
    }
    if (!this.started) {
      await mkdir(this.temp, { recursive: false })
      this.started = true
    }
    const dir = dirname(path)
    if (dir !== '.' && !this.madeDirs.has(dir)) {
      await mkdir(join(this.temp, dir), { recursive: true })
      this.madeDirs.add(dir)
    }
    if (this.inFlight.size >= 32) await Promise.race(this.inFlight)
    const write: Promise<void> = writeFile(join(this.temp, path), bytes, { flag: 'wx' }).finally(() => {
      this.inFlight.delete(write)
    })
    this.inFlight.add(write)
  }

  /** Waits for every queued write; the first failure is raised. */
  private async flush(): Promise<void> {
    await Promise.all(this.inFlight)
  }

  /** Moves the finished output into place; refuses to replace an existing destination unless `overwrite`. */
  async commit(overwrite: boolean): Promise<void> {
    await this.flush()
    const existing = await stat(this.destination).catch((error: unknown) => {
      if (isCode(error, 'ENOENT')) return null
      throw error
    })
    if (existing && !overwrite) throw new DestinationExistsError(this.destination)
    if (this.zip) {
      const sorted: Zippable = {}
      for (const key of Object.keys(this.zipEntries).sort()) sorted[key] = this.zipEntries[key] as Zippable[string]
      await writeFile(this.temp, zipSync(sorted), { flag: 'wx' })
    } else if (!this.started) {
      await mkdir(this.temp)
      this.started = true
    }
    this.started = true
    let backup: string | null = null
    if (existing) {
      backup = `${this.temp}.old`
      await rename(this.destination, backup)
    }
    try {
      await rename(this.temp, this.destination)
    } catch (error) {
      if (backup) await rename(backup, this.destination).catch(() => undefined)
      throw error
    }
    if (backup) await rm(backup, { recursive: true, force: true })
    await fsyncDir(dirname(this.destination))
  }

  /** Removes the temp output (after a cancel or a failure). */
  async discard(): Promise<void> {
    await Promise.allSettled(this.inFlight)
    await rm(this.temp, { recursive: true, force: true })
  }
}

/** The destination already exists and overwriting was not asked for. */
export class DestinationExistsError extends Error {
  override readonly name = 'DestinationExistsError'
  constructor(readonly path: string) {
    super(`${path} already exists; choose another destination or allow overwriting`)
  }
}
