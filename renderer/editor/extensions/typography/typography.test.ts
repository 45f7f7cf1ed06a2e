import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it } from 'vitest'
import type { Editor } from '@tiptap/core'
import { headlessEditor, typeText } from '../../test-support/headless'
import { NewsroomTypography } from './typography'

let editor: Editor
afterEach(() => editor.destroy())

function typed(text: string): string {
  editor = headlessEditor([StarterKit, NewsroomTypography])
  editor.commands.focus('end')
  typeText(editor, text)
  return editor.getText()
}

describe('NewsroomTypography', () => {
  it('curls double quotes open and closed', () => {
    expect(typed('She said "no" twice')).toBe('She said \u201Cno\u201D twice')
  })
  it('curls single quotes and apostrophes', () => {
    expect(typed("it's 'fine'")).toBe('it\u2019s \u2018fine\u2019')
  })
  it('turns -- into an em dash and ... into an ellipsis', () => {
    expect(typed('wait -- what...')).toBe('wait \u2014 what\u2026')
  })
  it('opens a quote after an opening bracket', () => {
    expect(typed('("yes")')).toBe('(\u201Cyes\u201D)')
  })
  it('leaves inline code alone', () => {
    editor = headlessEditor([StarterKit, NewsroomTypography])
    editor.commands.focus('end')
    editor.commands.toggleCode()
    typeText(editor, 'a--b')
    expect(editor.getText()).toBe('a--b')
  })
})
