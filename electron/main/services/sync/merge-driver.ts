import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArticleBytes, serializeArticle } from '../library'
import { pathExists, writeDurable } from '../storage'
import type { Article, ConflictSides, FieldConflict } from '../../../../shared/article/schema'
import { assertNever } from '../../../../shared/assert-never'
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

/**
 * What git is doing when it starts the driver (see `gitOperation`): it says which of git's two files is this
 * editor's side and where each side's author is read.
 * - `sync`: the sync engine's `git merge` (it names the incoming commit); ours is the sync's author.
 * - `merge`: a merge started by anyone else (`git merge`/`git pull` in a terminal, or a `merge` step of
 *   `git rebase --rebase-merges` recreating a local merge commit): theirs is the newest author on the incoming
 *   side, ours the newest local one since the two parted.
 * - `rebase`: a commit replayed onto the upstream; git hands the driver the sides swapped.
 * - `cherry-pick`, `revert`: one commit's change (or its undoing) applied to HEAD.
 * - `am`: a patch applied to HEAD (`git am -3`); its author is the patch's.
 * - `either`: a cherry-pick of one commit or a revert of another, which hand the driver the same three versions
 *   (picking a commit whose revert is in the history, or reverting that revert); a side is named only where
 *   both readings name the same author.
 * - `unknown`: git said nothing the driver can read (ours is then this computer's git identity).
 */
export type GitOperation =
  | { kind: 'sync'; incoming: string }
  | { kind: 'merge'; incoming: string }
  | {
      kind: 'rebase'
      /** The upstream the local commits are replayed on (a commit or a revision git resolves). */
      onto: string
      /** The local branch before the rebase. */
      origHead: string
      /** The local commit being replayed (whose author wrote this editor's side); null when git does not say. */
      replaying: string | null
    }
  | { kind: 'cherry-pick' | 'revert'; commit: string }
  | { kind: 'am'; author: string | undefined }
  | { kind: 'either'; readings: [{ kind: 'cherry-pick'; commit: string }, { kind: 'revert'; commit: string }] }
  | { kind: 'unknown' }

/** Sequencer commands (git-rebase-todo, `done`) that replay one commit onto HEAD, git's sides swapped. */
const PICKS = new Set(['pick', 'p', 'reword', 'r', 'edit', 'e', 'fixup', 'f', 'squash', 's'])

/** The commit a sequencer line replays (`pick <commit> subject`, `fixup -C <commit> subject`), or null. */
function pickedCommit(line: string): string | null {
  const [command, ...rest] = line.trim().split(/\s+/)
  if (command === undefined || !PICKS.has(command)) return null
  return rest.find((word) => /^[0-9a-f]{4,64}$/.test(word)) ?? null
}

/** The value of one variable in a shell-quoted author script (`GIT_AUTHOR_NAME='O'\''Brien'`), or ''. */
function authorScriptValue(script: string, name: string): string {
  const line = script.split('\n').find((l) => l.startsWith(`${name}=`))
  const quoted = line?.slice(name.length + 1).trim() ?? ''
  return quoted.replace(/^'|'$/g, '').replace(/'\\(.)'/g, '$1')
}

/**
 * The one-commit cherry-pick or revert git is running when it leaves no trace: `git cherry-pick <commit>` and
 * `git revert <commit>` of a single commit write no sequencer folder, CHERRY_PICK_HEAD, REVERT_HEAD or
 * MERGE_MSG before the merge, set no variable, and git 2.39 passes merge drivers no labels (%X, %Y came in
 * 2.44). What the driver has is the file's change: a cherry-pick merges `<commit>^` (base, %O) with `<commit>`
 * (theirs, %B), a revert `<commit>` (base) with `<commit>^` (theirs). The commit is found among every ref's
 * history by that change of `path` (base's blob to theirs' for a pick, the reverse for a revert); when both
 * kinds match, the operation is `either`. Null when no commit matches.
 */
async function pickedByChange(
  root: string,
  path: string,
  basePath: string,
  theirsPath: string,
): Promise<GitOperation | null> {
  const hashed = await runGit(root, ['hash-object', '--', basePath, theirsPath], { okCodes: [128] })
  const [baseBlob, theirsBlob] = hashed.stdout.trim().split('\n')
  if (hashed.code !== 0 || !baseBlob || !theirsBlob) return null
  const baseEmpty = (await readFile(basePath)).byteLength === 0
  const isBase = (blob: string) => blob === baseBlob || (baseEmpty && /^0+$/.test(blob))
  // prettier-ignore
  const log = await runGit(root, [
    '-c', 'core.quotePath=false', 'log', '--all', '--no-merges', '--no-renames', '--raw', '--no-abbrev',
    '--format=%x01%H', '--', path,
  ], { okCodes: [128] })
  if (log.code !== 0) return null
  let commit = ''
  let picked: string | null = null
  let reverted: string | null = null
  for (const line of log.stdout.split('\n')) {
    if (line.startsWith('\u0001')) commit = line.slice(1).trim()
    // `:100644 100644 <old blob> <new blob> M\t<path>`: the newest commit with the change wins.
    const [, , before = '', after = ''] = line.startsWith(':') ? (line.split('\t')[0]?.split(' ') ?? []) : []
    if (picked === null && isBase(before) && after === theirsBlob) picked = commit
    if (reverted === null && before === theirsBlob && isBase(after)) reverted = commit
  }
  if (picked !== null && reverted !== null)
    return {
      kind: 'either',
      readings: [
        { kind: 'cherry-pick', commit: picked },
        { kind: 'revert', commit: reverted },
      ],
    }
  if (picked !== null) return { kind: 'cherry-pick', commit: picked }
  if (reverted !== null) return { kind: 'revert', commit: reverted }
  return null
}

