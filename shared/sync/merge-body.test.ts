import { describe, expect, it } from 'vitest'
import type { TiptapDoc } from '../article/schema'
import { createMarkdownCodec } from '../bundle/markdown-codec'
import { blockId, withBlockIds, withoutBlockIds } from '../editor/block-ids'
import { canonicalBody } from '../editor/tiptap'
import { mergeBody } from './merge-body'

/** A body as the editor and the main process's save write it: read through the schema, every block given an id. */
const saved = (doc: TiptapDoc): TiptapDoc => canonicalBody(withBlockIds(doc))

const blocks = (doc: TiptapDoc) => doc.content ?? []
const texts = (doc: TiptapDoc) => blocks(doc).map((b) => b.content?.[0]?.text ?? b.type)

/** The body with the text of the block with `id` replaced (an edit inside one block keeps its id). */
function edit(doc: TiptapDoc, id: string, text: string): TiptapDoc {
  return {
    ...doc,
    content: blocks(doc).map((b) => (blockId(b) === id ? { ...b, content: [{ type: 'text', text }] } : b)),
  }
}

describe('a body saved by the editor merges block by block', () => {
  // An article as an import or the CLI wrote it (no ids), then saved once by the editor (ids given).
  const codec = createMarkdownCodec()
  const base = saved(
    codec.toDoc(
      '## Council approves the bridge\n\nThe vote was close.\n\nThe mayor spoke.\n\nWork starts in May.\n\n---\n\nMore later.\n',
    ),
  )
  const [h, p1, p2, p3, , p4] = blocks(base).map((b) => blockId(b) as string)

  it('gives every block of the saved body its own id', () => {
    expect(new Set(blocks(base).map(blockId)).size).toBe(6)
    expect(blocks(base).every((b) => blockId(b) !== null)).toBe(true)
  })

  it('keeps two editors’ edits to neighbouring blocks, a block moved on one side and edited on the other, and a new block', () => {
    // Ana edits the heading and the first paragraph, and adds a paragraph after the second (the editor gives it an id).
    let ana = edit(edit(base, h!, 'Council approves the new bridge'), p1!, 'The vote was very close.')
    ana = saved({
      ...ana,
      content: [
        ...blocks(ana).slice(0, 3),
        { type: 'paragraph', content: [{ type: 'text', text: 'Ana adds this.' }] },
        ...blocks(ana).slice(3),
      ],
    })
    // Ben edits the second paragraph (between Ana's two changes) and moves the third to the top, editing it too.
    const moved = blocks(base).find((b) => blockId(b) === p3)!
    let ben: TiptapDoc = { ...base, content: [moved, ...blocks(base).filter((b) => b !== moved)] }
    ben = edit(edit(ben, p2!, 'The mayor spoke for an hour.'), p3!, 'Work starts in June.')
    ben = saved(ben)

    const merged = mergeBody(base, ana, ben)
    expect(merged.conflicts).toEqual([])
    expect(texts(merged.doc)).toEqual([
      'Work starts in June.',
      'Council approves the new bridge',
      'The vote was very close.',
      'The mayor spoke for an hour.',
      'Ana adds this.',
      'horizontalRule',
      'More later.',
    ])
    expect(blockId(blocks(merged.doc)[0]!)).toBe(p3)
    expect(blockId(blocks(merged.doc)[6]!)).toBe(p4)
    // The merged body is still a valid body of the schema, every block with its own id.
    expect(() => canonicalBody(merged.doc)).not.toThrow()
    expect(new Set(blocks(merged.doc).map(blockId)).size).toBe(7)
    expect(withBlockIds(merged.doc)).toBe(merged.doc)

    // The same edits on bodies without ids merge as a whole body, by content: the neighbouring edits collide.
    const whole = mergeBody(withoutBlockIds(base), withoutBlockIds(ana), withoutBlockIds(ben))
    expect(whole.conflicts.length).toBeGreaterThan(0)
  })

  it('still records a block both editors changed the same words of, by its id', () => {
    const ana = edit(base, p2!, 'The mayor left.')
    const ben = edit(base, p2!, 'The mayor stayed.')
    const merged = mergeBody(base, ana, ben)
    expect(merged.conflicts.map((c) => c.field)).toEqual([`body.block:${p2}`])
  })
})
