import type { TiptapNode } from '../../article/schema'
import { escapeHtml, safeHref } from '../../render/html'
import { blockIdAttribute } from '../block-ids'
import { attrString, mediaKinds, type MediaKind, type NodeDefinition } from '../types'
import { markdownDestination } from './figure'

export { mediaKinds, type MediaKind } from '../types'

/** The kind of a stored media card; anything unknown reads as video. */
export function mediaKindOf(node: { attrs?: Record<string, unknown> }): MediaKind {
  const kind = node.attrs?.kind
  return (mediaKinds as readonly unknown[]).includes(kind) ? (kind as MediaKind) : 'video'
}

const LABELS: Record<'en' | 'es', Record<MediaKind, string>> = {
  en: { audio: 'Audio', video: 'Video', livestream: 'Livestream' },
  es: { audio: 'Audio', video: 'Vídeo', livestream: 'En directo' },
}

/** The reader-facing name of a media kind in a page's language (Spanish for "es-*", English otherwise). */
export function mediaKindLabel(kind: MediaKind, language = 'en'): string {
  return LABELS[language.toLowerCase().startsWith('es') ? 'es' : 'en'][kind]
}

/** True for an absolute http(s) URL with a host and no spaces or angle brackets: what a media card may hold. */
export function isMediaUrl(url: string): boolean {
  return /^https?:\/\/[^/?#@\s<>"]+(?:[/?#][^\s<>"]*)?$/i.test(url)
}

const FILE_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  m3u8: 'application/vnd.apple.mpegurl',
}

/** The IANA media type of a URL that points at a media file (by its path's extension), or null (a web page). */
export function mediaFileType(url: string): string | null {
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? ''
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase()
  return ext ? (FILE_TYPES[ext] ?? null) : null
}

/** The link title that marks a Markdown link paragraph as a Newsdesk media card. */
export const MEDIA_MARKDOWN_TITLE = 'newsdesk-media'

/**
 * The Markdown form of a media card: a paragraph holding only a link to the media, titled
 * `newsdesk-media:<kind>`: `[Video](https://… "newsdesk-media:video")`. Hugo and Jekyll render it as a
 * working link; Newsdesk reads that exact line back as the card.
 */
export function mediaEmbedMarkdown(node: TiptapNode): string {
  const kind = mediaKindOf(node)
  return `[${mediaKindLabel(kind)}](${markdownDestination(attrString(node, 'url'))} "${MEDIA_MARKDOWN_TITLE}:${kind}")`
}

const MEDIA_LINE = new RegExp(
  String.raw`^\[[^\]\n]*\]\((?:<([^<>\s]+)>|([^\s<>()]+)) "${MEDIA_MARKDOWN_TITLE}:(audio|video|livestream)"\)[ \t]*(?:\n+|$)`,
)

/** Reads a media card's Markdown line at the start of `src`: its length and attributes, or null. */
export function readMediaMarkdown(src: string): { raw: string; url: string; kind: MediaKind } | null {
  const match = MEDIA_LINE.exec(src)
  const url = match?.[1] ?? match?.[2]
  if (!match || !url || !isMediaUrl(url)) return null
  return { raw: match[0], url, kind: match[3] as MediaKind }
}

/**
 * A card pointing at remote audio, video or a livestream. It is never embedded: every output shows the kind and
 * a link (no iframe, <audio> or <video>, nothing remote loaded).
 */
export const mediaEmbedNode: NodeDefinition = {
  name: 'mediaEmbed',
  role: 'leaf',
  group: 'block',
  attrs: {
    url: { default: '', values: 'absolute http(s) URL' },
    kind: { default: 'video', values: mediaKinds.join(', ') },
    id: blockIdAttribute,
  },
  markdown: `a paragraph holding only a link titled "${MEDIA_MARKDOWN_TITLE}:<kind>": [Video](https://… "${MEDIA_MARKDOWN_TITLE}:video")`,
  html: (node, ctx) => {
    const kind = mediaKindOf(node)
    const url = attrString(node, 'url')
    const label = escapeHtml(ctx.options.kindLabel?.(kind) ?? mediaKindLabel(kind))
    const href = safeHref(url)
    const link = href
      ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${escapeHtml(url)}</a>`
      : `<span class="nd-media-url">${escapeHtml(url)}</span>`
    return `<figure class="nd-media nd-media-${kind}" data-media-kind="${kind}"><figcaption><span class="nd-media-kind">${label}</span> ${link}</figcaption></figure>`
  },
  text: (node, ctx) => {
    const kind = mediaKindOf(node)
    return `${ctx.options.kindLabel?.(kind) ?? mediaKindLabel(kind)}: ${attrString(node, 'url')}`
  },
  example: { type: 'mediaEmbed', attrs: { url: 'https://media.example.org/briefing.mp3', kind: 'audio' } },
}
