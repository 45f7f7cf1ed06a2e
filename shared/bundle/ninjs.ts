import type { Article } from '../article/schema'
import { wordCount } from './markdown-codec'

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
  if (article.featuredImage) {
    const image = article.featuredImage
    ninjs.associations = [
      {
        name: 'featureimage',
        uri: `urn:newsdesk:asset:${image.asset}`,
        type: 'picture',
        ...(image.caption !== ''
          ? { descriptions: [{ role: 'caption', contentType: 'text/plain', value: image.caption }] }
          : {}),
        ...(image.alt !== '' ? { headlines: [{ role: 'alt', contentType: 'text/plain', value: image.alt }] } : {}),
        // ninjs wants an absolute URI in href; a bundle has only a relative path, so it goes in the title.
        renditions: [{ name: 'original', title: imageHref(image.asset), contentType: mediaTypeOf(image.asset) }],
      },
    ]
  }
  return ninjs
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
