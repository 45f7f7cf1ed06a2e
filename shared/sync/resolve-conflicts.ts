import { z } from 'zod'
import {
  articleFieldNames,
  articleFieldsSchema,
  pickFields,
  type Article,
  type ArticleFields,
  type FieldConflict,
  type TiptapDoc,
  type TiptapNode,
  tiptapDocSchema,
} from '../article/schema'
import { BLOCK_ID_ATTR } from '../editor/block-ids'
import { blockId } from './merge-body'
import { mergeSet, stableKey } from './merge-value'

/** How the editor settles one conflict record: one side, both (where that means something), or an edited value. */
export const conflictChoices = ['mine', 'theirs', 'both', 'edit'] as const
export type ConflictChoiceKind = (typeof conflictChoices)[number]

/**
 * One settled conflict record: its position in the article's `conflicts` as loaded and its field (checked,
 * so a list that changed meanwhile is refused), the choice, and for 'edit' the edited value (text for a text
 * field, a list of tags for tags, a document of the blocks that take its place for a body block).
 */
export const conflictChoiceSchema = z
  .object({
    index: z.number().int().min(0).max(999),
    field: z.string().min(1).max(300),
    choice: z.enum(conflictChoices),
    value: z.union([z.string().max(5000), z.array(z.string().max(100)).max(50), tiptapDocSchema]).optional(),
  })
  .strict()
/** One settled conflict record (see `conflictChoiceSchema`). */
export type ConflictChoice = z.infer<typeof conflictChoiceSchema>

/** Fields whose values are text a person reads: shown as text, "both" joins them, "edit" offers a text box. */
const textFields = new Set<string>(['headline', 'standfirst', 'byline', 'dateline', 'editorsNote'])
/** Text fields kept on one line: "both" joins them with a space (the others with a blank line). */
const oneLineFields = new Set<string>(['headline', 'byline', 'dateline'])

/** What part of an article a conflict record names, read from its `field`. */
export type ConflictPart =
  | { kind: 'text'; name: keyof ArticleFields }
  | { kind: 'tags' }
  | { kind: 'value'; name: keyof ArticleFields }
  | { kind: 'body' }
  | { kind: 'body-blocks' }
  | { kind: 'body-block'; id: string }
  | { kind: 'body-order' }
  | { kind: 'body-attr'; key: string }
  | { kind: 'deleted' }
  | { kind: 'article' }
  | { kind: 'extra'; key: string }

/** Classifies a conflict record ("body" is the whole body when its values are documents, a run of blocks otherwise). */
export function conflictPart(conflict: Pick<FieldConflict, 'field' | 'ours' | 'theirs'>): ConflictPart {
  const f = conflict.field
  if (f === 'deleted') return { kind: 'deleted' }
  if (f === 'article') return { kind: 'article' }
  if (f === 'tags') return { kind: 'tags' }
  if (f === 'body')
    return Array.isArray(conflict.ours) || Array.isArray(conflict.theirs) ? { kind: 'body-blocks' } : { kind: 'body' }
  if (f === 'body.order') return { kind: 'body-order' }
  if (f.startsWith('body.block:')) return { kind: 'body-block', id: f.slice('body.block:'.length) }
  if (f.startsWith('body.')) return { kind: 'body-attr', key: f.slice('body.'.length) }
  if (textFields.has(f)) return { kind: 'text', name: f as keyof ArticleFields }
  if ((articleFieldNames as string[]).includes(f)) return { kind: 'value', name: f as keyof ArticleFields }
  return { kind: 'extra', key: f }
}

/** Body blocks made of text (a figure, a media card or a divider has no text to edit: one side is kept). */
const textBlockTypes = new Set(['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList'])

/** A side of a body-block record that "edit" can start from or replace: a text block, or no block. */
const editableBlock = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'object' && textBlockTypes.has(String((v as TiptapNode).type)))

/**
 * The choices that mean something for a record: "both" for tags, text and body parts with two values; "edit" for
 * text, tags and one body block of text (edited from either side's version in the body's own editor).
 */
