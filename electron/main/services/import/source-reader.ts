import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { lstat, open, readdir } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { basename, join } from 'node:path'
import { unzipSync } from 'fflate'
import { entryPathProblem } from '../../../../shared/bundle/file-names'
import { MARKDOWN_LIMITS } from '../../../../shared/bundle/input-limits'
import { strictUtf8 } from '../library'
import { isCode } from '../storage'

/** Limits that keep hostile archives and folders out; every one is configurable per import. */
export interface ImportLimits {
  /** Most files an archive or folder may hold. */
  maxEntries: number
  /** Most bytes all files together may hold once uncompressed. */
  maxTotalBytes: number
  /** Most bytes one file may hold. */
  maxFileBytes: number
  /** Highest uncompressed:compressed ratio of one zip entry (zip bombs compress 1000:1 and more). */
  maxRatio: number
  /** Deepest JSON nesting accepted. */
  maxJsonDepth: number
  /** Longest one Markdown file may take to read, in milliseconds (enforced while it is parsed). */
  maxItemMs: number
}

/** Defaults: generous for real newsroom archives, far below what would exhaust memory. */
export const DEFAULT_LIMITS: ImportLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxFileBytes: 256 * 1024 ** 2,
  maxRatio: 200,
  maxJsonDepth: 64,
  maxItemMs: MARKDOWN_LIMITS.maxItemMs,
}

/** One file of an import source, at a POSIX path relative to the source root. */
export interface SourceFile {
  path: string
  bytes: Uint8Array
}

/** The files of one source (a folder, a zip or a single file). */
export interface SourceTree {
  /** What the user named (shown in reports). */
  label: string
  kind: 'folder' | 'zip' | 'file'
  files: Map<string, SourceFile>
  /**
   * Files of a folder listed but not read (the caller asked to defer them): whoever parses one reads it
   * with `readListedFile`, under the same limits, so a big import reads its files where it parses them.
   */
  deferred: Map<string, DeferredFile>
  /**
   * Entries of a folder source that are not regular files (a FIFO, a device, a socket): never opened, each
   * reported as one refused item while the rest of the folder imports.
   */
  skipped: SkippedEntry[]
}

/** An entry of a folder source skipped by its type, and why in words ("a FIFO (named pipe): …"). */
export interface SkippedEntry {
  path: string
  message: string
}

/** A file of a folder source, listed (not a link, within the entry count) but not read yet. */
export interface DeferredFile {
  path: string
  /** Absolute path on disk. */
  abs: string
}

/** Input refused as a whole (hostile or unreadable), with a message meant for the user. */
export class SourceRefusedError extends Error {
  override readonly name = 'SourceRefusedError'
}

/** Single files an import reads (besides a .zip): Markdown and Newsdesk JSON. */
const SOURCE_FILE_EXT = /\.(md|markdown|mdown|mkd|json)$/i

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50

