/**
 * The library list's multi-selection, as a file list has it: Ctrl/Cmd-click toggles, Shift-click and
 * Shift+arrows select the range from the anchor, Ctrl/Cmd+A selects every shown row, Escape clears.
 * Pure functions over an immutable value, so the list component only decides which one a gesture calls.
 */
export interface ListSelection {
  /** The selected ids (order does not matter; see `orderedSelection`). */
  ids: ReadonlySet<string>
  /** Where a range starts: the last row clicked or toggled. */
  anchor: string | null
}

/** Nothing selected. */
export const emptySelection: ListSelection = { ids: new Set(), anchor: null }

/** Only this row (a plain click), which also becomes the anchor. */
export function selectOnly(id: string): ListSelection {
  return { ids: new Set([id]), anchor: id }
}

/** Ctrl/Cmd-click: adds or removes one row; the row becomes the anchor either way. */
export function toggleSelection(selection: ListSelection, id: string): ListSelection {
  const ids = new Set(selection.ids)
  if (ids.has(id)) ids.delete(id)
  else ids.add(id)
  return { ids, anchor: id }
}

/**
 * Shift-click: exactly the rows from the anchor to `id` in the shown order (the anchor stays, so a second
 * Shift-click re-draws the range from the same place). Without a usable anchor it selects only `id`.
 */
export function selectRange(selection: ListSelection, shownIds: readonly string[], id: string): ListSelection {
  const to = shownIds.indexOf(id)
  if (to < 0) return selection
  const from = selection.anchor === null ? -1 : shownIds.indexOf(selection.anchor)
  if (from < 0) return selectOnly(id)
  const [lo, hi] = from <= to ? [from, to] : [to, from]
  return { ids: new Set(shownIds.slice(lo, hi + 1)), anchor: selection.anchor }
}

/**
 * Shift+ArrowUp/Down: the range from the anchor (or, with none, from the row the keyboard was on) to the row
 * the keyboard moves to.
 */
export function extendSelection(
  selection: ListSelection,
  shownIds: readonly string[],
  fromId: string,
  toId: string,
): ListSelection {
  const anchored =
    selection.anchor !== null && shownIds.includes(selection.anchor) ? selection : { ...selection, anchor: fromId }
  return selectRange(anchored, shownIds, toId)
}

/** Ctrl/Cmd+A: every shown row; the anchor is kept when it is shown, else the first row. */
export function selectAll(selection: ListSelection, shownIds: readonly string[]): ListSelection {
  const anchor =
    selection.anchor !== null && shownIds.includes(selection.anchor) ? selection.anchor : (shownIds[0] ?? null)
  return { ids: new Set(shownIds), anchor }
}

/**
 * Only the selected rows still shown (a filter, a search or the trash took the others away), and the anchor
 * only if it is still shown. Returns the same object when nothing was dropped, so React can skip a render.
 */
export function pruneSelection(selection: ListSelection, shownIds: readonly string[]): ListSelection {
  if (selection.ids.size === 0 && selection.anchor === null) return selection
  // One pass over the shown ids against the (small) selection, not a Set of every shown id per list change.
  const ids = new Set<string>()
  let anchor: string | null = null
  for (const id of shownIds) {
    if (selection.ids.has(id)) ids.add(id)
    if (id === selection.anchor) anchor = id
  }
  if (ids.size === selection.ids.size && anchor === selection.anchor) return selection
  return { ids, anchor }
}

/** The selected ids in the order the list shows them (only those shown). */
export function orderedSelection(selection: ListSelection, shownIds: readonly string[]): string[] {
  return shownIds.filter((id) => selection.ids.has(id))
}
