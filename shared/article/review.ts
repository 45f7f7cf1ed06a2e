import { z } from 'zod'
import type { ArticleFields, ArticleStatus } from './schema'

/** The review-flow filters of the library: "Assigned to me" and "Waiting for my review". */
export const reviewFilters = ['assigned-to-me', 'waiting-for-my-review'] as const
export type ReviewFilter = (typeof reviewFilters)[number]

/** Who "me" is: the editor's name and email from Settings (either may be empty, not both for a useful match). */
export const editorIdentitySchema = z.object({ name: z.string().max(300), email: z.string().max(320) }).strict()
/** Who "me" is (see `editorIdentitySchema`). */
export type EditorIdentity = z.infer<typeof editorIdentitySchema>

/** The email in an editor reference ("Ana Ruiz <ana@x.org>" or "ana@x.org"), lower-cased; null when none. */
function emailOf(ref: string): string | null {
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(ref) ?? /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(ref)
  return m ? (m[1] as string).toLowerCase() : null
}

/** The editor reference ("Ana Ruiz <ana@x.org>") of a name and email; either may be empty; null when both are. */
export function editorRef(who: EditorIdentity): string | null {
  const name = who.name.trim()
  const email = who.email.trim()
  if (name && email) return `${name} <${email}>`
  return name || email || null
}

/** True when two editor references name one person: by email when both have one, else by name. */
export function sameEditor(a: string, b: string): boolean {
  const [ea, eb] = [emailOf(a), emailOf(b)]
  if (ea !== null && eb !== null) return ea === eb
  return editorRefName(a).toLowerCase() === editorRefName(b).toLowerCase()
}

/** The name a person reads in an editor reference: "Ana Ruiz" of "Ana Ruiz <ana@x.org>", else the email. */
export function editorRefName(ref: string): string {
  const name = ref.replace(/<[^<>]*>/g, '').trim()
  return name || (emailOf(ref) ?? ref.trim())
}

/** True when an editor reference (as the review fields hold it) names `me`, by email or else by name. */
export function namesEditor(ref: string | null | undefined, me: EditorIdentity): boolean {
  if (!ref) return false
  const email = emailOf(ref)
  if (email !== null) return email === me.email.trim().toLowerCase()
  return ref.trim().toLowerCase() === me.name.trim().toLowerCase()
}

/**
 * True when an article passes a review filter for `me`: assigned to me and not yet published, or in review
 * with me as its reviewer.
 */
export function matchesReviewFilter(
  article: Pick<ArticleFields, 'assignee' | 'reviewer'> & { status: string },
  filter: ReviewFilter,
  me: EditorIdentity,
): boolean {
  const open: readonly string[] = ['draft', 'review', 'ready'] satisfies ArticleStatus[]
  switch (filter) {
    case 'assigned-to-me':
      return namesEditor(article.assignee, me) && open.includes(article.status)
    case 'waiting-for-my-review':
      return namesEditor(article.reviewer, me) && article.status === 'review'
    default: {
      const never: never = filter
      throw new Error(`unknown review filter ${String(never)}`)
    }
  }
}
