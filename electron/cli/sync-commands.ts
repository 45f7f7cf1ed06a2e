import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  claimArticle,
  cloneWorkspace,
  fetchClaims,
  listClaims,
  releaseClaim,
  GitMissingError,
  gitVersion,
  GIT_MISSING_MESSAGE,
  initRepository,
  isRepository,
  runGit,
  runMergeDriver,
  setRemote,
  syncStatus,
  syncWorkspace,
  type DriverCommand,
  type GitAuthor,
  type SyncReport,
  type SyncStatus,
} from '../main/services/sync'
import { remoteUrlProblem } from '../../shared/sync/api-types'
import { formatSyncMessage, syncMessage } from '../../shared/sync/sync-messages'
import { describeHolder, WorkspaceLock } from '../main/services/storage'
import { shown } from './cli-text'

/** Exit codes of the sync commands (documented in README); 0-4 are shared with the other commands. */
export const SYNC_EXIT = {
  ok: 0,
  usage: 2,
  invalidInput: 3,
  locked: 4,
  gitMissing: 5,
  offline: 6,
  failed: 7,
  conflicted: 8,
} as const

/** The commands this file runs. */
export const SYNC_COMMANDS = ['sync', 'sync-status', 'clone', 'remote', 'merge-driver', 'claim', 'claims'] as const

/** True when `name` is a sync command (the CLI hands those to `runSyncCommand`). */
export function isSyncCommand(name: string | undefined): boolean {
  return (SYNC_COMMANDS as readonly string[]).includes(name ?? '')
}

/** Lines of the main help that list the sync commands. */
export const SYNC_USAGE = `  newsdesk sync        --workspace DIR [--author "Name <email>"] [--json]
  newsdesk sync-status --workspace DIR [--json]
  newsdesk clone       SOURCE DIR        (SOURCE: a URL, a repository folder or a git bundle file)
  newsdesk remote      --workspace DIR --set URL
  newsdesk claim       --workspace DIR ARTICLE-ID [--release] [--author "Name <email>"]
  newsdesk claims      --workspace DIR [--json]
  newsdesk merge-driver O A B P        (run by git; see README "Sync")`

const HELP: Record<(typeof SYNC_COMMANDS)[number], string> = {
  sync: `newsdesk sync --workspace DIR [--author "Name <email>"] [--json]

Commits every change to the shared files (articles, assets, publication settings), fetches, merges field by
field and pushes. A workspace that is not yet a repository becomes one. Offline, the commits wait (exit 6).
The author comes from --author, else NEWSDESK_AUTHOR_NAME and NEWSDESK_AUTHOR_EMAIL, else git's user.name.

Exit codes: 0 synced, 4 workspace open in another Newsdesk, 5 git not installed, 6 offline (changes wait),
7 the remote refused or git failed, 8 synced but the merge recorded conflicts.`,
  'sync-status': `newsdesk sync-status --workspace DIR [--json]

Shows the sync state without using the network: changes not yet committed, commits to send and to receive
(as of the last fetch), conflicted articles, and the last sync's result.`,
  clone: `newsdesk clone SOURCE DIR

Clones a workspace from SOURCE (a URL such as git://host/news.git or https://..., a repository folder, or a
file written by "git bundle create") into DIR, which must not exist or be empty.`,
  remote: `newsdesk remote --workspace DIR --set URL

Sets the workspace's remote: a URL (https://, ssh://, git://, file://), user@host:path, or an absolute folder
path; --set "" removes it. Credentials are git's own. An address the app's settings would refuse is refused
with the same words (exit 3), and nothing in the workspace changes.`,
  claim: `newsdesk claim --workspace DIR ARTICLE-ID [--release] [--author "Name <email>"]

Says "I am editing this article" to everyone on the remote (a ref of its own, no commit): the claim lasts
15 minutes and every sync renews it. Another editor's live claim is taken over, and the command says whose it
was. --release gives the article back.

Exit codes: 0 shared, 6 the remote could not be reached (the claim is kept here and goes out with the next
sync), 7 the remote refused the claim (it takes no refs under refs/newsdesk/; the claim is kept here).`,
  claims: `newsdesk claims --workspace DIR [--json]

Fetches and lists the live claims: who is editing which article, since when.`,
  'merge-driver': `newsdesk merge-driver O A B P

The git merge driver registered by Newsdesk: merges article O (original), A (ours, rewritten with the
result) and B (theirs) at path P field by field. Exit 0 merged (conflicts are recorded inside the file).`,
}

/**
 * The driver command this process registers: NEWSDESK_MERGE_DRIVER when set, else this very program (the
 * Node binary and the CLI script it runs).
 */
export function driverForThisProcess(): DriverCommand {
  const raw = process.env.NEWSDESK_MERGE_DRIVER
  if (raw) return { argv: [], raw }
  return { argv: [process.execPath, resolve(process.argv[1] ?? 'newsdesk')] }
}

async function defaultAuthor(root: string): Promise<GitAuthor> {
  const get = async (key: string) => (await runGit(root, ['config', '--get', key], { okCodes: [1] })).stdout.trim()
  return { name: (await get('user.name')) || 'Newsdesk', email: (await get('user.email')) || 'newsdesk@localhost' }
}

