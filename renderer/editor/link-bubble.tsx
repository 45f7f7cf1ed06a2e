import type { Editor } from '@tiptap/core'
import { BubbleMenu } from '@tiptap/react/menus'
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isStorableHref } from './body-extensions'

/** Turns what the user typed into a storable href: bare hosts get https://, e-mail addresses mailto:. */
export function normalizeHref(input: string): string | null {
  const text = input.trim()
  if (text === '') return null
  if (isStorableHref(text)) return text
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(text)) return `mailto:${text}`
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+([/?#].*)?$/i.test(text)) return `https://${text}`
  return null
}

/** The bubble menu's plugin key (transactions carrying it as meta with 'show' or 'hide' steer the menu). */
const LINK_BUBBLE_KEY = 'linkBubble'

/** The gap between the selection and the bubble, in pixels. */
const BUBBLE_GAP = 8

/**
 * Where the bubble may go: the window below the formatting toolbar of its editor (the element marked
 * `data-editor-frame` around the editor holds it: the body's frame and the conflict view's block frame), so the
 * bubble never covers the toolbar and the toolbar never covers it. Without a toolbar, the whole window.
 */
export function roomBelowToolbar(editorDom: Element): { x: number; y: number; width: number; height: number } {
  const toolbar = editorDom.closest('[data-editor-frame]')?.querySelector(':scope > [role="toolbar"]')
  const width = document.documentElement.clientWidth
  const height = document.documentElement.clientHeight
  // TipTap runs the offset after flip: the room is narrowed by the gap so a flipped bubble still clears the toolbar.
  const top = Math.max(0, toolbar?.getBoundingClientRect().bottom ?? 0) + BUBBLE_GAP
  return { x: 0, y: top, width, height: Math.max(0, height - top - BUBBLE_GAP) }
}

/** Props of the link bubble: opened by the toolbar or Mod-K, and the callback that opens a link via main. */
export interface LinkBubbleProps {
  editor: Editor
  open: boolean
  onClose: () => void
  /** Opens the link through main; without it the bubble offers no Open button (an editor with no bridge). */
  onOpenLink?: (href: string) => void
}

/**
 * A small bubble under the selection to insert, edit, remove or open a link. It opens below the selection and
 * goes above it only when there is no room below and there is room between the selection and the toolbar.
 */
export function LinkBubble({ editor, open, onClose, onOpenLink }: LinkBubbleProps) {
  const { t } = useTranslation()
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  // Unique per bubble: the conflict view may hold several block editors, each with its bubble.
  const errorId = useId()
  const openRef = useRef(open)
  openRef.current = open

  useEffect(() => {
    if (!open) return
    // Opened from the toolbar by the keyboard, the editor has lost focus and the menu would stay hidden until the
    // next selection change: the menu is told to show now.
    if (!editor.isDestroyed) {
      editor.view.dispatch(editor.state.tr.setMeta(LINK_BUBBLE_KEY, 'show').setMeta('addToHistory', false))
    }
    setValue(String(editor.getAttributes('link').href ?? ''))
    setError(null)
    const id = setTimeout(() => input.current?.focus(), 0)
    return () => clearTimeout(id)
  }, [open, editor])

  const close = () => {
    onClose()
    editor.commands.focus()
  }
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    const href = normalizeHref(value)
    if (!href) {
      setError(t('bodyEditor.linkInvalid'))
      return
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
    onClose()
  }
  const current = String(editor.getAttributes('link').href ?? '')
  // One object per editor: a new one would make the menu re-read its options on every render.
  const placement = useMemo(
    () => ({
      placement: 'bottom-start' as const,
      offset: BUBBLE_GAP,
      flip: () => ({ boundary: roomBelowToolbar(editor.view.dom), fallbackPlacements: ['top-start' as const] }),
    }),
    [editor],
  )

  return (
    <BubbleMenu
      editor={editor}
      pluginKey={LINK_BUBBLE_KEY}
      shouldShow={({ editor: e }) => openRef.current || (e.isActive('link') && e.isFocused)}
      className="link-bubble"
      data-testid="link-bubble"
      options={placement}
    >
      {open ? (
        <form onSubmit={handleSubmit} onKeyDown={(e) => e.key === 'Escape' && close()}>
          <label>
            <span className="visually-hidden">{t('bodyEditor.linkAddress')}</span>
            <input
              ref={input}
              type="text"
              inputMode="url"
              value={value}
              placeholder="https://"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => setValue(e.target.value)}
            />
          </label>
          <button type="submit">{t('bodyEditor.linkApply')}</button>
          <button type="button" onClick={close}>
            {t('bodyEditor.cancel')}
          </button>
          {error ? (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : (
        <div className="link-bubble-view">
          <span className="link-bubble-href" title={current}>
            {current}
          </span>
          {onOpenLink ? (
            <button type="button" onClick={() => onOpenLink(current)}>
              {t('bodyEditor.linkOpen')}
            </button>
          ) : null}
          <button type="button" onClick={() => editor.chain().focus().extendMarkRange('link').unsetLink().run()}>
            {t('bodyEditor.linkRemove')}
          </button>
        </div>
      )}
    </BubbleMenu>
  )
}
