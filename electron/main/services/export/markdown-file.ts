import { articleFrontMatter, composeMarkdownFile } from '../../../../shared/bundle/front-matter'
import { assetNameOf, imagesOf, mapImageSources, type MarkdownCodec } from '../../../../shared/bundle/markdown-codec'
import type { Article } from '../../../../shared/article/schema'
import { parseArticleBytes } from '../article-file'

/** Link from an exported article to a workspace asset. */
export const relAsset = (name: string): string => `../assets/${name}`

/** One article of a Markdown export, rendered: its file text and the assets it refers to. */
export type RenderedArticle =
  | { ok: true; id: string; slug: string; headline: string; text: string; assets: string[] }
  | { ok: false; message: string }

/**
 * Validates and renders the bytes of one article file (null: the file is missing) as a Markdown bundle file
 * (front matter + body).
 */
export function renderArticleBytes(codec: MarkdownCodec, bytes: Uint8Array | null, id: string): RenderedArticle {
  if (bytes === null) return { ok: false, message: `article ${id}: ${id}.json does not exist` }
  const read = parseArticleBytes(bytes, `${id}.json`)
  if (!read.ok) return { ok: false, message: `article ${id}: ${read.message}` }
  return renderArticle(codec, read.article)
}

/** Renders a validated article as a Markdown bundle file (front matter + body). */
export function renderArticle(codec: MarkdownCodec, a: Article): RenderedArticle & { ok: true } {
  const assets: string[] = []
  if (a.featuredImage) assets.push(a.featuredImage.asset)
  for (const image of imagesOf(a.body)) {
    const name = assetNameOf(image.src)
    if (name) assets.push(name)
  }
  const body = codec.toMarkdown(
    mapImageSources(a.body, (src) => {
      const n = assetNameOf(src)
      return n ? relAsset(n) : src
    }),
  )
  const text = composeMarkdownFile(articleFrontMatter(a, relAsset), body)
  return { ok: true, id: a.id, slug: a.slug, headline: a.headline, text, assets }
}
