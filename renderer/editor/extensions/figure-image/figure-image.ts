import { NodeSelection, Plugin, PluginKey } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { FigureNode } from '../../../../shared/editor/tiptap'
import { onRelabel, redrawing } from '../ui-labels/ui-labels'

/** An asset path as stored in the body: `assets/<sha256>.<ext>`, relative to the workspace. */
export const ASSET_SRC_RE = /^assets\/([a-f0-9]{64}\.(?:png|jpg|gif|webp))$/

/** The asset file name of a stored `src`, or null when the src is not one of our assets (remote, data:, file:). */
export function assetNameOf(src: unknown): string | null {
  const match = typeof src === 'string' ? ASSET_SRC_RE.exec(src) : null
  return match?.[1] ?? null
}

/** Options of the figure image: how to show an asset, how to store dropped files, and the field labels. */
export interface FigureImageOptions {
  /** Returns a displayable (blob:) URL for an asset name, or null. */
  resolveAsset: (name: string) => Promise<string | null>
  /** Stores pasted or dropped image files; resolves to the asset names stored (failures are reported by the caller). */
  importFiles: ((files: File[]) => Promise<string[]>) | null
  /** The field labels; a function is re-read when the UI language changes (UiLabels' relabel command). */
  labels: FigureLabels | (() => FigureLabels)
}

/** The UI text inside a figure: its two field labels and the missing-alt prompt. */
export interface FigureLabels {
  alt: string
  caption: string
  altMissing: string
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figureImage: {
      /** Inserts a workspace asset as a figure with alt text and caption. */
      insertAsset: (attrs: { asset: string; alt?: string; caption?: string }) => ReturnType
    }
  }
}

/** True when clipboard HTML holds real text (not just an <img> wrapper around the copied picture). */
export function htmlHasText(html: string): boolean {
  if (html.trim() === '') return false
  return (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '').trim() !== ''
}

function imageFiles(list: FileList | null | undefined): File[] {
  return [...(list ?? [])].filter((f) => /^image\/(png|jpeg|gif|webp)$/.test(f.type))
}

/**
 * The schema's figure (shared/editor: TipTap's Image as a block with alt text and caption) with its editor view:
 * the picture is a workspace asset (`assets/<hash>.<ext>`), with alt text and a caption edited in place. Only our own assets parse: remote, data: and file: images (tracking pixels
 * included) are dropped, so nothing is ever fetched. Pasted or dropped image files go to `importFiles`.
 */