export function choicesFor(conflict: FieldConflict): ConflictChoiceKind[] {
  const part = conflictPart(conflict)
  const both = conflict.ours !== null && conflict.theirs !== null
  switch (part.kind) {
    case 'text':
    case 'tags':
      return ['mine', 'theirs', 'both', 'edit']
    case 'body-block': {
      const edit: ConflictChoiceKind[] = editableBlock(conflict.ours) && editableBlock(conflict.theirs) ? ['edit'] : []
      return [...(both ? (['mine', 'theirs', 'both'] as const) : (['mine', 'theirs'] as const)), ...edit]
    }
    case 'body':
    case 'body-blocks':
      return both ? ['mine', 'theirs', 'both'] : ['mine', 'theirs']
    case 'value':
    case 'body-order':
    case 'body-attr':
    case 'deleted':
    case 'article':
    case 'extra':
      return ['mine', 'theirs']
    default: {
      const never: never = part
      throw new Error(`unknown conflict part ${String(never)}`)
    }
  }
}

/** Outcome of applying choices: the article without the settled records (and whether one chose to delete it). */
export type ResolveOutcome = { ok: true; article: Article; deleted: boolean } | { ok: false; message: string }

const asBlocks = (v: unknown): TiptapNode[] => (Array.isArray(v) ? (v as TiptapNode[]) : [])
const asText = (v: unknown): string => (typeof v === 'string' ? v : '')
const asTags = (v: unknown): string[] => (Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [])

/** A block with no text and no child (what an emptied editor holds). */
const isEmptyBlock = (n: TiptapNode): boolean =>
  n.type === 'paragraph' && (n.content ?? []).every((c) => c.type === 'text' && (c.text ?? '').trim() === '')

/**
 * The blocks an edited body block becomes: the edited document's blocks (an emptied editor removes the block),
 * the first keeping the record's block id so later merges still match it; any further block (the editor split
 * it) keeps the id it has or none, and the library's save gives every block without one a new id.
 */
function editedBlocks(value: unknown, id: string): TiptapNode[] | string {
  const doc = tiptapDocSchema.safeParse(value)
  if (!doc.success) return 'the edited block must be sent as a document of blocks'
  const blocks = (doc.data.content ?? []).filter((n) => !isEmptyBlock(n))
  return blocks.map((n, i) => (i === 0 ? { ...n, attrs: { ...n.attrs, [BLOCK_ID_ATTR]: id } } : n))
}

/** A copy of a block (and its children) whose ids are new, so "keep both" never puts one id in the body twice. */
function withFreshIds(node: TiptapNode, taken: Set<string>): TiptapNode {
  const copy: TiptapNode = { ...node }
  const id = blockId(node)
  if (id !== null) {
    let n = 2
    while (taken.has(`${id}-${n}`)) n += 1
    taken.add(`${id}-${n}`)
    copy.attrs = { ...node.attrs, id: `${id}-${n}` }
  }
  if (node.content) copy.content = node.content.map((c) => withFreshIds(c, taken))
  return copy
}

function idsIn(blocks: readonly TiptapNode[]): Set<string> {
  return new Set(blocks.map(blockId).filter((id): id is string => id !== null))
}

/** Where a run of blocks sits in the body (first match by content), or -1. */
function findRun(blocks: readonly TiptapNode[], run: readonly TiptapNode[]): number {
  if (run.length === 0) return -1
  const keys = blocks.map(stableKey)
  const want = run.map(stableKey)
  for (let i = 0; i + want.length <= keys.length; i += 1) if (want.every((k, j) => keys[i + j] === k)) return i
  return -1
}

/**
 * Applies the editor's choices to a conflicted article: each chosen record's value goes into the article
 * (the merge left "mine" there, so Keep mine changes nothing but the record), and the chosen records are
 * dropped from `conflicts`; records with no choice stay. Pure: the caller saves the result through the
 * library's save path (history, the on-disk check, slug rules).
 */
