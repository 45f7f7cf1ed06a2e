import type { Editor } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import { EditorContent, useEditor } from '@tiptap/react'
import { memo, useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type MutableRefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { TiptapDoc } from '../../shared/article/schema'
import type { NewsdeskBridge } from '../../shared/ipc/contract'
import '../styles/writing.css'
import { assetUrl, fileToBase64 } from './asset-urls'
import { bodyExtensions } from './body-extensions'
import { BLOCK_IDS_LOADED } from './extensions/block-ids/block-ids'
import { idleDebounce, statsOf, type BodyStats } from './body-stats'
import { EditorToolbar } from './editor-toolbar'
import { detectMediaKind, mediaKinds, parseMediaUrl, type MediaKind } from './extensions/media-embed/media-embed'
import { relabel } from './extensions/ui-labels/ui-labels'
import { LinkBubble } from './link-bubble'
import type { ToolContext } from './toolbar-tools'

/** Props of the TipTap body editor. Mount it with a `key` per document: a new key is a new editor. */
export interface BodyEditorProps {
  bridge: NewsdeskBridge
  initial: TiptapDoc
  /** The article's language: spellcheck and hyphenation follow it. */
  language: string
  /** Filled with a function returning the current body; the draft calls it when it saves. */
  bodySource: MutableRefObject<(() => TiptapDoc) | null>
  /** Called on every change; must be cheap (the body itself is read only when saving). */
  onDirty: () => void
  onStats: (stats: BodyStats) => void
  onSave: () => void
  onPreview: () => void
  /** A message for the user (a refused link, an image that could not be added). */
  onNotice: (message: string) => void
  /** The workspace cannot be written: the body is shown, not editable. */
  readOnly?: boolean
}

/** The contenteditable's attributes: an accessible name, a textbox role, spellcheck on. */
function editorAttributes(label: string): Record<string, string> {
  return { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: 'body-editor', spellcheck: 'true' }
}

/** Delay before word and character counts are refreshed after typing stops. */
const STATS_DELAY_MS = 300

/**
 * The article body: TipTap with the newsroom extensions, a data-driven toolbar, a link bubble and a media form.
 * Memoised on its data props: callbacks are read through a ref, so the pane re-rendering (a form field, the
 * save status) never re-renders the editor.
 */
export const BodyEditor = memo(
  BodyEditorView,
  (a, b) =>
    a.bridge === b.bridge && a.language === b.language && a.bodySource === b.bodySource && a.readOnly === b.readOnly,
)

function BodyEditorView(props: BodyEditorProps) {
  const { bridge, initial, language, bodySource } = props
  const { t } = useTranslation()
  const callbacks = useRef(props)
  callbacks.current = props
  const [linkOpen, setLinkOpen] = useState(false)
  const [mediaOpen, setMediaOpen] = useState(false)

  const openLink = useCallback(
    async (href: string) => {
      const result = await bridge.links.open(href)
      if (!result.ok) callbacks.current.onNotice(t('bodyEditor.linkRefused', { reason: result.message }))
    },
    [bridge, t],
  )

  const importFiles = useCallback(
    async (files: File[]) => {
      const names: string[] = []
      for (const file of files) {
        const result = await bridge.assets.importImage({
          fileName: file.name || 'pasted image',
          dataBase64: await fileToBase64(file),
        })
        if (result.ok) names.push(result.asset.name)
        else callbacks.current.onNotice(t('bodyEditor.imageFailed', { reason: result.message }))
      }
      return names
    },
    [bridge, t],
  )

  // A data: image in pasted HTML becomes a workspace asset (stored once by content hash), never dropped silently.
  const storeDataImage = useCallback(
    async ({ mimeType, dataBase64 }: { mimeType: string; dataBase64: string }) => {
      const extension = mimeType.split('/')[1] === 'jpeg' ? 'jpg' : mimeType.split('/')[1]
      const result = await bridge.assets.importImage({ fileName: `pasted image.${extension}`, dataBase64 })
      if (result.ok) return result.asset.name
      callbacks.current.onNotice(tRef.current('bodyEditor.imageFailed', { reason: result.message }))
      return null
    },
    [bridge],
  )

  const stats = useMemo(
    () =>
      idleDebounce(() => {
        const e = editorRef.current
        if (!e || e.isDestroyed) return
        callbacks.current.onStats(statsOf(e.state.doc.toJSON() as TiptapDoc))
      }, STATS_DELAY_MS),
    [],
  )

  // The editor is built once per mount (the parent keys it per document). Options are memoised so a
  // re-render of the pane never reaches editor.setOptions, which would redo view work on a long document.
  const tRef = useRef(t)
  tRef.current = t
  const [initialDoc] = useState(initial)
  const options = useMemo(
    () => ({
      // TipTap's injected <style> would need 'unsafe-inline' in the CSP; its CSS is in styles/editor.css instead.
      injectCSS: false,
      shouldRerenderOnTransaction: false,
      extensions: bodyExtensions({
        placeholder: () => tRef.current('bodyEditor.placeholder'),
        kindLabel: (kind) => tRef.current(`kind.${kind}`),
        image: {
          resolveAsset: (name) => assetUrl(bridge, name),
          importFiles,
          labels: () => ({
            alt: tRef.current('bodyEditor.imageAlt'),
            caption: tRef.current('bodyEditor.imageCaption'),
            altMissing: tRef.current('bodyEditor.imageAltMissing'),
          }),
        },
        onSave: () => callbacks.current.onSave(),
        onPreview: () => callbacks.current.onPreview(),
        onOpenLink: (href) => void openLink(href),
        onLink: () => setLinkOpen(true),
        storeDataImage,
        onLocalImagesDropped: (count) =>
          callbacks.current.onNotice(tRef.current('bodyEditor.pasteLocalImages', { count })),
      }),
      content: initialDoc,
      editorProps: { attributes: editorAttributes(tRef.current('editor.body')) },
      // Per keystroke only a flag is set; the JSON is taken when saving and the counts when typing pauses.
      onUpdate: ({ transaction }: { transaction: Transaction }) => {
        // Ids given to a freshly loaded body's blocks are not an edit (they are written with the next save).
        if (transaction.getMeta(BLOCK_IDS_LOADED) === true) return
        callbacks.current.onDirty()
        stats.schedule()
      },
      onCreate: ({ editor: e }: { editor: Editor }) => {
        callbacks.current.onStats(statsOf(e.state.doc.toJSON() as TiptapDoc))
      },
    }),
    [bridge, importFiles, initialDoc, openLink, stats, storeDataImage],
  )
  const editor = useEditor(options, [])
  // A UI language switch renames the editor for assistive technology (once, not per render).
  const bodyLabel = t('editor.body')
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    editor.view.setProps({ attributes: editorAttributes(bodyLabel) })
    // Node views showing UI text (media card kind, figure fields) re-read their labels, and a selection-only
    // transaction (no document change, no undo step, no autosave) makes Placeholder redraw its text.
    relabel(editor)
    editor.view.dispatch(editor.state.tr.setSelection(editor.state.selection).setMeta('addToHistory', false))
  }, [editor, bodyLabel])
  const editorRef = useRef(editor)
  editorRef.current = editor
  const readOnly = props.readOnly === true
  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable === readOnly) editor.setEditable(!readOnly, false)
  }, [editor, readOnly])

  useEffect(() => {
    bodySource.current = () => (editorRef.current?.getJSON() as TiptapDoc | undefined) ?? initialDoc
    return () => {
      stats.cancel()
      // Leave a last snapshot for a save that runs after unmount (switching article).
      const last =
        editorRef.current && !editorRef.current.isDestroyed ? (editorRef.current.getJSON() as TiptapDoc) : initialDoc
      bodySource.current = () => last
    }
  }, [bodySource, initialDoc, stats])

  const context: ToolContext = useMemo(
    () => ({
      openLinkEditor: () => setLinkOpen(true),
      openMediaForm: () => setMediaOpen(true),
      insertImage: () => {
        void bridge.assets.pickImage().then((result) => {
          const e = editorRef.current
          if (result.ok) e?.chain().focus().insertAsset({ asset: result.asset.name }).run()
          else if (result.reason !== 'cancelled')
            callbacks.current.onNotice(t('bodyEditor.imageFailed', { reason: result.message }))
        })
      },
    }),
    [bridge, t],
  )

  if (!editor) return null
  return (
    <div className="body-editor-frame" data-editor-frame="" lang={language}>
      <EditorToolbar editor={editor} context={context} />
      {mediaOpen ? (
        <MediaForm
          onCancel={() => {
            setMediaOpen(false)
            editor.commands.focus()
          }}
          onInsert={(url, kind) => {
            editor.chain().focus().setMediaEmbed({ url, kind }).run()
            setMediaOpen(false)
          }}
        />
      ) : null}
      <LinkBubble
        editor={editor}
        open={linkOpen}
        onClose={() => setLinkOpen(false)}
        onOpenLink={(h) => void openLink(h)}
      />
      <EditorContent editor={editor} className="body-editor-host" data-testid="body-editor" />
    </div>
  )
}

