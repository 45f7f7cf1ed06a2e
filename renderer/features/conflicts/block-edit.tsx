import type { Transaction } from '@tiptap/pm/state'
import { EditorContent, useEditor } from '@tiptap/react'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TiptapDoc } from '../../../shared/article/schema'
import { bodyExtensions } from '../../editor/body-extensions'
import { EditorToolbar } from '../../editor/editor-toolbar'
import { BLOCK_IDS_LOADED } from '../../editor/extensions/block-ids/block-ids'
import { LinkBubble } from '../../editor/link-bubble'
import { blockEditTools, type ToolContext } from '../../editor/toolbar-tools'
import '../../styles/writing.css'

/** Props of the editor of one conflicting body block. */
export interface BlockEditProps {
  /** The id of the element naming the editor (its label). */
  labelledBy: string
  /** The field's name in words: the toolbar is named after it ("Formatting: Body, one block"). */
  fieldLabel: string
  /** The id of the element describing it (the hint). */
  describedBy: string
  /**
   * What the editing starts from: the viewer's version of the block (else the other side's), or the blocks typed
   * before "Resolve later"; read once, when the editor is made. No blocks: one empty paragraph.
   */
  initial: TiptapDoc
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
 * emptying it removes the block. A small toolbar of the body's own inline tools (`blockEditTools`: undo, redo,
 * bold, italic, strike, code, link, with the body's link bubble) sits above it; the body's shortcuts work too.
 */
export function BlockEdit({
  labelledBy,
  fieldLabel,
  describedBy,
  initial,
  language,
  onChange,
  readOnly = false,
}: BlockEditProps) {
  const { t } = useTranslation()
  const [linkOpen, setLinkOpen] = useState(false)
  // The editor is made once: later values of `initial` (the view keeps what is typed) are its own edits.
  const [start] = useState(initial)
  const changed = useRef(onChange)
  changed.current = onChange
  const tRef = useRef(t)
  tRef.current = t
  // The options are the same object from render to render: TipTap's useEditor calls setOptions (which resets the
  // view's state) whenever they differ, and the view re-renders on every keystroke (it keeps what is typed), which
  // would drop selection moves made right after typing.
  const options = useMemo(
    () => ({
      injectCSS: false,
      extensions: bodyExtensions({
        placeholder: () => tRef.current('conflicts.editBlockPlaceholder'),
        kindLabel: (kind) => tRef.current(`kind.${kind}`),
        // Only text blocks are edited here (see `choicesFor`): no figure is shown, none can be pasted in.
        image: { resolveAsset: async () => null, importFiles: null },
        onSave: () => undefined,
        onPreview: () => undefined,
        onOpenLink: () => undefined,
        onLink: () => setLinkOpen(true),
      }),
      content: start.content && start.content.length > 0 ? start : { type: 'doc', content: [{ type: 'paragraph' }] },
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
    }),
    [start, readOnly, labelledBy, describedBy, language],
  )
  const editor = useEditor(options)
  // Only inline tools are offered: images and media cards are not edited here.
  const context: ToolContext = useMemo(
    () => ({ openLinkEditor: () => setLinkOpen(true), insertImage: () => undefined, openMediaForm: () => undefined }),
    [],
  )
  if (!editor) return null
  return (
    <div className="conflict-block-frame" data-editor-frame="">
      {readOnly ? null : (
        <EditorToolbar
          editor={editor}
          context={context}
          tools={blockEditTools}
          label={t('conflicts.blockToolbar', { field: fieldLabel })}
          testId="conflict-block-toolbar"
        />
      )}
      <LinkBubble editor={editor} open={linkOpen} onClose={() => setLinkOpen(false)} />
      <EditorContent editor={editor} />
    </div>
  )
}
