import type { Editor } from '@tiptap/core'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { pauseTimer } from './pause-timer'
import { bodyTools, toolStates, type Tool, type ToolContext } from './toolbar-tools'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** Renders a shortcut like "Mod-Shift-Z" for this platform. */
function shortcutText(shortcut: string): string {
  return shortcut
    .replace('Mod', isMac ? '⌘' : 'Ctrl')
    .replace('Alt', isMac ? '⌥' : 'Alt')
    .replaceAll('-', '+')
}

type ToolStates = ReturnType<typeof toolStates>

function sameStates(a: ToolStates, b: ToolStates): boolean {
  return Object.keys(b).every((k) => a[k]?.active === b[k]?.active && a[k]?.enabled === b[k]?.enabled)
}

/** Delay of the toolbar refresh after a document change: typing never pays for the toolbar per keystroke. */
const TYPING_REFRESH_MS = 150

/**
 * Tool states (active, enabled), refreshed after the transaction rather than inside it: at once (next task)
 * for selection moves, after a short pause for document changes. Re-renders only when a state changes.
 */
function useToolStates(editor: Editor, tools: readonly Tool[]): ToolStates {
  const [states, setStates] = useState(() => toolStates(editor, tools))
  useEffect(() => {
    const refresh = pauseTimer(() => {
      if (editor.isDestroyed) return
      setStates((previous) => {
        const next = toolStates(editor, tools)
        return sameStates(previous, next) ? previous : next
      })
    }, TYPING_REFRESH_MS)
    // Per keystroke this only moves the refresh's deadline (no clearTimeout/setTimeout pair per key).
    const handleTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) =>
      refresh.touch(transaction.docChanged ? TYPING_REFRESH_MS : 0)
    editor.on('transaction', handleTransaction)
    return () => {
      editor.off('transaction', handleTransaction)
      refresh.cancel()
    }
  }, [editor, tools])
  return states
}

/** Props of a formatting toolbar. */
export interface EditorToolbarProps {
  editor: Editor
  context: ToolContext
  /** The tools shown, in order (the body's by default; a smaller editor passes a subset of them). */
  tools?: readonly Tool[]
  /** The toolbar's accessible name, already translated ("Formatting" by default). */
  label?: string
  testId?: string
}

/** A formatting toolbar: renders `tools` (data) as buttons, one tab stop, arrow keys move between tools. */
export function EditorToolbar({
  editor,
  context,
  tools = bodyTools,
  label: toolbarLabel,
  testId = 'editor-toolbar',
}: EditorToolbarProps) {
  const { t } = useTranslation()
  const states = useToolStates(editor, tools)
  const ref = useRef<HTMLDivElement>(null)

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? buttons.length - 1
          : (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length
    event.preventDefault()
    buttons.forEach((b, i) => (b.tabIndex = i === next ? 0 : -1))
    buttons[next]?.focus()
  }

  let previousGroup = ''
  return (
    <div
      className="editor-toolbar"
      role="toolbar"
      aria-label={toolbarLabel ?? t('editorTools.toolbar')}
      ref={ref}
      onKeyDown={handleKeyDown}
      data-testid={testId}
    >
      {tools.map((tool, i) => {
        const state = states[tool.id] ?? { active: false, enabled: false }
        const label = t(tool.labelKey)
        const separator = i > 0 && tool.group !== previousGroup
        previousGroup = tool.group
        const pressable = tool.group === 'inline' || tool.group === 'block'
        return (
          <span key={tool.id} className={separator ? 'tool tool-separated' : 'tool'}>
            <button
              type="button"
              tabIndex={i === 0 ? 0 : -1}
              aria-label={label}
              title={tool.shortcut ? `${label} (${shortcutText(tool.shortcut)})` : label}
              aria-pressed={pressable ? state.active : undefined}
              aria-keyshortcuts={tool.shortcut?.replace('Mod', isMac ? 'Meta' : 'Control').replaceAll('-', '+')}
              // aria-disabled, not disabled: a tool that cannot run now stays focusable, so the toolbar's one
              // tab stop (Undo, disabled on a fresh document) is always reachable and the arrows pass every tool.
              aria-disabled={!state.enabled}
              data-tool={tool.id}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                if (tool.canRun(editor)) tool.run(editor, context)
              }}
            >
              {/* The glyph is drawn by CSS (::before) so the accessible name is the label alone. */}
              <span aria-hidden="true" className="tool-glyph" data-glyph={tool.glyph} />
            </button>
          </span>
        )
      })}
    </div>
  )
}
