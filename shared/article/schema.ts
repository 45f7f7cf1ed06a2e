import { z } from 'zod'

/** Current on-disk version of an article file; bump it and add a step to `migrations.ts` when the shape changes. */
export const ARTICLE_SCHEMA_VERSION = 1

/** The four kinds of item a newsroom publishes; drives the listing badge and the ninjs type. */
export const articleKinds = ['article', 'audio', 'video', 'livestream'] as const
/** Editorial workflow states, in order. */
export const articleStatuses = ['draft', 'review', 'ready', 'published'] as const

export const articleKindSchema = z.enum(articleKinds)
export const articleStatusSchema = z.enum(articleStatuses)

/** A URL-safe, workspace-unique article handle ("mayor-opens-bridge"). */
export const slugSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lowercase letters, digits and single hyphens')

/** A BCP 47 language tag such as "en", "es" or "en-GB" (shape check, not a registry lookup). */
export const languageSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'language must be a BCP 47 tag such as "en" or "es-MX"')

/** ISO 8601 date-time with a zone, as stored on disk and sent over IPC. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true })

/** A TipTap/ProseMirror JSON node; structure is validated by the editor schema, not here. */
export interface TiptapNode {
  type: string
  attrs?: Record<string, unknown>
  content?: TiptapNode[]
  marks?: { type: string; attrs?: Record<string, unknown> }[]
  text?: string
}

// `schemaShapedDoc` below is this shape's hand-written fast path for reading files; a change here must be made
// there too, and schema.test.ts holds the two to the same results.
export const tiptapNodeSchema: z.ZodType<TiptapNode> = z.lazy(() =>
  z
    .object({
      type: z.string().min(1),
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(tiptapNodeSchema).optional(),
      marks: z
        .array(z.object({ type: z.string().min(1), attrs: z.record(z.string(), z.unknown()).optional() }))
        .optional(),
      text: z.string().optional(),
    })
    .loose(),
)

/** The article body: a TipTap document. */
export const tiptapDocSchema = z
  .object({ type: z.literal('doc'), content: z.array(tiptapNodeSchema).optional() })
  .loose()
export type TiptapDoc = z.infer<typeof tiptapDocSchema>

/** The source of an asset name: a workspace asset file is named by its content's sha256 and its extension. */
export const ASSET_NAME_SOURCE = '[a-f0-9]{64}\\.[a-z0-9]{1,5}'

/** A whole asset file name (`<sha256>.<ext>`), as it stands in assets/. */
export const ASSET_NAME_RE = new RegExp(`^${ASSET_NAME_SOURCE}$`)

/** The lead image of an article: an asset in the workspace plus its accessible text. */
export const featuredImageSchema = z.object({
  asset: z.string().regex(ASSET_NAME_RE, 'asset must be a content-hash file name in assets/'),
  alt: z.string().max(1000),
  caption: z.string().max(2000),
})
export type FeaturedImage = z.infer<typeof featuredImageSchema>

/** An editor as the review fields name one: "Name <email>", or just an email or a name. */
export const editorRefSchema = z.string().trim().min(1).max(320)

/** The editable fields of an article: what the editor form and the save call carry. */
export const articleFieldsSchema = z.object({
  slug: slugSchema,
  headline: z.string().max(1000),
  standfirst: z.string().max(5000),
  body: tiptapDocSchema,
  kind: articleKindSchema,
  tags: z.array(z.string().trim().min(1).max(100)).max(50),
  byline: z.string().max(300),
  dateline: z.string().max(300),
  language: languageSchema,
  status: articleStatusSchema,
  publishAt: isoDateTimeSchema.nullable(),
  embargoUntil: isoDateTimeSchema.nullable(),
  editorsNote: z.string().max(5000),
  featuredImage: featuredImageSchema.nullable(),
  /** Review flow (kept in the file, so it works with any remote): who works on it, who reviews it, by when. */
  assignee: editorRefSchema.nullable().optional(),
  reviewer: editorRefSchema.nullable().optional(),
  dueAt: isoDateTimeSchema.nullable().optional(),
})
export type ArticleFields = z.infer<typeof articleFieldsSchema>

/**
 * What a three-way merge (git sync) could not settle for one field: the common original and both sides'
 * values, kept so nothing is lost and the editor can choose. `field` names an article field ("headline"), a
 * body part ("body", "body.block:<id>", "body.order") or "deleted" (one side deleted the file, the other
 * edited it). A value of `null` on a side of "deleted" means that side deleted it.
 */
