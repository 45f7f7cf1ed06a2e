import type { ArticleId } from '../../../../shared/article/schema'
import type {
  ArticleSyncState,
  ClaimInfo,
  ClaimOutcome,
  ClaimProblemCode,
  FieldHistory,
  RemoteUrlProblemCode,
  SetupProblemCode,
  SyncIndicatorState,
  SyncSetupResult,
  SyncView,
} from '../../../../shared/sync/api-types'
import { remoteUrlProblem } from '../../../../shared/sync/api-types'
import { claimArticle, CLAIMS_REF, listClaims, releaseClaim, renewClaims, type Claim } from './claims'
import { fieldHistory } from './field-history'
import { GitError, GitMissingError, gitVersion, runGit } from './git'
import { initRepository, isRepository, remoteUrl, setRemote, type DriverCommand, type GitAuthor } from './repository'
import { SyncScheduler } from './sync-scheduler'
import { articleSyncStates, recoverRepository, syncStatus, syncWorkspace, type SyncReport } from './sync-engine'
import {
  formatSyncMessage,
  syncMessage,
  type SyncMessage,
  type SyncMessageOf,
} from '../../../../shared/sync/sync-messages'

/** The view's fields for a failure: its code, its English words (CLI, logs) and what was said behind it. */
function worded(problem: SyncMessage, detail?: string): Pick<SyncView, 'problem' | 'message' | 'detail'> {
  return { problem, message: formatSyncMessage(problem), detail: detail ?? null }
}

/** A refused or failed claim: its reason, its code, the code's English words and git's own text (if any). */
function claimRefused(
  reason: Extract<ClaimOutcome, { ok: false }>['reason'],
  code: Exclude<ClaimProblemCode, 'claim-refused'>,
  detail: string | null = null,
): Extract<ClaimOutcome, { ok: false }> {
  const problem: SyncMessageOf<ClaimProblemCode> = syncMessage(code, {})
  return { ok: false, reason, problem, message: formatSyncMessage(problem), detail }
}

/** A claim made here that the remote refused to take: its code, the code's English words and git's own text. */
function claimNotShared(detail: string): NonNullable<Extract<ClaimOutcome, { ok: true }>['refused']> {
  const problem = syncMessage('claim-refused', {})
  return { problem, message: formatSyncMessage(problem), detail }
}

/** A refused or failed sync setup, worded like `claimRefused`. */
function setupRefused(
  reason: Extract<SyncSetupResult, { ok: false }>['reason'],
  code: Exclude<SetupProblemCode, RemoteUrlProblemCode>,
  detail: string | null = null,
): Extract<SyncSetupResult, { ok: false }> {
  const problem: SyncMessageOf<SetupProblemCode> = syncMessage(code, {})
  return { ok: false, reason, problem, message: formatSyncMessage(problem), detail }
}

/** Options of the app's sync of its open workspace. */
export interface WorkspaceSyncOptions {
  /** The merge driver registered in the repository's config (the app's own CLI bundle). */
  driver: DriverCommand
  /** The editor's name and email from Settings (empty strings when not set: git's own are used). */
  editor: () => Promise<{ name: string; email: string }>
  /** Raised whenever the sync state or the claims may have changed (main forwards it as 'sync:changed'). */
  onChange: (view: SyncView) => void
  /** Saves within this window go out in one commit (default one minute). */
  batchMs?: number
  /** While a remote is set, sync this often even without saves, to receive changes and claims (default 5 min; 0: never). */
  pollMs?: number
  /** The first such sync after opening a workspace with a remote (default 5 s). */
  firstPollMs?: number
  /** While articles are claimed, renew the claims this often (default 5 min; they last 15). */
  renewMs?: number
  /** Network commands stop after this long and count as offline (default 60 s). */
  networkTimeoutMs?: number
}

