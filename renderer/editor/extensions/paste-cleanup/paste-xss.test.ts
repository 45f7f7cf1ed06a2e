import type { Editor } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import fixture from '../../../../e2e/fixtures-data/xss/payloads.json?raw'
import { hostileFindings, type CheckedDocument, type ParseDocument } from '../../../../shared/render/hostile-html'
import { headlessEditor, pasteHtml, testBodyExtensions } from '../../test-support/headless'
import { cleanPastedHtml } from './paste-cleanup'

// The paste part of the XSS campaign (issue 8): every payload of the fixture pasted as HTML and as text.
const payloads = (JSON.parse(fixture) as { payloads: string[] }).payloads
const parse: ParseDocument = (text, type) => new DOMParser().parseFromString(text, type) as unknown as CheckedDocument

const extensions = () => testBodyExtensions()

describe('XSS campaign: paste into the body editor', () => {
  it('every payload pasted as HTML and as text leaves nothing active in the document', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(200)
    const calls: unknown[] = []
    ;(globalThis as Record<string, unknown>).__xss = (...args: unknown[]) => calls.push(args)
    const editor: Editor = headlessEditor(extensions())
    const findings: string[] = []
    try {
      for (const [i, payload] of payloads.entries()) {
        // The cleaned HTML is parsed by the schema next, in a detached document: inert unknown tags may remain.
        for (const f of hostileFindings(parse, cleanPastedHtml(payload), { inertElementsAllowed: true }))
          findings.push(`#${i} cleanPastedHtml: ${f}`)
        editor.commands.clearContent()
        pasteHtml(editor, `<p>before</p>${payload}<p>after</p>`)
        editor.view.pasteText(payload)
        for (const f of hostileFindings(parse, editor.getHTML())) findings.push(`#${i} editor: ${f}`)
        // Links that survive must be ones the app would open.
        for (const href of JSON.stringify(editor.getJSON()).match(/"href":"[^"]*"/g) ?? []) {
          if (!/^"href":"(https?:|mailto:)/i.test(href)) findings.push(`#${i} stored link ${href}`)
        }
      }
    } finally {
      editor.destroy()
    }
    expect(findings.slice(0, 20)).toEqual([])
    expect(calls).toEqual([])
  }, 60_000)
})
