import type { Article } from '../article/schema'
import { attrString, eachNode, mediaFileType, mediaKindLabel, mediaKindOf, wordCount } from '../editor'
import { assetNameOf } from './markdown-codec'

/** The `standard` object every Newsdesk ninjs file carries. */
export const NINJS_STANDARD = {
  name: 'ninjs',
  version: '3.1',
  schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#',
} as const

/** The ninjs `type` for each article kind (a livestream is a video with a genre). */
export function ninjsTypeOf(kind: Article['kind']): 'text' | 'audio' | 'video' {
  switch (kind) {
    case 'article':
      return 'text'
    case 'audio':
      return 'audio'
    case 'video':
    case 'livestream':
      return 'video'
    default: {
      const never: never = kind
      throw new Error(`unknown kind ${String(never)}`)
    }
  }
}

/** Renditions of an article body passed to the ninjs mapping. */
export interface BodyRenditions {
  html: string
  text: string
}

/**
 * Maps an article to an IPTC ninjs 3.1 object (valid against the official schema: only ninjs keys, no
 * workflow status; drafts and unpublished items are `withheld`). `imageHref` links the featured image.
 */
export function articleToNinjs(
  article: Article,
  body: BodyRenditions,
  imageHref: (asset: string) => string,
): Record<string, unknown> {
  const ninjs: Record<string, unknown> = {
    uri: `urn:uuid:${article.id}`,
    type: ninjsTypeOf(article.kind),
    representationType: 'full',
    version: String(article.revision),
    firstCreated: article.createdAt,
    versionCreated: article.updatedAt,
    pubStatus: article.status === 'published' ? 'usable' : 'withheld',
    language: article.language,
    slugline: article.slug,
    headlines: [{ role: 'main', contentType: 'text/plain', value: article.headline }],
    bodies: [
      {
        role: 'main',
        contentType: 'text/html',
        value: body.html,
        charCount: body.text.length,
        wordCount: wordCount(body.text),
      },
      {
        role: 'main',
        contentType: 'text/plain',
        value: body.text,
        charCount: body.text.length,
        wordCount: wordCount(body.text),
      },
    ],
    standard: { ...NINJS_STANDARD },
  }
  if (article.standfirst !== '') {
    ninjs.descriptions = [{ role: 'summary', contentType: 'text/plain', value: article.standfirst }]
  }
  if (article.tags.length > 0) ninjs.subjects = article.tags.map((tag) => ({ name: tag, literal: tag }))
  if (article.byline !== '') ninjs.by = article.byline
  if (article.dateline !== '') ninjs.located = article.dateline
  if (article.embargoUntil) ninjs.embargoedUntil = article.embargoUntil
  if (article.editorsNote !== '') ninjs.edNote = article.editorsNote
  if (article.kind === 'livestream') {
    ninjs.genres = [{ name: 'Livestream', literal: 'livestream' }]
  }
  const associations = [
    ...(article.featuredImage ? [pictureAssociation('featureimage', article.featuredImage, imageHref)] : []),
    ...bodyAssociations(article, imageHref),
  ]
  if (associations.length > 0) ninjs.associations = associations
  return ninjs
}

/** A picture association: the asset (its relative path as the rendition's title), caption and alt text. */
function pictureAssociation(
  name: string,
  image: { asset: string; alt: string; caption: string },
  imageHref: (asset: string) => string,
): Record<string, unknown> {
  return {
    name,
    uri: `urn:newsdesk:asset:${image.asset}`,
    type: 'picture',
    ...(image.caption !== ''
      ? { descriptions: [{ role: 'caption', contentType: 'text/plain', value: image.caption }] }
      : {}),
    ...(image.alt !== '' ? { headlines: [{ role: 'alt', contentType: 'text/plain', value: image.alt }] } : {}),
    // ninjs wants an absolute URI in href; a bundle has only a relative path, so it goes in the title.
    renditions: [{ name: 'original', title: imageHref(image.asset), contentType: mediaTypeOf(image.asset) }],
  }
}

/** A URL as an RFC 3986 URI (characters outside printable ASCII percent-encoded), as ninjs `uri` and `href` need. */
function asUri(url: string): string {
  return url.replace(/[^\x21-\x7e]|["<>\\^`{|}]/gu, (c) => encodeURIComponent(c))
}

/**
 * The body's figures and media cards as ninjs associations, in document order: a figure is a `picture`
 * (`image-N`) with its caption and alt text; a media card is an `audio` or `video` object (`media-N`; a
 * livestream is a video with the livestream genre) whose rendition links the media (with its content type
 * when the URL names a media file, and HLS as the transport of an .m3u8 stream).
 */
export function bodyAssociations(
  article: Pick<Article, 'body' | 'language'>,
  imageHref: (asset: string) => string,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  let images = 0
  let media = 0
  eachNode(article.body, (node) => {
    if (node.type === 'image') {
      const asset = assetNameOf(node.attrs?.src)
      if (!asset) return
      images += 1
      const image = { asset, alt: attrString(node, 'alt'), caption: attrString(node, 'caption') }
      out.push({ ...pictureAssociation(`image-${images}`, image, imageHref), rel: 'embedded' })
    } else if (node.type === 'mediaEmbed') {
      const url = attrString(node, 'url')
      if (url === '') return
      media += 1
      const kind = mediaKindOf(node)
      const contentType = mediaFileType(url)
      out.push({
        name: `media-${media}`,
        rel: 'embedded',
        uri: asUri(url),
        type: kind === 'audio' ? 'audio' : 'video',
        headlines: [{ role: 'main', contentType: 'text/plain', value: mediaKindLabel(kind, article.language) }],
        ...(kind === 'livestream' ? { genres: [{ name: 'Livestream', literal: 'livestream' }] } : {}),
        renditions: [
          {
            name: kind === 'livestream' ? 'stream' : 'original',
            href: asUri(url),
            ...(contentType ? { contentType } : {}),
            ...(contentType === 'application/vnd.apple.mpegurl' ? { transportProtocol: 'HLS' } : {}),
          },
        ],
      })
    }
  })
  return out
}

/** IANA media type of an asset file name by its extension. */
export function mediaTypeOf(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
    avif: 'image/avif',
    svg: 'image/svg+xml',
  }
  return types[ext] ?? 'application/octet-stream'
}
