import type { TiptapDoc, TiptapNode } from '../article/schema'
import { blockId } from '../editor/block-ids'
import { diff3 } from './diff3'
import { mergeRecord, mergeWhole, sameValue, stableKey, wordTokens } from './merge-value'

/** A part of a body a merge could not settle, named like a field ("body", "body.block:<id>", "body.order"). */
export interface BodyConflict {
  field: string
  base: unknown
  ours: unknown
  theirs: unknown
}

/** Outcome of merging a body: the merged document (ours where unsettled) and what was unsettled. */
export interface BodyMerge {
  doc: TiptapDoc
  conflicts: BodyConflict[]
}

/** The block id the editor schema gives a top-level block (`attrs.id`, shared/editor/block-ids.ts). */
export { blockId }

/** True when every block has an id and no id is used twice: the body can be merged block by block by id. */
export function hasBlockIds(blocks: readonly TiptapNode[]): boolean {
  const ids = blocks.map(blockId)
  return ids.every((id) => id !== null) && new Set(ids).size === ids.length
}

/**
 * Three-way merge of an article body. With block ids on every block of all three versions, blocks are matched
 * by id (so a moved block is still the same block); otherwise they are matched by content (diff3 over blocks).
 * A block changed on both sides merges attribute by attribute and its text word by word; what cannot be
 * settled keeps our version in the body and is returned as a conflict.
 */
export function mergeBody(base: TiptapDoc | null, ours: TiptapDoc, theirs: TiptapDoc): BodyMerge {
  if (sameValue(ours, theirs)) return { doc: ours, conflicts: [] }
  if (base && sameValue(base, ours)) return { doc: theirs, conflicts: [] }
  if (base && sameValue(base, theirs)) return { doc: ours, conflicts: [] }
  const b = base?.content ?? []
  const o = ours.content ?? []
  const t = theirs.content ?? []
  const conflicts: BodyConflict[] = []
  const rest = mergeRecord(
    base as Record<string, unknown> | undefined,
    ours as Record<string, unknown>,
    theirs as Record<string, unknown>,
    new Set(['content']),
  )
  for (const u of rest.unsettled)
    conflicts.push({ field: `body.${u.key}`, base: u.base, ours: u.ours, theirs: u.theirs })
  const blocks =
    base && hasBlockIds(b) && hasBlockIds(o) && hasBlockIds(t)
      ? mergeById(b, o, t, conflicts)
      : mergeByContent(base ? b : null, o, t, conflicts)
  const doc = { ...rest.value, type: 'doc', content: blocks } as TiptapDoc
  return { doc, conflicts }
}

function mergeById(b: TiptapNode[], o: TiptapNode[], t: TiptapNode[], conflicts: BodyConflict[]): TiptapNode[] {
  const byId = (list: TiptapNode[]) => new Map(list.map((n) => [blockId(n) as string, n]))
  const mb = byId(b)
  const mo = byId(o)
  const mt = byId(t)
  const merged = new Map<string, TiptapNode>()
  for (const id of new Set([...mo.keys(), ...mt.keys(), ...mb.keys()])) {
    const nb = mb.get(id)
    const no = mo.get(id)
    const nt = mt.get(id)
    const field = `body.block:${id}`
    if (no && nt) {
      const node = mergeNode(nb ?? null, no, nt)
      if (node) merged.set(id, node)
      else {
        merged.set(id, no)
        conflicts.push({ field, base: nb ?? null, ours: no, theirs: nt })
      }
    } else if (no || nt) {
      const kept = (no ?? nt) as TiptapNode
      if (!nb) merged.set(id, kept)
      else if (!sameValue(nb, kept)) {
        // Deleted on one side, edited on the other: the edit is kept and the deletion recorded.
        merged.set(id, kept)
        conflicts.push({ field, base: nb, ours: no ?? null, theirs: nt ?? null })
      }
    }
  }
  // Order: the blocks both sides still hold take the order of the side that moved them.
  const common = (list: TiptapNode[]) =>
    list.map((n) => blockId(n) as string).filter((id) => mb.has(id) && mo.has(id) && mt.has(id) && merged.has(id))
  const orderB = common(b)
  const orderO = common(o)
  const orderT = common(t)
  let order: string[]
  if (sameValue(orderO, orderB)) order = orderT
  else if (sameValue(orderT, orderB) || sameValue(orderO, orderT)) order = orderO
  else {
    order = orderO
    conflicts.push({ field: 'body.order', base: orderB, ours: orderO, theirs: orderT })
  }
  // Every other kept block goes after the block it follows on the side that has it.
  const placed = [...order]
  const placedSet = new Set(placed)
  for (const side of [o, t]) {
    let previous: string | null = null
    for (const node of side) {
      const id = blockId(node) as string
      if (merged.has(id) && !placedSet.has(id)) {
        const at = previous === null ? 0 : placed.indexOf(previous) + 1
        placed.splice(at, 0, id)
        placedSet.add(id)
      }
      if (placedSet.has(id)) previous = id
    }
  }
  return placed.map((id) => merged.get(id) as TiptapNode)
}

/** Content key of a block that ignores its id (two sides may give the same old block different ids). */
function contentKey(node: TiptapNode): string {
  if (!node.attrs || !('id' in node.attrs)) return stableKey(node)
  const { id: _id, ...attrs } = node.attrs
  return stableKey({ ...node, attrs })
}