interface OpenWorkspace {
  root: string
  readOnly: boolean
  repository: boolean
  scheduler: SyncScheduler | null
  /** Claims this session took (released when the article is closed or the workspace is left). */
  held: Set<string>
  /** Articles still open here whose claim was withdrawn: someone else's won (see `claimWins`), or took it over. */
  lost: Set<string>
  last: { report: SyncReport; at: string } | { error: string; at: string } | null
}

/**
 * The app's side of git sync for the open workspace: one SyncScheduler while it is a repository (saves are
 * batched, an explicit save or the Sync button syncs at once), recovery of an interrupted sync at open, the
 * editor's claims, and the indicator's state. Without git, or in a folder that is not a repository, it does
 * nothing but say so; without a remote it commits locally and never touches the network.
 */
export class WorkspaceSync {
  private current: OpenWorkspace | null = null
  private gitMissing: boolean | null = null
  /**
   * Open and close run one after the other; every other call (the renderer's status, claims, Sync now; a
   * save's sync) waits for the one in progress, so it answers about the workspace as opened and recovered. An
   * open first waits for its start gate (the library's `firstListing`: the first listing served plus
   * `LISTING_SETTLE_MS`, at most about 2.25 s after the library opened in the app, at once in the CLI and tests),
   * then for git's own work (`git --version`, `rev-parse`, recovery); those calls wait as long.
   */
  private transition: Promise<void> = Promise.resolve()
  /** Ends the start-gate wait of an open in progress (a newer open or a close need not wait for it). */
  private skipGate: (() => void) | null = null
  private poll: ReturnType<typeof setTimeout> | null = null
  private renew: ReturnType<typeof setInterval> | null = null
  private notifyTimer: ReturnType<typeof setTimeout> | null = null
  /** A sync of the open workspace is running. */
  private running = false

  constructor(private readonly options: WorkspaceSyncOptions) {}

  /**
   * Starts syncing `root` (stopping the previous workspace's sync and releasing its claims first). No git runs
   * until `startAfter` settles (the app passes the library's `firstListing`, so neither git's start-up nor the
   * recovery's `git status`, which reads every file of a fresh clone, competes with the first listing); a newer
   * open or a close meanwhile ends the wait, and this open then starts nothing.
   */
  open(root: string, readOnly: boolean, startAfter: Promise<void> = Promise.resolve()): Promise<void> {
    this.skipGate?.()
    let skip!: () => void
    const skipped = new Promise<'skipped'>((resolve) => (skip = () => resolve('skipped')))
    this.skipGate = skip
    return this.serial(async () => {
      await this.stopCurrent()
      const gate = await Promise.race([
        startAfter.then(
          () => 'open' as const,
          () => 'open' as const,
        ),
        skipped,
      ])
      if (this.skipGate === skip) this.skipGate = null
      if (gate === 'skipped') return
      if (this.gitMissing === null) this.gitMissing = (await gitVersion().catch(() => null)) === null
      const ws: OpenWorkspace = {
        root,
        readOnly,
        repository: !this.gitMissing && (await isRepository(root).catch(() => false)),
        scheduler: null,
        held: new Set(),
        lost: new Set(),
        last: null,
      }
      this.current = ws
      if (!ws.repository || readOnly) return
      try {
        const author = await this.author()
        // Nothing here needs the editor's attention: an interrupted sync is finished or undone, no edit is lost.
        await recoverRepository(root, { driver: this.options.driver, ...(author ? { author } : {}) })
        await this.dropLeftoverClaims(root)
      } catch (error) {
        ws.last = { error: (error as Error).message, at: new Date().toISOString() }
      }
      await this.startScheduler(ws)
    })
  }

  /** Stops the background sync and releases this session's claims (workspace switch, quit). */
  close(): Promise<void> {
    this.skipGate?.()
    return this.serial(() => this.stopCurrent())
  }

  /** Something in the shared files changed (a save, a new or deleted article): sync within the batch window. */
  changed(): void {
    this.current?.scheduler?.changed()
    this.notifySoon()
  }

