import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArticleBytes, serializeArticle } from '../library'
import { pathExists, writeDurable } from '../storage'
import type { Article, ConflictSides, FieldConflict } from '../../../../shared/article/schema'
import { editorRef } from '../../../../shared/article/review'
import { mergeArticle } from '../../../../shared/sync/merge-article'
import {
  mergePublication,
  publicationFileSchema,
  type PublicationFile,
} from '../../../../shared/sync/merge-publication'
import { runGit } from './git'
import { isArticlePath, isPublicationPath } from './shared-files'

/**
 * Environment variable the sync engine sets around `git merge` for the external driver: the incoming commit
 * (what %B comes from), so the driver can name its author. Without it the driver reads MERGE_HEAD.
 */
export const MERGE_THEIRS_ENV = 'NEWSDESK_MERGE_THEIRS'

/** This repository's author as an editor reference: `git var GIT_AUTHOR_IDENT` (the environment, else config). */
async function repositoryAuthor(root: string, env?: Record<string, string>): Promise<string | undefined> {
  try {
    const ident = (await runGit(root, ['var', 'GIT_AUTHOR_IDENT'], env ? { env } : {})).stdout.trim()
    const m = /^(.*?)\s*<([^<>]*)>/.exec(ident)
    return m ? (editorRef({ name: m[1] as string, email: m[2] as string }) ?? undefined) : undefined
  } catch {
    return undefined
  }
}

/**
 * Who wrote each side of the merge in progress in `root`, per shared file at `paths`: ours is this repository's
 * author (the editor whose computer merges: the author `env` the sync engine passes, else git's config),
 * theirs the author of the newest commit that changed the file on the incoming side (`theirs`, a commit, not
 * in HEAD). A side git cannot tell is left out (the conflict view then names it by computer).
 */
export async function mergeSides(
  root: string,
  paths: readonly string[],
  theirs: string,
  env?: Record<string, string>,
  /** The commits here, whose authors are not "theirs" (HEAD in a merge; the branch being rebased in a rebase). */
  here = 'HEAD',
): Promise<Map<string, ConflictSides>> {
  const oursBy = await repositoryAuthor(root, env)
  const incoming = new Map<string, string>()
  for (let i = 0; i < paths.length; i += 200) {
    // Newest first: the first author listed for a path wins. Merge commits only carry what their parents did.
    // prettier-ignore
    const log = await runGit(root, [
      '-c', 'core.quotePath=false', 'log', '--no-merges', '--format=%x01%an <%ae>', '--name-only',
      `${here}..${theirs}`, '--', ...paths.slice(i, i + 200),
    ], { okCodes: [128] })
    if (log.code !== 0) break
    let author: string | null = null
    for (const line of log.stdout.split('\n')) {
      if (line.startsWith('\u0001')) author = line.slice(1).trim() || null
      else if (line !== '' && author && !incoming.has(line)) incoming.set(line, author)
    }
  }
  return new Map(
    paths.map((path) => {
      const theirsBy = incoming.get(path)
      return [path, { ...(oursBy ? { oursBy } : {}), ...(theirsBy ? { theirsBy } : {}) }]
    }),
  )
}

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
 * version is not valid loses to the valid side (the invalid version stays in git's history). `sides` (who
 * wrote ours and theirs) is stamped on the conflict records found.
 */
export function mergeFileBytes(
  repoPath: string,
  base: Uint8Array | null,
  ours: Uint8Array,
  theirs: Uint8Array,
  at: string,
  sides: ConflictSides = {},
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
    const merged = mergeArticle(b.state === 'ok' ? b.value : null, o.value, t.value, at, sides)
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
    const merged = mergePublication(b.state === 'ok' ? b.value : null, o.value, t.value, at, sides)
    return { ok: true, kind: 'publication', conflicts: merged.found, bytes: publicationText(merged.value) }
  }
  return { ok: false, message: `${repoPath} is not an article or the publication settings` }
}

/** A rebase git is running: where it replays onto, the branch before it, and the commit it replays now. */
export interface RebaseState {
  /** The upstream the local commits are replayed on (a commit or a revision git resolves). */
  onto: string
  /** The local branch before the rebase. */
  origHead: string
  /** The local commit being replayed (whose author wrote this editor's side); null when git does not say. */
  replaying: string | null
}

/** Sequencer commands (git-rebase-todo, `done`) that replay one commit onto HEAD, git's sides swapped. */
const PICKS = new Set(['pick', 'p', 'reword', 'r', 'edit', 'e', 'fixup', 'f', 'squash', 's'])

/** The commit a sequencer line replays (`pick <commit> subject`, `fixup -C <commit> subject`), or null. */
function pickedCommit(line: string): string | null {
  const [command, ...rest] = line.trim().split(/\s+/)
  if (command === undefined || !PICKS.has(command)) return null
  return rest.find((word) => /^[0-9a-f]{4,64}$/.test(word)) ?? null
}

/**
 * A rebase in progress in `root` (`git pull --rebase`, `git rebase`), read from git's state folder. The merge
 * backend (rebase-merge/) holds `onto` (the upstream the local commits are replayed on), `orig-head` (the local
 * branch before the rebase) and `done` (the commands run so far, the last one replaying now). The apply backend
 * runs `git am --rebasing` in rebase-apply/: `original-commit` is the commit being replayed; `onto` and
 * `orig-head` exist only once it has stopped; before that the branch is ORIG_HEAD and, as am moves HEAD with
 * each commit it replays, the upstream is HEAD only until the first: `rewritten` lists `<original> <replayed>`
 * per replayed commit, the first one's parent is the upstream. During a rebase git hands the driver the
 * upstream as %A and the commit being replayed, the local editor's, as %B: the reverse of a merge. Null when
 * no rebase runs (a plain `git am` keeps git's sides).
 */
