import { randomUUID } from 'node:crypto'
import {
  ARTICLE_SCHEMA_VERSION,
  safeParseArticle,
  type Article,
  type ArticleHead,
  type TiptapDoc,
} from '../../../../shared/article/schema'
import { resolveInside } from '../../../../shared/bundle/file-names'
import { lineOfKey, mapFrontMatter, splitFrontMatter } from '../../../../shared/bundle/front-matter'
import {
  articleAssets,
  assetNameOf,
  normalizeImages,
  ParseOverBudget,
  type MarkdownCodec,
} from '../../../../shared/bundle/markdown-codec'
import {
  docDepth,
  lineNesting,
  MARKDOWN_LIMITS,
  markdownBodyProblem,
  MAX_DOC_DEPTH,
  type OpenContainer,
} from '../../../../shared/bundle/input-limits'
import { contentHash, serializeArticle, strictUtf8 } from '../library'

/** File names an import reads as Markdown articles. */
export const MARKDOWN_EXT = /\.(md|markdown|mdown|mkd)$/i
/** File names an import takes as images. */
export const IMAGE_EXT = /\.(png|jpe?g|gif|webp|avif|svg)$/i

/** Field of the article schema -> the front matter key a user would look for. */
const FIELD_TO_KEY: Record<string, string> = { headline: 'title', standfirst: 'summary', publishAt: 'date' }

/** A problem with one import item, for the dry-run report (plain data: it crosses worker threads). */
export interface ItemProblemData {
  message: string
  line?: number
  field?: string
}

/** Raised for a single item that cannot be imported; becomes an "invalid" row of the report. */
export class ItemProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(message)
  }

  /** The report's form of this problem. */
  toData(): ItemProblemData {
    return {
      message: this.message,
      ...(this.line ? { line: this.line } : {}),
      ...(this.field ? { field: this.field } : {}),
    }
  }
}

/** An article without its body: what the dry run, the apply and the library's index need of it. */
export type { ArticleHead }

/**
 * A validated import item as it will be stored: the bytes of its article file and their sha256 (made where it
 * was validated, so an import never serialises or hashes twice, and a worker does both in parallel), its head
 * and the assets it refers to. Plain data, so a worker thread can hand it over without cloning an article's body.
 */
export interface StoredItem {
  head: ArticleHead
  stored: Uint8Array
  /** sha256 of `stored`: the library's baseline for the file once written. */
  hash: string
  assets: string[]
}

/** The stored form of a validated article. */
export function storedItem(article: Article): StoredItem {
  const { body: _body, ...head } = article
  // Its own exactly-sized buffer (never a slice of Node's shared pool), so it can be transferred between threads.
  const stored = new TextEncoder().encode(serializeArticle(article))
  return { head, stored, hash: contentHash(stored), assets: articleAssets(article) }
}

/** Validates a candidate article with the article schema; a failure names the field (and line when known). */
export function validated(
  candidate: unknown,
  where: (field: string) => string,
  lineOf?: (field: string) => number,
): Article {
  const parsed = safeParseArticle(candidate)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue?.path.map(String).join('.') || '(root)'
  const top = String(issue?.path[0] ?? '')
  // The field is named once (the report shows it before the message), with a line only where it exists.
  throw new ItemProblem(issue?.message ?? 'invalid', lineOf?.(top) || undefined, where(field))
}

/** The dry-run warning for images that were kept as text because they are not in the source (or not images). */
export function unresolvedWarning(sources: string[]): string {
  const shown = sources.slice(0, 3).map((src) => JSON.stringify(src.length > 80 ? `${src.slice(0, 80)}…` : src))
  const more = sources.length > 3 ? ` and ${sources.length - 3} more` : ''
  return `${sources.length === 1 ? 'an image was' : `${sources.length} images were`} kept as text, not found in the source: ${shown.join(', ')}${more}`
}

/**
 * Maps one Markdown file (Newsdesk bundle, Hugo, Jekyll, Decap) to a validated article. `imageAt` gives the
 * workspace asset name of an image file of the source at a source-relative path (null when there is none);
 * the paths it resolved are added to `usedImages`. Raises `ItemProblem` for content that cannot be imported,
 * and for a file that takes longer than `maxItemMs` to read (enforced while the parser runs).
 */
