import { describe, expect, it } from 'vitest'
import type { TiptapDoc, TiptapNode } from '../article/schema'
import { assetNameOf, createMarkdownCodec, normalizeImages } from '../bundle/markdown-codec'
import { blockId, blockIdRepairs, newBlockId, withBlockIds, withoutBlockIds } from './block-ids'
import { plainText, renderBodyHtml } from './render'
import { editorNodes } from './schema'
import { canonicalBody } from './tiptap'

const para = (text: string, id?: string | null): TiptapNode => ({
  type: 'paragraph',
  ...(id !== undefined ? { attrs: { id } } : {}),
  content: [{ type: 'text', text }],
})
const ids = (doc: TiptapDoc) => (doc.content ?? []).map((b) => blockId(b))
const counter = () => {
  let n = 0
  return () => `new${++n}`
}

describe('block ids', () => {
  it('are on every block node of the schema, and only there', () => {
    const withId = editorNodes.filter((def) => 'id' in def.attrs).map((def) => def.name)
    const blocks = editorNodes.filter((def) => def.group?.split(' ').includes('block')).map((def) => def.name)
    expect(withId.sort()).toEqual(blocks.sort())
    expect(withId).not.toContain('listItem')
    for (const def of editorNodes) if ('id' in def.attrs) expect(def.attrs.id?.default, def.name).toBeNull()
  })

  it('are short random strings, different each time', () => {
    const made = new Set(Array.from({ length: 1000 }, () => newBlockId()))
    expect(made.size).toBe(1000)
    for (const id of made) expect(id).toMatch(/^[0-9a-f]{12}$/)
  })

  it('fill every missing id and rename every duplicate after the first, never reusing an id in use', () => {
    const doc: TiptapDoc = {
      type: 'doc',
      content: [para('a', 'x'), para('b'), para('c', 'x'), para('d', ''), para('e', 'y'), para('f', 'y')],
    }
    // The generator first offers ids that are taken: they are skipped.
    const offered = ['x', 'y', 'n1', 'n2', 'n3', 'n4']
    const fixed = withBlockIds(doc, () => offered.shift()!)
    expect(ids(fixed)).toEqual(['x', 'n1', 'n3', 'n2', 'y', 'n4'])
    expect(fixed.content?.map((b) => b.content?.[0]?.text)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    // The input is not changed.
    expect(ids(doc)).toEqual(['x', null, 'x', null, 'y', 'y'])
  })

  it('return the very same body when every block already has its own id', () => {
    const doc: TiptapDoc = { type: 'doc', content: [para('a', 'p'), { type: 'horizontalRule', attrs: { id: 'q' } }] }
    expect(withBlockIds(doc)).toBe(doc)
  })

  it('let the caller choose which of the blocks sharing an id keeps it (the editor keeps the older one)', () => {
    const repairs = blockIdRepairs(['a', 'b', 'a', 'a'], (_id, indices) => indices[1]!, counter())
    expect([...repairs.entries()].sort()).toEqual([
      [0, 'new1'],
      [3, 'new2'],
    ])
  })

  it('leave nested blocks alone: only top-level blocks are merged by id', () => {
    const list: TiptapNode = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [para('inner')] }],
    }
    const fixed = withBlockIds({ type: 'doc', content: [list] }, counter())
    expect(ids(fixed)).toEqual(['new1'])
    expect(fixed.content?.[0]?.content?.[0]?.content?.[0]?.attrs).toBeUndefined()
  })

  it('survive the schema (TipTap JSON) and never reach Markdown, HTML or plain text', () => {
    const doc = withBlockIds(
      {
        type: 'doc',
        content: editorNodes
          .filter((def) => 'id' in def.attrs && def.name !== 'listItem')
          .map((def) => ({ ...def.example, attrs: { ...def.example.attrs } })),
      },
      counter(),
    )
    const canonical = canonicalBody(doc)
    expect(ids(canonical)).toEqual(ids(doc))
    const codec = createMarkdownCodec()
    const markdown = codec.toMarkdown(doc)
    const outputs = [markdown, renderBodyHtml(doc), plainText(doc)]
    for (const output of outputs) {
      expect(output).not.toMatch(/new\d/)
      expect(output).not.toContain('data-block-id')
    }
    // The Markdown round trip gives back the body, without its ids (the next save gives new ones).
    const back = normalizeImages(codec.toDoc(markdown), assetNameOf).doc
    expect(canonicalBody(back)).toEqual(canonicalBody(withoutBlockIds(doc)))
  })
})
