import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { assetNameOf } from '../figure-image/figure-image'
import { parseMediaUrl } from '../media-embed/media-embed'

// Elements whose whole subtree is dropped: active content, styling, metadata, forms, foreign markup.
const DROP = [
  'script',
  'style',
  'link',
  'meta',
  'title',
  'base',
  'noscript',
  'template',
  'object',
  'embed',
  'applet',
  'frame',
  'frameset',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'canvas',
  'svg',
  'math',
  'xml',
  'head',
  'dialog',
  'portal',
].join(',')

// Attributes that survive, per element; everything else (on*, style, class, id, width...) is removed.
const KEEP: Record<string, readonly string[]> = {
  a: ['href'],
  img: ['src', 'alt'],
  ol: ['start'],
  div: ['data-media-embed', 'data-url'],
}

const OPENABLE = ['https:', 'http:', 'mailto:']

function isOpenableHref(href: string): boolean {
  try {
    return OPENABLE.includes(new URL(href).protocol)
  } catch {
    return false
  }
}

function unwrap(el: Element): void {
  el.replaceWith(...el.childNodes)
}

function wrapChildren(el: Element, tag: string): void {
  const wrapper = el.ownerDocument.createElement(tag)
  wrapper.append(...el.childNodes)
  el.append(wrapper)
}

/**
 * Reduces pasted HTML (Word, Google Docs, web pages) to what the article schema can hold, before ProseMirror
 * parses it: scripts, styles, event handlers, iframes, forms and tracking pixels are removed; remote, data:
 * and file: images are dropped (never fetched); iframes and <audio>/<video> with an http(s) source become
 * offline media cards (data: images are stored as assets before this runs, see `storeDataImages`); links keep
 * only https, http and mailto targets; inline bold/italic/strike expressed as
 * CSS (Google Docs, Word) become real marks first. Parsing happens in an inert DOMParser document, so nothing
 * in the pasted markup runs or loads.
 */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const body = doc.body
  // Comments (Word's conditional comments included).
  const walker = doc.createTreeWalker(body, 128 /* NodeFilter.SHOW_COMMENT */)
  const comments: Node[] = []
  while (walker.nextNode()) comments.push(walker.currentNode)
  comments.forEach((c) => c.parentNode?.removeChild(c))

  body.querySelectorAll(DROP).forEach((el) => el.remove())
  // Word's namespaced tags (<o:p>, <w:sdt>, <v:shape>…): keep their text, drop the element.
  ;[...body.querySelectorAll('*')].filter((el) => el.tagName.includes(':')).forEach(unwrap)

  // Embedded players become offline cards; anything else embedded goes.
  body.querySelectorAll('iframe, video, audio').forEach((el) => {
    const src = el.getAttribute('src') ?? el.querySelector('source')?.getAttribute('src') ?? ''
    const url = parseMediaUrl(src)
    if (!url) {
      el.remove()
      return
    }
    const card = doc.createElement('div')
    card.setAttribute('data-media-embed', el.tagName.toLowerCase() === 'audio' ? 'audio' : 'video')
    card.setAttribute('data-url', url.href)
    el.replaceWith(card)
  })

  // Google Docs wraps the whole paste in <b style="font-weight:normal">; it is not bold.
  body.querySelectorAll('b[id^="docs-internal-guid"]').forEach(unwrap)
  // CSS formatting becomes marks before the styles go.
  body.querySelectorAll('span[style], font[style]').forEach((el) => {
    const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '')
    if (/font-weight:(bold|[6-9]00)/.test(style)) wrapChildren(el, 'strong')
    if (/font-style:italic/.test(style)) wrapChildren(el, 'em')
    if (/text-decoration[^;]*line-through/.test(style)) wrapChildren(el, 's')
  })

  for (const img of [...body.querySelectorAll('img')]) {
    if (!assetNameOf(img.getAttribute('src'))) img.remove()
  }
  for (const a of [...body.querySelectorAll('a')]) {
    const href = a.getAttribute('href') ?? ''
    if (!isOpenableHref(href)) unwrap(a)
  }
  for (const el of [...body.querySelectorAll('*')]) {
    const keep = KEEP[el.tagName.toLowerCase()] ?? []
    for (const attr of [...el.attributes]) {
      if (!keep.includes(attr.name.toLowerCase())) el.removeAttribute(attr.name)
    }
  }
  return body.innerHTML
}

