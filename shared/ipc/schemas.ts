import { z } from 'zod'
import { articleFieldsSchema, articleKindSchema, languageSchema } from '../article/schema'
import { articleFilterSchema } from '../listing/filter'
import { conflictChoiceSchema } from '../sync/resolve-conflicts'
import { uiSettingsPatchSchema } from '../settings/ui-settings'
import { publicationSettingsSchema } from '../publication/publication'
import { exportFormats } from '../bundle/manifest'
import { remoteUrlSchema } from '../sync/api-types'
import type { NewsdeskApi, NewsdeskChannel } from './contract'

const idSchema = z.uuid()

const previewOptionsSchema = z
  .object({
    theme: z.enum(['light', 'dark']).optional(),
    page: z.number().int().min(1).max(100_000).optional(),
    settings: publicationSettingsSchema.optional(),
  })
  .strict()

/** For each API method, the zod schema of its argument tuple; main validates every call with it. */
type ArgSchemas = {
  [G in keyof NewsdeskApi]: {
    [M in keyof NewsdeskApi[G]]: NewsdeskApi[G][M] extends (...args: infer A) => unknown ? z.ZodType<A> : never
  }
}

/** Argument schemas for every channel, checked against the contract by `satisfies`. */
export const argSchemas = {
  workspace: {
    info: z.tuple([]),
    open: z.tuple([]),
    create: z.tuple([]),
    recent: z.tuple([]),
    openRecent: z.tuple([z.string().regex(/^[a-f0-9]{16,64}$/)]),
    saveAs: z.tuple([]),
  },
  articles: {
    list: z.tuple([articleFilterSchema]),
    changes: z.tuple([z.string().max(200).nullable()]),
    head: z.tuple([z.number().int().min(1).max(1000)]),
    page: z.tuple([z.number().int().min(0).max(10_000_000), z.number().int().min(1).max(10_000)]),
    load: z.tuple([idSchema]),
    create: z.tuple([
      z
        .object({
          headline: z.string().max(1000).optional(),
          kind: articleKindSchema.optional(),
          language: languageSchema.optional(),
        })
        .strict(),
    ]),
    save: z.tuple([
      z
        .object({
          id: idSchema,
          baseHash: z.string().regex(/^[a-f0-9]{64}$/),
          fields: articleFieldsSchema,
          mode: z.enum(['explicit', 'auto']).optional(),
          listCursor: z.string().max(200).nullable().optional(),
        })
        .strict(),
    ]),
    delete: z.tuple([idSchema]),
    attention: z.tuple([]),
    syncCopy: z.tuple([z.string().min(1).max(400)]),
    resolveSyncCopy: z.tuple([z.string().min(1).max(400), z.enum(['take-copy', 'keep-current', 'import-as-new'])]),
    resolveConflicts: z.tuple([
      idSchema,
      z.string().regex(/^[a-f0-9]{64}$/),
      z.array(conflictChoiceSchema).min(1).max(1000),
    ]),
    showInFolder: z.tuple([
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('attention'), key: z.string().min(1).max(400) }).strict(),
        z.object({ kind: z.literal('article'), id: idSchema }).strict(),
      ]),
    ]),
  },
  history: {
    list: z.tuple([idSchema]),
    load: z.tuple([idSchema, z.number().int().min(1)]),
    diff: z.tuple([idSchema, z.number().int().min(1), z.number().int().min(1)]),
    restore: z.tuple([idSchema, z.number().int().min(1)]),
  },
  trash: {
    list: z.tuple([]),
    restore: z.tuple([idSchema]),
    empty: z.tuple([]),
  },
  journal: {
    write: z.tuple([idSchema, z.string().regex(/^[a-f0-9]{64}$/), articleFieldsSchema]),
    pending: z.tuple([]),
    discard: z.tuple([idSchema]),
  },
  assets: {
    pickImage: z.tuple([]),
    importImage: z.tuple([
      z
        .object({
          fileName: z.string().min(1).max(255),
          // 25 MB of bytes is about 34 MB of base64; the service refuses oversize images with a message.
          dataBase64: z
            .string()
            .max(36_000_000)
            .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'image data must be base64'),
        })
        .strict(),
    ]),
    read: z.tuple([z.string().regex(/^[a-f0-9]{64}\.(png|jpg|gif|webp)$/, 'not an asset name')]),
  },
  links: {
    open: z.tuple([z.string().max(8192)]),
  },
  settings: {
    get: z.tuple([]),
    update: z.tuple([uiSettingsPatchSchema]),
    spellcheck: z.tuple([languageSchema]),
    notices: z.tuple([]),
  },
  app: {
    flushed: z.tuple([
      z.string().min(1).max(100),
      z.discriminatedUnion('ok', [
        z.object({ ok: z.literal(true) }),
        z.object({ ok: z.literal(false), reason: z.literal('save-failed'), message: z.string().max(2000) }),
      ]),
    ]),
  },
  search: {
    query: z.tuple([z.string().max(500), articleFilterSchema]),
  },
  tags: {
    list: z.tuple([]),
    suggestions: z.tuple([]),
    rename: z.tuple([z.string().min(1).max(100), z.string().max(200)]),
    merge: z.tuple([z.array(z.string().min(1).max(100)).min(1).max(50), z.string().max(200)]),
    delete: z.tuple([z.string().min(1).max(100)]),
  },
  publication: {
    get: z.tuple([]),
    set: z.tuple([publicationSettingsSchema]),
  },
  preview: {
    listingHtml: z.tuple([previewOptionsSchema]),
    articleHtml: z.tuple([idSchema, previewOptionsSchema]),
    pdf: z.tuple([
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('listing') }).strict(),
        z.object({ kind: z.literal('article'), id: idSchema }).strict(),
      ]),
    ]),
  },
  exports: {
    run: z.tuple([
      z
        .object({
          format: z.enum(exportFormats),
          zip: z.boolean(),
          scope: z.discriminatedUnion('kind', [
            z.object({ kind: z.literal('all') }).strict(),
            z
              .object({
                kind: z.literal('filter'),
                query: articleFilterSchema,
              })
              .strict(),
            z.object({ kind: z.literal('ids'), ids: z.array(idSchema).max(1_000_000) }).strict(),
          ]),
          reproducible: z.boolean().optional(),
          includeInternal: z.boolean().optional(),
        })
        .strict(),
    ]),
    cancel: z.tuple([]),
    showInFolder: z.tuple([]),
  },
  imports: {
    dryRun: z.tuple([z.enum(['files', 'folder'])]),
    apply: z.tuple([
      z
        .object({
          planId: z.string().regex(/^[a-f0-9]{24}$/),
          onConflict: z.enum(['skip', 'overwrite', 'keep-both']),
          decisions: z.record(z.string().regex(/^\d{1,9}$/), z.enum(['skip', 'overwrite', 'keep-both'])).optional(),
        })
        .strict(),
    ]),
  },
  sync: {
    status: z.tuple([]),
    syncNow: z.tuple([]),
    enable: z.tuple([]),
    setRemote: z.tuple([remoteUrlSchema]),
    articleStates: z.tuple([]),
    claims: z.tuple([]),
    claim: z.tuple([idSchema]),
    release: z.tuple([idSchema]),
    fieldHistory: z.tuple([idSchema]),
  },
} satisfies ArgSchemas

/** Every request channel, derived from the schemas (and so from the contract). */
export const channels: readonly NewsdeskChannel[] = Object.entries(argSchemas).flatMap(([group, methods]) =>
  Object.keys(methods).map((method) => `${group}:${method}` as NewsdeskChannel),
)

/** Splits "articles:save" into its group and method. */
export function splitChannel(channel: NewsdeskChannel): [keyof NewsdeskApi, string] {
  const [group, method] = channel.split(':') as [keyof NewsdeskApi, string]
  return [group, method]
}