/** Parses "Name <email>" (or takes the environment) into a commit author. */
export function parseAuthor(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): GitAuthor | undefined {
  if (flag !== undefined) {
    const m = /^\s*([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(flag)
    if (!m) throw new Error('--author must look like "Ana Ruiz <ana@example.org>"')
    return { name: m[1] as string, email: m[2] as string }
  }
  if (env.NEWSDESK_AUTHOR_NAME && env.NEWSDESK_AUTHOR_EMAIL)
    return { name: env.NEWSDESK_AUTHOR_NAME, email: env.NEWSDESK_AUTHOR_EMAIL }
  return undefined
}

/** The last sync's failure in English words (" (…)"), from its code when it has one; empty when it did not fail. */
function lastWords(last: NonNullable<SyncStatus['last']>): string {
  const words = last.problem ? formatSyncMessage(last.problem) : last.message
  return words ? ` (${words})` : ''
}

function describeReport(r: SyncReport): string {
  const lines = [...r.recovered.map((x) => `recovered: ${x}\n`)]
  lines.push(
    `${r.state}: committed ${r.committedFiles} file${r.committedFiles === 1 ? '' : 's'}, received ${r.received} commit${r.received === 1 ? '' : 's'}, sent ${r.sent}${r.toSend > 0 ? `, ${r.toSend} waiting to be sent` : ''}\n`,
  )
  for (const path of r.newlyConflicted) lines.push(`conflicted: ${path} (both sides kept inside the file)\n`)
  // The English words of the code, from the one table the app's en locale is built from.
  const words = r.problem ? formatSyncMessage(r.problem) : r.message
  if (words) lines.push(`${words}\n`)
  if (r.detail) lines.push(`git said: ${r.detail}\n`)
  return lines.join('')
}

/** Runs one sync command with `argv` (starting with the command name); returns the exit code. */
export async function runSyncCommand(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const command = argv[0] as (typeof SYNC_COMMANDS)[number]
  let parsed
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        author: { type: 'string' },
        set: { type: 'string' },
        release: { type: 'boolean' },
      },
    })
  } catch (error) {
    err(`newsdesk ${command}: ${(error as Error).message}\n\n${HELP[command]}\n`)
    return SYNC_EXIT.usage
  }
  const v = parsed.values
  const args = parsed.positionals
  if (v.help) {
    out(`${HELP[command]}\n`)
    return SYNC_EXIT.ok
  }
  const usage = (message: string) => {
    err(`newsdesk ${command}: ${message}\n\n${HELP[command]}\n`)
    return SYNC_EXIT.usage
  }
  if (command === 'merge-driver') {
    if (args.length !== 4) return usage('give the four paths git passes: %O %A %B %P')
    const [o, a, b, p] = args as [string, string, string, string]
    try {
      const outcome = await runMergeDriver(o, a, b, p)
      if (!outcome.ok) {
        err(`newsdesk merge-driver: ${p}: ${outcome.message}\n`)
        return 1
      }
      if (outcome.note) err(`newsdesk merge-driver: ${p}: ${outcome.note}\n`)
      return SYNC_EXIT.ok
    } catch (error) {
      err(`newsdesk merge-driver: ${p}: ${(error as Error).message}\n`)
      return 1
    }
  }
  if (command === 'remote') {
    if (v.set === undefined) return usage('--set URL is required')
    // The app's one rule for a remote address (its settings and the IPC contract use it), with its words.
    const refused = remoteUrlProblem(v.set.trim())
    if (refused) {
      err(`newsdesk remote: ${formatSyncMessage(refused)}\n`)
      return SYNC_EXIT.invalidInput
    }
  }
  if ((await gitVersion()) === null) {
    err(`newsdesk ${command}: ${GIT_MISSING_MESSAGE}\n`)
    return SYNC_EXIT.gitMissing
  }
  const driver = driverForThisProcess()
  try {
    if (command === 'clone') {
      if (args.length !== 2) return usage('give SOURCE and DIR')
      const result = await cloneWorkspace(args[0] as string, args[1] as string, driver)
      if (!result.ok) {
        err(`newsdesk clone: ${result.message}\n`)
        return result.reason === 'exists' ? SYNC_EXIT.invalidInput : SYNC_EXIT.failed
      }
      out(
        v.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `cloned into ${result.root}${result.empty ? ' (the remote is empty)' : ''}\n`,
      )
      return SYNC_EXIT.ok
    }
    if (command === 'claim' ? args.length !== 1 : args.length > 0) {
      return usage(command === 'claim' ? 'give one ARTICLE-ID' : `unexpected argument "${args[0]}"`)
    }
    if (!v.workspace) return usage('--workspace DIR is required')
    const root = resolve(v.workspace)
    const info = await stat(root).catch(() => null)
    if (!info?.isDirectory()) {
      err(`newsdesk ${command}: ${root} is not a workspace folder\n`)
      return SYNC_EXIT.invalidInput
    }
    if (command === 'sync-status') {
      const status = await syncStatus(root)
      out(
        v.json
          ? `${JSON.stringify(status, null, 2)}\n`
          : !status.repository
            ? 'not synced: this workspace is not a git repository (newsdesk sync makes it one)\n'
            : `branch ${status.branch ?? '?'}, remote ${status.remote ?? '(none)'}\n` +
              `${status.uncommitted} changed file(s) not yet committed, ${status.toSend} commit(s) to send, ${status.toReceive} to receive\n` +
              `${status.conflicted.length === 0 ? 'no conflicts' : `conflicted: ${status.conflicted.join(', ')}`}\n` +
              (status.last ? `last sync ${status.last.at}: ${status.last.state}${lastWords(status.last)}\n` : ''),
      )
      return SYNC_EXIT.ok
    }
    let author: GitAuthor | undefined
    try {
      author = parseAuthor(v.author)
    } catch (error) {
      return usage((error as Error).message)
    }
    if (command === 'claims' || command === 'claim') {
      if (!(await isRepository(root))) {
        err(`newsdesk ${command}: ${formatSyncMessage(syncMessage('not-a-workspace', { root }))}\n`)
        return SYNC_EXIT.invalidInput
      }
      if (command === 'claims') {
        const reachable = await fetchClaims(root)
        const claims = await listClaims(root)
        out(
          v.json
            ? `${JSON.stringify({ reachable, claims }, null, 2)}\n`
            : `${claims.map((c) => `${c.articleId}  ${c.name} <${c.email}> is editing since ${c.since}\n`).join('') || 'nobody is editing\n'}${reachable ? '' : '(offline: claims as of the last sync)\n'}`,
        )
        return SYNC_EXIT.ok
      }
      const id = args[0] as string
      if (!/^[0-9a-f-]{36}$/i.test(id)) return usage(`"${id}" is not an article id`)
      if (v.release) {
        const shared = await releaseClaim(root, id)
        out(`released ${id}${shared ? '' : ' here (offline: the remote hears on the next sync)'}\n`)
        return shared ? SYNC_EXIT.ok : SYNC_EXIT.offline
      }
      const who = author ?? (await defaultAuthor(root))
      const result = await claimArticle(root, id, who)
      if (v.json) out(`${JSON.stringify(result, null, 2)}\n`)
      else {
        if (result.tookOverFrom) {
          out(
            `took over from ${result.tookOverFrom.name} <${result.tookOverFrom.email}> (editing since ${result.tookOverFrom.since})\n`,
          )
        }
        out(`${who.name} is editing ${id} until ${result.claim.expiresAt} (renewed by every sync)\n`)
      }
      if (result.refused !== null) {
        // The words of the app's `claim-refused` code, and git's own (the remote's hook or rule) behind them,
        // line by line with control characters escaped: a remote's text never drives the terminal.
        const said = result.refused.split('\n').map(shown).join('\n')
        err(`newsdesk claim: ${formatSyncMessage(syncMessage('claim-refused', {}))}\ngit said: ${said}\n`)
        return SYNC_EXIT.failed
      }
      return result.shared ? SYNC_EXIT.ok : SYNC_EXIT.offline
    }
    const taken = await WorkspaceLock.acquire(root)
    if (taken.kind === 'held') {
      err(
        `newsdesk ${command}: the workspace is open in another Newsdesk (${describeHolder(taken.holder)}); sync from the app.\n`,
      )
      return SYNC_EXIT.locked
    }
    if (taken.kind === 'unwritable') {
      err(`newsdesk ${command}: the workspace cannot be written: ${taken.message}\n`)
      return SYNC_EXIT.invalidInput
    }
    try {
      if (command === 'remote') {
        const url = (v.set ?? '').trim()
        if (!(await isRepository(root))) await initRepository(root, driver)
        await setRemote(root, url)
        out(url === '' ? 'remote removed\n' : `remote set to ${url}\n`)
        return SYNC_EXIT.ok
      }
      if (!(await isRepository(root))) await initRepository(root, driver)
      const report = await syncWorkspace(root, { driver, ...(author ? { author } : {}) })
      const text = describeReport(report)
      if (v.json) out(`${JSON.stringify(report, null, 2)}\n`)
      else (report.state === 'synced' || report.state === 'local-only' ? out : err)(text)
      switch (report.state) {
        case 'synced':
        case 'local-only':
          return report.newlyConflicted.length > 0 ? SYNC_EXIT.conflicted : SYNC_EXIT.ok
        case 'offline':
          return SYNC_EXIT.offline
        case 'auth':
        case 'error':
          return SYNC_EXIT.failed
        default: {
          const never: never = report.state
          throw new Error(`unknown state ${String(never)}`)
        }
      }
    } finally {
      await taken.lock.release().catch(() => undefined)
    }
  } catch (error) {
    if (error instanceof GitMissingError) {
      err(`newsdesk ${command}: ${GIT_MISSING_MESSAGE}\n`)
      return SYNC_EXIT.gitMissing
    }
    err(`newsdesk ${command}: ${(error as Error).message}\n`)
    return SYNC_EXIT.failed
  }
}
