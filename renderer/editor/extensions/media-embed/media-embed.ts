import { NodeSelection } from '@tiptap/pm/state'
import { mediaKinds, type MediaKind } from '../../../../shared/editor'
import { MediaEmbedNode } from '../../../../shared/editor/tiptap'
import { onRelabel, redrawing } from '../ui-labels/ui-labels'

export { mediaKinds, type MediaKind }

/** Attributes of a media embed: where the media lives and what it is. */
export interface MediaEmbedAttrs {
  url: string
  kind: MediaKind
}

/** Parses an http(s) media URL; null for anything else (javascript:, file:, data:, junk). */
export function parseMediaUrl(raw: string): URL | null {
  try {
    const url = new URL(raw.trim())
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' ? url : null
  } catch {
    return null
  }
}

/** Guesses the kind of media behind a URL from its host and file extension (the user can change it). */
export function detectMediaKind(raw: string): MediaKind {
  const url = parseMediaUrl(raw)
  if (!url) return 'video'
  const host = url.hostname.replace(/^www\./, '')
  const path = url.pathname.toLowerCase()
  if (/\.(mp3|m4a|aac|ogg|oga|opus|wav|flac)$/.test(path) || /(^|\.)(soundcloud\.com|podcasts\.apple\.com)$/.test(host))
    return 'audio'
  if (/(^|\.)twitch\.tv$/.test(host) || /\/live(\/|$)/.test(path) || /\.m3u8$/.test(path)) return 'livestream'
  return 'video'
}

/** Options: how the offline card names a kind (the UI passes translated labels). */
export interface MediaEmbedOptions {
  kindLabel: (kind: MediaKind) => string
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    mediaEmbed: {
      /** Inserts an offline media card; refuses URLs that are not http(s). */
      setMediaEmbed: (attrs: { url: string; kind?: MediaKind }) => ReturnType
    }
  }
}

/**
 * A block that points at remote audio, video or a livestream. It renders as an offline card showing the kind
 * and the address: it never creates an iframe, <audio> or <video>, so nothing remote is ever loaded.
 */
export const MediaEmbed = MediaEmbedNode.extend<MediaEmbedOptions>({
  addOptions() {
    return { kindLabel: (kind) => kind }
  },

  addAttributes() {
    const schema = this.parent!() as Record<string, object>
    return {
      url: { ...schema.url, parseHTML: (el) => el.getAttribute('data-url') ?? '' },
      kind: {
        ...schema.kind,
        parseHTML: (el) => {
          const kind = el.getAttribute('data-media-embed')
          return (mediaKinds as readonly string[]).includes(kind ?? '') ? kind : 'video'
        },
      },
    }
  },

  parseHTML() {
    return [
      {
        tag: 'div[data-media-embed]',
        getAttrs: (el) => (parseMediaUrl(el.getAttribute('data-url') ?? '') ? null : false),
      },
    ]
  },

  // The same card as renderHTML, as a node view so the kind label follows a UI language switch (UiLabels).
  addNodeView() {
    const options = this.options
    return ({ node: initial, editor }) => {
      let node = initial
      const dom = document.createElement('div')
      const kindSpan = document.createElement('span')
      kindSpan.className = 'media-embed-kind'
      const urlSpan = document.createElement('span')
      urlSpan.className = 'media-embed-url'
      dom.append(kindSpan, urlSpan)
      const show = (next: typeof node = node) => {
        node = next
        const kind = node.attrs.kind as MediaKind
        const url = String(node.attrs.url)
        dom.className = `media-embed media-embed-${kind}`
        dom.dataset.mediaEmbed = kind
        dom.dataset.url = url
        kindSpan.textContent = options.kindLabel(kind)
        urlSpan.textContent = url
      }
      const { update } = redrawing(initial, show)
      const off = onRelabel(editor, () => show())
      return {
        dom,
        update,
        destroy: off,
      }
    }
  },

  addCommands() {
    return {
      setMediaEmbed:
        ({ url, kind }) =>
        ({ commands, state }) => {
          const parsed = parseMediaUrl(url)
          if (!parsed) return false
          // With a block (an image, another card) selected, insert after it instead of replacing it.
          const at = state.selection instanceof NodeSelection ? state.selection.to : state.selection
          return commands.insertContentAt(at, {
            type: this.name,
            attrs: { url: parsed.href, kind: kind ?? detectMediaKind(parsed.href) },
          })
        },
    }
  },
})
