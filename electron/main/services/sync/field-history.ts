import { relative, sep } from 'node:path'
import { changedFields, comparedFields, type ChangedField } from '../../../../shared/article/diff'
import type { ArticleId } from '../../../../shared/article/schema'
import {
  FIELD_HISTORY_LIMIT,
  type FieldHistory,
  type FieldHistoryCommit,
  type FieldLastChange,
} from '../../../../shared/sync/api-types'
import { parseArticleBytes } from '../library'
import { workspaceLayout } from '../storage'
import { GitError, readBlobs, runGit } from './git'

const NO_BLOB = /^0+$/

/** One commit of the log with the blob of the article's file before (first parent) and after it. */
interface LoggedCommit {
  commit: string
  parents: number
  name: string
  email: string
  at: string
  before: string | null
  after: string | null
}

/**
 * Reads `git log --raw` of one path: a record per commit (started by \x1e, fields split by \x00), then its raw
 * diff line(s) against the first parent (`:old-mode new-mode old-blob new-blob status\tpath`); a merge comes
 * once per parent, the first parent's first, and only that one is kept.
 */
function parseLog(stdout: string): LoggedCommit[] {
  const commits: LoggedCommit[] = []
  const seen = new Set<string>()
  for (const record of stdout.split('\x1e')) {
    if (record.trim() === '') continue
    const [head = '', ...rest] = record.split('\n')
    const [commit = '', parents = '', name = '', email = '', at = ''] = head.split('\x00')
    if (!/^[0-9a-f]{40,64}$/.test(commit) || seen.has(commit)) continue
    seen.add(commit)
    const raw = rest.find((line) => line.startsWith(':'))
    const blobs = raw ? raw.slice(1).split('\t')[0]?.split(' ') : undefined
    const before = blobs?.[2]
    const after = blobs?.[3]
    commits.push({
      commit,
      parents: parents.trim() === '' ? 0 : parents.trim().split(' ').length,
      name,
      email,
      at,
      before: before && !NO_BLOB.test(before) ? before : null,
      after: after && !NO_BLOB.test(after) ? after : null,
    })
  }
  return commits
}

/**
 * Who changed which field of an article and when: the newest `limit` commits that touched `articles/<id>.json`,
 * each compared with its first parent (a merge too, named as such), with two git commands whatever the count
 * (one `git log --raw`, one `git cat-file --batch` for the distinct file versions). Throws GitError and
 * GitMissingError; the caller turns them into an empty answer.
 */
export async function fieldHistory(
  root: string,
  id: ArticleId,
  limit: number = FIELD_HISTORY_LIMIT,
): Promise<FieldHistory> {
  const path = relative(root, workspaceLayout(root).article(id)).split(sep).join('/')
  const { stdout, stderr, code } = await runGit(
    root,
    [
      'log',
      '-n',
      String(limit),
      '--format=%x1e%H%x00%P%x00%an%x00%ae%x00%aI',
      '--raw',
      '--no-abbrev',
      '--no-renames',
      // A merge's diff against each parent, the first parent's first (only that one is read); `-m` rather than
      // `--diff-merges=first-parent` so gits older than 2.31 answer too.
      '-m',
      '--',
      path,
    ],
    { okCodes: [128] },
  )
  if (code === 128) {
    // A repository with no commit yet has no history to tell; anything else git refused is a failure.
    if (/does not have any commits yet|bad default revision 'HEAD'/.test(stderr)) return emptyHistory()
    throw new GitError(['log'], code, stderr, stdout)
  }
  const logged = parseLog(stdout)
  const ids = [...new Set(logged.flatMap((c) => [c.before, c.after]).filter((b): b is string => b !== null))]
  const blobs = await readBlobs(root, ids)
  const articles = new Map(
    [...blobs].flatMap(([blob, bytes]) => {
      const read = parseArticleBytes(bytes, path)
      return read.ok ? [[blob, read.article] as const] : []
    }),
  )
  const commits = logged.map((c): FieldHistoryCommit => {
    const older = c.before ? articles.get(c.before) : undefined
    const newer = c.after ? articles.get(c.after) : undefined
    return {
      commit: c.commit,
      name: c.name,
      email: c.email,
      at: c.at,
      merge: c.parents > 1,
      change: c.after === null ? 'deleted' : c.before === null ? 'created' : 'edited',
      fields: older && newer ? changedFields(older, newer) : [],
    }
  })
  return { commits, lastChanges: lastChanges(commits), reason: null, message: null, problem: null, detail: null }
}

function emptyHistory(): FieldHistory {
  return { commits: [], lastChanges: [], reason: null, message: null, problem: null, detail: null }
}

/**
 * Per field, the newest of `commits` (newest first) that changed it, in the editor's order, the body last.
 * Merges are passed over: what a merge brings in was changed by the commits it merges, listed too.
 */
export function lastChanges(commits: readonly FieldHistoryCommit[]): FieldLastChange[] {
  const order: readonly ChangedField[] = [...comparedFields, 'body']
  const found = new Map<ChangedField, FieldLastChange>()
  for (const c of commits) {
    if (c.merge) continue
    for (const field of c.fields) {
      if (!found.has(field)) found.set(field, { field, name: c.name, email: c.email, at: c.at, commit: c.commit })
    }
  }
  return order.flatMap((field) => found.get(field) ?? [])
}
