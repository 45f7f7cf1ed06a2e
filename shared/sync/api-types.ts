import { z } from 'zod'
import type { ChangedField } from '../article/diff'
import type { ArticleId } from '../article/schema'
import { formatSyncMessage, syncMessage, type SyncMessage, type SyncMessageOf } from './sync-messages'

/**
 * What the sync indicator says, in this order of precedence: git is not installed; the workspace is not a
 * repository; the last sync failed (offline, credentials refused, another git failure); no remote is set;
 * changes wait to be sent; changes wait to be received; everything is on the remote.
 */
export type SyncIndicatorState =
  'git-missing' | 'not-repository' | 'offline' | 'auth' | 'error' | 'no-remote' | 'to-send' | 'to-receive' | 'synced'

/** The sync state of the open workspace as the indicator shows it (no network is used to compute it). */
export interface SyncView {
  state: SyncIndicatorState
  /** Shared files changed here and not yet on the remote (uncommitted, or in commits not yet sent). */
  toSend: number
  /** Commits on the remote not yet merged here (as of the last fetch). */
  toReceive: number
  /**
   * Articles whose files carry conflict records a merge could not settle (the library's "Conflicted"), shown
   * beside any state ("Synced · 1 conflicted"): a synced workspace can still wait for the editor.
   */
  conflicted: number
  /** The remote's URL, or null when none is set. */
  remote: string | null
  /** The failure in English words (offline, auth, error, git missing), or null; the UI words `problem` instead. */
  message: string | null
  /** The failure as a code with parameters, worded by the renderer in the UI language (absent: none). */
  problem?: SyncMessage
  /** Git's own message behind the failure (shown behind "details"), or null. */
  detail: string | null
  /** When the last sync ended (ISO), or null when this workspace never synced. */
  lastSyncAt: string | null
  /**
   * The commit HEAD names (full id), or null (no repository, no commit yet): when it is unchanged, no commit
   * was added or merged (a claim or a fetch alone changes the view, not this), so commit-based views keep theirs.
   */
  head: string | null
  /** A sync is running now. */
  running: boolean
  /** Who commits and claims: the editor's name and email from Settings, else git's user.name/user.email. */
  author: { name: string; email: string } | null
  /** Where `author` came from. */
  authorSource: 'settings' | 'git' | null
}

/** Per-article sync flags for the library (an article in none of these states is in sync and absent). */
export interface ArticleSyncState {
  /** Never sent: a new file, or added in a commit the remote does not have yet. */
  localOnly: boolean
  /** Changed here and not yet sent (saved since the last commit, or committed and waiting). */
  changedHere: boolean
  /** Changed on the remote (as of the last fetch) and not merged here yet. */
  changedThere: boolean
  /** Its file carries conflicts a merge could not settle. */
  conflicted: boolean
}

/** "Ana is editing since 10:32": a live claim on an article, as the library and the article header show it. */
export interface ClaimInfo {
  articleId: ArticleId
  name: string
  email: string
  /** When the holder started editing (ISO). */
  since: string
  /** When the claim lapses unless its holder keeps syncing (ISO). */
  expiresAt: string
  /** The claim is this editor's own (same email as the sync author). */
  mine: boolean
  /**
   * Someone else's claim that won over this editor's claim on an article the editor still has open: an
   * earlier claim met at a sync (both made offline: the earlier one wins), or a takeover. The article
   * header tells the editor their claim was withdrawn.
   */
  withdrewMine: boolean
}

/** Result of claiming an article when opening it for editing. */
export type ClaimOutcome =
  | {
      ok: true
      claim: ClaimInfo
      /** The live claim of someone else this one took over (the editor is told), or null. */
      tookOverFrom: ClaimInfo | null
      /** False when the remote could not be reached or refused the claim: it is tried again at every sync. */
      shared: boolean
      /**
       * The remote refused the claim ref (it takes no refs under refs/newsdesk/), not merely unreachable: the
       * claim holds here only, and the editor is told why (the code, its English words, git's own text); else null.
       */
      refused: { problem: SyncMessageOf<'claim-refused'>; message: string; detail: string } | null
    }
  | {
      ok: false
      /** not-synced: no repository or no remote; no-identity: no name and email in Settings or git; */
      reason: 'not-synced' | 'no-identity' | 'read-only' | 'git'
      /** Why, as a code with parameters: the renderer words it in the UI language. */
      problem: SyncMessageOf<ClaimProblemCode>
      /** The problem in English words (the CLI's table; logs). */
      message: string
      /** Git's own message behind a git failure (verbatim, never translated), or null. */
      detail: string | null
    }

