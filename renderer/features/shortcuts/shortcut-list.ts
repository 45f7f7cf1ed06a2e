/** One keyboard shortcut shown in Help › Keyboard shortcuts: its keys ("Mod" is Ctrl, or ⌘ on a Mac) and what it does. */
export interface Shortcut {
  keys: string[]
  /** i18n key under `shortcuts.` */
  action: string
}

/** Every shortcut the app and the editor answer to, in the order the dialog lists them. */
export const shortcuts: readonly Shortcut[] = [
  { keys: ['Mod', 'N'], action: 'new' },
  { keys: ['Mod', 'S'], action: 'save' },
  { keys: ['Mod', 'Shift', 'P'], action: 'preview' },
  { keys: ['Mod', 'O'], action: 'open-workspace' },
  { keys: ['Mod', 'Shift', 'O'], action: 'import' },
  { keys: ['Mod', 'E'], action: 'export' },
  { keys: ['Enter'], action: 'headlineEnter' },
  { keys: ['Mod', 'B'], action: 'bold' },
  { keys: ['Mod', 'I'], action: 'italic' },
  { keys: ['Mod', 'K'], action: 'link' },
  { keys: ['Mod', 'Z'], action: 'undo' },
  { keys: ['Delete'], action: 'delete' },
  { keys: ['Shift', '↑/↓'], action: 'select' },
  { keys: ['Mod', 'A'], action: 'selectAll' },
]

/** The keys as this platform names them. */
export function keyLabels(keys: readonly string[], mac: boolean): string[] {
  return keys.map((k) => (k === 'Mod' ? (mac ? '⌘' : 'Ctrl') : k === 'Shift' && mac ? '⇧' : k))
}
