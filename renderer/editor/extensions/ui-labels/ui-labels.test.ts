import type { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { headlessEditor } from '../../test-support/headless'
import { FigureImage } from '../figure-image/figure-image'
import { MediaEmbed, type MediaKind } from '../media-embed/media-embed'
import { relabel, UiLabels } from './ui-labels'

const ASSET = `${'b'.repeat(64)}.png`
let editor: Editor
afterEach(() => editor?.destroy())

const words = {
  en: { video: 'Video', alt: 'Alt text', caption: 'Caption', altMissing: 'Describe the image' },
  es: { video: 'Vídeo', alt: 'Texto alternativo', caption: 'Pie de foto', altMissing: 'Describe la imagen' },
}

describe('UiLabels', () => {
  it('relabels the media card and the figure fields after a language switch, without a document change', () => {
    let language: 'en' | 'es' = 'en'
    editor = headlessEditor([
      StarterKit,
      UiLabels,
      MediaEmbed.configure({ kindLabel: (kind: MediaKind) => (kind === 'video' ? words[language].video : kind) }),
      FigureImage.configure({
        labels: () => ({
          alt: words[language].alt,
          caption: words[language].caption,
          altMissing: words[language].altMissing,
        }),
      }),
    ])
    editor.commands.setMediaEmbed({ url: 'https://www.youtube.com/watch?v=abc', kind: 'video' })
    editor.commands.insertAsset({ asset: ASSET, alt: '', caption: 'Quay' })
    const dom = editor.view.dom
    const fieldLabels = () => [...dom.querySelectorAll('.figure-image-fields label > span')].map((s) => s.textContent)
    expect(dom.querySelector('.media-embed-kind')?.textContent).toBe('Video')
    expect(fieldLabels()).toEqual(['Alt text', 'Caption'])
    expect(dom.querySelector<HTMLInputElement>('input[data-field="alt"]')?.placeholder).toBe('Describe the image')
    const before = editor.state.doc

    language = 'es'
    let transactions = 0
    editor.on('transaction', () => transactions++)
    relabel(editor)
    expect(dom.querySelector('.media-embed-kind')?.textContent).toBe('Vídeo')
    expect(fieldLabels()).toEqual(['Texto alternativo', 'Pie de foto'])
    expect(dom.querySelector<HTMLInputElement>('input[data-field="alt"]')?.placeholder).toBe('Describe la imagen')
    // The caption typed by the user is untouched, and the document did not change.
    expect(dom.querySelector<HTMLInputElement>('input[data-field="caption"]')?.value).toBe('Quay')
    expect(editor.state.doc).toBe(before)
    expect(transactions).toBe(0)
  })

  it('forgets destroyed node views', () => {
    editor = headlessEditor([StarterKit, UiLabels, MediaEmbed])
    editor.commands.setMediaEmbed({ url: 'https://example.com/a.mp3' })
    expect(editor.storage.uiLabels.listeners.size).toBe(1)
    editor.commands.setContent('<p>gone</p>')
    expect(editor.storage.uiLabels.listeners.size).toBe(0)
  })
})