  /**
   * Passes a write's result through, telling sync about it: an explicit save syncs at once, any other
   * successful write within the batch window.
   */
  async after<T>(write: Promise<T>, mode: 'explicit' | 'auto' = 'auto'): Promise<T> {
    const result = await write
    const ok = typeof result !== 'object' || result === null || !('ok' in result) || result.ok === true
    if (ok) {
      if (mode === 'explicit' && this.current?.scheduler) void this.syncNow()
      else this.changed()
    }
    return result
  }

  /** Syncs now (the Sync button, an explicit save); answers with the state after it. */
  async syncNow(): Promise<SyncView> {
    await this.transition
    const ws = this.current
    if (ws?.scheduler) await ws.scheduler.syncNow()
    return this.view()
  }

  /** Turns the open workspace into a repository and starts syncing it (locally until a remote is set). */
  async enable(): Promise<SyncSetupResult> {
    await this.transition
    const ws = this.current
    const refused = this.refuseSetup(ws)
    if (refused || !ws) return refused ?? setupRefused('git', 'no-workspace')
    try {
      await initRepository(ws.root, this.options.driver)
    } catch (error) {
      return setupRefused('git', 'setup-failed', (error as Error).message)
    }
    ws.repository = true
    if (!ws.scheduler) await this.startScheduler(ws)
    const view = await this.view()
    this.options.onChange(view)
    return { ok: true, view }
  }

  /** Sets (or with "" removes) the remote, turning the workspace into a repository first if needed. */
  async setRemote(url: string): Promise<SyncSetupResult> {
    await this.transition
    const ws = this.current
    const refused = this.refuseSetup(ws)
    if (refused || !ws) return refused ?? setupRefused('git', 'no-workspace')
    // The contract refuses these before they come here; callers that skip it (tests, scripts) get the same code.
    const invalid = remoteUrlProblem(url.trim())
    if (invalid)
      return { ok: false, reason: 'invalid', problem: invalid, message: formatSyncMessage(invalid), detail: null }
    try {
      if (!ws.repository) {
        await initRepository(ws.root, this.options.driver)
        ws.repository = true
      }
      await setRemote(ws.root, url.trim())
    } catch (error) {
      return setupRefused('git', 'setup-failed', (error as Error).message)
    }
    ws.last = null
    // The first sync with the new remote is the editor's (Sync now, or a save); polling starts a full period on.
    if (!ws.scheduler) await this.startScheduler(ws, false)
    else this.startPoll(ws, false)
    const view = await this.view()
    this.options.onChange(view)
    return { ok: true, view }
  }

  /** The indicator's state, computed without the network (counts as of the last fetch). */
  async view(): Promise<SyncView> {
    await this.transition
    const identity = await this.identity()
    const ws = this.current
    const running = ws?.scheduler ? this.running : false
    const base: Omit<SyncView, 'state'> = {
      toSend: 0,
      toReceive: 0,
      conflicted: 0,
      remote: null,
      message: null,
      detail: null,
      lastSyncAt: null,
      head: null,
      running,
      author: identity.author,
      authorSource: identity.source,
    }
    if (this.gitMissing) return { ...base, ...worded(syncMessage('git-missing', {})), state: 'git-missing' }
    if (!ws || !ws.repository) return { ...base, state: 'not-repository' }
    try {
      const status = await syncStatus(ws.root)
      if (!status.repository) return { ...base, state: 'not-repository' }
      const articles = await articleSyncStates(ws.root)
      let here = 0
      let there = 0
      let conflicted = 0
      for (const flags of articles.values()) {
        if (flags.changedHere) here += 1
        if (flags.changedThere) there += 1
        if (flags.conflicted) conflicted += 1
      }
      // Changes outside articles (assets, publication settings) count as files when no article changed.
      const toSend = here > 0 ? here : status.uncommitted + status.toSend > 0 ? Math.max(1, status.uncommitted) : 0
      const toReceive = there > 0 ? there : status.toReceive
      const last = ws.last
      const lastState = last && 'report' in last ? last.report.state : (status.last?.state ?? null)
      const view: SyncView = {
        ...base,
        toSend,
        toReceive,
        conflicted,
        remote: status.remote,
        lastSyncAt: last?.at ?? status.last?.at ?? null,
        head: status.head,
        state: 'synced',
      }
      let state: SyncIndicatorState
      if (last && 'error' in last) {
        state = 'error'
        Object.assign(view, worded(syncMessage('unexpected', {}), last.error))
      } else if (status.remote !== null && (lastState === 'offline' || lastState === 'auth' || lastState === 'error')) {
        state = lastState
        const failure = last && 'report' in last ? last.report : status.last
        view.message = failure?.message ?? null
        view.detail = failure?.detail ?? null
        if (failure?.problem) view.problem = failure.problem
      } else if (status.remote === null) state = 'no-remote'
      else if (toSend > 0) state = 'to-send'
      else if (toReceive > 0) state = 'to-receive'
      else state = 'synced'
      return { ...view, state }
    } catch (error) {
      if (error instanceof GitMissingError)
        return { ...base, ...worded(syncMessage('git-missing', {})), state: 'git-missing' }
      return { ...base, ...worded(syncMessage('unexpected', {}), (error as Error).message), state: 'error' }
    }
  }

