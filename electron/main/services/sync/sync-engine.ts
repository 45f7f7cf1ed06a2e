import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { parseArticleBytes, serializeArticle } from '../library'
import { isCode, pathExists, writeDurable, STORE_DIR, STORE_ENTRIES, workspaceLayout } from '../storage'
import type { Article, ConflictSides, FieldConflict } from '../../../../shared/article/schema'
import { conflictStamp } from '../../../../shared/sync/merge-article'
import type { ArticleSyncState } from '../../../../shared/sync/api-types'
import { publicationFileSchema } from '../../../../shared/sync/merge-publication'
import {
  formatSyncMessage,
  isSyncMessage,
  syncMessage,
  type SyncMessage,
  type SyncStep,
} from '../../../../shared/sync/sync-messages'
import { claimsBeforeFetch, CLAIMS_FETCH_REFSPEC, renewClaims } from './claims'
import { mergeFileBytes, mergeSides, MERGE_THEIRS_ENV } from './merge-driver'
import { classifyNetworkError, GitError, readBlobs, runGit, type NetworkFailure } from './git'
import {
  configureRepository,
  isRepository,
  remoteUrl,
  REMOTE_NAME,
  type DriverCommand,
  type GitAuthor,
} from './repository'
import { isArticlePath, isPublicationPath, MERGE_DRIVER_NAME, PUBLICATION_PATH, SHARED_PATHS } from './shared-files'

/** What `git add` is given; the `.gitignore` Newsdesk writes keeps the local files under `.newsdesk/` out. */
const SHARED_FOLDERS = ['articles', 'assets', STORE_DIR, '.gitignore', '.gitattributes']

/** Where sync keeps its own local state (last result); never shared. */
export const SYNC_STATE_FILE = `${STORE_DIR}/${STORE_ENTRIES.syncState}`

/** Options of a sync. */
export interface SyncOptions {
  driver: DriverCommand
  /** Author of the commits; when absent, git's own user.name/user.email, else "Newsdesk". */
  author?: GitAuthor
  /** Network commands (fetch, push) are stopped after this long (default 120 s) and count as offline. */
  networkTimeoutMs?: number
  now?: () => Date
  /**
   * Let git start the registered driver (`newsdesk merge-driver`) for each file both sides changed, as it does
   * for a `git merge` typed in a terminal. By default sync leaves those files to git unmerged and merges them
   * in this process with the same code: one process instead of one per file.
   */
  externalDriver?: boolean
}

/** How a sync ended. */
export type SyncState = 'synced' | 'local-only' | 'offline' | 'auth' | 'error'

/** What one sync did. */
export interface SyncReport {
  state: SyncState
  /** Files committed from this workspace's changes. */
  committedFiles: number
  /** Commits received from the remote (merged or fast-forwarded). */
  received: number
  /** Commits sent to the remote. */
  sent: number
  /** Commits still waiting to be sent (offline, or no remote). */
  toSend: number
  /** Files the merge left with conflicts recorded inside them (relative paths). */
  newlyConflicted: string[]
  /** What recovery found and did before the sync, in words (empty when nothing was interrupted). */
  recovered: string[]
  /** The failure in English words (from `problem`), and git's own message behind it. */
  message?: string
  detail?: string
  /** The failure as a code with parameters (the app words it in the UI language). */
  problem?: SyncMessage
}

/** The sync state of a workspace, for `sync-status` and the indicator. */
export interface SyncStatus {
  repository: boolean
  branch: string | null
  remote: string | null
  /** Shared files changed since the last commit. */
  uncommitted: number
  /** Commits not yet on the remote (as of the last fetch). */
  toSend: number
  /** Commits on the remote not yet merged here (as of the last fetch). */
  toReceive: number
  /** Article ids whose files carry conflicts; the publication file shows as "publication". */
  conflicted: string[]
  last: { at: string; state: SyncState; message?: string; problem?: SyncMessage; detail?: string } | null
  /** The commit HEAD names (full id), or null before the first commit. */
  head: string | null
}

