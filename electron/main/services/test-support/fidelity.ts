// Test support only: the fidelity check of one article through every export format (unit test and stress).
import { isDeepStrictEqual } from 'node:util'
import { articleSchema, type Article, type TiptapDoc } from '../../../../shared/article/schema'
import { stableStringify } from '../../../../shared/bundle/deterministic-json'
import { assetNameOf, type MarkdownCodec } from '../../../../shared/bundle/markdown-codec'
import { articleToNinjs } from '../../../../shared/bundle/ninjs'
import { escapeXml, feedText, renderRss } from '../../../../shared/bundle/rss'
import {
  attrString,
  blockId,
  eachNode,
  mediaFileType,
  mediaKindLabel,
  plainText,
  renderBodyHtml,
  withoutBlockIds,
} from '../../../../shared/editor'
import { canonicalBody } from '../../../../shared/editor/tiptap'
import { escapeHtml, renderArticlePage, safeHref } from '../../../../shared/render'
import { relAsset, renderArticle } from '../export'
import { markdownToArticle } from '../import'

/** What every reader-facing output must carry of a body. */
export interface BodyFacts {
  texts: string[]
  links: string[]
  captions: string[]
  alts: string[]
  media: { url: string; kind: string }[]
}

/** Collects the text runs, links, captions, alt texts and media URLs of a body. */
export function bodyFacts(doc: TiptapDoc): BodyFacts {
  const facts: BodyFacts = { texts: [], links: [], captions: [], alts: [], media: [] }
  eachNode(doc, (node) => {
    if (node.type === 'text' && (node.text ?? '').trim() !== '') facts.texts.push(node.text as string)
    for (const mark of node.marks ?? []) if (mark.type === 'link') facts.links.push(String(mark.attrs?.href))
    if (node.type === 'image') {
      if (attrString(node, 'caption') !== '') facts.captions.push(attrString(node, 'caption'))
      if (attrString(node, 'alt') !== '') facts.alts.push(attrString(node, 'alt'))
    }
    if (node.type === 'mediaEmbed') facts.media.push({ url: attrString(node, 'url'), kind: attrString(node, 'kind') })
  })
  return facts
}

/** An article as the editor holds it (body read through the schema) as plain JSON data, for comparisons. */
function canonical(article: Article): Article {
  return JSON.parse(JSON.stringify({ ...article, body: canonicalBody(article.body) })) as Article
}

/** Where two values first differ, in words (for a readable failure). */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return ''
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      )
      if (d) return d
    }
  }
  return `${path || '(root)'}: ${JSON.stringify(a)} became ${JSON.stringify(b)}`
}

/** The checks one output must pass: each missing piece is one problem. */
function missing(format: string, output: string, facts: BodyFacts, encode: (s: string) => string): string[] {
  const problems: string[] = []
  const need = (what: string, value: string) => {
    if (!output.includes(encode(value))) problems.push(`${format} lacks the ${what} ${JSON.stringify(value)}`)
  }
  facts.texts.forEach((t) => need('text run', t))
  facts.links.forEach((href) => need('link', safeHref(href) ?? href))
  facts.captions.forEach((c) => need('caption', c))
  facts.alts.forEach((a) => need('alt text', a))
  facts.media.forEach((m) => need('media URL', m.url))
  return problems
}

/**
 * Sends one article through every format and returns what went wrong (empty when faithful): Markdown (written as
 * the export writes it, read back by the importer) and JSON re-import to the same article; HTML, RSS and ninjs
 * carry every text run, link, caption, alt text and media URL. `ninjsValid` validates a ninjs object.
 */
