import { createHash } from 'node:crypto'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { isCode, writeDurable, workspaceLayout } from '../storage'
import { FIELD_NAMES, INDEX_FORMAT, type DocMeta, type IndexSnapshot, type Pace } from './search-index'

/** Version of the cache file's layout (the index's own format is checked separately). */
const CACHE_VERSION = 1
const MAGIC = 'NDSEARCH'
/** magic(8) version(4) headerBytes(4) terms(4) postings(4) sha256(32). */
const PREAMBLE = 8 + 4 * 4 + 32
/** Bytes hashed per slice, so checking a large cache does not hold the event loop. */
const HASH_SLICE = 4 * 1024 * 1024

/** A persisted index and the content hash of the article file each of its documents was read from. */
export interface CachedIndex {
  snapshot: IndexSnapshot
  /** Parallel to `snapshot.ids`. */
  hashes: string[]
}

interface Header {
  format: number
  fields: string[]
  ids: string[]
  hashes: string[]
  meta: [
    status: string,
    kind: string,
    language: string,
    tags: string[],
    conflicted: boolean,
    assignee: string | null,
    reviewer: string | null,
  ][]
  lengths: number[]
  terms: string[]
}

/** Where the search index of a workspace is kept. */
export function searchCachePath(root: string): string {
  return workspaceLayout(root).searchIndex
}

async function sha256(parts: readonly Uint8Array[], pace: Pace): Promise<Uint8Array> {
  const hash = createHash('sha256')
  for (const part of parts) {
    for (let at = 0; at < part.byteLength; at += HASH_SLICE) {
      hash.update(part.subarray(at, Math.min(part.byteLength, at + HASH_SLICE)))
      await pace()
    }
  }
  return new Uint8Array(hash.digest())
}

function bytesOf(array: Int32Array | Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}

/**
 * Encodes an index as one binary file: a fixed preamble (magic, versions, counts, sha256 of the rest), a JSON
 * header (ids, hashes, filter facts, terms) padded to 4 bytes, then the postings as raw typed arrays.
 */
export async function encodeSearchCache(cached: CachedIndex, pace: Pace): Promise<Uint8Array> {
  const { snapshot, hashes } = cached
  const header: Header = {
    format: INDEX_FORMAT,
    fields: [...FIELD_NAMES],
    ids: snapshot.ids,
    hashes,
    meta: snapshot.meta.map((m) => [m.status, m.kind, m.language, m.tags, m.conflicted, m.assignee, m.reviewer]),
    lengths: snapshot.lengths,
    terms: snapshot.terms,
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const headerBytes = Math.ceil(json.byteLength / 4) * 4
  const body = [bytesOf(snapshot.counts), bytesOf(snapshot.docs), bytesOf(snapshot.weights)]
  const total = PREAMBLE + headerBytes + body.reduce((n, b) => n + b.byteLength, 0)
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  out.set(Buffer.from(MAGIC, 'latin1'), 0)
  view.setUint32(8, CACHE_VERSION, true)
  view.setUint32(12, headerBytes, true)
  view.setUint32(16, snapshot.terms.length, true)
  view.setUint32(20, snapshot.docs.length, true)
  out.set(json, PREAMBLE) // padding bytes stay 0x00; JSON.parse rejects them, so they are trimmed on read
  let at = PREAMBLE + headerBytes
  for (const b of body) {
    out.set(b, at)
    at += b.byteLength
    await pace()
  }
  out.set(await sha256([out.subarray(PREAMBLE)], pace), 24)
  return out
}

/** Why a cache file was not used (for tests and logs); null when it was. */
export type CacheRejection = 'missing' | 'short' | 'magic' | 'version' | 'size' | 'checksum' | 'header' | 'postings'

/** Decodes and checks a cache file; anything inconsistent is rejected, never half-trusted. */
export async function decodeSearchCache(
  bytes: Uint8Array,
  pace: Pace,
): Promise<{ ok: true; cached: CachedIndex } | { ok: false; reason: CacheRejection }> {
  if (bytes.byteLength < PREAMBLE) return { ok: false, reason: 'short' }
  if (Buffer.from(bytes.subarray(0, 8)).toString('latin1') !== MAGIC) return { ok: false, reason: 'magic' }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(8, true) !== CACHE_VERSION) return { ok: false, reason: 'version' }
  const headerBytes = view.getUint32(12, true)
  const termCount = view.getUint32(16, true)
  const postingCount = view.getUint32(20, true)
  if (headerBytes % 4 !== 0) return { ok: false, reason: 'size' }
  const expected = PREAMBLE + headerBytes + 4 * termCount + 8 * postingCount
  if (bytes.byteLength !== expected) return { ok: false, reason: 'size' }
  const digest = await sha256([bytes.subarray(PREAMBLE)], pace)
  if (!Buffer.from(digest).equals(Buffer.from(bytes.subarray(24, PREAMBLE)))) return { ok: false, reason: 'checksum' }

  let header: Header
  try {
    const raw = Buffer.from(bytes.subarray(PREAMBLE, PREAMBLE + headerBytes))
    let end = raw.byteLength
    while (end > 0 && raw[end - 1] === 0) end -= 1
    header = JSON.parse(raw.subarray(0, end).toString('utf8')) as Header
  } catch {
    return { ok: false, reason: 'header' }
  }
  if (!validHeader(header, termCount)) return { ok: false, reason: 'header' }

  // Copied out so the typed arrays are aligned whatever offset the file's buffer has.
  let at = PREAMBLE + headerBytes
  const take = (n: number) => {
    const copy = new Uint8Array(bytes.subarray(at, at + n)) // a copy (Buffer#slice would be a view)
    at += n
    return copy.buffer
  }
  const counts = new Int32Array(take(4 * termCount))
  const docs = new Int32Array(take(4 * postingCount))
  const weights = new Float32Array(take(4 * postingCount))
  let sum = 0
  for (const c of counts) {
    if (c <= 0) return { ok: false, reason: 'postings' }
    sum += c
  }
  if (sum !== postingCount) return { ok: false, reason: 'postings' }
  const docCount = header.ids.length
  for (let k = 0; k < postingCount; k += 1) {
    const d = docs[k] as number
    const w = weights[k] as number
    if (d < 0 || d >= docCount || !Number.isFinite(w)) return { ok: false, reason: 'postings' }
    if (k % 1_000_000 === 999_999) await pace()
  }
  const meta: DocMeta[] = header.meta.map(([status, kind, language, tags, conflicted, assignee, reviewer]) => ({
    status,
    kind,
    language,
    tags,
    conflicted,
    assignee,
    reviewer,
  }))
  return {
    ok: true,
    cached: {
      snapshot: {
        ids: header.ids,
        meta,
        lengths: header.lengths,
        terms: header.terms,
        counts,
        docs,
        weights,
      },
      hashes: header.hashes,
    },
  }
}

