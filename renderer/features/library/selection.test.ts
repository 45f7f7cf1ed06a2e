import { describe, expect, it } from 'vitest'
import * as sel from './selection'

const shown = ['a', 'b', 'c', 'd', 'e']
const ids = (s: sel.ListSelection) => [...s.ids].sort()

describe('library list selection', () => {
  it('a plain click selects only that row and makes it the anchor', () => {
    expect(ids(sel.selectOnly('c'))).toEqual(['c'])
    expect(sel.selectOnly('c').anchor).toBe('c')
  })

  it('Ctrl/Cmd-click toggles one row in and out, moving the anchor', () => {
    let s = sel.toggleSelection(sel.selectOnly('a'), 'c')
    expect(ids(s)).toEqual(['a', 'c'])
    expect(s.anchor).toBe('c')
    s = sel.toggleSelection(s, 'a')
    expect(ids(s)).toEqual(['c'])
    expect(s.anchor).toBe('a')
    expect(ids(sel.toggleSelection(sel.emptySelection, 'e'))).toEqual(['e'])
  })

  it('Shift-click selects the range from the anchor in the shown order, either direction', () => {
    const down = sel.selectRange(sel.selectOnly('b'), shown, 'd')
    expect(ids(down)).toEqual(['b', 'c', 'd'])
    expect(down.anchor).toBe('b')
    // A second Shift-click re-draws the range from the same anchor (it does not add to the first one).
    expect(ids(sel.selectRange(down, shown, 'a'))).toEqual(['a', 'b'])
    // A range replaces rows toggled before it, as in a file list.
    expect(ids(sel.selectRange(sel.toggleSelection(sel.selectOnly('e'), 'c'), shown, 'd'))).toEqual(['c', 'd'])
  })

  it('Shift-click without an anchor, or on a row not shown, does the sensible thing', () => {
    expect(ids(sel.selectRange(sel.emptySelection, shown, 'c'))).toEqual(['c'])
    const gone = { ids: new Set(['z']), anchor: 'z' }
    expect(ids(sel.selectRange(gone, shown, 'b'))).toEqual(['b'])
    const s = sel.selectOnly('a')
    expect(sel.selectRange(s, shown, 'not-shown')).toBe(s)
  })

  it('Shift+arrows extend from the anchor, or from the keyboard row when there is none', () => {
    let s = sel.extendSelection(sel.emptySelection, shown, 'b', 'c')
    expect(ids(s)).toEqual(['b', 'c'])
    s = sel.extendSelection(s, shown, 'c', 'd')
    expect(ids(s)).toEqual(['b', 'c', 'd'])
    // Back up past the anchor: the range flips.
    s = sel.extendSelection(s, shown, 'd', 'a')
    expect(ids(s)).toEqual(['a', 'b'])
    expect(s.anchor).toBe('b')
  })

  it('Ctrl/Cmd+A selects every shown row', () => {
    const s = sel.selectAll(sel.selectOnly('c'), shown)
    expect(ids(s)).toEqual(shown)
    expect(s.anchor).toBe('c')
    expect(sel.selectAll(sel.emptySelection, shown).anchor).toBe('a')
    expect(sel.selectAll(sel.emptySelection, []).ids.size).toBe(0)
  })

  it('pruning keeps only rows still shown, and returns the same value when nothing changed', () => {
    const s = sel.selectAll(sel.emptySelection, shown)
    const pruned = sel.pruneSelection(s, ['b', 'd', 'x'])
    expect(ids(pruned)).toEqual(['b', 'd'])
    expect(pruned.anchor).toBeNull()
    expect(sel.pruneSelection(pruned, ['b', 'd'])).toBe(pruned)
    expect(sel.pruneSelection(sel.emptySelection, []).ids.size).toBe(0)
  })

  it('lists the selection in the shown order', () => {
    const s = sel.toggleSelection(sel.toggleSelection(sel.selectOnly('e'), 'a'), 'c')
    expect(sel.orderedSelection(s, shown)).toEqual(['a', 'c', 'e'])
    expect(sel.orderedSelection(s, ['e', 'c'])).toEqual(['e', 'c'])
  })
})
