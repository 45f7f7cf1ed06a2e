import type { TiptapDoc, TiptapNode } from '../article/schema'
import type { AttributeSpec } from './types'

/**
 * Stable block ids (issue #19): every top-level block of a body carries a short random `attrs.id`, so the git
 * merge driver (shared/sync/merge-body.ts) matches blocks by id and merges two editors' edits to different
 * blocks block by block. The id is bookkeeping, not content: no reader-facing output (Markdown, HTML, ninjs, RSS,
 * plain text) carries it; the JSON bundle keeps it (README, the field-by-format matrix).
 */
export const BLOCK_ID_ATTR = 'id'

/** The `id` attribute of a block node's definition (null until the editor or a save assigns one). */
export const blockIdAttribute: AttributeSpec = {
  default: null,
  values: 'null, or a short random string unique among the top-level blocks (merge bookkeeping, never exported)',
}

/** The block id a top-level block carries (`attrs.id`), or null when it has none. */
export function blockId(node: { attrs?: Record<string, unknown> | null }): string | null {
  const id = node.attrs?.[BLOCK_ID_ATTR]
  return typeof id === 'string' && id !== '' ? id : null
}

interface RandomSource {
  crypto: { getRandomValues<T extends Uint8Array>(array: T): T }
}

/**
 * A new block id: 12 hex digits (48 random bits; a clash within one article is repaired anyway). From
 * `crypto.getRandomValues`, which the renderer has on any page and Node has globally (`crypto.randomUUID` is only
 * given to secure contexts, which a page served from a file is not). Shared code is compiled without either's types.
 */
export function newBlockId(): string {
  const bytes = (globalThis as unknown as RandomSource).crypto.getRandomValues(new Uint8Array(6))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Which top-level blocks need a new id, given each block's current id in order: every block without one, and
 * every block but one of those sharing an id. `keeper` picks which of the blocks sharing an id keeps it (default:
 * the first; the editor keeps the block that had it before the change, so a pasted copy is the one renamed).
 * Returns block index to new id; ids already in use are never handed out. The one rule the editor's plugin
 * (renderer/editor/extensions/block-ids) and the main process's save both apply.
 */
export function blockIdRepairs(
  ids: readonly (string | null)[],
  keeper: (id: string, indices: readonly number[]) => number = (_id, indices) => indices[0]!,
  newId: () => string = newBlockId,
): Map<number, string> {
  const holders = new Map<string, number[]>()
  ids.forEach((id, index) => {
    if (id !== null && id !== '') holders.set(id, [...(holders.get(id) ?? []), index])
  })
  const used = new Set(holders.keys())
  const fresh = (): string => {
    let id = newId()
    while (used.has(id)) id = newId()
    used.add(id)
    return id
  }
  const repairs = new Map<number, string>()
  ids.forEach((id, index) => {
    if (id === null || id === '') repairs.set(index, fresh())
  })
  for (const [id, indices] of holders) {
    if (indices.length < 2) continue
    const kept = keeper(id, indices)
    for (const index of indices) if (index !== kept) repairs.set(index, fresh())
  }
  return repairs
}

/**
 * The body with a unique id on every top-level block (missing ones filled, duplicates after the first renamed).
 * Returns the same object when nothing was missing, so a caller can tell whether it changed anything.
 */
export function withBlockIds(doc: TiptapDoc, newId: () => string = newBlockId): TiptapDoc {
  const blocks = doc.content ?? []
  const repairs = blockIdRepairs(
    blocks.map((block) => blockId(block)),
    undefined,
    newId,
  )
  if (repairs.size === 0) return doc
  const content = blocks.map((block, index): TiptapNode => {
    const id = repairs.get(index)
    return id === undefined ? block : { ...block, attrs: { ...block.attrs, [BLOCK_ID_ATTR]: id } }
  })
  return { ...doc, content }
}

/** The body with no block ids at any depth (what the reader-facing formats carry; the tests compare with it). */
export function withoutBlockIds<T extends TiptapNode | TiptapDoc>(node: T): T {
  const visit = (n: TiptapNode): TiptapNode => {
    let next = n
    if (n.attrs && BLOCK_ID_ATTR in n.attrs) {
      const { [BLOCK_ID_ATTR]: _id, ...attrs } = n.attrs
      next = { ...n, attrs }
      if (Object.keys(attrs).length === 0) delete next.attrs
    }
    if (n.content) next = { ...next, content: n.content.map(visit) }
    return next
  }
  return visit(node as TiptapNode) as T
}