function mergeByContent(
  b: TiptapNode[] | null,
  o: TiptapNode[],
  t: TiptapNode[],
  conflicts: BodyConflict[],
): TiptapNode[] {
  if (b === null) {
    const whole = mergeWhole(undefined, o, t, false)
    if (!whole.ok) conflicts.push({ field: 'body', base: null, ours: o, theirs: t })
    return whole.value
  }
  const result: TiptapNode[] = []
  for (const chunk of diff3(b, o, t, contentKey)) {
    if (chunk.kind === 'ok') {
      result.push(...chunk.items)
      continue
    }
    if (chunk.base.length === chunk.ours.length && chunk.ours.length === chunk.theirs.length) {
      // Same shape on all three: merge block by block.
      chunk.ours.forEach((no, i) => {
        const nb = chunk.base[i] as TiptapNode
        const nt = chunk.theirs[i] as TiptapNode
        const node = mergeNode(nb, no, nt)
        if (node) result.push(node)
        else {
          result.push(no)
          conflicts.push({ field: 'body', base: [nb], ours: [no], theirs: [nt] })
        }
      })
      continue
    }
    result.push(...chunk.ours)
    conflicts.push({ field: 'body', base: chunk.base, ours: chunk.ours, theirs: chunk.theirs })
  }
  return result
}

/** A node whose children are all inline (text, or leaves such as a hard break): its text merges per word. */
function isTextBlock(node: TiptapNode): boolean {
  return (node.content ?? []).every((c) => typeof c.text === 'string' || c.content === undefined)
}

/**
 * Three-way merge of one block: same type on every side, attributes key by key (an id added on both sides
 * keeps ours), text word by word, nested blocks as a list. Null when it cannot be settled.
 */
export function mergeNode(b: TiptapNode | null, o: TiptapNode, t: TiptapNode): TiptapNode | null {
  const whole = mergeWhole(b ?? undefined, o, t, b !== null)
  if (whole.ok) return whole.value
  if (b === null) return null
  const keyB = contentKey(b)
  if (contentKey(o) === keyB && contentKey(t) === keyB) return o
  if (o.type !== t.type || b.type !== o.type) return null
  const { content: cb = [], attrs: ab, ...restB } = b
  const { content: co = [], attrs: ao, ...restO } = o
  const { content: ct = [], attrs: at, ...restT } = t
  const rest = mergeRecord(restB, restO, restT)
  if (rest.unsettled.length > 0) return null
  const attrs = mergeRecord(ab ?? {}, ao ?? {}, at ?? {}, new Set(['id']))
  if (attrs.unsettled.length > 0) return null
  const id = ao?.id ?? at?.id
  const mergedAttrs = id === undefined ? attrs.value : { ...attrs.value, id }
  let content: TiptapNode[] | null
  if (isTextBlock(b) && isTextBlock(o) && isTextBlock(t)) content = mergeInline(cb, co, ct)
  else {
    content = []
    for (const chunk of diff3(cb, co, ct, contentKey)) {
      if (chunk.kind === 'ok') content.push(...chunk.items)
      else if (chunk.base.length === chunk.ours.length && chunk.ours.length === chunk.theirs.length) {
        for (let i = 0; i < chunk.ours.length && content; i += 1) {
          const node = mergeNode(
            chunk.base[i] as TiptapNode,
            chunk.ours[i] as TiptapNode,
            chunk.theirs[i] as TiptapNode,
          )
          if (node) content.push(node)
          else content = null
        }
      } else content = null
      if (!content) break
    }
  }
  if (!content) return null
  const node: TiptapNode = { ...rest.value, type: o.type } as TiptapNode
  if (Object.keys(mergedAttrs).length > 0 || o.attrs !== undefined) node.attrs = mergedAttrs
  if (content.length > 0) node.content = content
  return node
}

/** One word (or run of white space) of inline content with its marks, or one inline leaf node. */
interface InlineToken {
  text?: string
  marks?: TiptapNode['marks']
  node?: TiptapNode
}

function inlineTokens(content: TiptapNode[]): InlineToken[] {
  const tokens: InlineToken[] = []
  for (const node of content) {
    if (
      typeof node.text === 'string' &&
      Object.keys(node).every((k) => k === 'type' || k === 'text' || k === 'marks')
    ) {
      for (const word of wordTokens(node.text))
        tokens.push(node.marks ? { text: word, marks: node.marks } : { text: word })
    } else tokens.push({ node })
  }
  return tokens
}

function mergeInline(b: TiptapNode[], o: TiptapNode[], t: TiptapNode[]): TiptapNode[] | null {
  const chunks = diff3(inlineTokens(b), inlineTokens(o), inlineTokens(t), (tk) => stableKey(tk))
  if (chunks.some((c) => c.kind === 'conflict')) return null
  const out: TiptapNode[] = []
  const made = new Set<TiptapNode>()
  for (const token of chunks.flatMap((c) => (c.kind === 'ok' ? c.items : []))) {
    if (token.node) {
      out.push(token.node)
      continue
    }
    const last = out[out.length - 1]
    if (last && made.has(last) && stableKey(last.marks) === stableKey(token.marks)) {
      last.text = `${last.text ?? ''}${token.text ?? ''}`
    } else {
      const node: TiptapNode = token.marks
        ? { type: 'text', text: token.text ?? '', marks: token.marks }
        : { type: 'text', text: token.text ?? '' }
      made.add(node)
      out.push(node)
    }
  }
  return out
}
