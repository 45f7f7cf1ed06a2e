import type { Editor } from '@tiptap/core'
import { Slice } from '@tiptap/pm/model'
import { afterEach, describe, expect, it } from 'vitest'
import { editorMarks, editorNodes, markDefinition, nodeDefinition } from '../../shared/editor'
import { isStorableHref, type BodyExtensionOptions } from './body-extensions'
import { headlessEditor, testBodyExtensions } from './test-support/headless'

let editor: Editor
afterEach(() => editor?.destroy())

const ASSET = `${'d'.repeat(64)}.png`
const make = (image: BodyExtensionOptions['image'] = {}) => headlessEditor(testBodyExtensions({ image }))

describe('the body schema', () => {
  it('is the shared schema: every node and mark of the editor has a definition with every output form', () => {
    editor = make()
    const nodes = Object.keys(editor.schema.nodes).sort()
    const marks = Object.keys(editor.schema.marks).sort()
    expect(nodes).toEqual(editorNodes.map((n) => n.name).sort())
    expect(marks).toEqual(editorMarks.map((m) => m.name).sort())
    for (const name of nodes) {
      const def = nodeDefinition(name)
      expect(def?.markdown, `${name} has no Markdown form`).toBeTruthy()
      expect(typeof def?.html, `${name} has no HTML form`).toBe('function')
      expect(typeof def?.text, `${name} has no plain-text form`).toBe('function')
    }
    for (const name of marks) {
      const def = markDefinition(name)
      expect(def?.markdown, `${name} has no Markdown form`).toBeTruthy()
      expect(typeof def?.html, `${name} has no HTML form`).toBe('function')
      expect(typeof def?.text, `${name} has no plain-text form`).toBe('function')
    }
  })
  it('turns a pasted URL into a link', () => {
    editor = make()
    editor.commands.focus('end')
    editor.view.pasteText('Minutes: https://example.org/minutes/2026-11')
    const link = editor.getJSON().content?.[0]?.content?.find((n) => n.marks?.some((m) => m.type === 'link')) as
      { text?: string; marks?: { attrs?: Record<string, unknown> }[] } | undefined
    expect(link?.text).toBe('https://example.org/minutes/2026-11')
    expect(link?.marks?.[0]?.attrs?.href).toBe('https://example.org/minutes/2026-11')
  })
  it('stores only https, http and mailto links', () => {
    expect(isStorableHref('https://a.example')).toBe(true)
    expect(isStorableHref('mailto:desk@a.example')).toBe(true)
    expect(isStorableHref('ftp://a.example')).toBe(false)
    editor = make()
    editor.commands.setContent('<p><a href="ftp://files.example/x">ftp</a> <a href="tel:+123">tel</a></p>')
    expect(JSON.stringify(editor.getJSON())).not.toContain('"link"')
  })
  it('sends pasted image files to importFiles and inserts the stored assets', async () => {
    const received: string[] = []
    editor = make({
      importFiles: async (files) => {
        received.push(...files.map((f) => f.name))
        return [ASSET]
      },
    })
    editor.commands.focus('end')
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'photo.png', { type: 'image/png' })
    const event = { clipboardData: { files: [file], getData: () => '' } } as unknown as ClipboardEvent
    const handled = editor.view.someProp('handlePaste', (f) => f(editor.view, event, Slice.empty))
    expect(handled).toBe(true)
    await new Promise((r) => setTimeout(r, 0))
    expect(received).toEqual(['photo.png'])
    expect(JSON.stringify(editor.getJSON())).toContain(`"src":"assets/${ASSET}"`)
  })
  it('pastes the text when Word puts a picture of the selection next to its HTML', () => {
    const received: string[] = []
    editor = make({
      importFiles: async (files) => {
        received.push(...files.map((f) => f.name))
        return [ASSET]
      },
    })
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'image.png', { type: 'image/png' })
    const html = '<p class="MsoNormal">Council approves the budget</p>'
    const event = {
      clipboardData: { files: [file], getData: (type: string) => (type === 'text/html' ? html : '') },
    } as unknown as ClipboardEvent
    expect(editor.view.someProp('handlePaste', (f) => f(editor.view, event, Slice.empty))).toBeFalsy()
    expect(received).toEqual([])
  })
  it('leaves non-image file pastes to the default handling', () => {
    editor = make({ importFiles: async () => [ASSET] })
    const file = new File(['x'], 'notes.txt', { type: 'text/plain' })
    const event = { clipboardData: { files: [file], getData: () => '' } } as unknown as ClipboardEvent
    expect(editor.view.someProp('handlePaste', (f) => f(editor.view, event, Slice.empty))).toBeFalsy()
  })
})