/** Keeps a sync's result for `sync-status` (local file under `.newsdesk/`). */
async function saveLast(root: string, report: SyncReport, at: string): Promise<void> {
  const last = {
    at,
    state: report.state,
    ...(report.message ? { message: report.message } : {}),
    ...(report.problem ? { problem: report.problem } : {}),
    ...(report.detail ? { detail: report.detail } : {}),
  }
  await writeDurable(workspaceLayout(root).syncState, `${JSON.stringify(last, null, 2)}\n`).catch(() => undefined)
}

async function gitDir(root: string): Promise<string> {
  const { stdout } = await runGit(root, ['rev-parse', '--absolute-git-dir'])
  return stdout.trim()
}

async function currentBranch(root: string): Promise<string> {
  const { stdout } = await runGit(root, ['symbolic-ref', '--short', 'HEAD'])
  return stdout.trim()
}

/** The full id of the commit `ref` names, or null when it names none (HEAD before the first commit). */
async function commitId(root: string, ref: string): Promise<string | null> {
  const { code, stdout } = await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    okCodes: [1],
  })
  return code === 0 ? stdout.trim() || null : null
}

async function hasCommit(root: string, ref: string): Promise<boolean> {
  return (await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { okCodes: [1] })).code === 0
}

async function countCommits(root: string, range: string): Promise<number> {
  const { stdout } = await runGit(root, ['rev-list', '--count', range])
  return Number(stdout.trim()) || 0
}

async function authorEnv(root: string, author: GitAuthor | undefined): Promise<Record<string, string>> {
  let who = author
  if (!who) {
    const name = (await runGit(root, ['config', '--get', 'user.name'], { okCodes: [1] })).stdout.trim()
    const email = (await runGit(root, ['config', '--get', 'user.email'], { okCodes: [1] })).stdout.trim()
    who = { name: name || 'Newsdesk', email: email || 'newsdesk@localhost' }
  }
  return {
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
  }
}

/** True when a shared file holds a valid article (or publication settings); other files count as valid. */
async function validSharedFile(root: string, path: string): Promise<boolean> {
  let bytes: Buffer
  try {
    bytes = await readFile(join(root, path))
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'EISDIR')) return true
    throw error
  }
  if (isArticlePath(path)) return parseArticleBytes(bytes, path).ok
  if (isPublicationPath(path)) {
    try {
      return publicationFileSchema.safeParse(JSON.parse(bytes.toString('utf8'))).success
    } catch {
      return false
    }
  }
  return true
}

/** Shared paths changed since HEAD (staged, unstaged or untracked), relative with forward slashes. */
async function changedSharedPaths(root: string): Promise<string[]> {
  const { stdout } = await runGit(root, [
    'status',
    '--no-renames',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    '--',
    ...SHARED_PATHS,
  ])
  const paths: string[] = []
  const parts = stdout.split('\0')
  for (let i = 0; i < parts.length; i += 1) {
    const entry = parts[i] as string
    if (entry.length < 4) continue
    paths.push(entry.slice(3))
    if (entry[0] === 'R' || entry[0] === 'C') i += 1
  }
  return paths
}

/**
 * Finishes or undoes what a killed sync left behind, never losing a saved edit: stale git lock files are
 * removed (the workspace lock says no other Newsdesk runs here); a merge that stopped with MERGE_HEAD is
 * finished (files git could not merge are settled as a sync would); a shared article left invalid by a merge
 * killed mid-checkout is restored from the last commit (which holds every saved edit, committed before the
 * merge began). Returns what it did, in words.
 */
export async function recoverRepository(root: string, options: SyncOptions): Promise<string[]> {
  return (await recover(root, await gitDir(root), options)).done
}