/**
 * What git is doing in `root` as it runs the driver on `path` (see `GitOperation`), read in this order: the sync
 * engine's variable; a rebase's state folder; a `git am`'s; the `GITHEAD_<commit>` variable `git merge` sets
 * for its one merged head (MERGE_HEAD is not written yet while drivers run); a cherry-pick or revert of several
 * commits (the first line of sequencer/todo is the one being applied); MERGE_HEAD; else the one commit a
 * cherry-pick or revert applies, found by the file's change (`pickedByChange`).
 *
 * Rebase: the merge backend (rebase-merge/) holds `onto` (the upstream the local commits are replayed on),
 * `orig-head` (the local branch before the rebase) and `done` (the commands run so far, the last one running
 * now). A `pick` replays a commit with the sides swapped: git hands the driver the upstream as %A and the local
 * commit as %B. A `merge` (`git rebase --rebase-merges`, `git pull --rebase=merges`, recreating a local merge
 * commit) is a real merge: %A is HEAD (the rebuilt first parent), %B the branch merged, and git has written
 * MERGE_HEAD before merging. The apply backend runs `git am --rebasing` in rebase-apply/: `original-commit`
 * is the commit being replayed; `onto` and `orig-head` exist only once it has stopped; before that the
 * branch is ORIG_HEAD and, as am moves HEAD with each commit it replays, the upstream is HEAD only until the
 * first: `rewritten` lists `<original> <replayed>` per replayed commit (a patch am skips because the upstream
 * already has its change is not listed and moves nothing), the first one's parent is the upstream. Without
 * `rebasing`, rebase-apply/ is a plain `git am`, whose `author-script` holds the patch's author.
 */
