import { useEffect, useState } from 'react'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { defaultPublication, type PublicationSettings } from '../../../shared/publication/publication'

/** Everyone showing the publication (meters, times in its zone) hears of a saved change at once. */
const savedListeners = new Set<() => void>()

/** Tells every `usePublication` that the publication settings were just saved (its zone, budgets… may differ). */
export function announcePublicationSaved(): void {
  for (const listener of savedListeners) listener()
}

/**
 * The open workspace's publication (name, time zone, budgets…), read from main: again when another workspace
 * opens, whenever `version` changes (e.g. the open article) and when the settings are saved, so a saved change
 * reaches the meters and every time shown. Without a bridge (a list shown on its own) it stays at the defaults.
 */
export function usePublication(bridge: NewsdeskBridge | undefined, version: unknown): PublicationSettings {
  const [publication, setPublication] = useState<PublicationSettings>(() => defaultPublication(''))
  const [workspace, setWorkspace] = useState(0)
  useEffect(() => bridge?.on('workspace:changed', () => setWorkspace((n) => n + 1)), [bridge])
  useEffect(() => {
    const listener = () => setWorkspace((n) => n + 1)
    savedListeners.add(listener)
    return () => {
      savedListeners.delete(listener)
    }
  }, [])
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