  /** Articles not plainly in sync, by id (none when the workspace is not a repository). */
  async articleStates(): Promise<Record<ArticleId, ArticleSyncState>> {
    await this.transition
    const ws = this.current
    if (this.gitMissing || !ws?.repository) return {}
    try {
      return Object.fromEntries(await articleSyncStates(ws.root))
    } catch (error) {
      if (error instanceof GitError) return {}
      throw error
    }
  }

  /** Live claims as of the last fetch (none when the workspace is not a repository). */
  async claims(): Promise<ClaimInfo[]> {
    await this.transition
    const ws = this.current
    if (this.gitMissing || !ws?.repository) return []
    const mine = (await this.author())?.email ?? null
    try {
      // A sync that just ended may have withdrawn a claim of this session's: said in the same answer.
      await this.checkHeld(ws)
      return (await listClaims(ws.root)).map((c) => toInfo(c, mine, ws.lost.has(c.articleId)))
    } catch (error) {
      if (error instanceof GitError) return []
      throw error
    }
  }

  /** Claims an article for the editor (taking it over from someone else, which is reported). */
  async claim(id: ArticleId): Promise<ClaimOutcome> {
    await this.transition
    const ws = this.current
    if (!ws || this.gitMissing || !ws.repository || (await remoteUrl(ws.root)) === null) {
      return claimRefused('not-synced', 'claim-not-synced')
    }
    if (ws.readOnly) return claimRefused('read-only', 'claim-read-only')
    const author = await this.author()
    if (!author) return claimRefused('no-identity', 'claim-no-identity')
    try {
      const result = await claimArticle(ws.root, id, author, { timeoutMs: this.timeout() })
      if (this.current !== ws) return claimRefused('git', 'workspace-closed')
      ws.held.add(id)
      ws.lost.delete(id)
      this.startRenew(ws)
      this.notifySoon()
      return {
        ok: true,
        claim: toInfo(result.claim, author.email, false),
        tookOverFrom: result.tookOverFrom ? toInfo(result.tookOverFrom, author.email, false) : null,
        shared: result.shared,
        refused: result.refused === null ? null : claimNotShared(result.refused),
      }
    } catch (error) {
      return claimRefused('git', 'claim-failed', (error as Error).message)
    }
  }

