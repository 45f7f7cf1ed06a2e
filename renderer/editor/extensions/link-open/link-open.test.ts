import type { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { headlessEditor } from '../../test-support/headless'
import { LinkOpen, linkHrefAt } from './link-open'

let editor: Editor
afterEach(() => editor?.destroy())

const click = (e: Editor, pos: number, init: MouseEventInit) =>
  e.view.someProp('handleClick', (f) => f(e.view, pos, new MouseEvent('click', init))) ?? false

describe('LinkOpen', () => {
  it('opens the link under a Mod-click and ignores plain clicks and plain text', () => {
    const opened: string[] = []
    editor = headlessEditor(
      [StarterKit.configure({ link: { openOnClick: false } }), LinkOpen.configure({ onOpen: (h) => opened.push(h) })],
      '<p>See <a href="https://example.com/report">the report</a> now</p>',
    )
    expect(linkHrefAt(editor.state, 8)).toBe('https://example.com/report')
    expect(click(editor, 8, {})).toBe(false)
    expect(click(editor, 8, { ctrlKey: true })).toBe(true)
    expect(click(editor, 2, { ctrlKey: true })).toBe(false)
    expect(opened).toEqual(['https://example.com/report'])
  })
  it('never stores a javascript: link in the first place', () => {
    editor = headlessEditor([StarterKit, LinkOpen], '<p><a href="javascript:alert(1)">x</a></p>')
    expect(JSON.stringify(editor.getJSON())).not.toContain('javascript:')
  })
})
