import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import {
  remoteUrlProblem,
  type ArticleSyncState,
  type ClaimInfo,
  type ClaimProblemCode,
  type SyncView,
} from '../../../shared/sync/api-types'
import type { SyncMessage, SyncMessageOf } from '../../../shared/sync/sync-messages'

/**
 * Why a sync action did not happen: a code of the shared table (main's, or a remote refused here by the
 * contract's own rules before asking main), worded by the renderer, with git's own text beside it; or, for a
 * call that threw, the error's words as they came.
 */
export type SyncFailure = { problem: SyncMessage; detail: string | null } | { problem: null; text: string }

/**
 * The open article could not be claimed, or its claim holds here only because the remote refused it: others
 * are not told the editor is on it (shown until dismissed).
 */
export interface ClaimProblem {
  articleId: string
  problem: SyncMessageOf<ClaimProblemCode>
  detail: string | null
}

/** What the sync screens share: the indicator's state, per-article flags, claims, and the sync actions. */
export interface SyncValue {
  view: SyncView | null
  /** Articles not plainly in sync, by id. */
  states: Readonly<Record<string, ArticleSyncState>>
  /** Live claims by article id. */
  claims: ReadonlyMap<string, ClaimInfo>
  /** The claim of someone else the editor took over by opening an article (shown once, until dismissed). */
  takeover: { articleId: string; from: ClaimInfo } | null
  dismissTakeover: () => void
  /**
   * The open article's claim failed (no name and email, git failed) or the remote refused it, until dismissed
   * or the article closes.
   */
  claimProblem: ClaimProblem | null
  dismissClaimProblem: () => void
  syncNow: () => Promise<void>
  /** Turns the workspace into a repository; resolves with why it failed, or null. */
  enable: () => Promise<SyncFailure | null>
  /** Sets the remote ("" removes it); resolves with why it failed, or null. */
  setRemote: (url: string) => Promise<SyncFailure | null>
  /** A Sync now is under way from this window. */
  busy: boolean
}

const NO_CLAIMS: ReadonlyMap<string, ClaimInfo> = new Map()

const SyncContext = createContext<SyncValue>({
  view: null,
  states: {},
  claims: NO_CLAIMS,
  takeover: null,
  dismissTakeover: () => undefined,
  claimProblem: null,
  dismissClaimProblem: () => undefined,
  syncNow: async () => undefined,
  enable: async () => null,
  setRemote: async () => null,
  busy: false,
})

/** Props of the sync provider. */
export interface SyncProviderProps {
  bridge: NewsdeskBridge
  /** The article open in the editor: claimed while it is open, released when it closes. */
  openId: string | null
  readOnly: boolean
  children: ReactNode
}

/**
 * Keeps the sync state in step with main (on 'sync:changed' and on a workspace switch) and claims the open
 * article for the editor while it is open.
 */
export function SyncProvider({ bridge, openId, readOnly, children }: SyncProviderProps) {
  const [view, setView] = useState<SyncView | null>(null)
  const [states, setStates] = useState<Record<string, ArticleSyncState>>({})
  const [claims, setClaims] = useState<ReadonlyMap<string, ClaimInfo>>(NO_CLAIMS)
  const [takeover, setTakeover] = useState<SyncValue['takeover']>(null)
  const [claimProblem, setClaimProblem] = useState<ClaimProblem | null>(null)
  const [busy, setBusy] = useState(false)

  const refreshDetails = useCallback(async () => {
    const [nextStates, nextClaims] = await Promise.all([bridge.sync.articleStates(), bridge.sync.claims()])
    setStates(nextStates)
    setClaims(new Map(nextClaims.map((c) => [c.articleId, c])))
  }, [bridge])

  const refresh = useCallback(async () => {
    setView(await bridge.sync.status())
    await refreshDetails()
  }, [bridge, refreshDetails])

  useEffect(() => {
    void refresh().catch(() => undefined)
    const offChanged = bridge.on('sync:changed', (next) => {
      setView(next)
      void refreshDetails().catch(() => undefined)
    })
    const offSwitched = bridge.on('workspace:changed', () => {
      setTakeover(null)
      setClaimProblem(null)
      void refresh().catch(() => undefined)
    })
    return () => {
      offChanged()
      offSwitched()
    }
  }, [bridge, refresh, refreshDetails])

  // The open article is claimed once claims can be shared (a remote is set), and given back when it closes.
  const shareable = view?.remote != null && !readOnly
  useEffect(() => {
    if (!openId || !shareable) return
    let current = true
    void bridge.sync.claim(openId).then(
      (result) => {
        if (current && result.ok && result.tookOverFrom) setTakeover({ articleId: openId, from: result.tookOverFrom })
        if (current && !result.ok)
          setClaimProblem({ articleId: openId, problem: result.problem, detail: result.detail })
        // Claimed here, but the remote refused to share it: the editor is told why (editing goes on).
        if (current && result.ok && result.refused)
          setClaimProblem({ articleId: openId, problem: result.refused.problem, detail: result.refused.detail })
        if (current) void refreshDetails().catch(() => undefined)
      },
      () => undefined,
    )
    return () => {
      current = false
      setTakeover((t) => (t?.articleId === openId ? null : t))
      setClaimProblem((p) => (p?.articleId === openId ? null : p))
      void bridge.sync.release(openId).catch(() => undefined)
    }
  }, [bridge, openId, shareable, refreshDetails])

  const syncNow = useCallback(async () => {
    setBusy(true)
    try {
      setView(await bridge.sync.syncNow())
      await refreshDetails()
    } finally {
      setBusy(false)
    }
  }, [bridge, refreshDetails])

  const setup = useCallback(
    async (run: () => ReturnType<NewsdeskBridge['sync']['enable']>): Promise<SyncFailure | null> => {
      try {
        const result = await run()
        if (!result.ok) return { problem: result.problem, detail: result.detail }
        setView(result.view)
        await refreshDetails()
        return null
      } catch (error) {
        return { problem: null, text: (error as Error).message }
      }
    },
    [refreshDetails],
  )
  const enable = useCallback(() => setup(() => bridge.sync.enable()), [bridge, setup])
  const setRemote = useCallback(
    async (url: string): Promise<SyncFailure | null> => {
      // Checked with the contract's rules first: a refused address gets its code, worded in the UI language.
      const invalid = remoteUrlProblem(url)
      if (invalid) return { problem: invalid, detail: null }
      return setup(() => bridge.sync.setRemote(url))
    },
    [bridge, setup],
  )
  const dismissTakeover = useCallback(() => setTakeover(null), [])
  const dismissClaimProblem = useCallback(() => setClaimProblem(null), [])

  const value = useMemo(
    () => ({
      view,
      states,
      claims,
      takeover,
      dismissTakeover,
      claimProblem,
      dismissClaimProblem,
      syncNow,
      enable,
      setRemote,
      busy,
    }),
    [
      view,
      states,
      claims,
      takeover,
      dismissTakeover,
      claimProblem,
      dismissClaimProblem,
      syncNow,
      enable,
      setRemote,
      busy,
    ],
  )
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>
}

/** The sync state and actions (a neutral value outside a SyncProvider: nothing synced, nothing claimed). */
export function useSync(): SyncValue {
  return useContext(SyncContext)
}
