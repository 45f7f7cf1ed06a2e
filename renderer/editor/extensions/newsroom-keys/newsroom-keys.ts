import { Extension } from '@tiptap/core'

/** What the app does for the newsroom shortcuts. */
export interface NewsroomKeysOptions {
  onSave: () => void
  onPreview: () => void
  /** Mod-K: insert or edit a link. */
  onLink: () => void
}

/** Mod-S saves now, Mod-Shift-P shows the preview and Mod-K edits a link, from inside the body editor. */
export const NewsroomKeys = Extension.create<NewsroomKeysOptions>({
  name: 'newsroomKeys',
  addOptions() {
    return { onSave: () => undefined, onPreview: () => undefined, onLink: () => undefined }
  },
  addKeyboardShortcuts() {
    return {
      'Mod-s': () => {
        this.options.onSave()
        return true
      },
      'Mod-Shift-p': () => {
        this.options.onPreview()
        return true
      },
      'Mod-k': () => {
        this.options.onLink()
        return true
      },
    }
  },
})