export const fieldConflictSchema = z
  .object({
    field: z.string().min(1).max(300),
    base: z.unknown(),
    ours: z.unknown(),
    theirs: z.unknown(),
    /** When the merge found it. */
    at: isoDateTimeSchema,
    /**
     * Who wrote each side, as an editor reference ("Ana Ruiz <ana@x.org>"): `ours` is the editor whose
     * computer did the merge, `theirs` the author of the incoming side. Absent in records written before
     * authors were recorded (and when git could not tell); the conflict view then names the sides by computer.
     */
    oursBy: editorRefSchema.optional(),
    theirsBy: editorRefSchema.optional(),
  })
  .strict()
export type FieldConflict = z.infer<typeof fieldConflictSchema>

/** Who wrote each side of a merge, stamped on the conflict records it finds (see `fieldConflictSchema`). */
export type ConflictSides = Pick<FieldConflict, 'oursBy' | 'theirsBy'>

/** An article file as stored at `articles/<id>.json`. Unknown keys are kept (`loose`), never dropped. */
export const articleSchema = articleFieldsSchema
  .extend({
    schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION),
    id: z.uuid(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    revision: z.number().int().min(1),
    /** Unsettled merge results (git sync); absent or empty when the article is not conflicted. */
    conflicts: z.array(fieldConflictSchema).max(1000).optional(),
  })
  .loose()
export type Article = z.infer<typeof articleSchema>

/** `articleSchema` with the body left to `schemaShapedDoc` (which has checked it and made zod's copy). */
const articleWithCheckedBodySchema = articleSchema.extend({ body: z.unknown() })

/** How `safeParseArticle` hands back the body. */
export interface ArticleParseOptions {
  /**
   * The caller drops the body (a folder scan keeps only the summary): a valid body is checked, not copied, and
   * comes back as given (its key order and unknown mark keys as in the file, not as zod would return them).
   */
  bodyUnused?: boolean
}

/**
 * Validates an article as `articleSchema.safeParse` does, with the same result (data, key order, issues),
 * for plain data (what `JSON.parse` or a codec makes; anything else, or an undefined value, goes to zod). zod's walk of a large body was most of the CPU of reading an article
 * file; a body `schemaShapedDoc` can vouch for is checked and copied by hand, any other goes to zod.
 */
export function safeParseArticle(
  value: unknown,
  options: ArticleParseOptions = {},
): ReturnType<typeof articleSchema.safeParse> {
  const copy = options.bodyUnused !== true
  const body = isPlainObject(value) ? shapedDoc(value.body, copy) : null
  if (!body) return articleSchema.safeParse(value)
  const parsed = articleWithCheckedBodySchema.safeParse(value) as ReturnType<typeof articleSchema.safeParse>
  // Same key, same place in the object zod made: only the value changes (to the copy zod would have made).
  if (parsed.success) parsed.data.body = body
  return parsed
}

/** Deepest body `schemaShapedDoc` walks; deeper ones are left to zod (and its errors). */
const SHAPED_DOC_MAX_DEPTH = 200

const DOC_KEYS = ['type', 'content'] as const
const NODE_KEYS = ['type', 'attrs', 'content', 'marks', 'text'] as const
const MARK_KEYS = ['type', 'attrs'] as const

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return Object.getPrototypeOf(value) === Object.prototype
}

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key)

// The walk below checks a body against tiptapDocSchema and, when `copy`, builds the copy zod would return;
// without `copy` it returns the checked value itself. Null always means "ask zod".

/** zod's copy of a `z.record(z.string(), z.unknown())`, or null when zod might differ (an own `__proto__`). */
function recordCopy(value: unknown, copy: boolean): Record<string, unknown> | null {
  if (!isPlainObject(value) || hasOwn(value, '__proto__')) return null
  for (const key in value) if (value[key] === undefined) return null
  return copy ? { ...value } : value
}

/**
 * zod's copy of an object of `known` keys (each checked by `known`'s function) and, when `loose`, the other
 * keys after them in input order; null when zod might differ or refuse (an own `__proto__`, a bad value).
 */
function objectCopy(
  value: Record<string, unknown>,
  known: readonly string[],
  copyKnown: (key: string, v: unknown) => unknown,
  loose: boolean,
  copy: boolean,
): Record<string, unknown> | null {
  if (hasOwn(value, '__proto__')) return null
  const out: Record<string, unknown> = copy ? {} : value
  for (const key of known) {
    if (!hasOwn(value, key)) continue
    const v = copyKnown(key, value[key])
    if (v === null) return null
    if (copy) out[key] = v
  }
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue
    // An unknown key holding undefined (never in JSON): left to zod rather than reasoned about.
    if (value[key] === undefined) return null
    if (copy && loose) out[key] = value[key]
  }
  return out
}