export function resolveConflicts(article: Article, choices: readonly ConflictChoice[]): ResolveOutcome {
  const records = article.conflicts ?? []
  const settled = new Set<number>()
  const fields: Record<string, unknown> = { ...pickFields(article) }
  const extra: Record<string, unknown> = {}
  let body: TiptapNode[] = [...(article.body.content ?? [])]
  let doc: TiptapDoc = article.body
  let deleted = false
  for (const c of choices) {
    const record = records[c.index]
    if (!record || record.field !== c.field)
      return { ok: false, message: `conflict ${c.index + 1} (${c.field}) is not in the article any more; reload it` }
    if (settled.has(c.index)) return { ok: false, message: `conflict ${c.index + 1} (${c.field}) was chosen twice` }
    if (!choicesFor(record).includes(c.choice))
      return { ok: false, message: `"${c.choice}" is not a choice for the field ${c.field}` }
    settled.add(c.index)
    const part = conflictPart(record)
    const picked = c.choice === 'theirs' ? record.theirs : record.ours
    switch (part.kind) {
      case 'text':
        fields[part.name] =
          c.choice === 'edit'
            ? asText(c.value)
            : c.choice === 'both'
              ? [asText(record.ours), asText(record.theirs)]
                  .filter((t) => t.trim() !== '')
                  .join(oneLineFields.has(part.name) ? ' ' : '\n\n')
              : asText(picked)
        break
      case 'tags':
        fields.tags =
          c.choice === 'edit'
            ? asTags(c.value)
            : c.choice === 'both'
              ? mergeSet(undefined, asTags(record.ours), asTags(record.theirs))
              : asTags(picked)
        break
      case 'value':
        fields[part.name] = picked
        break
      case 'body':
        if (c.choice === 'both') {
          const mine = asBlocks((record.ours as TiptapDoc | null)?.content)
          const taken = idsIn(mine)
          body = [...mine, ...asBlocks((record.theirs as TiptapDoc | null)?.content).map((n) => withFreshIds(n, taken))]
        } else body = asBlocks((picked as TiptapDoc | null)?.content)
        break
      case 'body-blocks': {
        // The merge left my run of blocks in the body; it is found by content and replaced in place. A run I
        // deleted cannot be found: theirs then goes at the end (where the editor can move it).
        const mine = asBlocks(record.ours)
        const theirs = asBlocks(record.theirs)
        const replacement =
          c.choice === 'mine'
            ? mine
            : c.choice === 'theirs'
              ? theirs
              : [...mine, ...theirs.map((n) => withFreshIds(n, idsIn([...body, ...mine])))]
        const at = findRun(body, mine)
        if (at >= 0) body.splice(at, mine.length, ...replacement)
        else if (c.choice !== 'mine') body.push(...replacement.filter((n) => !mine.includes(n)))
        break
      }
      case 'body-block': {
        const at = body.findIndex((n) => blockId(n) === part.id)
        const mine = record.ours as TiptapNode | null
        const theirs = record.theirs as TiptapNode | null
        const edited = c.choice === 'edit' ? editedBlocks(c.value, part.id) : null
        if (typeof edited === 'string') return { ok: false, message: `conflict ${c.index + 1} (${c.field}): ${edited}` }
        const replacement =
          edited !== null
            ? edited
            : c.choice === 'both' && mine && theirs
              ? [mine, withFreshIds(theirs, idsIn(body))]
              : picked === null
                ? []
                : [picked as TiptapNode]
        if (at >= 0) body.splice(at, 1, ...replacement)
        else body.push(...replacement)
        break
      }
      case 'body-order': {
        const order = asTags(picked)
        const wanted = new Set(order)
        const slots = body.map((n, i) => (wanted.has(blockId(n) ?? '') ? i : -1)).filter((i) => i >= 0)
        const byId = new Map(body.map((n) => [blockId(n), n]))
        const ordered = order.flatMap((id) => byId.get(id) ?? [])
        if (ordered.length === slots.length) slots.forEach((slot, k) => (body[slot] = ordered[k] as TiptapNode))
        break
      }
      case 'body-attr': {
        const { [part.key]: _old, ...rest } = doc as Record<string, unknown>
        doc = (picked === undefined || picked === null ? rest : { ...rest, [part.key]: picked }) as TiptapDoc
        break
      }
      case 'deleted':
        // The merge kept the edited version; choosing the side that deleted it deletes it (to the trash).
        deleted = picked === null
        break
      case 'article':
        if (picked && typeof picked === 'object') {
          const side = picked as Article
          Object.assign(fields, pickFields(side))
          body = [...(side.body.content ?? [])]
          doc = side.body
        }
        break
      case 'extra':
        extra[part.key] = picked
        break
      default: {
        const never: never = part
        throw new Error(`unknown conflict part ${String(never)}`)
      }
    }
  }
  const next: Record<string, unknown> = { ...article, ...extra, ...fields, body: { ...doc, content: body } }
  for (const [key, value] of Object.entries(extra)) if (value === undefined || value === null) delete next[key]
  const left = records.filter((_, i) => !settled.has(i))
  if (left.length > 0) next.conflicts = left
  else delete next.conflicts
  const checked = articleFieldsSchema.safeParse(pickFields(next as Article))
  if (!checked.success) {
    const issue = checked.error.issues[0]
    return {
      ok: false,
      message: `the chosen value of ${issue?.path.join('.') ?? '?'} is not valid: ${issue?.message ?? ''}`,
    }
  }
  return { ok: true, article: next as Article, deleted }
}