export async function rebaseInProgress(root: string): Promise<RebaseState | null> {
  const found = await runGit(root, ['rev-parse', '--absolute-git-dir'], { okCodes: [128] })
  if (found.code !== 0) return null
  const dir = found.stdout.trim()
  for (const state of ['rebase-merge', 'rebase-apply'] as const) {
    if (!(await pathExists(join(dir, state)))) continue
    const read = (name: string) =>
      readFile(join(dir, state, name), 'utf8').then(
        (t) => t.trim(),
        () => '',
      )
    const [onto, origHead] = await Promise.all([read('onto'), read('orig-head')])
    const replaying =
      state === 'rebase-merge'
        ? pickedCommit((await read('done')).split('\n').at(-1) ?? '')
        : (await read('original-commit')) || null
    if (onto !== '' && origHead !== '') return { onto, origHead, replaying }
    if (state === 'rebase-apply' && (await pathExists(join(dir, state, 'rebasing')))) {
      const first = (await read('rewritten')).split('\n')[0]?.split(' ')[1]
      return { onto: first ? `${first}^` : 'HEAD', origHead: 'ORIG_HEAD', replaying }
    }
  }
  return null
}

/** The author of `commit` as an editor reference; undefined when git cannot read it. */
async function commitAuthor(root: string, commit: string): Promise<string | undefined> {
  const shown = await runGit(root, ['log', '-1', '--format=%an%x00%ae', `${commit}^{commit}`, '--'], {
    okCodes: [128],
  })
  if (shown.code !== 0) return undefined
  const [name = '', email = ''] = shown.stdout.replace(/\n$/, '').split('\u0000')
  return editorRef({ name, email }) ?? undefined
}

/**
 * The incoming commit of a merge git is running: the sync engine's variable, else the `GITHEAD_<commit>`
 * variable `git merge` sets for each merged head (MERGE_HEAD is not written yet while drivers run), else
 * MERGE_HEAD. `typed` is true for a `git merge` run by someone else than the sync engine (a terminal's).
 */
function incomingCommit(env: NodeJS.ProcessEnv): { commit: string; typed: boolean } {
  const named = env[MERGE_THEIRS_ENV]?.trim()
  if (named) return { commit: named, typed: false }
  const heads = Object.keys(env)
    .map((k) => /^GITHEAD_([0-9a-f]{40,64})$/.exec(k)?.[1])
    .filter((k): k is string => k !== undefined)
  return heads.length === 1 ? { commit: heads[0] as string, typed: true } : { commit: 'MERGE_HEAD', typed: false }
}

/**
 * The author of the newest local commit (not a merge) that changed `path` since HEAD and `incoming` parted,
 * as an editor reference; undefined when there is none or git cannot tell.
 */
async function localAuthorOf(root: string, path: string, incoming: string): Promise<string | undefined> {
  // prettier-ignore
  const log = await runGit(root, [
    '-c', 'core.quotePath=false', 'log', '-1', '--no-merges', '--format=%H', `${incoming}..HEAD`, '--', path,
  ], { okCodes: [128] })
  const commit = log.code === 0 ? log.stdout.trim() : ''
  return commit === '' ? undefined : commitAuthor(root, commit)
}

/**
 * The git merge driver (`newsdesk merge-driver %O %A %B %P`): merges the common original (O), ours (A) and
 * theirs (B) of an article or publication file field by field and writes the valid result over A. Git treats
 * an exit code of 0 as merged; unsettled fields are recorded inside the file (`conflicts`), never as markers,
 * with who wrote each side (see `mergeSides`; git runs the driver at the top of the work tree, `root`). In a
 * rebase the sides are swapped back (see `rebaseInProgress`): "ours" is always this editor's edit.
 */
export async function runMergeDriver(
  basePath: string,
  oursPath: string,
  theirsPath: string,
  repoPath: string,
  now: () => Date = () => new Date(),
  root: string = process.cwd(),
): Promise<DriverOutcome> {
  const [base, ours, theirs] = await Promise.all([readFile(basePath), readFile(oursPath), readFile(theirsPath)])
  const path = repoPath.split('\\').join('/')
  const rebase = await rebaseInProgress(root)
  // A rebase replays this editor's commit (B) onto the upstream (A): the upstream's authors since the branch
  // left it are "theirs", the author of the commit replayed (not this computer's identity) "ours".
  // A merge: the incoming commit's authors are "theirs".
  const incoming = rebase ? null : incomingCommit(process.env)
  const sides = rebase
    ? ((await mergeSides(root, [path], rebase.onto, undefined, rebase.origHead)).get(path) ?? {})
    : ((await mergeSides(root, [path], (incoming as { commit: string }).commit)).get(path) ?? {})
  // A `git merge` typed in a terminal (not the sync engine's, whose author is the editor's): ours is the author
  // of the last local commit that changed the file (the app wrote it as the editor in Settings), not whoever
  // this computer's git identity is. Without such a commit, the identity stays.
  const localBy = rebase?.replaying
    ? await commitAuthor(root, rebase.replaying)
    : incoming?.typed
      ? await localAuthorOf(root, path, incoming.commit)
      : undefined
  if (localBy) sides.oursBy = localBy
  const [mine, other] = rebase ? [theirs, ours] : [ours, theirs]
  const merged = mergeFileBytes(repoPath, base, mine, other, now().toISOString(), sides)
  if (!merged.ok) return merged
  await writeDurable(oursPath, merged.bytes)
  const { bytes: _bytes, ...outcome } = merged
  return outcome
}