/** The inline form that adds an offline media card (audio, video or livestream URL). */
function MediaForm({ onInsert, onCancel }: { onInsert: (url: string, kind: MediaKind) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [url, setUrl] = useState('')
  const [kind, setKind] = useState<MediaKind | 'auto'>('auto')
  const [error, setError] = useState<string | null>(null)
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseMediaUrl(url)
    if (!parsed) {
      setError(t('bodyEditor.mediaInvalid'))
      return
    }
    onInsert(parsed.href, kind === 'auto' ? detectMediaKind(parsed.href) : kind)
  }
  return (
    <form
      className="media-form"
      onSubmit={handleSubmit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      aria-label={t('bodyEditor.mediaForm')}
    >
      <label>
        <span>{t('bodyEditor.mediaUrl')}</span>
        <input
          type="text"
          inputMode="url"
          value={url}
          autoFocus
          placeholder="https://"
          aria-invalid={error ? true : undefined}
          onChange={(e) => setUrl(e.target.value)}
        />
      </label>
      <label>
        <span>{t('bodyEditor.mediaKind')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as MediaKind | 'auto')}>
          <option value="auto">{t('bodyEditor.mediaAuto')}</option>
          {mediaKinds.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('bodyEditor.mediaInsert')}</button>
      <button type="button" onClick={onCancel}>
        {t('bodyEditor.cancel')}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  )
}