const isString = (v: unknown): v is string => typeof v === 'string'

function validHeader(h: Header, termCount: number): boolean {
  if (typeof h !== 'object' || h === null) return false
  if (h.format !== INDEX_FORMAT) return false
  if (!Array.isArray(h.fields) || h.fields.join(',') !== FIELD_NAMES.join(',')) return false
  if (!Array.isArray(h.ids) || !Array.isArray(h.hashes) || !Array.isArray(h.meta) || !Array.isArray(h.terms)) {
    return false
  }
  const n = h.ids.length
  if (h.hashes.length !== n || h.meta.length !== n || h.terms.length !== termCount) return false
  if (!h.ids.every(isString) || !h.hashes.every(isString) || !h.terms.every(isString)) return false
  if (new Set(h.ids).size !== n || new Set(h.terms).size !== termCount) return false
  const metaOk = h.meta.every(
    (m) =>
      Array.isArray(m) &&
      m.length === 7 &&
      isString(m[0]) &&
      isString(m[1]) &&
      isString(m[2]) &&
      Array.isArray(m[3]) &&
      m[3].every(isString) &&
      typeof m[4] === 'boolean' &&
      (m[5] === null || isString(m[5])) &&
      (m[6] === null || isString(m[6])),
  )
  if (!metaOk) return false
  const lengths = h.lengths
  if (!Array.isArray(lengths) || lengths.length !== n * FIELD_NAMES.length) return false
  return lengths.every((l) => Number.isInteger(l) && l >= -1)
}

/** Reads the workspace's search cache; null when missing or unusable (the caller rebuilds). */
export async function loadSearchCache(
  root: string,
  pace: Pace,
): Promise<{ ok: true; cached: CachedIndex } | { ok: false; reason: CacheRejection }> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(searchCachePath(root))
  } catch (error) {
    if (isCode(error, 'ENOENT')) return { ok: false, reason: 'missing' }
    throw error
  }
  return decodeSearchCache(bytes, pace)
}

/** Writes the workspace's search cache durably (temp file, fsync, rename). */
export async function saveSearchCache(root: string, cached: CachedIndex, pace: Pace): Promise<number> {
  const path = searchCachePath(root)
  await mkdir(workspaceLayout(root).search, { recursive: true })
  const bytes = await encodeSearchCache(cached, pace)
  await writeDurable(path, bytes)
  return bytes.byteLength
}

/** Removes the workspace's search cache (tests, and the bench's cold runs). */
export async function dropSearchCache(root: string): Promise<void> {
  await rm(searchCachePath(root), { force: true })
}