export function markdownToArticle(
  codec: MarkdownCodec,
  path: string,
  bytes: Uint8Array,
  now: string,
  imageAt: (path: string) => string | null,
  warnings: string[],
  usedImages: Set<string>,
  maxItemMs: number = MARKDOWN_LIMITS.maxItemMs,
): Article {
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    throw new ItemProblem('the file is not valid UTF-8')
  }
  const started = Date.now()
  const split = splitFrontMatter(text)
  if (!split.ok) throw new ItemProblem(split.message, split.line)
  // The parser is fast only within these limits: checked on the raw text first (linear), so one hostile
  // file fails as an item instead of holding the import (and the workspace lock) or exhausting the stack.
  const tooMuch = markdownBodyProblem(split.body, split.bodyLine)
  if (tooMuch) throw new ItemProblem(tooMuch.message, tooMuch.line)
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
  const stem = path.slice(path.lastIndexOf('/') + 1).replace(MARKDOWN_EXT, '')
  if (split.format === 'none') {
    // No front matter: a draft, headlined by its first heading (taken out of the body) or else its file name.
    const plain = plainMarkdownDefaults(split.body, stem)
    split.data = plain.data
    split.body = plain.body
    warnings.push(plain.warning)
  }
  const mapped = mapFrontMatter(split.data, { fileStem: stem, now })
  if (!mapped.ok) {
    throw new ItemProblem(
      mapped.problem.message,
      lineOfKey(split.raw, mapped.problem.field) || undefined,
      mapped.problem.field,
    )
  }
  const importImage = (src: string): string | null => {
    const inside = resolveInside(dir, src)
    const name = inside !== null && IMAGE_EXT.test(inside) ? imageAt(inside) : null
    if (name !== null && inside !== null) {
      usedImages.add(inside)
      return name
    }
    return assetNameOf(src)
  }
  // The time limit is enforced inside the parser's loops (a file the guards above did not foresee is stopped
  // mid-parse, not after holding the import for as long as it takes), and checked once more after mapping.
  let parsed: ReturnType<MarkdownCodec['parse']>
  try {
    parsed = codec.parse(split.body, { deadline: started + maxItemMs })
  } catch (error) {
    if (!(error instanceof ParseOverBudget)) throw error
    throw new ItemProblem(
      `took longer than the limit of ${maxItemMs / 1000} s to read (stopped while reading this line)`,
      error.offset === null ? split.bodyLine : lineAt(split.body, error.offset, split.bodyLine),
    )
  }
  const depth = docDepth(parsed.doc)
  if (depth > MAX_DOC_DEPTH)
    throw new ItemProblem(
      `blocks nested ${depth} deep (lists count two: list and item), over the limit of ${MAX_DOC_DEPTH} that every export can write`,
      deepestLine(split.body, split.bodyLine),
    )
  if (Date.now() - started > maxItemMs)
    throw new ItemProblem(`took longer than the limit of ${maxItemMs / 1000} s to read`)
  if (parsed.flattenedTables > 0) {
    warnings.push(
      `${parsed.flattenedTables === 1 ? 'a table was' : `${parsed.flattenedTables} tables were`} kept as paragraphs (one per row, cells separated by " | "): the editor has no tables`,
    )
  }
  if (parsed.flattenedCode > 0) {
    warnings.push(
      `${parsed.flattenedCode === 1 ? 'a code block was' : `${parsed.flattenedCode} code blocks were`} kept as paragraphs (lines joined by line breaks): the editor has no code blocks`,
    )
  }
  const images = normalizeImages(parsed.doc, importImage)
  if (images.unresolved.length > 0) warnings.push(unresolvedWarning(images.unresolved))
  const body: TiptapDoc = images.doc
  const fields = mapped.fields
  const featured = split.data.featuredImage
  let featuredImage = null
  if (featured && typeof featured === 'object' && !Array.isArray(featured)) {
    const f = featured as Record<string, unknown>
    const asset = typeof f.src === 'string' ? importImage(f.src) : null
    if (!asset)
      throw new ItemProblem(
        'featuredImage.src does not point to an image in the bundle',
        lineOfKey(split.raw, 'featuredImage') || undefined,
        'featuredImage',
      )
    featuredImage = {
      asset,
      alt: typeof f.alt === 'string' ? f.alt : '',
      caption: typeof f.caption === 'string' ? f.caption : '',
    }
  }
  const candidate = {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: fields.id ?? randomUUID(),
    revision: fields.revision ?? 1,
    ...fields,
    featuredImage,
    body,
  }
  return validated(
    candidate,
    (field) => field,
    (field) => lineOfKey(split.raw, field) || lineOfKey(split.raw, FIELD_TO_KEY[field] ?? field),
  )
}

/** Line (in the file) of `offset` in the body, whose first line is `firstLine`. */
function lineAt(body: string, offset: number, firstLine: number): number {
  let line = firstLine
  for (let i = body.indexOf('\n'); i >= 0 && i < offset; i = body.indexOf('\n', i + 1)) line += 1
  return line
}

/** Line (in the file) of the body line nested deepest (as the pre-parse guard counts), for a nesting refusal. */
function deepestLine(body: string, firstLine: number): number {
  let best = 0
  let bestLine = firstLine
  const open: OpenContainer[] = []
  body.split('\n').forEach((line, i) => {
    const { nesting } = lineNesting(line, open)
    if (nesting > best) {
      best = nesting
      bestLine = firstLine + i
    }
  })
  return bestLine
}

/**
 * What a Markdown file without front matter comes in as: a draft (never Published), its headline the first
 * "# " heading (removed from the body) or else the file name, and the dry run's note saying so.
 */
export function plainMarkdownDefaults(
  body: string,
  stem: string,
): { data: Record<string, unknown>; body: string; warning: string } {
  const heading = /^[ \t]*(?:\r?\n)*[ \t]*#{1,2}[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(body)
  if (heading?.[1]) {
    const title = heading[1].trim()
    return {
      data: { title, status: 'draft' },
      body: body.slice(heading.index + heading[0].length),
      warning: `no front matter: imported as a draft, headline "${title}" from its first heading`,
    }
  }
  const title = stem.replace(/[-_]+/g, ' ').trim()
  return {
    data: { title, status: 'draft' },
    body,
    warning: `no front matter: imported as a draft, headline "${title}" from the file name`,
  }
}
