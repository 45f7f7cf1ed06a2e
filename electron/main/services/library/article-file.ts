import { createHash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { migrateArticle } from '../../../../shared/article/migrations'
import {
  safeParseArticle,
  type Article,
  type ArticleFields,
  type ArticleParseOptions,
} from '../../../../shared/article/schema'
import type { AttentionItem } from '../../../../shared/ipc/contract'
import { isCode } from '../storage'

/** An article id: a UUID, so no id can name another path. Article files are `articles/<id>.json`. */
export const ARTICLE_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

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

/** What is wrong with an unreadable article file (the quarantine reason). */
export type FileProblem = AttentionItem['reason']

/** Outcome of reading one article file. */
export type ReadOutcome =
  | { ok: true; article: Article; hash: string }
  | { ok: false; reason: 'not-found' | 'invalid'; message: string; problem?: FileProblem }

/** Reads, migrates and validates one article file without throwing; an invalid one says what is wrong. */
export async function readArticleFile(path: string): Promise<ReadOutcome> {
  const read = await readArticleFileStamped(path)
  return read.ok ? { ok: true, article: read.article, hash: read.hash } : read
}

/** The size and modification time (ns) of the article file a read found: its stamp in the catalogue. */
export interface FileStamp {
  size: number
  mtimeNs: string
}

/**
 * `readArticleFile`, with the stamp of the very file read (fstat of the open file, so the stamp and the bytes
 * are of the same revision even if a save renames a new one in between). One open, fstat, read and close:
 * a stat before them cost two more trips to the I/O threads per file of a cold open.
 */
export async function readArticleFileStamped(
  path: string,
  options: ArticleParseOptions = {},
): Promise<(ReadOutcome & { ok: true; stamp: FileStamp }) | Extract<ReadOutcome, { ok: false }>> {
  let bytes: Buffer
  let stamp: FileStamp
  const name = basename(path)
  let handle: FileHandle | null = null
  try {
    handle = await open(path, 'r')
    const info = await handle.stat({ bigint: true })
    if (info.size > MAX_ARTICLE_BYTES) {
      return {
        ok: false,
        reason: 'invalid',
        problem: 'too-large',
        message: `${name} is ${info.size} bytes, over the 10 MB limit`,
      }
    }
    stamp = { size: Number(info.size), mtimeNs: info.mtimeNs.toString() }
    bytes = await handle.readFile()
  } catch (error) {
    if (isCode(error, 'ENOENT')) return { ok: false, reason: 'not-found', message: `${name} does not exist` }
    if (isCode(error, 'EISDIR') || isCode(error, 'EACCES') || isCode(error, 'EPERM')) {
      return {
        ok: false,
        reason: 'invalid',
        problem: 'unreadable',
        message: `${name} cannot be read: ${(error as Error).message}`,
      }
    }
    throw error
  } finally {
    await handle?.close()
  }
  const parsed = parseArticleBytes(bytes, name, options)
  return parsed.ok ? { ...parsed, stamp } : parsed
}

/** Outcome of decoding one article file's bytes, without their sha256. */
export type DecodeOutcome = { ok: true; article: Article } | Extract<ReadOutcome, { ok: false }>

/** Decodes, parses, migrates and validates the bytes of an article file, and hashes them. */
export function parseArticleBytes(bytes: Uint8Array, name: string, options: ArticleParseOptions = {}): ReadOutcome {
  const read = decodeArticleBytes(bytes, name, options)
  return read.ok ? { ok: true, article: read.article, hash: contentHash(bytes) } : read
}

/**
 * One fatal UTF-8 decoder per thread (article files and imported Markdown): without `stream`, each decode
 * stands alone (no state carried over). Throws on invalid UTF-8.
 */
export const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * `parseArticleBytes` without the sha256, for readers that never compare revisions (an export): hashing the
 * source file was measured at 11–16 µs of an export's per-article work for a result nobody used.
 */
export function decodeArticleBytes(bytes: Uint8Array, name: string, options: ArticleParseOptions = {}): DecodeOutcome {
  if (bytes.byteLength === 0) return { ok: false, reason: 'invalid', problem: 'empty', message: `${name} is empty` }
  if (bytes.byteLength > MAX_ARTICLE_BYTES) {
    return { ok: false, reason: 'invalid', problem: 'too-large', message: `${name} is over the 10 MB limit` }
  }
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    return { ok: false, reason: 'invalid', problem: 'invalid-utf8', message: `${name} is not valid UTF-8` }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    // Only text JSON refuses can be blank, so the copy this check makes is paid for broken files alone.
    if (text.replaceAll('\u0000', '').trim().length === 0) {
      return { ok: false, reason: 'invalid', problem: 'empty', message: `${name} holds no data` }
    }
    const message = (error as Error).message
    // Truncated: the parser ran out of input (V8 says "end of JSON input" or gives a position at the end).
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN)
    const atEnd = /end of (JSON )?input|Unterminated/i.test(message) || position >= text.trimEnd().length - 1
    const truncated = atEnd && text.trimStart().startsWith('{')
    return {
      ok: false,
      reason: 'invalid',
      problem: truncated ? 'truncated' : 'not-json',
      message: truncated ? `${name} is cut short (truncated JSON)` : `${name} is not valid JSON: ${message}`,
    }
  }
  const migrated = migrateArticle(raw)
  if (!migrated.ok) {
    return { ok: false, reason: 'invalid', problem: 'schema-invalid', message: `${name}: ${migrated.message}` }
  }
  const parsed = safeParseArticle(migrated.value, options)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.join('.') || '(root)'
    return {
      ok: false,
      reason: 'invalid',
      problem: 'schema-invalid',
      message: `${name}: field ${where}: ${issue?.message ?? 'invalid'}`,
    }
  }
  return { ok: true, article: parsed.data }
}

/** True when two field sets are equal (key order ignored). */
export function sameFields(a: ArticleFields, b: ArticleFields): boolean {
  return stableJson(a) === stableJson(b)
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  )
}
