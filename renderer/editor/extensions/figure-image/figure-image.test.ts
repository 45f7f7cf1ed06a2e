import type { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { headlessEditor } from '../../test-support/headless'
import { assetNameOf, FigureImage } from './figure-image'

const ASSET = `${'a'.repeat(64)}.png`
let editor: Editor
afterEach(() => editor?.destroy())

const images = (e: Editor) => e.getJSON().content?.filter((n) => n.type === 'image') ?? []

describe('assetNameOf', () => {
  it('accepts only workspace asset paths', () => {
    expect(assetNameOf(`assets/${ASSET}`)).toBe(ASSET)
    expect(assetNameOf('https://tracker.example/p.gif')).toBeNull()
    expect(assetNameOf(`assets/../${ASSET}`)).toBeNull()
    expect(assetNameOf('data:image/png;base64,AAAA')).toBeNull()
    expect(assetNameOf(undefined)).toBeNull()
  })
})

describe('FigureImage', () => {
  it('inserts an asset with alt text and caption and renders a figure', () => {
    editor = headlessEditor([StarterKit, FigureImage])
    expect(editor.commands.insertAsset({ asset: ASSET, alt: 'Crowd at the quay', caption: 'Photo: desk' })).toBe(true)
    expect(images(editor)[0]?.attrs).toEqual({
      src: `assets/${ASSET}`,
      alt: 'Crowd at the quay',
      caption: 'Photo: desk',
    })
    expect(editor.getHTML()).toContain(
      `<figure class="figure-image"><img src="assets/${ASSET}" alt="Crowd at the quay"><figcaption>Photo: desk</figcaption></figure>`,
    )
  })
  it('inserts a second image after a selected one instead of replacing it', () => {
    editor = headlessEditor([StarterKit, FigureImage])
    editor.commands.insertAsset({ asset: ASSET, alt: 'first' })
    editor.commands.setNodeSelection(1)
    editor.commands.insertAsset({ asset: `${'c'.repeat(64)}.gif`, alt: 'second' })
    expect(images(editor).map((n) => n.attrs?.alt)).toEqual(['first', 'second'])
  })
  it('refuses a name that is not a content hash', () => {
    editor = headlessEditor([StarterKit, FigureImage])
    expect(editor.commands.insertAsset({ asset: '../secret.png' })).toBe(false)
    expect(images(editor)).toHaveLength(0)
  })
  it('never keeps remote, data: or file: images (tracking pixels included)', () => {
    editor = headlessEditor([StarterKit, FigureImage])
    editor.commands.setContent(
      `<p>a<img src="https://tracker.example/p.gif" width="1" height="1"></p><img src="data:image/png;base64,AAAA"><img src="file:///etc/x.png"><figure><img src="assets/${ASSET}" alt="ok"><figcaption>cap</figcaption></figure>`,
    )
    expect(images(editor).map((n) => n.attrs)).toEqual([{ src: `assets/${ASSET}`, alt: 'ok', caption: 'cap' }])
  })
  it('edits alt text and caption from the fields in the node view', async () => {
    const resolved: string[] = []
    editor = headlessEditor([
      StarterKit,
      FigureImage.configure({
        resolveAsset: async (name) => {
          resolved.push(name)
          return 'blob:fake'
        },
      }),
    ])
    editor.commands.insertAsset({ asset: ASSET })
    const figure = editor.view.dom.querySelector('figure.figure-image') as HTMLElement
    expect(figure.classList.contains('figure-image-no-alt')).toBe(true)
    const alt = figure.querySelector('input[data-field="alt"]') as HTMLInputElement
    const caption = figure.querySelector('input[data-field="caption"]') as HTMLInputElement
    alt.value = 'Sandbags at the fire station'
    alt.dispatchEvent(new Event('input'))
    caption.value = 'Volunteers filled 4,000 bags'
    caption.dispatchEvent(new Event('input'))
    expect(images(editor)[0]?.attrs).toMatchObject({
      alt: 'Sandbags at the fire station',
      caption: 'Volunteers filled 4,000 bags',
    })
    expect(resolved).toEqual([ASSET])
    await Promise.resolve()
    expect(figure.querySelector('img')?.getAttribute('src')).toBe('blob:fake')
    expect(figure.querySelector('label')?.textContent).toContain('Alt text')
  })
})