/** One entry of a zip's central directory. */
interface CentralEntry {
  name: string
  /** CRC-32 the archive declares for the entry's bytes. */
  crc: number
  compressedSize: number
  size: number
  symlink: boolean
  directory: boolean
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (the zip polynomial) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/**
 * Reads a zip's central directory. Written by hand because fflate does not expose the external attributes
 * (which mark symlinks) and we want names and sizes checked before anything is inflated.
 */
export function readCentralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let eocd = -1
  for (let i = zip.byteLength - 22; i >= Math.max(0, zip.byteLength - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new SourceRefusedError('not a zip archive (no end-of-central-directory record)')
  const count = view.getUint16(eocd + 10, true)
  const cdOffset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || cdOffset === 0xffffffff) throw new SourceRefusedError('ZIP64 archives are not supported')
  const entries: CentralEntry[] = []
  let p = cdOffset
  for (let i = 0; i < count; i += 1) {
    if (p + 46 > zip.byteLength || view.getUint32(p, true) !== CENTRAL) {
      throw new SourceRefusedError('the zip central directory is damaged')
    }
    const madeBy = view.getUint16(p + 4, true) >> 8
    const crc = view.getUint32(p + 16, true)
    const compressedSize = view.getUint32(p + 20, true)
    const size = view.getUint32(p + 24, true)
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    const external = view.getUint32(p + 38, true)
    let name: string
    try {
      name = strictUtf8.decode(zip.subarray(p + 46, p + 46 + nameLength))
    } catch {
      throw new SourceRefusedError(`zip entry ${i + 1} has a name that is not valid UTF-8`)
    }
    const mode = (external >>> 16) & 0o170000
    if (size === 0xffffffff || compressedSize === 0xffffffff)
      throw new SourceRefusedError(
        `entry "${name}" is stored as ZIP64, which is not supported; zip it again without ZIP64`,
      )
    entries.push({
      name,
      crc,
      compressedSize,
      size,
      symlink: madeBy === 3 && mode === 0o120000,
      directory: name.endsWith('/') || (madeBy === 3 && mode === 0o040000),
    })
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** Extracts a zip into memory after checking every entry: paths (zip slip), symlinks, counts, sizes and ratios. */
export function readZip(label: string, zip: Uint8Array, limits: ImportLimits): SourceTree {
  let entries: CentralEntry[]
  try {
    entries = readCentralDirectory(zip)
  } catch (error) {
    // Every refusal names the file.
    if (error instanceof SourceRefusedError) throw new SourceRefusedError(`${label}: ${error.message}`)
    throw error
  }
  const seen = new Set<string>()
  for (const e of entries) {
    if (seen.has(e.name))
      throw new SourceRefusedError(`${label}: the entry "${e.name}" appears twice; an archive must name each file once`)
    seen.add(e.name)
    if (!e.directory && /\.zip$/i.test(e.name))
      throw new SourceRefusedError(`${label}: "${e.name}" is a zip inside the zip; unpack it and import it on its own`)
  }
  if (entries.length > limits.maxEntries) {
    throw new SourceRefusedError(`${label}: ${entries.length} entries, over the limit of ${limits.maxEntries}`)
  }
  let total = 0
  for (const e of entries) {
    const problem = entryPathProblem(e.name)
    if (problem) throw new SourceRefusedError(`${label}: unsafe entry path ${problem}`)
    if (e.symlink) throw new SourceRefusedError(`${label}: entry "${e.name}" is a symbolic link; links are refused`)
    if (e.directory) continue
    if (e.size > limits.maxFileBytes) {
      throw new SourceRefusedError(
        `${label}: entry "${e.name}" is ${e.size} bytes, over the per-file limit of ${limits.maxFileBytes}`,
      )
    }
    if (e.size > 1024 && e.size / Math.max(1, e.compressedSize) > limits.maxRatio) {
      throw new SourceRefusedError(
        `${label}: entry "${e.name}" expands ${Math.round(e.size / Math.max(1, e.compressedSize))}:1, over the ratio limit of ${limits.maxRatio}:1 (zip bomb?)`,
      )
    }
    total += e.size
    if (total > limits.maxTotalBytes) {
      throw new SourceRefusedError(`${label}: more than ${limits.maxTotalBytes} bytes uncompressed, over the limit`)
    }
  }
  const expected = new Map(entries.filter((e) => !e.directory).map((e) => [e.name, e]))
  let inflated: Record<string, Uint8Array>
  try {
    inflated = unzipSync(zip, { filter: (f) => expected.has(f.name) })
  } catch (error) {
    throw new SourceRefusedError(`${label}: the zip could not be read: ${(error as Error).message}`)
  }
  const files = new Map<string, SourceFile>()
  for (const [name, entry] of expected) {
    const bytes = inflated[name]
    if (!bytes) throw new SourceRefusedError(`${label}: entry "${name}" could not be read`)
    if (bytes.byteLength !== entry.size) {
      throw new SourceRefusedError(`${label}: entry "${name}" does not match its declared size`)
    }
    // The inflater stops at the declared size, so a longer entry is cut short: its CRC-32 tells.
    if (crc32(bytes) !== entry.crc)
      throw new SourceRefusedError(
        `${label}: entry "${name}" is damaged: its CRC-32 does not match (or it is longer than declared)`,
      )
    files.set(name, { path: name, bytes })
  }
  return { label, kind: 'zip', files, deferred: new Map(), skipped: [] }
}

/**
 * Reads a folder recursively (hidden files skipped); refuses symbolic links and anything over the limits;
 * lists entries that are not regular files in `skipped` without opening them.
 * Files whose path matches `defer` are only listed (see `SourceTree.deferred`).
 */
export async function readFolder(
  label: string,
  root: string,
  limits: ImportLimits,
  defer?: RegExp,
): Promise<SourceTree> {
  const found: string[] = []
  const deferred = new Map<string, DeferredFile>()
  const skipped: SkippedEntry[] = []
  let total = 0
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(join(root, rel), { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : 1))
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isSymbolicLink())
        throw new SourceRefusedError(`${label}: "${path}" is a symbolic link; links are refused`)
      if (entry.isDirectory()) {
        await walk(path)
        continue
      }
      if (found.length + deferred.size + skipped.length >= limits.maxEntries) {
        throw new SourceRefusedError(`${label}: more than ${limits.maxEntries} files, over the limit`)
      }
      if (!entry.isFile()) {
        // Refused by type from the listing, never opened (a FIFO would block, a device never ends): one
        // refused item, and the rest of the folder imports.
        const kind = specialFileKind(entry) as string
        skipped.push({ path, message: `${kind}: only regular files are read, so it was skipped` })
        continue
      }
      if (defer?.test(path)) deferred.set(path, { path, abs: join(root, path) })
      else found.push(path)
    }
  }
  await walk('')
  // Read with several files in flight; the listing above already checked links, counts and sizes.
  const files = new Map<string, SourceFile>()
  const contents: Uint8Array[] = new Array(found.length)
  let next = 0
  const worker = async () => {
    while (next < found.length) {
      const index = next++
      const path = found[index] as string
      // Opened once, checked through the handle (no lstat-then-read: a swap in between is refused).
      const bytes = await readRegularFile(join(root, path), `${label}: "${path}"`, limits.maxFileBytes)
      total += bytes.byteLength
      if (total > limits.maxTotalBytes)
        throw new SourceRefusedError(`${label}: more than ${limits.maxTotalBytes} bytes, over the limit`)
      contents[index] = bytes
    }
  }
  await Promise.all(Array.from({ length: Math.min(32, found.length) }, worker))
  found.forEach((path, i) => files.set(path, { path, bytes: contents[i] as Uint8Array }))
  return { label, kind: 'folder', files, deferred, skipped }
}