/** `recoverRepository`, also returning the shared paths still changed afterwards (what a commit takes). */
async function recover(
  root: string,
  dir: string,
  options: SyncOptions,
): Promise<{ done: string[]; changed: string[] }> {
  const done: string[] = []
  for (const lock of [
    'index.lock',
    'HEAD.lock',
    'ORIG_HEAD.lock',
    'MERGE_HEAD.lock',
    'packed-refs.lock',
    'config.lock',
    // A kill inside an automatic gc's foreground part; left, every later `gc --auto` would refuse to start.
    'gc.pid.lock',
  ]) {
    if (await pathExists(join(dir, lock))) {
      await rm(join(dir, lock), { force: true })
      done.push(`removed a stale .git/${lock}`)
    }
  }
  for (const refDir of ['refs/heads', `refs/remotes/${REMOTE_NAME}`]) {
    const names = await readdir(join(dir, refDir)).catch(() => [] as string[])
    for (const name of names.filter((n) => n.endsWith('.lock'))) {
      await rm(join(dir, refDir, name), { force: true })
      done.push(`removed a stale .git/${refDir}/${name}`)
    }
  }
  if (await pathExists(join(dir, 'MERGE_HEAD'))) {
    await settleUnmerged(root, options)
    await runGit(root, ['commit', '--no-edit', '--no-verify', '--quiet'], {
      env: await authorEnv(root, options.author),
    })
    done.push('finished an interrupted merge')
  }
  const changed: string[] = []
  for (const path of await changedSharedPaths(root)) {
    if (!(await validSharedFile(root, path))) {
      const inHead = (await runGit(root, ['cat-file', '-e', `HEAD:${path}`], { okCodes: [1, 128] })).code === 0
      if (inHead) {
        await runGit(root, ['checkout', 'HEAD', '--', path])
        done.push(`restored ${path} from the last commit (it was left invalid)`)
        continue
      }
    }
    changed.push(path)
  }
  return { done, changed }
}

/**
 * Settles the paths git left unmerged (the driver runs for files both sides changed; these are the rest):
 * deleted on one side and edited on the other keeps the edit and records the deletion as a conflict; a
 * driver that failed keeps ours (theirs stays in history); anything else keeps ours if it exists.
 */
async function settleUnmerged(root: string, options: SyncOptions): Promise<string[]> {
  const { stdout } = await runGit(root, ['ls-files', '-u', '-z'])
  const stages = new Map<string, Map<number, string>>()
  for (const line of stdout.split('\0')) {
    const m = /^\d+ ([0-9a-f]+) (\d)\t(.+)$/.exec(line)
    if (!m) continue
    const path = m[3] as string
    const set = stages.get(path) ?? new Map<number, string>()
    set.set(Number(m[2]), m[1] as string)
    stages.set(path, set)
  }
  if (stages.size === 0) return []
  // Every stage of every unmerged file in one read.
  const blobs = await readBlobs(root, [...new Set([...stages.values()].flatMap((s) => [...s.values()]))])
  const blob = (have: Map<number, string>, n: number): Buffer | null => {
    const id = have.get(n)
    return id === undefined ? null : (blobs.get(id) ?? null)
  }
  const at = (options.now ?? (() => new Date()))().toISOString()
  // Who wrote each side of the files that may get conflict records: ours is this editor, theirs the incoming.
  const recorded = [...stages]
    .filter(([path, have]) => (have.has(2) || have.has(3)) && (isArticlePath(path) || isPublicationPath(path)))
    .map(([path]) => path)
  const sides =
    recorded.length > 0
      ? await mergeSides(root, recorded, 'MERGE_HEAD', await authorEnv(root, options.author))
      : new Map<string, ConflictSides>()
  const conflicted: string[] = []
  const removed: string[] = []
  const settled: string[] = []
  for (const [path, have] of stages) {
    const side = have.has(2) ? 2 : have.has(3) ? 3 : null
    if (side === null) {
      removed.push(path)
      await rm(join(root, path), { force: true })
      continue
    }
    const kept = blob(have, side) ?? Buffer.alloc(0)
    let bytes: Uint8Array | string = kept
    if (have.has(2) && have.has(3) && (isArticlePath(path) || isPublicationPath(path))) {
      // Both sides changed it: merge the three stages here, as the driver does (sync runs git's merge with
      // the driver turned off, so no process is started per file).
      const merged = mergeFileBytes(
        path,
        blob(have, 1),
        blob(have, 2) ?? Buffer.alloc(0),
        blob(have, 3) ?? Buffer.alloc(0),
        at,
        sides.get(path),
      )
      bytes = merged.ok ? merged.bytes : (blob(have, 2) ?? kept)
      if (merged.ok && merged.conflicts.length > 0) conflicted.push(path)
    } else if (have.has(1) && isArticlePath(path)) {
      // Deleted on one side, edited on the other: the edit is kept and the deletion recorded.
      const read = parseArticleBytes(kept, path)
      if (read.ok) {
        const base = parseArticleBytes(blob(have, 1) ?? Buffer.alloc(0), path)
        const record: FieldConflict = {
          field: 'deleted',
          base: base.ok ? base.article : null,
          ours: side === 2 ? read.article : null,
          theirs: side === 3 ? read.article : null,
          ...conflictStamp(at, sides.get(path) ?? {}),
        }
        const others = (read.article.conflicts ?? []).filter((c) => c.field !== 'deleted')
        const article: Article = { ...read.article, conflicts: [...others, record] }
        bytes = serializeArticle(article)
        conflicted.push(path)
      }
    }
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeDurable(join(root, path), bytes)
    settled.push(path)
  }
  for (let i = 0; i < removed.length; i += 500) {
    await runGit(root, ['rm', '--quiet', '--cached', '--ignore-unmatch', '--', ...removed.slice(i, i + 500)])
  }
  for (let i = 0; i < settled.length; i += 500) await runGit(root, ['add', '--', ...settled.slice(i, i + 500)])
  return conflicted
}

