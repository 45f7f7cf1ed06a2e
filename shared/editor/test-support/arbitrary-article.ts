// Test support only (never imported by production code): fast-check generators of articles built from the one
// editor schema, for the fidelity property test (unit suite) and `npm run stress` (scripts/stress/fidelity.ts).
import fc from 'fast-check'
import {
  ARTICLE_SCHEMA_VERSION,
  articleKinds,
  articleStatuses,
  type Article,
  type TiptapDoc,
  type TiptapNode,
} from '../../article/schema'
import { editorMarks, editorNodes } from '../schema'
import { mediaKinds, type StoredMark } from '../types'

/** Characters a word is made of: Latin, accents, CJK, Arabic, emoji, typographic marks and all of Markdown's punctuation. */
const CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'éñüçøßÅŁžĞ',
  ...'漢字新聞記者',
  ...'مرحبا',
  'Ω',
  '€',
  '👩🏽‍💻',
  '🎙️',
  '“',
  '”',
  '’',
  '—',
  '…',
  ...'*_~`[]()#+-.!<>&|\\"\':;,?/=^{}%$@',
]

/** A word: one to eight characters of the pool, never whitespace. */
export const wordArb = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 8 })

/** Text: one to six words joined by single spaces (no leading or trailing space, as a text run in a sentence). */
export const textArb = fc.array(wordArb, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '))

/** A single line of text (alt text, captions, headlines). */
export const lineArb = textArb

const hrefArb = fc.constantFrom(
  'https://example.org/report',
  'https://news.example.com/2026/11/council-vote?page=2&lang=es',
  'http://archive.example.net/a_b/c-d',
  'mailto:desk@example.org',
  'https://example.org/search?q=r%C3%ADo#results',
)

const mediaUrlArb = fc.constantFrom(
  'https://media.example.org/briefing-12.mp3',
  'https://cdn.example.com/pod/episode_3.m4a',
  'https://video.example.org/clips/bridge.mp4',
  'https://www.youtube.com/watch?v=abc123',
  'https://www.twitch.tv/council',
  'https://live.example.tv/live/index.m3u8',
  'https://example.org/live/',
)

const assetArb = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
    fc.constantFrom('png', 'jpg', 'webp', 'gif'),
  )
  .map(([hash, ext]) => `${hash}.${ext}`)

type MarkName = (typeof editorMarks)[number]['name']

/** Mark sets a run may carry: none, any of bold/italic/strike/link together, or code alone (it excludes others). */
const markSetArb: fc.Arbitrary<StoredMark[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<StoredMark[]>([]) },
  { weight: 1, arbitrary: fc.constant<StoredMark[]>([{ type: 'code' }]) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        bold: fc.boolean(),
        italic: fc.boolean(),
        strike: fc.boolean(),
        link: fc.option(hrefArb, { nil: undefined }),
      })
      .map((m) => {
        const marks: StoredMark[] = []
        if (m.link) marks.push({ type: 'link', attrs: { href: m.link } })
        if (m.bold) marks.push({ type: 'bold' })
        if (m.italic) marks.push({ type: 'italic' })
        if (m.strike) marks.push({ type: 'strike' })
        return marks
      }),
  },
)

/** Inline content: marked runs separated by plain spaces or hard breaks (never a break at either end). */
function inlineArb(breaks: boolean): fc.Arbitrary<TiptapNode[]> {
  // Code runs hold anything too: backticks, a backslash at the end or before an emoji (issue #16).
  const runArb = fc.record({ text: textArb, marks: markSetArb }).map(({ text, marks }) => {
    const node: TiptapNode = { type: 'text', text }
    if (marks.length > 0) node.marks = marks
    return node
  })
  const separator = breaks
    ? fc.oneof({ weight: 4, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: fc.constant('\n') })
    : fc.constant(' ')
  return fc.array(fc.tuple(runArb, separator), { minLength: 1, maxLength: 5 }).map((pairs) => {
    const nodes: TiptapNode[] = []
    pairs.forEach(([run, sep], i) => {
      if (i > 0) {
        if (sep === '\n') nodes.push({ type: 'hardBreak' })
        else nodes.push({ type: 'text', text: ' ' })
      }
      nodes.push(run)
    })
    return nodes
  })
}

const paragraphArb = inlineArb(true).map((content): TiptapNode => ({ type: 'paragraph', content }))
const headingArb = fc
  .tuple(fc.constantFrom(2, 3, 4), inlineArb(false))
  .map(([level, content]): TiptapNode => ({ type: 'heading', attrs: { level }, content }))
const figureArb = fc
  .record({ asset: assetArb, alt: fc.oneof(fc.constant(''), lineArb), caption: fc.oneof(fc.constant(''), lineArb) })
  .map(({ asset, alt, caption }): TiptapNode => ({ type: 'image', attrs: { src: `assets/${asset}`, alt, caption } }))
