import { z } from 'zod'
import { articleFieldsSchema, articleKindSchema, articleStatusSchema, languageSchema } from '../article/schema'
import type { NewsdeskApi, NewsdeskChannel } from './contract'

const idSchema = z.uuid()

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
  },
  articles: {
    list: z.tuple([
      z
        .object({
          status: articleStatusSchema.optional(),
          kind: articleKindSchema.optional(),
          tag: z.string().max(100).optional(),
          language: languageSchema.optional(),
        })
        .strict(),
    ]),
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
      z.object({ id: idSchema, baseHash: z.string().regex(/^[a-f0-9]{64}$/), fields: articleFieldsSchema }).strict(),
    ]),
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