/** Commits every change to the shared files (whoever made it); returns how many files it committed. */
export async function commitShared(root: string, options: SyncOptions, changedPaths?: string[]): Promise<number> {
  const staged = changedPaths ?? (await changedSharedPaths(root))
  if (staged.length === 0) return 0
  // Folders, not the shared file names: a pathspec naming a missing file fails; .gitignore does the choosing.
  await runGit(root, ['add', '--all', '--', ...SHARED_FOLDERS])
  const names: string[] = []
  for (const path of staged.filter(isArticlePath)) {
    const read = await readFile(join(root, path)).then(
      (bytes) => parseArticleBytes(bytes, path),
      () => null,
    )
    names.push(read?.ok ? `${read.article.slug}: ${read.article.headline}` : `${path} (deleted)`)
  }
  const articleCount = staged.filter(isArticlePath).length
  const subject =
    articleCount === 0
      ? `Newsdesk: ${staged.length} shared file${staged.length === 1 ? '' : 's'} changed`
      : `Newsdesk: ${articleCount} article${articleCount === 1 ? '' : 's'} changed (${names
          .slice(0, 3)
          .map((n) => n.split(':')[0])
          .join(', ')}${articleCount > 3 ? ', ...' : ''})`
  const message = `${subject}\n\n${names.join('\n')}\n`
  // Through stdin: one argument may hold at most 128 KiB, and a first commit of 50,000 articles names them all.
  await runGit(root, ['commit', '--quiet', '--no-verify', '--file=-'], {
    env: await authorEnv(root, options.author),
    input: message,
  })
  return staged.length
}

/** Paths of shared files whose JSON carries a non-empty `conflicts` list (searched by git, not parsed). */
export async function conflictedPaths(root: string): Promise<string[]> {
  const found = await runGit(
    root,
    ['grep', '-l', '-E', '--untracked', '^  "conflicts": \\[$', '--', 'articles/*.json', PUBLICATION_PATH],
    {
      okCodes: [1],
    },
  )
  return found.stdout.split('\n').filter((p) => p !== '')
}

/**
 * One sync: recover from an interrupted one, commit every change to the shared files, fetch, merge with the
 * per-field driver (settling what git leaves unmerged), and push; a push refused because the remote moved
 * meanwhile fetches and merges again (three tries). Offline, the commits wait and the report says so.
 */