export function fidelityProblems(
  article: Article,
  codec: MarkdownCodec,
  ninjsValid: (doc: unknown) => string | null,
): string[] {
  const problems: string[] = []
  const want = canonical(article)
  const facts = bodyFacts(article.body)
  // Block ids are merge bookkeeping: JSON keeps them, no reader-facing format carries them (README's matrix).
  const ids = (article.body.content ?? []).map(blockId).filter((id): id is string => id !== null)
  const leaks = (format: string, output: string) => {
    if (output.includes('data-block-id')) problems.push(`${format} carries a block id attribute`)
    for (const id of ids) if (output.includes(id)) problems.push(`${format} carries the block id ${id}`)
  }

  // Markdown, as the export writes it and the import reads it.
  const markdown = renderArticle(codec, article).text
  const warnings: string[] = []
  try {
    const back = markdownToArticle(
      codec,
      'articles/article.md',
      new TextEncoder().encode(markdown),
      article.createdAt,
      (path) => assetNameOf(path),
      warnings,
      new Set(),
    )
    const diff = firstDifference(canonical({ ...want, body: withoutBlockIds(want.body) }), canonical(back))
    if (diff) problems.push(`Markdown re-import differs at ${diff}\n--- Markdown ---\n${markdown}`)
    if (warnings.length > 0) problems.push(`Markdown re-import warned: ${warnings.join('; ')}`)
  } catch (error) {
    problems.push(`Markdown re-import failed: ${(error as Error).message}\n--- Markdown ---\n${markdown}`)
  }
  leaks('Markdown', markdown)

  // JSON (the bundle's form of an article).
  const json = articleSchema.safeParse(JSON.parse(stableStringify(article)))
  if (!json.success) problems.push(`JSON re-import failed: ${json.error.message}`)
  else {
    const diff = firstDifference(want, canonical(json.data))
    if (diff) problems.push(`JSON re-import differs at ${diff}`)
  }

  // HTML article page.
  const resolveImage = (src: string) => {
    const n = assetNameOf(src)
    return n ? relAsset(n) : null
  }
  const page = renderArticlePage(
    article,
    { name: 'Fidelity', timeZone: 'UTC' },
    { resolveImage, now: new Date('2026-11-24T12:00:00Z') },
  )
  problems.push(...missing('HTML', page, facts, escapeHtml))
  leaks('HTML', page)
  if (article.headline.trim() !== '' && !page.includes(escapeHtml(article.headline)))
    problems.push('HTML lacks the headline')
  if (/<(iframe|audio|video|object|embed)\b/i.test(page)) problems.push('HTML embeds remote media')

  // RSS item.
  const bodyHtml = renderBodyHtml(article.body, {
    resolveImage: (src) => (assetNameOf(src) ? `https://example.org/assets/${assetNameOf(src)}` : null),
    kindLabel: (kind) => mediaKindLabel(kind, article.language),
  })
  const rss = renderRss(
    { title: 'Fidelity', link: 'https://example.org/', description: 'Fidelity' },
    [article],
    () => 'https://example.org/articles/a.html',
    'UTC',
    { bodyHtml: () => bodyHtml },
  )
  problems.push(...missing('RSS', rss, facts, (s) => escapeXml(escapeHtml(s))))
  leaks('RSS', rss)
  // Feed titles carry no markup (feedText), so the headline is compared as the feed writes it.
  if (!rss.includes(`<title>${escapeXml(feedText(article.headline))}</title>`)) problems.push('RSS lacks the headline')
  const firstFile = facts.media.find((m) => mediaFileType(m.url))
  if (firstFile && !rss.includes(`<enclosure url="${escapeXml(firstFile.url)}"`))
    problems.push(`RSS lacks the enclosure of ${firstFile.url}`)

  // ninjs.
  const ninjs = articleToNinjs(article, { html: bodyHtml, text: plainText(article.body) }, relAsset)
  const invalid = ninjsValid(ninjs)
  if (invalid) problems.push(`ninjs is not valid 3.1: ${invalid}`)
  leaks('ninjs', JSON.stringify(ninjs))
  const ninjsHtml = String((ninjs.bodies as { value?: unknown }[] | undefined)?.[0]?.value ?? '')
  problems.push(...missing('ninjs', ninjsHtml, facts, escapeHtml))
  const associations = (ninjs.associations ?? []) as { uri?: string; type?: string }[]
  for (const m of facts.media) {
    if (!associations.some((a) => a.uri === m.url && a.type === (m.kind === 'audio' ? 'audio' : 'video')))
      problems.push(`ninjs has no ${m.kind} association for ${m.url}`)
  }
  return problems
}
