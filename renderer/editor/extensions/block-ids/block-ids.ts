import { Extension } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Mapping } from '@tiptap/pm/transform'
import { BLOCK_ID_ATTR, blockId, blockIdRepairs } from '../../../../shared/editor'

/**
 * Set on the transaction that gives a freshly loaded body its missing ids: it is not an edit (no undo step, and
 * the body editor does not mark the article unsaved for it; the ids are written with the next save).
 */
export const BLOCK_IDS_LOADED = 'blockIdsLoaded'

const blockIdsKey = new PluginKey('blockIds')

/**
 * The transaction that sets the repaired ids on the state's top-level blocks, or null when none is needed.
 * `inherit` gives a block without an id, by its start, the id of the block that stood there before the change and
 * is gone (a paragraph made a heading is still the same block); `keeper` picks which of the blocks sharing an id
 * keeps it, by their starts.
 */
function repairTransaction(
  state: EditorState,
  inherit: ReadonlyMap<number, string> = new Map(),
  keeper?: (id: string, indices: readonly number[], starts: readonly number[]) => number,
): Transaction | null {
  const ids: (string | null)[] = []
  const starts: number[] = []
  const inherited = new Map<number, string>()
  const present = new Set<string>()
  state.doc.forEach((block: PmNode) => {
    const id = blockId(block)
    if (id !== null) present.add(id)
  })
  state.doc.forEach((block: PmNode, offset: number) => {
    let id = blockId(block)
    const was = inherit.get(offset)
    if (id === null && was !== undefined && !present.has(was)) {
      id = was
      present.add(was)
      inherited.set(ids.length, was)
    }
    ids.push(id)
    starts.push(offset)
  })
  const repairs = blockIdRepairs(ids, keeper ? (id, indices) => keeper(id, indices, starts) : undefined)
  for (const [index, id] of inherited) if (!repairs.has(index)) repairs.set(index, id)
  if (repairs.size === 0) return null
  const tr = state.tr
  for (const [index, id] of repairs) tr.setNodeAttribute(starts[index]!, BLOCK_ID_ATTR, id)
  return tr
}

/**
 * Keeps a unique id on every top-level block of the body, as the git merge driver needs (issue #19): a block
 * without one (a new paragraph, the second half of a split, a pasted block) is given one, and of two blocks
 * sharing an id (a copy pasted while the original is still there) the one that had it before the change keeps it.
 * A block whose type changes in place (a paragraph made a heading) keeps its id. Ids are given when a body is
 * loaded too, so every save from the editor carries them.
 *
 * Hand-written rather than TipTap's UniqueID extension: that one is not installed (no new package without
 * review), and it gives ids to every node of the listed types at any depth, while the merge matches only the
 * top-level blocks; this is one appendTransaction over the top level, sharing its rule (`blockIdRepairs`) with
 * the main process's save.
 */
export const BlockIds = Extension.create({
  name: 'blockIds',

  onCreate() {
    const tr = repairTransaction(this.editor.state)
    if (tr) this.editor.view.dispatch(tr.setMeta('addToHistory', false).setMeta(BLOCK_IDS_LOADED, true))
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: blockIdsKey,
        appendTransaction(transactions, oldState, newState) {
          if (!transactions.some((tr) => tr.docChanged)) return null
          const mapping = new Mapping(transactions.flatMap((tr) => tr.mapping.maps))
          // Where each id's block was before the change, carried through it.
          const before = new Map<string, number>()
          oldState.doc.forEach((block: PmNode, offset: number) => {
            const id = blockId(block)
            if (id !== null && !before.has(id)) before.set(id, mapping.map(offset, 1))
          })
          const inherit = new Map([...before].map(([id, at]) => [at, id]))
          return repairTransaction(newState, inherit, (id, indices, starts) => {
            const was = before.get(id)
            return indices.find((i) => starts[i] === was) ?? indices[0]!
          })
        },
      }),
    ]
  },
})
