import type { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { headlessEditor, testBodyExtensions, typeText } from './test-support/headless'
import { blockEditTools, bodyTools, toolStates, type ToolContext } from './toolbar-tools'

let editor: Editor
afterEach(() => editor?.destroy())

const make = () => headlessEditor(testBodyExtensions())
const tool = (id: string) => {
  const found = bodyTools.find((t) => t.id === id)
  if (!found) throw new Error(`no tool ${id}`)
  return found
}
const context = (calls: string[]): ToolContext => ({
  openLinkEditor: () => calls.push('link'),
  insertImage: () => calls.push('image'),
  openMediaForm: () => calls.push('media'),
})

describe('blockEditTools', () => {
  it('are the body toolbar’s own inline tools (the same objects, in its order), with undo and redo', () => {
    expect(blockEditTools.map((t) => t.id)).toEqual(['undo', 'redo', 'bold', 'italic', 'strike', 'code', 'link'])
    for (const t of blockEditTools) expect(bodyTools).toContain(t)
    editor = make()
    expect(Object.keys(toolStates(editor, blockEditTools))).toEqual(blockEditTools.map((t) => t.id))
  })
})

describe('bodyTools', () => {
  it('have unique ids and an i18n key each', () => {
    expect(new Set(bodyTools.map((t) => t.id)).size).toBe(bodyTools.length)
    for (const t of bodyTools) expect(t.labelKey).toMatch(/^editorTools\.\w+$/)
  })
  it('toggle marks and report them active', () => {
    editor = make()
    editor.commands.focus('end')
    tool('bold').run(editor, context([]))
    typeText(editor, 'Loud')
    expect(tool('bold').isActive(editor)).toBe(true)
    expect(editor.getHTML()).toContain('<strong>Loud</strong>')
  })
  it('turn the paragraph into a heading and back', () => {
    editor = make()
    editor.commands.focus('end')
    typeText(editor, 'Title')
    const id = editor.getJSON().content?.[0]?.attrs?.id as string
    tool('h3').run(editor, context([]))
    // The block keeps its id (block-ids extension) through the change of type, both ways.
    expect(editor.getHTML()).toMatch(new RegExp(`^<h3 data-block-id="${id}">Title</h3>`))
    expect(toolStates(editor).h3).toEqual({ active: true, enabled: true })
    tool('h3').run(editor, context([]))
    expect(editor.getHTML()).toMatch(new RegExp(`^<p data-block-id="${id}">Title</p>`))
  })
  it('enables undo only after a change, and link only with a selection', () => {
    editor = make()
    expect(toolStates(editor).undo?.enabled).toBe(false)
    expect(toolStates(editor).link?.enabled).toBe(false)
    editor.commands.focus('end')
    typeText(editor, 'Some words')
    expect(toolStates(editor).undo?.enabled).toBe(true)
    editor.commands.setTextSelection({ from: 1, to: 5 })
    expect(toolStates(editor).link?.enabled).toBe(true)
  })
  it('hand dialogs to the context', () => {
    editor = make()
    const calls: string[] = []
    tool('image').run(editor, context(calls))
    tool('media').run(editor, context(calls))
    tool('link').run(editor, context(calls))
    expect(calls).toEqual(['image', 'media', 'link'])
  })
  it('the body schema has no code blocks and only headings 2 to 4 (others keep their text)', () => {
    editor = make()
    editor.commands.setContent('<h1>One</h1><pre><code>x</code></pre><h3>Three</h3><h5>Five</h5>')
    const types = editor.getJSON().content?.map((n) => `${n.type}${n.attrs?.level ?? ''}`)
    expect(types).toEqual(['paragraph', 'paragraph', 'heading3', 'paragraph'])
    expect(editor.getText({ blockSeparator: '|' })).toBe('One|x|Three|Five')
  })
})
