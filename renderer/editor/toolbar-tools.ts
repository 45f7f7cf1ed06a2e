import type { Editor } from '@tiptap/core'

/** What a tool may ask of the surrounding UI (forms and dialogs the toolbar itself does not own). */
export interface ToolContext {
  openLinkEditor: () => void
  insertImage: () => void
  openMediaForm: () => void
}

/** A toolbar tool as data: the buttons only render these. */
export interface Tool {
  id: string
  /** i18n key of the accessible name. */
  labelKey: string
  /** Short visible glyph. */
  glyph: string
  /** Shown in the tooltip, e.g. "Mod-B". */
  shortcut?: string
  group: 'history' | 'inline' | 'block' | 'insert'
  isActive: (editor: Editor) => boolean
  canRun: (editor: Editor) => boolean
  run: (editor: Editor, context: ToolContext) => void
}

const never = () => false

/** Every tool of the body editor's toolbar, in display order. */
export const bodyTools: readonly Tool[] = [
  {
    id: 'undo',
    labelKey: 'editorTools.undo',
    glyph: '↶',
    shortcut: 'Mod-Z',
    group: 'history',
    isActive: never,
    canRun: (e) => e.can().undo(),
    run: (e) => e.chain().focus().undo().run(),
  },
  {
    id: 'redo',
    labelKey: 'editorTools.redo',
    glyph: '↷',
    shortcut: 'Mod-Shift-Z',
    group: 'history',
    isActive: never,
    canRun: (e) => e.can().redo(),
    run: (e) => e.chain().focus().redo().run(),
  },
  ...(
    [
      ['bold', 'B', 'Mod-B', 'toggleBold'],
      ['italic', 'I', 'Mod-I', 'toggleItalic'],
      ['strike', 'S', 'Mod-Shift-S', 'toggleStrike'],
      ['code', '</>', 'Mod-E', 'toggleCode'],
    ] as const
  ).map(([mark, glyph, shortcut, command]): Tool => ({
    id: mark,
    labelKey: `editorTools.${mark}`,
    glyph,
    shortcut,
    group: 'inline',
    isActive: (e) => e.isActive(mark),
    canRun: (e) => e.can()[command](),
    run: (e) => e.chain().focus()[command]().run(),
  })),
  {
    id: 'link',
    labelKey: 'editorTools.link',
    glyph: '↗',
    shortcut: 'Mod-K',
    group: 'inline',
    isActive: (e) => e.isActive('link'),
    canRun: (e) => e.isEditable && (!e.state.selection.empty || e.isActive('link')),
    run: (_e, context) => context.openLinkEditor(),
  },
  ...([2, 3, 4] as const).map((level): Tool => ({
    id: `h${level}`,
    labelKey: `editorTools.h${level}`,
    glyph: `H${level}`,
    shortcut: `Mod-Alt-${level}`,
    group: 'block',
    isActive: (e) => e.isActive('heading', { level }),
    canRun: (e) => e.can().toggleHeading({ level }),
    run: (e) => e.chain().focus().toggleHeading({ level }).run(),
  })),
  {
    id: 'bulletList',
    labelKey: 'editorTools.bulletList',
    glyph: '•',
    shortcut: 'Mod-Shift-8',
    group: 'block',
    isActive: (e) => e.isActive('bulletList'),
    canRun: (e) => e.can().toggleBulletList(),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    id: 'orderedList',
    labelKey: 'editorTools.orderedList',
    glyph: '1.',
    shortcut: 'Mod-Shift-7',
    group: 'block',
    isActive: (e) => e.isActive('orderedList'),
    canRun: (e) => e.can().toggleOrderedList(),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    id: 'blockquote',
    labelKey: 'editorTools.blockquote',
    glyph: '❝',
    shortcut: 'Mod-Shift-B',
    group: 'block',
    isActive: (e) => e.isActive('blockquote'),
    canRun: (e) => e.can().toggleBlockquote(),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    id: 'horizontalRule',
    labelKey: 'editorTools.horizontalRule',
    glyph: '―',
    group: 'insert',
    isActive: never,
    canRun: (e) => e.can().setHorizontalRule(),
    run: (e) => e.chain().focus().setHorizontalRule().run(),
  },
  {
    id: 'hardBreak',
    labelKey: 'editorTools.hardBreak',
    glyph: '↵',
    shortcut: 'Shift-Enter',
    group: 'insert',
    isActive: never,
    canRun: (e) => e.can().setHardBreak(),
    run: (e) => e.chain().focus().setHardBreak().run(),
  },
  {
    id: 'image',
    labelKey: 'editorTools.image',
    glyph: '▣',
    group: 'insert',
    isActive: never,
    canRun: (e) => e.isEditable,
    run: (_e, context) => context.insertImage(),
  },
  {
    id: 'media',
    labelKey: 'editorTools.media',
    glyph: '▶',
    group: 'insert',
    isActive: never,
    canRun: (e) => e.isEditable,
    run: (_e, context) => context.openMediaForm(),
  },
]

/** The ids of the tools the conflict view's block editor offers: one block's words, not the body's layout. */
const BLOCK_EDIT_TOOL_IDS: readonly string[] = ['undo', 'redo', 'bold', 'italic', 'strike', 'code', 'link']

/** The toolbar of the conflict view's block editor: the body's own tools (same commands), inline ones only. */
export const blockEditTools: readonly Tool[] = bodyTools.filter((tool) => BLOCK_EDIT_TOOL_IDS.includes(tool.id))

/** The state of every tool of `tools` for one editor state (what the buttons render). */
export function toolStates(
  editor: Editor,
  tools: readonly Tool[] = bodyTools,
): Record<string, { active: boolean; enabled: boolean }> {
  return Object.fromEntries(
    tools.map((tool) => [tool.id, { active: tool.isActive(editor), enabled: tool.canRun(editor) }]),
  )
}
