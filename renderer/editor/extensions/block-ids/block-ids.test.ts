import type { Editor } from '@tiptap/core'
import { Slice } from '@tiptap/pm/model'
import { TextSelection } from '@tiptap/pm/state'
import { afterEach, describe, expect, it } from 'vitest'
import type { TiptapDoc, TiptapNode } from '../../../../shared/article/schema'
import { headlessEditor, pasteHtml, testBodyExtensions } from '../../test-support/headless'
import { BLOCK_IDS_LOADED } from './block-ids'

let editor: Editor
afterEach(() => editor?.destroy())

const para = (text: string, id?: string): TiptapNode => ({
  type: 'paragraph',
  ...(id ? { attrs: { id } } : {}),
  content: [{ type: 'text', text }],
})

/** The body editor as the app builds it, on `content`, once its create event (where loaded ids are given) ran. */
async function make(content: TiptapNode[]): Promise<{ updates: boolean[] }> {
  editor = headlessEditor(testBodyExtensions(), { type: 'doc', content })
  const updates: boolean[] = []
  editor.on('update', ({ transaction }) => updates.push(transaction.getMeta(BLOCK_IDS_LOADED) === true))
  await new Promise((resolve) => setTimeout(resolve, 0))
  return { updates }
}

const ids = () => ((editor.getJSON() as TiptapDoc).content ?? []).map((b) => b.attrs?.id as string | null)
const texts = () => ((editor.getJSON() as TiptapDoc).content ?? []).map((b) => b.content?.[0]?.text ?? '')
const unique = (list: (string | null)[]) =>
  list.every((id) => typeof id === 'string') && new Set(list).size === list.length

/** Puts the cursor `offset` characters into the top-level block at `index`. */
function cursorIn(index: number, offset: number) {
  let start = 0
  editor.state.doc.forEach((_n, pos, i) => {
    if (i === index) start = pos
  })
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, start + 1 + offset)))
}

describe('block ids in the body editor', () => {
  it('gives a body loaded without ids one per block, as no edit (no undo step, the article stays saved)', async () => {
    const { updates } = await make([para('One'), { type: 'horizontalRule' }, para('Two')])
    expect(unique(ids())).toBe(true)
    expect(ids()).toHaveLength(3)
    expect(updates).toEqual([true])
    expect(editor.can().undo()).toBe(false)
  })

  it('keeps the ids a body was loaded with, and repairs a duplicate in it', async () => {
    await make([para('One', 'a'), para('Two', 'b'), para('Three', 'a')])
    expect(ids().slice(0, 2)).toEqual(['a', 'b'])
    expect(unique(ids())).toBe(true)
  })

  it('on Enter keeps the id on the first half and gives the second half a new one; undo and redo keep them apart', async () => {
    await make([para('Hello world', 'a'), para('Next', 'b')])
    cursorIn(0, 5)
    editor.commands.enter()
    expect(texts()).toEqual(['Hello', ' world', 'Next'])
    expect(ids()[0]).toBe('a')
    expect(ids()[2]).toBe('b')
    expect(unique(ids())).toBe(true)
    const second = ids()[1]
    editor.commands.undo()
    expect(texts()).toEqual(['Hello world', 'Next'])
    expect(ids()).toEqual(['a', 'b'])
    editor.commands.redo()
    expect(texts()).toEqual(['Hello', ' world', 'Next'])
    expect(ids()).toEqual(['a', second, 'b'])
  })

  it('gives a pasted copy of a block a new id and leaves the original its own, before or after it', async () => {
    await make([para('One', 'a'), para('Two', 'b')])
    const copy = new Slice(editor.state.doc.slice(0, editor.state.doc.child(0).nodeSize).content, 0, 0)
    // A copy inserted before the original (the original moves; it still keeps its id).
    editor.view.dispatch(editor.state.tr.replace(0, 0, copy))
    expect(texts()).toEqual(['One', 'One', 'Two'])
    expect(ids()[1]).toBe('a')
    expect(ids()[2]).toBe('b')
    expect(unique(ids())).toBe(true)
    // Through the clipboard (HTML carries data-block-id), at the end.
    editor.commands.focus('end')
    pasteHtml(editor, '<p data-block-id="b">Two again</p><p data-block-id="b">And again</p>')
    expect(ids().slice(1, 3)).toEqual(['a', 'b'])
    expect(unique(ids())).toBe(true)
  })

  it('keeps the id of a block moved (cut and pasted in one step) and of a paragraph made a heading', async () => {
    await make([para('One', 'a'), para('Two', 'b')])
    const first = editor.state.doc.child(0)
    const tr = editor.state.tr.delete(0, first.nodeSize)
    tr.insert(tr.doc.content.size, first)
    editor.view.dispatch(tr)
    expect(texts()).toEqual(['Two', 'One'])
    expect(ids()).toEqual(['b', 'a'])
    cursorIn(0, 1)
    editor.commands.setNode('heading', { level: 2 })
    expect(editor.getJSON().content?.[0]?.type).toBe('heading')
    expect(ids()).toEqual(['b', 'a'])
  })

  it('writes the id to the editor DOM (and so to the clipboard) as data-block-id', async () => {
    await make([para('One', 'a')])
    expect(editor.view.dom.querySelector('p')?.getAttribute('data-block-id')).toBe('a')
  })
})
