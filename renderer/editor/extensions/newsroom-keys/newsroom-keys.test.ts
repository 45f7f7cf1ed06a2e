import type { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { headlessEditor } from '../../test-support/headless'
import { NewsroomKeys } from './newsroom-keys'

let editor: Editor
afterEach(() => editor?.destroy())

function press(e: Editor, init: KeyboardEventInit): boolean {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  return e.view.someProp('handleKeyDown', (f) => f(e.view, event)) ?? false
}

describe('NewsroomKeys', () => {
  it('runs save on Mod-S, preview on Mod-Shift-P and link on Mod-K, and leaves other keys alone', () => {
    const calls: string[] = []
    editor = headlessEditor([
      StarterKit,
      NewsroomKeys.configure({
        onSave: () => calls.push('save'),
        onPreview: () => calls.push('preview'),
        onLink: () => calls.push('link'),
      }),
    ])
    const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? { metaKey: true } : { ctrlKey: true }
    expect(press(editor, { key: 's', keyCode: 83, ...mod })).toBe(true)
    expect(press(editor, { key: 'P', keyCode: 80, shiftKey: true, ...mod })).toBe(true)
    expect(press(editor, { key: 'k', keyCode: 75, ...mod })).toBe(true)
    expect(press(editor, { key: 'q', keyCode: 81, ...mod })).toBe(false)
    expect(calls).toEqual(['save', 'preview', 'link'])
  })
})