/** The codes a refused or failed claim carries (`claim-refused`: made here, but the remote refused to share it). */
export type ClaimProblemCode =
  'claim-not-synced' | 'claim-read-only' | 'claim-no-identity' | 'claim-failed' | 'claim-refused' | 'workspace-closed'

/** Result of turning the workspace into a repository or setting its remote. */
export type SyncSetupResult =
  | { ok: true; view: SyncView }
  | {
      ok: false
      reason: 'git-missing' | 'read-only' | 'not-repository' | 'invalid' | 'git'
      /** Why, as a code with parameters: the renderer words it in the UI language. */
      problem: SyncMessageOf<SetupProblemCode>
      /** The problem in English words (the CLI's table; logs). */
      message: string
      /** Git's own message behind a git failure (verbatim, never translated), or null. */
      detail: string | null
    }

/** The codes a refused or failed sync setup carries. */
export type SetupProblemCode =
  'git-missing' | 'setup-read-only' | 'setup-failed' | 'no-workspace' | RemoteUrlProblemCode

/** Why a remote address is refused (`remoteUrlProblem`), as codes of the sync message table. */
export type RemoteUrlProblemCode = 'remote-too-long' | 'remote-control-characters' | 'remote-option' | 'remote-form'

/** The longest remote address accepted. */
export const REMOTE_URL_MAX = 2000

/**
 * Why a remote the editor typed is refused, as a code of the sync message table, or null when it is accepted:
 * a URL (https, http, ssh, git, file), an scp-like `user@host:path`, or an absolute folder; empty removes the
 * remote. Refused: transports that run programs (`ext::`, `fd::`), text git would read as an option, and
 * control characters. The renderer words the code before asking main; `remoteUrlSchema` checks the same rules.
 */
export function remoteUrlProblem(url: string): SyncMessageOf<RemoteUrlProblemCode> | null {
  if (url.length > REMOTE_URL_MAX) return syncMessage('remote-too-long', { max: String(REMOTE_URL_MAX) })
  if ([...url].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) {
    return syncMessage('remote-control-characters', {})
  }
  if (url.startsWith('-')) return syncMessage('remote-option', {})
  const accepted =
    url === '' ||
    /^(https?|ssh|git|file):\/\/\S+$/i.test(url) ||
    /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+$/.test(url) ||
    /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(url)
  return accepted ? null : syncMessage('remote-form', {})
}

/** A remote address as the contract accepts it (`remoteUrlProblem`'s rules; its English words when refused). */
export const remoteUrlSchema = z.string().superRefine((url, ctx) => {
  const problem = remoteUrlProblem(url)
  if (problem) ctx.addIssue({ code: 'custom', message: formatSyncMessage(problem) })
})

/** One commit that touched an article's file, as the history's "Team history" lists it. */
export interface FieldHistoryCommit {
  /** The commit's full id. */
  commit: string
  /** Its author, as git recorded them. */
  name: string
  email: string
  /** When it was authored (ISO, with the author's offset). */
  at: string
  /** A merge: its fields are compared with its first parent (the side that was here before the merge). */
  merge: boolean
  /** created: the file is new in it; deleted: it removed the file; edited: anything else. */
  change: 'created' | 'edited' | 'deleted'
  /** The fields it changed, in the editor's order (empty for a creation, a deletion, or other details only). */
  fields: ChangedField[]
}

/** Who changed a field last, and when. */
export interface FieldLastChange {
  field: ChangedField
  name: string
  email: string
  at: string
  commit: string
}

/**
 * Who changed an article's fields and when, from the commits that touched its file (the newest first, at most
 * `FIELD_HISTORY_LIMIT`). Without git, outside a repository, or when git fails, empty with the reason.
 */
export interface FieldHistory {
  commits: FieldHistoryCommit[]
  /** Per field, the newest commit of those listed that changed it, in the editor's order. */
  lastChanges: FieldLastChange[]
  /** Why the answer is empty (null when it is the article's history). */
  reason: 'git-missing' | 'not-repository' | 'git' | null
  /** The reason in English words (the CLI's table), or null; the UI words `problem` instead. */
  message: string | null
  /** The reason as a code with parameters (null when it is the article's history). */
  problem: SyncMessageOf<'git-missing' | 'history-not-repository' | 'history-failed'> | null
  /** Git's own message behind a git failure (verbatim, never translated), or null. */
  detail: string | null
}

/** How many commits the team history reads at most. */
export const FIELD_HISTORY_LIMIT = 50