/** An inline image a paste can carry (Word, Google Docs, web pages): a base64 data: URL of a raster type we store. */
export const DATA_IMAGE_RE = /^data:image\/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/\s]*={0,2})$/i

/** Stores one pasted data: image in the workspace; resolves to its asset name, or null when it was refused. */
export type StoreDataImage = (image: { mimeType: string; dataBase64: string }) => Promise<string | null>

/** True when pasted HTML carries at least one data: image worth storing. */
export function hasDataImages(html: string): boolean {
  return /<img[^>]+src\s*=\s*["']?data:image\/(png|jpeg|gif|webp);base64,/i.test(html)
}

/**
 * Replaces every data: image in pasted HTML with the workspace asset `store` made of it (`assets/<hash>.<ext>`,
 * so identical pictures are stored once); an image that cannot be stored is removed. Remote (http, file)
 * images are left for `cleanPastedHtml`, which drops them: they are never fetched.
 */
export async function storeDataImages(html: string, store: StoreDataImage): Promise<string> {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const stored = new Map<string, Promise<string | null>>()
  for (const img of [...doc.body.querySelectorAll('img')]) {
    const match = DATA_IMAGE_RE.exec(img.getAttribute('src') ?? '')
    if (!match) continue
    const dataBase64 = match[2]!.replace(/\s+/g, '')
    if (!stored.has(dataBase64)) {
      const mimeType = `image/${match[1]!.toLowerCase()}`
      stored.set(
        dataBase64,
        store({ mimeType, dataBase64 }).catch(() => null),
      )
    }
    const name = await stored.get(dataBase64)!
    if (name) img.setAttribute('src', `assets/${name}`)
    else img.remove()
  }
  return doc.body.innerHTML
}

/** Options: where pasted data: images go (the app stores them as workspace assets); without it they are dropped. */
export interface PasteCleanupOptions {
  storeDataImage: StoreDataImage | null
  /** Told how many pictures of a paste were files on the user's computer (Word desktop), which are never read. */
  onLocalImagesDropped: ((count: number) => void) | null
}

/** How many images in pasted HTML point at local files (`file:` URLs, as Word desktop pastes pictures). */
export function countLocalImages(html: string): number {
  return (html.match(/<img[^>]+src\s*=\s*["']?file:/gi) ?? []).length
}

/**
 * Runs every HTML paste through `cleanPastedHtml` (ProseMirror then keeps only what the schema knows). A paste
 * carrying data: images is held while the images are stored as assets, then pasted with their asset paths.
 */
export const PasteCleanup = Extension.create<PasteCleanupOptions>({
  name: 'pasteCleanup',
  addOptions() {
    return { storeDataImage: null, onLocalImagesDropped: null }
  },
  addProseMirrorPlugins() {
    const store = this.options.storeDataImage
    const onLocalImagesDropped = this.options.onLocalImagesDropped
    return [
      new Plugin({
        key: new PluginKey('pasteCleanup'),
        props: {
          transformPastedHTML: (html) => {
            const local = countLocalImages(html)
            if (local > 0) onLocalImagesDropped?.(local)
            return cleanPastedHtml(html)
          },
          handlePaste: (view, event) => {
            const html = event.clipboardData?.getData('text/html') ?? ''
            if (!store || !hasDataImages(html)) return false
            event.preventDefault()
            void storeDataImages(html, store).then((ready) => {
              if (!view.isDestroyed) view.pasteHTML(ready)
            })
            return true
          },
        },
      }),
    ]
  },
})