export const FigureImage = FigureNode.extend<FigureImageOptions>({
  addOptions() {
    return {
      ...this.parent!(),
      resolveAsset: async () => null,
      importFiles: null,
      labels: { alt: 'Alt text', caption: 'Caption', altMissing: 'Describe the image for readers who cannot see it' },
    }
  },

  addAttributes() {
    const schema = this.parent!() as Record<string, object>
    return {
      ...schema,
      caption: {
        ...schema.caption,
        parseHTML: (el) => el.closest('figure')?.querySelector('figcaption')?.textContent ?? '',
        renderHTML: () => ({}),
      },
    }
  },

  parseHTML() {
    const attrsOf = (img: HTMLElement | null, figure: HTMLElement | null) => {
      const src = img?.getAttribute('src') ?? ''
      if (!assetNameOf(src)) return false
      return {
        src,
        alt: img?.getAttribute('alt') ?? '',
        caption: figure?.querySelector('figcaption')?.textContent ?? '',
      }
    }
    return [
      { tag: 'figure', getAttrs: (el) => attrsOf(el.querySelector('img'), el) },
      { tag: 'img[src]', getAttrs: (el) => attrsOf(el, null) },
    ]
  },

  renderHTML({ node }) {
    return [
      'figure',
      { class: 'figure-image' },
      // Only a workspace asset is ever a live src (copy, drag and getHTML build real <img> elements, which load).
      ['img', { src: assetNameOf(node.attrs.src) ? String(node.attrs.src) : null, alt: String(node.attrs.alt ?? '') }],
      ['figcaption', String(node.attrs.caption ?? '')],
    ]
  },

  addCommands() {
    return {
      insertAsset:
        ({ asset, alt = '', caption = '' }) =>
        ({ commands, state }) => {
          const src = `assets/${asset}`
          if (!assetNameOf(src)) return false
          // With a block (another image, a media card) selected, insert after it instead of replacing it.
          const at = state.selection instanceof NodeSelection ? state.selection.to : state.selection
          return commands.insertContentAt(at, { type: this.name, attrs: { src, alt, caption } })
        },
    }
  },

  addNodeView() {
    const options = this.options
    return ({ node: initial, getPos, editor }) => {
      let node = initial
      const dom = document.createElement('figure')
      dom.className = 'figure-image'
      dom.contentEditable = 'false'
      const img = document.createElement('img')
      img.draggable = false
      const fields = document.createElement('div')
      fields.className = 'figure-image-fields'
      const labels = () => (typeof options.labels === 'function' ? options.labels() : options.labels)
      const field = (key: 'alt' | 'caption') => {
        const wrap = document.createElement('label')
        const span = document.createElement('span')
        span.dataset.label = key
        const input = document.createElement('input')
        input.type = 'text'
        input.value = String(node.attrs[key] ?? '')
        input.dataset.field = key
        input.addEventListener('input', () => {
          const pos = getPos()
          if (typeof pos !== 'number') return
          editor.view.dispatch(editor.view.state.tr.setNodeAttribute(pos, key, input.value))
        })
        wrap.append(span, input)
        fields.append(wrap)
        return input
      }
      const altInput = field('alt')
      const captionInput = field('caption')
      const relabel = () => {
        const text = labels()
        fields.querySelector('[data-label="alt"]')!.textContent = text.alt
        fields.querySelector('[data-label="caption"]')!.textContent = text.caption
        altInput.placeholder = text.altMissing
      }
      relabel()
      const off = onRelabel(editor, relabel)
      dom.append(img, fields)

      let shownAsset: string | null = null
      const show = (next: typeof node) => {
        node = next
        const asset = assetNameOf(node.attrs.src)
        img.alt = String(node.attrs.alt ?? '')
        dom.classList.toggle('figure-image-no-alt', String(node.attrs.alt ?? '').trim() === '')
        if (altInput.value !== node.attrs.alt) altInput.value = String(node.attrs.alt ?? '')
        if (captionInput.value !== node.attrs.caption) captionInput.value = String(node.attrs.caption ?? '')
        if (asset === shownAsset) return
        shownAsset = asset
        img.removeAttribute('src')
        if (asset) {
          img.dataset.asset = asset
          void options.resolveAsset(asset).then((url) => {
            if (url && shownAsset === asset) img.src = url
          })
        }
      }
      const { update } = redrawing(initial, show)
      return {
        dom,
        update,
        // The alt and caption inputs handle their own events; ProseMirror must not treat them as editor input.
        stopEvent: (event) => event.target instanceof HTMLInputElement,
        ignoreMutation: () => true,
        destroy: off,
      }
    }
  },

  addProseMirrorPlugins() {
    const importFiles = this.options.importFiles
    const type = this.type
    const insertAt = (view: EditorView, names: string[], pos: number | null) => {
      if (names.length === 0 || view.isDestroyed) return
      const nodes = names.map((name) => type.create({ src: `assets/${name}`, alt: '', caption: '' }))
      const tr = view.state.tr
      if (pos === null) tr.replaceSelectionWith(nodes[0]!)
      else tr.insert(pos, nodes[0]!)
      let at = tr.mapping.map(pos ?? view.state.selection.to)
      for (const extra of nodes.slice(1)) {
        tr.insert(at, extra)
        at += extra.nodeSize
      }
      view.dispatch(tr.scrollIntoView())
    }
    return [
      new Plugin({
        key: new PluginKey('figureImageFiles'),
        props: {
          handlePaste: (view, event) => {
            const files = imageFiles(event.clipboardData?.files)
            if (!importFiles || files.length === 0) return false
            // Word and some browsers add a picture of the copied selection next to its HTML: paste the text.
            if (htmlHasText(event.clipboardData?.getData('text/html') ?? '')) return false
            void importFiles(files).then((names) => insertAt(view, names, null))
            return true
          },
          handleDrop: (view, event) => {
            const files = imageFiles((event as DragEvent).dataTransfer?.files)
            if (!importFiles || files.length === 0) return false
            const pos = view.posAtCoords({ left: (event as DragEvent).clientX, top: (event as DragEvent).clientY })
            void importFiles(files).then((names) => insertAt(view, names, pos?.pos ?? null))
            return true
          },
        },
      }),
    ]
  },
})