export async function syncWorkspace(root: string, options: SyncOptions): Promise<SyncReport> {
  const at = (options.now ?? (() => new Date()))().toISOString()
  const report: SyncReport = {
    state: 'synced',
    committedFiles: 0,
    received: 0,
    sent: 0,
    toSend: 0,
    newlyConflicted: [],
    recovered: [],
  }
  const dirs = await runGit(root, ['rev-parse', '--show-toplevel', '--absolute-git-dir'], { okCodes: [128] })
  const [top, dir] = dirs.stdout.split('\n')
  if (dirs.code !== 0 || top === undefined || dir === undefined || resolve(top) !== resolve(root)) {
    const problem = syncMessage('not-a-workspace', { root })
    return { ...report, state: 'error', problem, message: formatSyncMessage(problem) }
  }
  const config = await configureRepository(root, options.driver)
  const recovered = await recover(root, dir, options)
  report.recovered = recovered.done
  report.committedFiles = await commitShared(root, options, recovered.changed)
  const headRef = (await readFile(join(dir, 'HEAD'), 'utf8')).trim()
  const branch = headRef.startsWith('ref: refs/heads/')
    ? headRef.slice('ref: refs/heads/'.length)
    : await currentBranch(root)
  const upstream = `${REMOTE_NAME}/${branch}`
  const remote = config.get(`remote.${REMOTE_NAME}.url`) ?? null
  if (remote === null) {
    report.state = 'local-only'
    report.toSend = (await aheadBehind(root, branch)).ahead
    await saveLast(root, report, at)
    return report
  }
  const timeoutMs = options.networkTimeoutMs ?? 120_000
  const fail = async (error: unknown, step: SyncStep): Promise<SyncReport> => {
    if (!(error instanceof GitError)) throw error
    const kind: NetworkFailure = classifyNetworkError(error)
    report.state = kind === 'offline' ? 'offline' : kind === 'auth' ? 'auth' : 'error'
    report.problem = syncMessage(kind === 'offline' ? 'offline' : kind === 'auth' ? 'auth' : 'step-failed', { step })
    report.message = formatSyncMessage(report.problem)
    report.detail = error.stderr.trim() || error.message
    report.toSend = (await aheadBehind(root, branch)).ahead
    await saveLast(root, report, at)
    return report
  }
  let counts = { head: false, upstream: false, ahead: 0, behind: 0 }
  let ownClaims = 0
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const claims = await claimsBeforeFetch(root)
    ownClaims = claims.own
    try {
      // prettier-ignore
      await runGit(root, [
        'fetch', '--quiet', '--no-tags', '--prune', REMOTE_NAME,
        `+refs/heads/*:refs/remotes/${REMOTE_NAME}/*`, CLAIMS_FETCH_REFSPEC,
      ], { timeoutMs })
    } catch (error) {
      return fail(error, 'fetch')
    }
    await claims.afterFetch()
    counts = await aheadBehind(root, branch)
    if (counts.upstream && !counts.head) {
      // An empty workspace joining a remote: take the remote's history as it is.
      await runGit(root, ['reset', '--quiet', '--keep', upstream]).catch(async () => {
        await runGit(root, ['reset', '--quiet', upstream])
        await runGit(root, ['checkout', '--quiet', '--', '.'])
      })
      report.received += counts.behind
    } else if (counts.behind > 0) {
      const env = await authorEnv(root, options.author)
      let settledConflicts: string[] = []
      // The external driver names the incoming side's authors from this commit (MERGE_HEAD is written later).
      const mergeEnv = options.externalDriver ? { ...env, [MERGE_THEIRS_ENV]: upstream } : env
      try {
        // prettier-ignore
        await runGit(root, [
          ...(options.externalDriver ? [] : ['-c', `merge.${MERGE_DRIVER_NAME}.driver=exit 1`]),
          'merge', '--quiet', '--no-edit', '--no-verify', '--allow-unrelated-histories',
          // Never pair a deleted article with a similar new one as a "rename": each file merges on its own.
          // (Only identical content counts as renamed; git 2.39's default merge ignores -Xno-renames.)
          '-Xfind-renames=100%',
          '-m', `Newsdesk: merge ${upstream}`, upstream,
        ], { env: mergeEnv })
      } catch (error) {
        if (!(error instanceof GitError)) throw error
        if (!(await pathExists(join(dir, 'MERGE_HEAD')))) return fail(error, 'merge')
        settledConflicts = await settleUnmerged(root, options)
        await runGit(root, ['commit', '--quiet', '--no-edit', '--no-verify'], { env })
      }
      report.received += counts.behind
      report.newlyConflicted.push(...(options.externalDriver ? await conflictedByMerge(root) : settledConflicts))
    }
    counts = await aheadBehind(root, branch)
    if (counts.ahead === 0) break
    try {
      await runGit(root, ['push', '--quiet', '--porcelain', REMOTE_NAME, `HEAD:refs/heads/${branch}`], { timeoutMs })
      report.sent += counts.ahead
      counts = { ...counts, ahead: 0, upstream: true }
      break
    } catch (error) {
      if (error instanceof GitError && classifyNetworkError(error) === 'rejected' && attempt < 2) continue
      return fail(error, 'push')
    }
  }
  report.toSend = counts.ahead
  // Claims this workspace holds are renewed while it syncs, and expire when it stops.
  if (ownClaims > 0) {
    const env = await authorEnv(root, options.author)
    const who = { name: env.GIT_AUTHOR_NAME as string, email: env.GIT_AUTHOR_EMAIL as string }
    await renewClaims(root, who, { now: new Date(at), timeoutMs })
  }
  await saveLast(root, report, at)
  return report
}