const mediaArb = fc
  .record({ url: mediaUrlArb, kind: fc.constantFrom(...mediaKinds) })
  .map((attrs): TiptapNode => ({ type: 'mediaEmbed', attrs }))
const ruleArb = fc.constant<TiptapNode>({ type: 'horizontalRule' })

/** Blocks at a nesting depth: lists and quotes nest up to `depth` levels. */
function blockArb(depth: number): fc.Arbitrary<TiptapNode> {
  const leaves = [paragraphArb, headingArb, figureArb, mediaArb, ruleArb]
  if (depth <= 0) return fc.oneof(...leaves)
  const inner = blockArb(depth - 1)
  const itemArb = fc
    .tuple(paragraphArb, fc.array(inner, { maxLength: 2 }))
    .map(([first, rest]): TiptapNode => ({ type: 'listItem', content: [first, ...rest] }))
  const bullet = fc
    .array(itemArb, { minLength: 1, maxLength: 3 })
    .map((content): TiptapNode => ({ type: 'bulletList', content }))
  const ordered = fc
    .tuple(fc.integer({ min: 1, max: 1000 }), fc.array(itemArb, { minLength: 1, maxLength: 3 }))
    .map(([start, content]): TiptapNode => ({ type: 'orderedList', attrs: { start, type: null }, content }))
  // A quote opens with a paragraph (a quote opening with a rule or heading reads the same; kept simple).
  const quote = fc
    .tuple(paragraphArb, fc.array(inner, { maxLength: 2 }))
    .map(([first, rest]): TiptapNode => ({ type: 'blockquote', content: [first, ...rest] }))
  return fc.oneof(
    { weight: 5, arbitrary: fc.oneof(...leaves) },
    { weight: 1, arbitrary: fc.oneof(bullet, ordered, quote) },
  )
}

/** A block id as the editor makes them: 12 hex digits (longer than any generated word, so never in the text). */
const blockIdArb = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 12, maxLength: 12 })

/**
 * A body of one to eight blocks, lists and quotes nested up to three levels; most with a block id on every
 * top-level block as the editor saves them, some without as an import or the CLI writes them.
 */
export const bodyArb: fc.Arbitrary<TiptapDoc> = fc
  .tuple(
    fc.array(blockArb(3), { minLength: 1, maxLength: 8 }),
    fc.option(fc.uniqueArray(blockIdArb, { minLength: 8, maxLength: 8 }), { nil: null, freq: 4 }),
  )
  .map(([content, ids]) => ({
    type: 'doc',
    content: ids ? content.map((block, i) => ({ ...block, attrs: { ...block.attrs, id: ids[i] } })) : content,
  }))

/** The node and mark names the generator can produce; a test holds them to the shared schema's. */
export const GENERATED_NODES: readonly string[] = [
  'doc',
  'paragraph',
  'text',
  'heading',
  'blockquote',
  'bulletList',
  'orderedList',
  'listItem',
  'hardBreak',
  'horizontalRule',
  'image',
  'mediaEmbed',
]
/** The mark names the generator can produce. */
export const GENERATED_MARKS: readonly MarkName[] = ['bold', 'italic', 'strike', 'code', 'link']

const isoArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString())
const slugArb = fc
  .array(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 8 }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join('-'))
const uuidArb = fc.uuid({ version: 4 })

/** An article with every metadata field (Unicode text, optional dates and featured image) and a generated body. */
export const articleArb: fc.Arbitrary<Article> = fc
  .record({
    id: uuidArb,
    slug: slugArb,
    headline: lineArb,
    standfirst: fc.oneof(fc.constant(''), textArb),
    body: bodyArb,
    kind: fc.constantFrom(...articleKinds),
    tags: fc.uniqueArray(wordArb, { maxLength: 4 }),
    byline: fc.oneof(fc.constant(''), lineArb),
    dateline: fc.oneof(fc.constant(''), lineArb),
    language: fc.constantFrom('en', 'es', 'en-GB', 'es-MX'),
    status: fc.constantFrom(...articleStatuses),
    publishAt: fc.option(isoArb, { nil: null }),
    embargoUntil: fc.option(isoArb, { nil: null }),
    editorsNote: fc.oneof(fc.constant(''), textArb),
    featuredImage: fc.option(
      fc.record({ asset: assetArb, alt: lineArb, caption: fc.oneof(fc.constant(''), lineArb) }),
      { nil: null },
    ),
    createdAt: isoArb,
    updatedAt: isoArb,
    revision: fc.integer({ min: 1, max: 10_000 }),
  })
  .map((fields) => ({ schemaVersion: ARTICLE_SCHEMA_VERSION, ...fields }))

/** The shared schema's node names, for the coverage check. */
export const SCHEMA_NODES = editorNodes.map((n) => n.name)
/** The shared schema's mark names, for the coverage check. */
export const SCHEMA_MARKS = editorMarks.map((m) => m.name)
