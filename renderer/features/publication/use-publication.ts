import { useEffect, useState } from 'react'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { defaultPublication, type PublicationSettings } from '../../../shared/publication/publication'

/**
 * The open workspace's publication (name, time zone, budgets…), read from main: again when another workspace
 * opens and whenever `version` changes (e.g. the open article), so a saved change reaches the meters. Without a
 * bridge (a list shown on its own) it stays at the defaults.
 */
export function usePublication(bridge: NewsdeskBridge | undefined, version: unknown): PublicationSettings {
  const [publication, setPublication] = useState<PublicationSettings>(() => defaultPublication(''))
  const [workspace, setWorkspace] = useState(0)
  useEffect(() => bridge?.on('workspace:changed', () => setWorkspace((n) => n + 1)), [bridge])
  useEffect(() => {
    if (!bridge) return
    let live = true
    bridge.publication.get().then(
      (p) => {
        if (live) setPublication(p)
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [bridge, version, workspace])
  return publication
}
