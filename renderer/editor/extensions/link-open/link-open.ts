import { Extension, getMarkRange } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'

/** Options: where a link goes when the user asks to open it (main checks it against the allow-list). */
export interface LinkOpenOptions {
  onOpen: (href: string) => void
}

/** The href of the link mark at `pos`, if any. */
export function linkHrefAt(state: import('@tiptap/pm/state').EditorState, pos: number): string | null {
  const type = state.schema.marks.link
  if (!type) return null
  const $pos = state.doc.resolve(pos)
  const range = getMarkRange($pos, type)
  if (!range) return null
  const mark = state.doc.nodeAt(range.from)?.marks.find((m) => m.type === type)
  return typeof mark?.attrs.href === 'string' ? mark.attrs.href : null
}

/**
 * Mod-click (or Mod-Enter on a link) asks main to open it. A plain click only places the cursor: links are
 * for readers, and the editor must never navigate. Main opens only https, http and mailto (link-policy.ts).
 */
export const LinkOpen = Extension.create<LinkOpenOptions>({
  name: 'linkOpen',
  addOptions() {
    return { onOpen: () => undefined }
  },
  addKeyboardShortcuts() {
    return {
      'Mod-Enter': ({ editor }) => {
        const href = linkHrefAt(editor.state, editor.state.selection.from)
        if (!href) return false
        this.options.onOpen(href)
        return true
      },
    }
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('linkOpen'),
        props: {
          handleClick: (view, pos, event) => {
            if (!(event.metaKey || event.ctrlKey)) return false
            const href = linkHrefAt(view.state, pos)
            if (!href) return false
            event.preventDefault()
            this.options.onOpen(href)
            return true
          },
        },
      }),
    ]
  },
})
