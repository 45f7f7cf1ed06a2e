import type { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { headlessEditor, pasteHtml } from '../../test-support/headless'
import { FigureImage, htmlHasText } from '../figure-image/figure-image'
import { MediaEmbed } from '../media-embed/media-embed'
import {
  cleanPastedHtml,
  countLocalImages,
  hasDataImages,
  PasteCleanup,
  storeDataImages,
  type StoreDataImage,
} from './paste-cleanup'

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

// A 1x1 PNG, as Word and Google Docs put pictures inline in the HTML they copy.
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
const WORD_WITH_PICTURE = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<p class="MsoNormal">Flood map<o:p></o:p></p>
<p class="MsoNormal"><img width="320" height="200" src="data:image/png;base64,${PNG_1PX}" alt="Map of the flooded streets"></p>
<p><img src="data:image/png;base64,${PNG_1PX}"><img src="https://tracker.example/pixel.gif"><img src="file:///C:/Users/ana/clip_image001.png"></p>
<p><img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="></p>
</body></html>`

/** A store that hashes nothing but records what it got, like the assets service would be called. */
function recordingStore(names: string[] = []): {
  store: StoreDataImage
  calls: { mimeType: string; dataBase64: string }[]
} {
  const calls: { mimeType: string; dataBase64: string }[] = []
  return {
    calls,
    store: async (image) => {
      calls.push(image)
      return names.shift() ?? null
    },
  }
}

describe('pasted data: images', () => {
  it('detects data: raster images only', () => {
    expect(hasDataImages(WORD_WITH_PICTURE)).toBe(true)
    expect(hasDataImages('<img src="https://example.com/a.png">')).toBe(false)
    expect(hasDataImages('<img src="data:image/svg+xml;base64,AAAA">')).toBe(false)
  })

  it('stores each distinct data: image once and points the img at the asset; remote ones are left to be dropped', async () => {
    const { store, calls } = recordingStore([ASSET])
    const out = await storeDataImages(WORD_WITH_PICTURE, store)
    // Two identical pictures: stored once.
    expect(calls).toEqual([{ mimeType: 'image/png', dataBase64: PNG_1PX }])
    expect(out.match(new RegExp(`src="assets/${ASSET}"`, 'g'))).toHaveLength(2)
    expect(out).not.toContain('data:image/png')
    const cleaned = cleanPastedHtml(out)
    expect(cleaned).toContain(`<img src="assets/${ASSET}" alt="Map of the flooded streets">`)
    expect(cleaned).not.toMatch(/tracker\.example|file:|data:/)
  })

  it('removes an image the store refuses (nothing half-pasted)', async () => {
    const { store } = recordingStore([])
    const out = await storeDataImages(`<p>Text</p><img src="data:image/png;base64,${PNG_1PX}">`, store)
    expect(out).toBe('<p>Text</p>')
    const failing = await storeDataImages(`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`, async () => {
      throw new Error('disk full')
    })
    expect(failing).toBe('')
  })

  it('a Word paste in the editor keeps the text and the picture as a workspace asset figure', async () => {
    const { store, calls } = recordingStore([ASSET])
    editor = headlessEditor([
      StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false } }),
      FigureImage,
      MediaEmbed,
      PasteCleanup.configure({ storeDataImage: store }),
    ])
    const { view } = editor
    let prevented = false
    const event = {
      clipboardData: { getData: (type: string) => (type === 'text/html' ? WORD_WITH_PICTURE : ''), files: [] },
      preventDefault: () => void (prevented = true),
    } as unknown as ClipboardEvent
    const handled = view.someProp('handlePaste', (f) => f(view, event, view.state.doc.slice(0, 0)))
    expect(handled).toBe(true)
    expect(prevented).toBe(true)
    await vi.waitFor(() => expect(JSON.stringify(editor.getJSON())).toContain(`assets/${ASSET}`))
    expect(calls).toHaveLength(1)
    expect(editor.getText()).toContain('Flood map')
    const images = editor.getJSON().content?.filter((n) => n.type === 'image') ?? []
    expect(images.map((n) => n.attrs?.src)).toEqual([`assets/${ASSET}`, `assets/${ASSET}`])
    expect(images[0]?.attrs?.alt).toBe('Map of the flooded streets')
    expect(JSON.stringify(editor.getJSON())).not.toMatch(/tracker|file:|data:/)
  })

  it('a paste without data: images takes the ordinary path', () => {
    const { store, calls } = recordingStore([ASSET])
    editor = headlessEditor([StarterKit, FigureImage, PasteCleanup.configure({ storeDataImage: store })])
    pasteHtml(editor, '<p>Just text <img src="https://tracker.example/p.gif"></p>')
    expect(editor.getText().trim()).toBe('Just text')
    expect(calls).toHaveLength(0)
  })
})

describe('htmlHasText', () => {
  it('tells a text paste (with a picture of it alongside) from a lone picture', () => {
    expect(htmlHasText('<p class="MsoNormal">Council approves</p>')).toBe(true)
    expect(htmlHasText('<img src="blob:x">')).toBe(false)
    expect(htmlHasText('')).toBe(false)
  })
})

describe('local pictures from Word desktop', () => {
  const WORD_DESKTOP = `<p class="MsoNormal">Bridge<img width="200" src="file:///C:/Users/ana/AppData/Local/Temp/msohtmlclip1/01/clip_image002.png"></p>
<p><img src='FILE:///C:/clip_image004.jpg'><img src="https://tracker.example/p.gif"></p>`

  it('counts only file: pictures', () => {
    expect(countLocalImages(WORD_DESKTOP)).toBe(2)
    expect(countLocalImages('<img src="https://example.com/a.png">')).toBe(0)
  })

  it('tells the app how many were not kept, and pastes the text without them', () => {
    const told: number[] = []
    editor = headlessEditor([
      StarterKit,
      FigureImage,
      PasteCleanup.configure({ onLocalImagesDropped: (n) => told.push(n) }),
    ])
    pasteHtml(editor, WORD_DESKTOP)
    expect(told).toEqual([2])
    expect(editor.getText()).toContain('Bridge')
    expect(JSON.stringify(editor.getJSON())).not.toMatch(/file:|"type":"image"/)
  })
})
