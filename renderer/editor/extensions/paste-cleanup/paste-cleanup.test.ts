import type { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { headlessEditor, pasteHtml } from '../../test-support/headless'
import { FigureImage } from '../figure-image/figure-image'
import { MediaEmbed } from '../media-embed/media-embed'
import { cleanPastedHtml, PasteCleanup } from './paste-cleanup'

const ASSET = `${'b'.repeat(64)}.jpg`
let editor: Editor
afterEach(() => editor?.destroy())

const extensions = () => [
  StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false } }),
  FigureImage,
  MediaEmbed,
  PasteCleanup,
]

// The <svg><script> sits last: happy-dom's parser (unlike Chromium's) swallows everything after it.
const HOSTILE = `
<html><head><meta charset="utf-8"><style>p{color:red}</style><script>window.pwned=1</script>
<link rel="stylesheet" href="https://evil.example/x.css"></head>
<body onload="alert(1)">
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
<p class="MsoNormal" style="margin:0" onclick="alert(2)">Council <b>approves</b> budget<o:p></o:p></p>
<img src="https://tracker.example/pixel.gif?u=42" width="1" height="1" onerror="alert(3)">
<iframe src="https://www.youtube.com/embed/abc"></iframe>
<iframe src="javascript:alert(4)"></iframe>
<p><a href="javascript:alert(5)">click</a> and <a href="https://example.com/report" onmouseover="x()" target="_blank">the report</a></p>
<form action="https://evil.example"><input name="q"><button>Go</button></form>
<object data="x.swf"></object><embed src="x.swf">
<p style="background:url(https://tracker.example/bg.png)">Styled <span style="font-weight:700">bold</span> <span style="font-style:italic">slanted</span></p>
<img src="assets/${ASSET}" alt="kept">
<svg><script>alert(6)</script></svg>
</body></html>`

describe('cleanPastedHtml', () => {
  it('strips active content, styles, handlers, iframes and pixels', () => {
    const out = cleanPastedHtml(HOSTILE)
    expect(out).not.toMatch(/<(script|style|link|meta|iframe|form|input|button|svg|object|embed)\b/i)
    expect(out).not.toMatch(/\son\w+=|style=|class=|javascript:|tracker\.example|evil\.example/i)
    expect(out).toContain('data-media-embed="video"')
    expect(out).toContain('<strong>bold</strong>')
    expect(out).toContain('<em>slanted</em>')
    expect(out).toContain('<a href="https://example.com/report">the report</a>')
  })
  it('unwraps the Google Docs bold wrapper', () => {
    const out = cleanPastedHtml('<b style="font-weight:normal;" id="docs-internal-guid-1234"><p>plain</p></b>')
    expect(out).toBe('<p>plain</p>')
  })
})

describe('pasting hostile HTML into a headless editor', () => {
  it('keeps only the text, marks, links, media card and own asset', () => {
    editor = headlessEditor(extensions())
    pasteHtml(editor, HOSTILE)
    const html = editor.getHTML()
    expect(html).not.toMatch(/<(script|style|iframe|form|input|svg|object|embed)\b/i)
    expect(html).not.toMatch(/\son\w+=|style=|javascript:|tracker\.example|evil\.example|MsoNormal/i)
    expect(html).toContain('Council <strong>approves</strong> budget')
    expect(html).toContain('href="https://example.com/report"')
    expect(editor.getText()).toContain('click and the report')
    const json = JSON.stringify(editor.getJSON())
    expect(json).toContain('"type":"mediaEmbed"')
    expect(json).toContain(`"src":"assets/${ASSET}"`)
    expect(json.match(/"type":"image"/g)).toHaveLength(1)
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined()
  })
})