function nodeCopy(value: unknown, depth: number, copy: boolean): Record<string, unknown> | null {
  if (depth > SHAPED_DOC_MAX_DEPTH || !isPlainObject(value)) return null
  if (typeof value.type !== 'string' || value.type.length === 0) return null
  return objectCopy(
    value,
    NODE_KEYS,
    (key, v) => {
      if (key === 'type' || key === 'text') return typeof v === 'string' ? v : null
      if (key === 'attrs') return recordCopy(v, copy)
      if (key === 'content') return listCopy(v, (n) => nodeCopy(n, depth + 1, copy), copy)
      return listCopy(v, (m) => markCopy(m, copy), copy)
    },
    true,
    copy,
  )
}

function markCopy(value: unknown, copy: boolean): Record<string, unknown> | null {
  if (!isPlainObject(value) || typeof value.type !== 'string' || value.type.length === 0) return null
  return objectCopy(value, MARK_KEYS, (key, v) => (key === 'type' ? v : recordCopy(v, copy)), false, copy)
}

function listCopy(
  value: unknown,
  item: (item: unknown) => Record<string, unknown> | null,
  copy: boolean,
): unknown[] | null {
  if (!Array.isArray(value)) return null
  const out: unknown[] = copy ? new Array(value.length) : value
  for (let i = 0; i < value.length; i++) {
    const checked = item(value[i])
    if (checked === null) return null
    if (copy) out[i] = checked
  }
  return out
}

function shapedDoc(value: unknown, copy: boolean): TiptapDoc | null {
  if (!isPlainObject(value) || value.type !== 'doc') return null
  const doc = objectCopy(
    value,
    DOC_KEYS,
    (key, v) => (key === 'type' ? v : listCopy(v, (n) => nodeCopy(n, 1, copy), copy)),
    true,
    copy,
  )
  return doc as TiptapDoc | null
}

/**
 * The copy `tiptapDocSchema.parse` would return for `value` (same keys, same order, unknown node keys kept,
 * unknown mark keys dropped), made without zod; null means "ask zod": `value` may be invalid, or valid in a
 * way this walk does not vouch for (a `__proto__` key, nesting deeper than SHAPED_DOC_MAX_DEPTH).
 */
export function schemaShapedDoc(value: unknown): TiptapDoc | null {
  return shapedDoc(value, true)
}

export type ArticleId = string
export type ArticleKind = z.infer<typeof articleKindSchema>
export type ArticleStatus = z.infer<typeof articleStatusSchema>

/** True when a merge left unsettled fields in the article (it shows as conflicted). */
export function isConflicted(article: { conflicts?: readonly FieldConflict[] | undefined }): boolean {
  return (article.conflicts?.length ?? 0) > 0
}

/** What the library list shows for each article (no body). */
export interface ArticleSummary {
  id: ArticleId
  slug: string
  headline: string
  standfirst: string
  kind: ArticleKind
  status: ArticleStatus
  tags: string[]
  byline: string
  language: string
  publishAt: string | null
  embargoUntil: string | null
  updatedAt: string
  revision: number
  /** A merge left unsettled fields in it (see `isConflicted`). */
  conflicted: boolean
  /** Review flow: who works on it and who reviews it (what "Assigned to me" and "Waiting for my review" read). */
  assignee: string | null
  reviewer: string | null
}

/**
 * An article without its body: all a summary is made from (key remapping, not Omit, which would flatten the
 * kept unknown fields' index signature into `string` keys and lose the named ones).
 */
export type ArticleHead = { [K in keyof Article as K extends 'body' ? never : K]: Article[K] }

/** Reduces an article (its body is not needed) to its list summary. */
export function toSummary(article: ArticleHead): ArticleSummary {
  return {
    id: article.id,
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    kind: article.kind,
    status: article.status,
    tags: [...article.tags],
    byline: article.byline,
    language: article.language,
    publishAt: article.publishAt,
    embargoUntil: article.embargoUntil,
    updatedAt: article.updatedAt,
    revision: article.revision,
    conflicted: isConflicted(article),
    assignee: article.assignee ?? null,
    reviewer: article.reviewer ?? null,
  }
}

/** An empty TipTap document. */
export function emptyDoc(): TiptapDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] }
}

/** Names of the editable fields, in schema order. */
export const articleFieldNames = Object.keys(articleFieldsSchema.shape) as (keyof ArticleFields)[]

/** The editable fields of an article (a fresh object; the article is not changed). */
export function pickFields(article: Article): ArticleFields {
  const fields: Record<string, unknown> = {}
  for (const name of articleFieldNames) fields[name] = article[name]
  return fields as ArticleFields
}