/** Open flags of every source file: no link followed, and a FIFO never blocks the open itself. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** What a non-regular file is, in words ("a FIFO (named pipe)", "a device"), or null for a regular file. */
export function specialFileKind(
  info: Pick<
    Stats,
    'isFile' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isDirectory' | 'isSymbolicLink'
  >,
): string | null {
  if (info.isFile()) return null
  if (info.isFIFO()) return 'a FIFO (named pipe)'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSocket()) return 'a socket'
  if (info.isDirectory()) return 'a folder'
  if (info.isSymbolicLink()) return 'a symbolic link'
  return 'not a regular file'
}

function refusedOpen(error: unknown, shown: string): SourceRefusedError {
  if (isCode(error, 'ELOOP')) return new SourceRefusedError(`${shown} is a symbolic link; links are refused`)
  return new SourceRefusedError(`${shown} cannot be read: ${(error as Error).message}`)
}

/**
 * Reads a source file through one handle: opened once with no-follow (and non-blocking, so a FIFO cannot
 * hang the open), checked through that handle (fstat: a regular file within `maxBytes`), then read from it,
 * never looked up again by name, so a file swapped for a link or a pipe after the listing is refused.
 * `shown` names the file in messages.
 */
export async function readRegularFile(path: string, shown: string, maxBytes: number): Promise<Uint8Array> {
  let handle
  try {
    handle = await open(path, OPEN_FLAGS)
  } catch (error) {
    throw refusedOpen(error, shown)
  }
  try {
    const info = await handle.stat()
    const special = specialFileKind(info)
    if (special) throw new SourceRefusedError(`${shown} is ${special}; only regular files are read`)
    if (info.size > maxBytes)
      throw new SourceRefusedError(`${shown} is ${info.size} bytes, over the per-file limit of ${maxBytes}`)
    const bytes = new Uint8Array(info.size)
    let offset = 0
    while (offset < info.size) {
      const { bytesRead } = await handle.read(bytes, offset, info.size - offset, offset)
      if (bytesRead === 0) break
      offset += bytesRead
    }
    return offset === info.size ? bytes : bytes.subarray(0, offset)
  } finally {
    await handle.close()
  }
}

