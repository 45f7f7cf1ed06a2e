import type { Article } from '../article/schema'

/** Name of the bundle file inside a JSON export. */
export const JSON_BUNDLE_NAME = 'bundle.json'

/** One article in a JSON bundle with its body renditions (the TipTap JSON in `article.body` is authoritative). */
export interface JsonBundleEntry {
  article: Article
  renditions: { html: string; markdown: string }
}

/** The Newsdesk JSON bundle (`bundle.json`); its JSON Schema is `newsdesk-bundle.schema.json`. */
export interface JsonBundle {
  format: 'newsdesk-bundle'
  version: 1
  generator: string
  articles: JsonBundleEntry[]
  assets: Record<string, { mediaType: string; base64: string }>
}