  /**
   * Who changed which field of an article and when, from the commits. Without git, outside a repository, or
   * when git fails, an empty answer with the reason (the history panel simply leaves the section out).
   */
  async fieldHistory(id: ArticleId): Promise<FieldHistory> {
    await this.transition
    const ws = this.current
    const empty = (
      reason: NonNullable<FieldHistory['reason']>,
      problem: NonNullable<FieldHistory['problem']>,
      detail: string | null = null,
    ): FieldHistory => ({
      commits: [],
      lastChanges: [],
      reason,
      message: formatSyncMessage(problem),
      problem,
      detail,
    })
    if (this.gitMissing) return empty('git-missing', syncMessage('git-missing', {}))
    if (!ws?.repository) return empty('not-repository', syncMessage('history-not-repository', {}))
    try {
      return await fieldHistory(ws.root, id)
    } catch (error) {
      if (error instanceof GitMissingError) return empty('git-missing', syncMessage('git-missing', {}))
      if (error instanceof GitError) return empty('git', syncMessage('history-failed', {}), error.message)
      throw error
    }
  }

  /** Gives an article back (closed, or another one opened). */
  async release(id: ArticleId): Promise<void> {
    await this.transition
    const ws = this.current
    ws?.lost.delete(id)
    if (!ws?.held.has(id)) return
    ws.held.delete(id)
    await releaseClaim(ws.root, id, this.timeout()).catch(() => false)
    if (ws.held.size === 0) this.stopRenew()
    this.notifySoon()
  }

  private timeout(): number {
    return this.options.networkTimeoutMs ?? 60_000
  }

  private refuseSetup(ws: OpenWorkspace | null): SyncSetupResult | null {
    if (this.gitMissing) return setupRefused('git-missing', 'git-missing')
    if (ws?.readOnly) return setupRefused('read-only', 'setup-read-only')
    return null
  }

  private serial(step: () => Promise<void>): Promise<void> {
    const next = this.transition.then(step, step)
    this.transition = next.catch(() => undefined)
    return next
  }

  /** The editor's name and email from Settings, else git's user.name / user.email, else none. */
  private async identity(): Promise<{ author: GitAuthor | null; source: SyncView['authorSource'] }> {
    const set = await this.options.editor().catch(() => ({ name: '', email: '' }))
    if (set.name.trim() && set.email.trim()) {
      return { author: { name: set.name.trim(), email: set.email.trim() }, source: 'settings' }
    }
    if (this.gitMissing) return { author: null, source: null }
    const cwd = this.current?.root ?? process.cwd()
    try {
      const get = async (key: string) => (await runGit(cwd, ['config', '--get', key], { okCodes: [1] })).stdout.trim()
      const name = set.name.trim() || (await get('user.name'))
      const email = set.email.trim() || (await get('user.email'))
      if (name && email) return { author: { name, email }, source: 'git' }
    } catch {
      // git missing or the folder vanished: no identity.
    }
    return { author: null, source: null }
  }

  private async author(): Promise<GitAuthor | null> {
    return (await this.identity()).author
  }

  private async startScheduler(ws: OpenWorkspace, pollSoon = true): Promise<void> {
    ws.scheduler = new SyncScheduler({
      run: async () => {
        this.running = true
        try {
          const author = await this.author()
          return await syncWorkspace(ws.root, {
            driver: this.options.driver,
            networkTimeoutMs: this.timeout(),
            ...(author ? { author } : {}),
          })
        } finally {
          this.running = false
        }
      },
      ...(this.options.batchMs !== undefined ? { batchMs: this.options.batchMs } : {}),
      onReport: (report) => {
        ws.last = { report, at: new Date().toISOString() }
        if (this.current === ws) {
          void this.checkHeld(ws)
            .then(() => this.view())
            .then(this.options.onChange, () => undefined)
        }
      },
      onError: (error) => {
        ws.last = { error: error.message, at: new Date().toISOString() }
        if (this.current === ws) void this.view().then(this.options.onChange)
      },
    })
    this.startPoll(ws, pollSoon)
  }

  /** While a remote is set, a sync now and then receives others' changes and claims (never without a remote). */
  private startPoll(ws: OpenWorkspace, soon: boolean): void {
    this.stopPoll()
    const every = this.options.pollMs ?? 5 * 60_000
    if (every <= 0) return
    const tick = async () => {
      this.poll = null
      if (this.current !== ws || !ws.scheduler) return
      if ((await remoteUrl(ws.root).catch(() => null)) !== null) await ws.scheduler.syncNow()
      if (this.current === ws) {
        this.poll = setTimeout(() => void tick(), every)
        this.poll.unref?.()
      }
    }
    this.poll = setTimeout(() => void tick(), soon ? (this.options.firstPollMs ?? 5_000) : every)
    this.poll.unref?.()
  }