/** Whether the branch and its remote-tracking branch exist, and how far apart they are (one git call each). */
async function aheadBehind(
  root: string,
  branch: string,
): Promise<{ head: boolean; upstream: boolean; ahead: number; behind: number }> {
  const both = await runGit(root, ['rev-list', '--left-right', '--count', `HEAD...${REMOTE_NAME}/${branch}`], {
    okCodes: [128],
  })
  if (both.code === 0) {
    const [ahead, behind] = both.stdout.trim().split(/\s+/).map(Number)
    return { head: true, upstream: true, ahead: ahead ?? 0, behind: behind ?? 0 }
  }
  const { stdout } = await runGit(root, [
    'for-each-ref',
    '--format=%(refname)',
    `refs/heads/${branch}`,
    `refs/remotes/${REMOTE_NAME}/${branch}`,
  ])
  const names = stdout.split('\n')
  const head = names.includes(`refs/heads/${branch}`)
  const upstream = names.includes(`refs/remotes/${REMOTE_NAME}/${branch}`)
  if (!head)
    return { head, upstream, ahead: 0, behind: upstream ? await countCommits(root, `${REMOTE_NAME}/${branch}`) : 0 }
  if (!upstream) return { head, upstream, ahead: await countCommits(root, 'HEAD'), behind: 0 }
  const counted = await runGit(root, ['rev-list', '--left-right', '--count', `HEAD...${REMOTE_NAME}/${branch}`])
  const [ahead, behind] = counted.stdout.trim().split(/\s+/).map(Number)
  return { head, upstream, ahead: ahead ?? 0, behind: behind ?? 0 }
}

/** Shared files the last merge changed that now carry conflicts. */
async function conflictedByMerge(root: string): Promise<string[]> {
  const changed = await runGit(
    root,
    ['diff', '--no-renames', '--name-only', '-z', 'ORIG_HEAD', 'HEAD', '--', 'articles', STORE_DIR],
    {
      okCodes: [128],
    },
  )
  const touched = new Set(changed.stdout.split('\0').filter((p) => p !== ''))
  return (await conflictedPaths(root)).filter((p) => touched.has(p))
}