/**
 * Reads one listed file of a folder source: refuses a link put in its place since the listing (where the
 * platform can tell) and a file over the per-file limit, checked on the open file before reading it.
 */
export function readListedFile(file: DeferredFile, label: string, maxFileBytes: number): Uint8Array {
  let fd: number
  try {
    fd = openSync(file.abs, OPEN_FLAGS)
  } catch (error) {
    throw refusedOpen(error, `${label}: "${file.path}"`)
  }
  try {
    const info = fstatSync(fd)
    const special = specialFileKind(info)
    if (special) throw new SourceRefusedError(`${label}: "${file.path}" is ${special}; only regular files are read`)
    const size = info.size
    if (size > maxFileBytes) {
      throw new SourceRefusedError(
        `${label}: "${file.path}" is ${size} bytes, over the per-file limit of ${maxFileBytes}`,
      )
    }
    const bytes = new Uint8Array(size)
    let offset = 0
    while (offset < size) {
      const n = readSync(fd, bytes, offset, size - offset, offset)
      if (n === 0) break
      offset += n
    }
    return offset === size ? bytes : bytes.subarray(0, offset)
  } finally {
    closeSync(fd)
  }
}

/** Reads any import source: a folder, a .zip, or one Markdown or JSON file. */
export async function readSource(
  path: string,
  limits: ImportLimits = DEFAULT_LIMITS,
  defer?: RegExp,
): Promise<SourceTree> {
  let info
  try {
    info = await lstat(path)
  } catch {
    throw new SourceRefusedError(`${path} does not exist or cannot be read`)
  }
  if (info.isSymbolicLink()) throw new SourceRefusedError(`${path} is a symbolic link; links are refused`)
  if (info.isDirectory()) return readFolder(path, path, limits, defer)
  // Refused by type before opening (a FIFO would block, /dev/zero never ends), and again through the handle.
  const special = specialFileKind(info)
  if (special) throw new SourceRefusedError(`${path} is ${special}; only regular files are read`)
  const name = basename(path)
  const isZipName = name.toLowerCase().endsWith('.zip')
  const known = isZipName || SOURCE_FILE_EXT.test(name)
  const bytes = await readRegularFile(path, path, known && !isZipName ? limits.maxFileBytes : limits.maxTotalBytes)
  // A zip is known by its bytes whatever its name; any other file must be Markdown or JSON by name.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return readZip(path, bytes, limits)
  if (!SOURCE_FILE_EXT.test(name)) {
    throw new SourceRefusedError(
      `${path} is not a file Newsdesk imports: give Markdown (.md, .markdown), Newsdesk JSON (.json), a .zip or a folder`,
    )
  }
  return {
    label: path,
    kind: 'file',
    files: new Map([[name, { path: name, bytes }]]),
    deferred: new Map(),
    skipped: [],
  }
}