  private stopPoll(): void {
    if (this.poll !== null) clearTimeout(this.poll)
    this.poll = null
  }

  private startRenew(ws: OpenWorkspace): void {
    if (this.renew !== null) return
    this.renew = setInterval(
      () => {
        void (async () => {
          const author = await this.author()
          if (this.current !== ws || !author || ws.held.size === 0) return
          await renewClaims(ws.root, author, { timeoutMs: this.timeout() }).catch(() => null)
          if ((await this.checkHeld(ws)) > 0) this.notifySoon()
        })()
      },
      this.options.renewMs ?? 5 * 60_000,
    )
    this.renew.unref?.()
  }

  private stopRenew(): void {
    if (this.renew !== null) clearInterval(this.renew)
    this.renew = null
  }

  /** One 'sync:changed' shortly after a burst of saves or claims (each computes the view with a few git calls). */
  private notifySoon(): void {
    const ws = this.current
    if (!ws?.repository || this.notifyTimer !== null) return
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null
      if (this.current === ws) void this.view().then(this.options.onChange, () => undefined)
    }, 1000)
    this.notifyTimer.unref?.()
  }

  /**
   * Moves the articles this session claimed whose claim is gone here (a sync withdrew it: someone else's
   * earlier claim won, or they took it over) from `held` to `lost`, so the header tells the editor and
   * closing the article releases nothing of theirs. Returns how many were lost now.
   */
  private async checkHeld(ws: OpenWorkspace): Promise<number> {
    if (ws.held.size === 0) return 0
    const { stdout } = await runGit(ws.root, ['for-each-ref', '--format=%(refname:lstrip=3)', `${CLAIMS_REF}/`])
    const own = new Set(stdout.split('\n').filter((line) => line.trim() !== ''))
    let lost = 0
    for (const id of [...ws.held]) {
      if (own.has(id)) continue
      ws.held.delete(id)
      ws.lost.add(id)
      lost += 1
    }
    if (ws.held.size === 0) this.stopRenew()
    return lost
  }

  /**
   * Claims this workspace still holds from an earlier run that ended without releasing them (a crash): no
   * article is open yet, so they are dropped rather than renewed by every sync.
   */
  private async dropLeftoverClaims(root: string): Promise<void> {
    const { stdout } = await runGit(root, ['for-each-ref', '--format=%(refname:lstrip=3)', `${CLAIMS_REF}/`])
    // Dropped here only (no network at open): unrenewed, the shared copies lapse within the claim's lifetime.
    for (const id of stdout.split('\n').filter((line) => line.trim() !== '')) {
      await runGit(root, ['update-ref', '-d', `${CLAIMS_REF}/${id}`])
    }
  }

  private async stopCurrent(): Promise<void> {
    const ws = this.current
    this.current = null
    this.stopPoll()
    this.stopRenew()
    if (this.notifyTimer !== null) clearTimeout(this.notifyTimer)
    this.notifyTimer = null
    if (!ws) return
    await ws.scheduler?.stop()
    for (const id of ws.held) await releaseClaim(ws.root, id, Math.min(this.timeout(), 10_000)).catch(() => false)
    ws.held.clear()
  }
}

function toInfo(claim: Claim, myEmail: string | null, lostHere: boolean): ClaimInfo {
  const mine = myEmail !== null && claim.email.toLowerCase() === myEmail.toLowerCase()
  return {
    articleId: claim.articleId,
    name: claim.name,
    email: claim.email,
    since: claim.since,
    expiresAt: claim.expiresAt,
    mine,
    withdrewMine: lostHere && !mine,
  }
}