/** The sync state of a workspace without touching the network (counts as of the last fetch). */
export async function syncStatus(root: string): Promise<SyncStatus> {
  let last: SyncStatus['last']
  try {
    last = JSON.parse(await readFile(workspaceLayout(root).syncState, 'utf8')) as SyncStatus['last']
    // A file written before codes existed (or edited by hand) carries no usable code: keep its words only.
    if (last && last.problem !== undefined && !isSyncMessage(last.problem)) delete last.problem
  } catch {
    last = null
  }
  if (!(await isRepository(root))) {
    return {
      repository: false,
      branch: null,
      remote: null,
      uncommitted: 0,
      toSend: 0,
      toReceive: 0,
      conflicted: [],
      last,
      head: null,
    }
  }
  const branch = await currentBranch(root).catch(() => null)
  const remote = await remoteUrl(root)
  const headId = await commitId(root, 'HEAD')
  const head = headId !== null
  const upstream = branch ? `${REMOTE_NAME}/${branch}` : null
  const theirs = upstream !== null && (await hasCommit(root, upstream))
  const toSend = !head ? 0 : theirs ? await countCommits(root, `${upstream}..HEAD`) : await countCommits(root, 'HEAD')
  const toReceive = !theirs
    ? 0
    : head
      ? await countCommits(root, `HEAD..${upstream}`)
      : await countCommits(root, upstream as string)
  const conflicted = (await conflictedPaths(root)).map((p) =>
    isArticlePath(p) ? p.slice('articles/'.length, -'.json'.length) : 'publication',
  )
  return {
    repository: true,
    branch,
    remote,
    uncommitted: (await changedSharedPaths(root)).length,
    toSend,
    toReceive,
    conflicted,
    last,
    head: headId,
  }
}

/** What the library shows per article (one definition, shared with the renderer). */
export type { ArticleSyncState }

/** The sync state of every article that is not plainly in sync, by id (no network: as of the last fetch). */
export async function articleSyncStates(root: string): Promise<Map<string, ArticleSyncState>> {
  const states = new Map<string, ArticleSyncState>()
  const idOf = (path: string) => (isArticlePath(path) ? path.slice('articles/'.length, -'.json'.length) : null)
  const touch = (path: string, change: Partial<ArticleSyncState>) => {
    const id = idOf(path)
    if (id === null) return
    const state = states.get(id) ?? { localOnly: false, changedHere: false, changedThere: false, conflicted: false }
    states.set(id, { ...state, ...change })
  }
  const status = await runGit(root, [
    'status',
    '--no-renames',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    '--',
    'articles',
  ])
  for (const entry of status.stdout.split('\0')) {
    if (entry.length < 4) continue
    touch(
      entry.slice(3),
      entry.startsWith('??') || entry[0] === 'A' ? { localOnly: true, changedHere: true } : { changedHere: true },
    )
  }
  const headRef = await runGit(root, ['symbolic-ref', '--short', 'HEAD'], { okCodes: [128] })
  const upstream = `${REMOTE_NAME}/${headRef.stdout.trim()}`
  const names = async (range: string) => {
    const diff = await runGit(root, ['diff', '--no-renames', '--name-status', '-z', range, '--', 'articles'], {
      okCodes: [128],
    })
    const parts = diff.code === 0 ? diff.stdout.split('\0') : []
    const out: [string, string][] = []
    for (let i = 0; i + 1 < parts.length; i += 2) out.push([parts[i] as string, parts[i + 1] as string])
    return out
  }
  const hasUpstream =
    (await runGit(root, ['rev-parse', '--verify', '--quiet', upstream], { okCodes: [1, 128] })).code === 0
  if (hasUpstream) {
    for (const [kind, path] of await names(`${upstream}...HEAD`))
      touch(path, kind === 'A' ? { localOnly: true, changedHere: true } : { changedHere: true })
    for (const [, path] of await names(`HEAD...${upstream}`)) touch(path, { changedThere: true })
  } else {
    const tracked = await runGit(root, ['ls-files', '-z', '--', 'articles'])
    for (const path of tracked.stdout.split('\0')) if (path) touch(path, { localOnly: true })
  }
  for (const path of await conflictedPaths(root)) touch(path, { conflicted: true })
  return states
}
