import {
  articleFrontMatter,
  composeMarkdownFile,
  type FrontMatterOptions,
} from '../../../../shared/bundle/front-matter'
import {
  articleAssets,
  assetNameOf,
  mapImageSources,
  type MarkdownCodec,
} from '../../../../shared/bundle/markdown-codec'
import type { Article, TiptapDoc } from '../../../../shared/article/schema'

/** Link from an exported article to a workspace asset. */
export const relAsset = (name: string): string => `../assets/${name}`

/** One article of a Markdown export, rendered: its file text and the assets it refers to. */
export interface RenderedArticle {
  text: string
  assets: string[]
}

/** A body as Markdown, its workspace images linked through `href` (other sources are left as they are). */
export function bodyMarkdown(codec: MarkdownCodec, body: TiptapDoc, href: (asset: string) => string): string {
  return codec.toMarkdown(
    mapImageSources(body, (src) => {
      const n = assetNameOf(src)
      return n ? href(n) : src
    }),
  )
}

/** Renders a validated article as a Markdown bundle file (front matter + body), dates and internal keys as `options` say. */
export function renderArticle(codec: MarkdownCodec, a: Article, options: FrontMatterOptions = {}): RenderedArticle {
  const body = bodyMarkdown(codec, a.body, relAsset)
  const text = composeMarkdownFile(articleFrontMatter(a, relAsset, options), body)
  return { text, assets: articleAssets(a) }
}
