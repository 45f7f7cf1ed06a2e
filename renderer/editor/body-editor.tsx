import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect, useRef } from 'react'
import type { TiptapDoc } from '../../shared/article/schema'

/** Props of the TipTap body editor. */
export interface BodyEditorProps {
  /** Identity of the document; a new key replaces the content (switching article). */
  docKey: string
  initial: TiptapDoc
  label: string
  onChange: (doc: TiptapDoc) => void
}

/** The article body: a TipTap editor that reports its JSON on every change. */
export function BodyEditor({ docKey, initial, label, onChange }: BodyEditorProps) {
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange
  const editor = useEditor({
    // TipTap's injected <style> would need 'unsafe-inline' in the CSP; its CSS is in styles/editor.css instead.
    injectCSS: false,
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false, autolink: true } }),
    ],
    content: initial,
    editorProps: {
      attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: 'body-editor' },
    },
    onUpdate: ({ editor: e }) => onChangeRef.current(e.getJSON() as TiptapDoc),
  })
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.setContent(initial, { emitUpdate: false })
    // Only a new document (docKey) replaces the content; `initial` of the same doc is the editor's own output.
  }, [editor, docKey])
  return <EditorContent editor={editor} className="body-editor-host" data-testid="body-editor" />
}
