import { useCallback, useEffect, useRef, useState } from 'react'
import type { NewsdeskBridge, RecentWorkspace, WorkspaceOpenResult } from '../../../shared/ipc/contract'

/** How a workspace switch was asked for. */
export type SwitchKind = 'open' | 'create' | 'recent' | 'save-as'

/** What the app does around a switch. */
export interface WorkspaceSwitchOptions {
  /** Saves the open draft before another workspace is opened. */
  beforeSwitch(): Promise<void>
  /**
   * Another workspace is open. `keepOpen` is true after "Save As…": the copy holds the same article files,
   * so the open article stays open and its unsaved edits can now be saved into the copy.
   */
  onSwitched(keepOpen: boolean): void
}

/**
 * Opening, creating and reopening workspaces, and "Save As…" of a read-only one, through the bridge (folders
 * come from native dialogs in main; the renderer only sends recent-list keys). Also follows the menu's
 * 'open-workspace' command and switches made elsewhere ('workspace:changed'), each handled once.
 */
export function useWorkspaceSwitch(bridge: NewsdeskBridge, options: WorkspaceSwitchOptions) {
  const [recent, setRecent] = useState<RecentWorkspace[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const optionsRef = useRef(options)
  optionsRef.current = options
  /** True while one of our own requests runs: its result, not the event, reports the switch. */
  const running = useRef(false)
  /** The workspace the app was last switched to, so a late 'workspace:changed' for it is not handled twice. */
  const handledPath = useRef<string | null>(null)

  const loadRecent = useCallback(async () => {
    setRecent(await bridge.workspace.recent())
  }, [bridge])

  const run = useCallback(
    async (kind: SwitchKind, request: () => Promise<WorkspaceOpenResult>): Promise<boolean> => {
      if (running.current) return false
      running.current = true
      setBusy(true)
      setError(null)
      try {
        // "Save As" keeps the draft's unsaved edits to save them into the copy; other switches save first.
        if (kind !== 'save-as') await optionsRef.current.beforeSwitch()
        const result = await request()
        if (!result.ok) {
          if (result.reason !== 'cancelled') setError(result.message)
          return false
        }
        handledPath.current = result.info.displayPath
        optionsRef.current.onSwitched(kind === 'save-as')
        void loadRecent()
        return true
      } catch (caught) {
        setError((caught as Error).message)
        return false
      } finally {
        running.current = false
        setBusy(false)
      }
    },
    [loadRecent],
  )

  const open = useCallback(() => run('open', () => bridge.workspace.open()), [bridge, run])
  const create = useCallback(() => run('create', () => bridge.workspace.create()), [bridge, run])
  const openRecent = useCallback((key: string) => run('recent', () => bridge.workspace.openRecent(key)), [bridge, run])
  const saveAs = useCallback(() => run('save-as', () => bridge.workspace.saveAs()), [bridge, run])

  useEffect(() => {
    void loadRecent()
  }, [loadRecent])

  useEffect(() => {
    const offs = [
      bridge.on('menu:command', (command) => {
        if (command === 'open-workspace') void open()
      }),
      bridge.on('workspace:changed', (info) => {
        if (running.current || info.displayPath === handledPath.current) return
        handledPath.current = info.displayPath
        optionsRef.current.onSwitched(false)
        void loadRecent()
      }),
    ]
    return () => offs.forEach((off) => off())
  }, [bridge, open, loadRecent])

  return { recent, error, busy, open, create, openRecent, saveAs, loadRecent, clearError: () => setError(null) }
}

/** What `useWorkspaceSwitch` returns. */
export type WorkspaceSwitch = ReturnType<typeof useWorkspaceSwitch>
