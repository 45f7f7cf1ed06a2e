import { readFile } from 'node:fs/promises'
import { parseArticleBytes, serializeArticle } from '../library'
import { writeDurable } from '../storage'
import type { Article, FieldConflict } from '../../../../shared/article/schema'
import { mergeArticle } from '../../../../shared/sync/merge-article'
import {
  mergePublication,
  publicationFileSchema,
  type PublicationFile,
} from '../../../../shared/sync/merge-publication'
import { isArticlePath, isPublicationPath } from './shared-files'

/** Outcome of one run of the merge driver. */
export type DriverOutcome =
  | { ok: true; kind: 'article' | 'publication'; conflicts: FieldConflict[]; note?: string }
  | { ok: false; message: string }

/** Outcome of merging the three versions of a file held in memory: the bytes to write, or why not. */
export type BytesMerge =
  (Extract<DriverOutcome, { ok: true }> & { bytes: string }) | Extract<DriverOutcome, { ok: false }>

type Parsed<T> = { state: 'missing' } | { state: 'invalid'; message: string } | { state: 'ok'; value: T }

function parseArticle(bytes: Uint8Array | null, name: string): Parsed<Article> {
  if (!bytes || bytes.byteLength === 0) return { state: 'missing' }
  const read = parseArticleBytes(bytes, name)
  return read.ok ? { state: 'ok', value: read.article } : { state: 'invalid', message: read.message }
}

function parsePublication(bytes: Uint8Array | null): Parsed<PublicationFile> {
  if (!bytes || bytes.byteLength === 0) return { state: 'missing' }
  try {
    const parsed = publicationFileSchema.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')))
    return parsed.success
      ? { state: 'ok', value: parsed.data }
      : { state: 'invalid', message: parsed.error.issues[0]?.message ?? 'invalid' }
  } catch (error) {
    return { state: 'invalid', message: (error as Error).message }
  }
}

/** Which side to keep whole when only one side is valid; null when both are valid (or neither). */
function choose<T>(o: Parsed<T>, t: Parsed<T>): 'ours' | 'theirs' | null {
  if (o.state === 'ok' && t.state !== 'ok') return 'ours'
  if (t.state === 'ok' && o.state !== 'ok') return 'theirs'
  return null
}

const publicationText = (p: PublicationFile) => `${JSON.stringify(p, null, 2)}\n`

/**
 * Merges the common original (null or empty: both sides added the file), ours and theirs of an article or of
 * the publication settings at `repoPath`, field by field, into the bytes of a valid file. A side whose
 * version is not valid loses to the valid side (the invalid version stays in git's history).
 */
export function mergeFileBytes(
  repoPath: string,
  base: Uint8Array | null,
  ours: Uint8Array,
  theirs: Uint8Array,
  at: string,
): BytesMerge {
  const path = repoPath.split('\\').join('/')
  if (isArticlePath(path)) {
    const [b, o, t] = [parseArticle(base, path), parseArticle(ours, path), parseArticle(theirs, path)]
    const pick = choose(o, t)
    if (pick === 'ours' && o.state === 'ok')
      return {
        ok: true,
        kind: 'article',
        conflicts: [],
        bytes: serializeArticle(o.value),
        note: 'kept ours: theirs is not a valid article',
      }
    if (pick === 'theirs' && t.state === 'ok')
      return {
        ok: true,
        kind: 'article',
        conflicts: [],
        bytes: serializeArticle(t.value),
        note: 'kept theirs: ours is not a valid article',
      }
    if (o.state !== 'ok' || t.state !== 'ok') return { ok: false, message: 'neither version is a valid article' }
    const merged = mergeArticle(b.state === 'ok' ? b.value : null, o.value, t.value, at)
    return { ok: true, kind: 'article', conflicts: merged.found, bytes: serializeArticle(merged.value) }
  }
  if (isPublicationPath(path)) {
    const [b, o, t] = [parsePublication(base), parsePublication(ours), parsePublication(theirs)]
    const pick = choose(o, t)
    if (pick === 'ours' && o.state === 'ok')
      return {
        ok: true,
        kind: 'publication',
        conflicts: [],
        bytes: publicationText(o.value),
        note: 'kept ours: theirs is not valid settings',
      }
    if (pick === 'theirs' && t.state === 'ok')
      return {
        ok: true,
        kind: 'publication',
        conflicts: [],
        bytes: publicationText(t.value),
        note: 'kept theirs: ours is not valid settings',
      }
    if (o.state !== 'ok' || t.state !== 'ok')
      return { ok: false, message: 'neither version is valid publication settings' }
    const merged = mergePublication(b.state === 'ok' ? b.value : null, o.value, t.value, at)
    return { ok: true, kind: 'publication', conflicts: merged.found, bytes: publicationText(merged.value) }
  }
  return { ok: false, message: `${repoPath} is not an article or the publication settings` }
}

/**
 * The git merge driver (`newsdesk merge-driver %O %A %B %P`): merges the common original (O), ours (A) and
 * theirs (B) of an article or publication file field by field and writes the valid result over A. Git treats
 * an exit code of 0 as merged; unsettled fields are recorded inside the file (`conflicts`), never as markers.
 */
export async function runMergeDriver(
  basePath: string,
  oursPath: string,
  theirsPath: string,
  repoPath: string,
  now: () => Date = () => new Date(),
): Promise<DriverOutcome> {
  const [base, ours, theirs] = await Promise.all([readFile(basePath), readFile(oursPath), readFile(theirsPath)])
  const merged = mergeFileBytes(repoPath, base, ours, theirs, now().toISOString())
  if (!merged.ok) return merged
  await writeDurable(oursPath, merged.bytes)
  const { bytes: _bytes, ...outcome } = merged
  return outcome
}
