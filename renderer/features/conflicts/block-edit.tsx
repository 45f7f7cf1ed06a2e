import type { Transaction } from '@tiptap/pm/state'
import { EditorContent, useEditor } from '@tiptap/react'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { TiptapDoc, TiptapNode } from '../../../shared/article/schema'
import { bodyExtensions } from '../../editor/body-extensions'
import { BLOCK_IDS_LOADED } from '../../editor/extensions/block-ids/block-ids'
import '../../styles/writing.css'

/** Props of the editor of one conflicting body block. */
export interface BlockEditProps {
  /** The id of the element naming the editor (its label). */
  labelledBy: string
  /** The id of the element describing it (the hint). */
  describedBy: string
  /** The version the editing starts from (the viewer's, else the other side's), or null for an empty block. */
  initial: TiptapNode | null
  /** The article's language: spellcheck follows it. */
  language: string
  /** Every change, as a document of the blocks that take the conflicting block's place. */
  onChange: (doc: TiptapDoc) => void
  readOnly?: boolean
}

/**
 * One conflicting body block in a small editor of its own, built from the article body's extension list (the one
 * schema in shared/editor with the body editor's paste clean-up, typography, link policy and block ids). Why an
 * editor and not a text box of the block's words: a paragraph of a news story carries links to its sources and
 * emphasis, and a heading or a list has its form; a text box would silently drop them when saved, so an editor
 * keeps every mark and the block's kind. Enter splits the block as in the article (the new block is kept);
 * emptying it removes the block. Bold, italic and the other body shortcuts work here; there is no toolbar.
 */
export function BlockEdit({ labelledBy, describedBy, initial, language, onChange, readOnly = false }: BlockEditProps) {
  const { t } = useTranslation()
  const changed = useRef(onChange)
  changed.current = onChange
  const tRef = useRef(t)
  tRef.current = t
  const editor = useEditor({
    extensions: bodyExtensions({
      placeholder: () => tRef.current('conflicts.editBlockPlaceholder'),
      kindLabel: (kind) => tRef.current(`kind.${kind}`),
      // Only text blocks are edited here (see `choicesFor`): no figure is shown, none can be pasted in.
      image: { resolveAsset: async () => null, importFiles: null },
      onSave: () => undefined,
      onPreview: () => undefined,
      onOpenLink: () => undefined,
    }),
    content: { type: 'doc', content: initial ? [initial] : [{ type: 'paragraph' }] },
    editable: !readOnly,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelledBy,
        'aria-describedby': describedBy,
        class: 'body-editor conflict-block-editor',
        spellcheck: 'true',
        lang: language,
        'data-testid': 'conflict-block-editor',
      },
    },
    onUpdate: ({ editor: e, transaction }: { editor: { getJSON(): unknown }; transaction: Transaction }) => {
      // Ids given to the loaded block are not an edit.
      if (transaction.getMeta(BLOCK_IDS_LOADED) === true) return
      changed.current(e.getJSON() as TiptapDoc)
    },
  })
  return <EditorContent editor={editor} className="conflict-block-frame" />
}
