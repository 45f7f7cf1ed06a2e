import { Extension, type Editor } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'

/** What the extension keeps: the node views to tell when the UI language changes. */
export interface UiLabelsStorage {
  listeners: Set<() => void>
}

declare module '@tiptap/core' {
  interface Storage {
    uiLabels: UiLabelsStorage
  }
}

/**
 * Lets node views that show UI text (the media card's kind, the figure's alt and caption fields) follow a
 * UI language switch without touching the document: they subscribe with `onRelabel`, the app runs
 * `relabel(editor)` when the language changes. No transaction, so no undo step and no autosave.
 */
export const UiLabels = Extension.create<Record<string, never>, UiLabelsStorage>({
  name: 'uiLabels',
  addStorage() {
    return { listeners: new Set<() => void>() }
  },
})

/** Subscribes a node view to language switches; returns the unsubscribe for its destroy(). No-op without UiLabels. */
export function onRelabel(editor: Editor, listener: () => void): () => void {
  const listeners = (editor.storage as Partial<Editor['storage']>).uiLabels?.listeners
  if (!listeners) return () => undefined
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Tells every subscribed node view to re-read its labels (after a UI language switch). */
export function relabel(editor: Editor): void {
  const listeners = (editor.storage as Partial<Editor['storage']>).uiLabels?.listeners
  for (const listener of [...(listeners ?? [])]) listener()
}

/**
 * Draws a plain-DOM node view now and again for every new version of its node; the returned update() refuses
 * a node of another type, so ProseMirror recreates the view.
 */
export function redrawing(
  initial: ProseMirrorNode,
  draw: (node: ProseMirrorNode) => void,
): { update: (next: ProseMirrorNode) => boolean } {
  let type = initial.type
  draw(initial)
  return {
    update: (next) => {
      if (next.type !== type) return false
      type = next.type
      draw(next)
      return true
    },
  }
}