export async function gitOperation(
  root: string,
  path: string,
  basePath: string,
  theirsPath: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GitOperation> {
  const named = env[MERGE_THEIRS_ENV]?.trim()
  if (named) return { kind: 'sync', incoming: named }
  const found = await runGit(root, ['rev-parse', '--absolute-git-dir'], { okCodes: [128] })
  if (found.code !== 0) return { kind: 'unknown' }
  const dir = found.stdout.trim()
  const read = (name: string) =>
    readFile(join(dir, name), 'utf8').then(
      (t) => t.trim(),
      () => '',
    )
  if (await pathExists(join(dir, 'rebase-merge'))) {
    const [onto, origHead, done] = await Promise.all([
      read('rebase-merge/onto'),
      read('rebase-merge/orig-head'),
      read('rebase-merge/done'),
    ])
    const running = done.split('\n').at(-1) ?? ''
    if (/^(merge|m)\s/.test(running)) return { kind: 'merge', incoming: 'MERGE_HEAD' }
    if (onto !== '' && origHead !== '') return { kind: 'rebase', onto, origHead, replaying: pickedCommit(running) }
  }
  if (await pathExists(join(dir, 'rebase-apply'))) {
    const [onto, origHead, original] = await Promise.all([
      read('rebase-apply/onto'),
      read('rebase-apply/orig-head'),
      read('rebase-apply/original-commit'),
    ])
    const replaying = original || null
    if (onto !== '' && origHead !== '') return { kind: 'rebase', onto, origHead, replaying }
    if (await pathExists(join(dir, 'rebase-apply', 'rebasing'))) {
      const first = (await read('rebase-apply/rewritten')).split('\n')[0]?.split(' ')[1]
      return { kind: 'rebase', onto: first ? `${first}^` : 'HEAD', origHead: 'ORIG_HEAD', replaying }
    }
    const script = await read('rebase-apply/author-script')
    const author = editorRef({
      name: authorScriptValue(script, 'GIT_AUTHOR_NAME'),
      email: authorScriptValue(script, 'GIT_AUTHOR_EMAIL'),
    })
    return { kind: 'am', author: author ?? undefined }
  }
  const heads = Object.keys(env)
    .map((k) => /^GITHEAD_([0-9a-f]{40,64})$/.exec(k)?.[1])
    .filter((k): k is string => k !== undefined)
  if (heads.length === 1) return { kind: 'merge', incoming: heads[0] as string }
  const next = /^(pick|p|revert)\s+([0-9a-f]{4,64})\b/.exec((await read('sequencer/todo')).split('\n')[0] ?? '')
  if (next) return { kind: next[1] === 'revert' ? 'revert' : 'cherry-pick', commit: next[2] as string }
  if (await pathExists(join(dir, 'MERGE_HEAD'))) return { kind: 'merge', incoming: 'MERGE_HEAD' }
  return (await pickedByChange(root, path, basePath, theirsPath)) ?? { kind: 'unknown' }
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
 * The author of the newest commit (not a merge) among `revisions` (git log's revision arguments) that changed
 * `path`, as an editor reference; undefined when there is none or git cannot tell.
 */
async function newestAuthorOf(root: string, path: string, revisions: string[]): Promise<string | undefined> {
  // prettier-ignore
  const log = await runGit(root, [
    '-c', 'core.quotePath=false', 'log', '-1', '--no-merges', '--format=%H', ...revisions, '--', path,
  ], { okCodes: [128] })
  const commit = log.code === 0 ? log.stdout.trim() : ''
  return commit === '' ? undefined : commitAuthor(root, commit)
}

/**
 * Who wrote each side of `path` in the operation git runs (`op`), ours being this editor's side whatever git
 * calls it. Theirs: the newest incoming author in a merge (see `mergeSides`), the upstream's in a rebase, the
 * picked commit's author in a cherry-pick, the patch's in `git am`; in a revert, theirs is the version before
 * the reverted commit, so it is named by whoever wrote that version (the newest commit that changed the file
 * before it), not by the reverted commit's author, who wrote the base. Ours is the author of the local commit
 * that wrote this editor's side: the commit replayed in a rebase, else the newest local commit that changed the
 * file since the sides parted (in `git am`, since ever); git's identity only when there is none (or in the sync
 * engine's merge, whose identity is the editor's).
 */
async function operationSides(root: string, path: string, op: GitOperation): Promise<ConflictSides> {
  const one = async (theirs: string, here?: string) =>
    (await mergeSides(root, [path], theirs, undefined, here)).get(path) ?? {}
  let theirsBy: string | undefined
  let localBy: string | undefined
  switch (op.kind) {
    case 'sync':
      return one(op.incoming)
    case 'merge':
      theirsBy = (await one(op.incoming)).theirsBy
      localBy = await newestAuthorOf(root, path, [`${op.incoming}..HEAD`])
      break
    case 'rebase':
      theirsBy = (await one(op.onto, op.origHead)).theirsBy
      localBy = op.replaying ? await commitAuthor(root, op.replaying) : undefined
      break
    case 'cherry-pick':
      theirsBy = await commitAuthor(root, op.commit)
      localBy = await newestAuthorOf(root, path, [`${op.commit}..HEAD`])
      break
    case 'revert':
      theirsBy = await newestAuthorOf(root, path, [`${op.commit}^`])
      localBy = await newestAuthorOf(root, path, [`${op.commit}..HEAD`])
      break
    case 'am':
      theirsBy = op.author
      localBy = await newestAuthorOf(root, path, ['HEAD'])
      break
    case 'either': {
      const [pick, revert] = await Promise.all(op.readings.map((reading) => operationSides(root, path, reading)))
      const agreed = (key: keyof ConflictSides) =>
        pick?.[key] !== undefined && pick[key] === revert?.[key] ? { [key]: pick[key] } : {}
      return { ...agreed('oursBy'), ...agreed('theirsBy') }
    }
    case 'unknown':
      break
    default:
      assertNever(op)
  }
  const oursBy = localBy ?? (await repositoryAuthor(root))
  return { ...(oursBy ? { oursBy } : {}), ...(theirsBy ? { theirsBy } : {}) }
}

/**
 * The git merge driver (`newsdesk merge-driver %O %A %B %P`): merges the common original (O), ours (A) and
 * theirs (B) of an article or publication file field by field and writes the valid result over A. Git treats
 * an exit code of 0 as merged; unsettled fields are recorded inside the file (`conflicts`), never as markers,
 * with who wrote each side (see `operationSides`; git runs the driver at the top of the work tree, `root`). In
 * a rebase's pick the sides are swapped back (see `gitOperation`): "ours" is always this editor's edit.
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
  const op = await gitOperation(root, path, basePath, theirsPath)
  const sides = await operationSides(root, path, op)
  const [mine, other] = op.kind === 'rebase' ? [theirs, ours] : [ours, theirs]
  const merged = mergeFileBytes(repoPath, base, mine, other, now().toISOString(), sides)
  if (!merged.ok) return merged
  await writeDurable(oursPath, merged.bytes)
  const { bytes: _bytes, ...outcome } = merged
  return outcome
}
