import { readFile } from 'node:fs/promises'
import { parseArticleBytes, serializeArticle } from '../article-file'
import { writeDurable } from '../durable-write'
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

type Parsed<T> = { state: 'missing' } | { state: 'invalid'; message: string } | { state: 'ok'; value: T }

async function readBytes(path: string): Promise<Buffer | null> {
  const bytes = await readFile(path)
  return bytes.byteLength === 0 ? null : bytes
}

async function readArticle(path: string): Promise<Parsed<Article>> {
  const bytes = await readBytes(path)
  if (!bytes) return { state: 'missing' }
  const read = parseArticleBytes(bytes, path)
  return read.ok ? { state: 'ok', value: read.article } : { state: 'invalid', message: read.message }
}

async function readPublication(path: string): Promise<Parsed<PublicationFile>> {
  const bytes = await readBytes(path)
  if (!bytes) return { state: 'missing' }
  try {
    const parsed = publicationFileSchema.safeParse(JSON.parse(bytes.toString('utf8')))
    return parsed.success
      ? { state: 'ok', value: parsed.data }
      : { state: 'invalid', message: parsed.error.issues[0]?.message ?? 'invalid' }
  } catch (error) {
    return { state: 'invalid', message: (error as Error).message }
  }
}

/**
 * The git merge driver (`newsdesk merge-driver %O %A %B %P`): merges the common original (O), ours (A) and
 * theirs (B) of an article or publication file field by field and writes the valid result over A. Git treats
 * an exit code of 0 as merged; unsettled fields are recorded inside the file (`conflicts`), never as markers.
 * A side whose file is not valid loses to the valid side (the invalid version stays in git's history).
 */
export async function runMergeDriver(
  basePath: string,
  oursPath: string,
  theirsPath: string,
  repoPath: string,
  now: () => Date = () => new Date(),
): Promise<DriverOutcome> {
  const at = now().toISOString()
  const path = repoPath.split('\\').join('/')
  const kind = isArticlePath(path) ? 'article' : isPublicationPath(path) ? 'publication' : null
  if (kind === null) return { ok: false, message: `${repoPath} is not an article or the publication settings` }
  if (kind === 'article') {
    const [b, o, t] = await Promise.all([readArticle(basePath), readArticle(oursPath), readArticle(theirsPath)])
    const pick = choose(o, t)
    if (pick) {
      if (pick === 'theirs' && t.state === 'ok') await writeDurable(oursPath, serializeArticle(t.value))
      return { ok: true, kind, conflicts: [], note: `kept ${pick}: the other version is not a valid article` }
    }
    if (o.state !== 'ok' || t.state !== 'ok') return { ok: false, message: 'neither version is a valid article' }
    const merged = mergeArticle(b.state === 'ok' ? b.value : null, o.value, t.value, at)
    await writeDurable(oursPath, serializeArticle(merged.value))
    return { ok: true, kind, conflicts: merged.found }
  }
  const [b, o, t] = await Promise.all([
    readPublication(basePath),
    readPublication(oursPath),
    readPublication(theirsPath),
  ])
  const pick = choose(o, t)
  if (pick) {
    if (pick === 'theirs' && t.state === 'ok') await writeDurable(oursPath, `${JSON.stringify(t.value, null, 2)}\n`)
    return { ok: true, kind, conflicts: [], note: `kept ${pick}: the other version is not valid settings` }
  }
  if (o.state !== 'ok' || t.state !== 'ok')
    return { ok: false, message: 'neither version is valid publication settings' }
  const merged = mergePublication(b.state === 'ok' ? b.value : null, o.value, t.value, at)
  await writeDurable(oursPath, `${JSON.stringify(merged.value, null, 2)}\n`)
  return { ok: true, kind, conflicts: merged.found }
}

/** Which side to keep whole when only one side is valid; null when both are valid (or neither). */
function choose<T>(o: Parsed<T>, t: Parsed<T>): 'ours' | 'theirs' | null {
  if (o.state === 'ok' && t.state !== 'ok') return 'ours'
  if (t.state === 'ok' && o.state !== 'ok') return 'theirs'
  return null
}
