import { checkReadiness, type ReadinessIssue, type ReadinessPolicy } from '../../../shared/article/readiness'
import type { Article, ArticleFields, ArticleStatus } from '../../../shared/article/schema'

/** The statuses that pass through the Ready gate (the readiness rules must hold, or be overridden). */
export const gatedStatuses: readonly ArticleStatus[] = ['ready', 'published']

/** The form field an issue is shown beside ("featuredImage.alt" and "body.image[0]" go with their field). */
export type GateField =
  'headline' | 'standfirst' | 'slug' | 'byline' | 'body' | 'publishAt' | 'embargoUntil' | 'featuredImage' | 'other'

/** One readiness issue, placed beside its form field. */
export interface GateIssue {
  field: GateField
  issue: ReadinessIssue
}

const knownFields: readonly GateField[] = [
  'headline',
  'standfirst',
  'slug',
  'byline',
  'body',
  'publishAt',
  'embargoUntil',
  'featuredImage',
]

/** The form field a readiness issue belongs to. */
export function gateFieldOf(issue: ReadinessIssue): GateField {
  const head = issue.field.split(/[.[]/)[0] ?? ''
  return (knownFields as readonly string[]).includes(head) ? (head as GateField) : 'other'
}

/**
 * Runs the shared readiness rules (shared/article/readiness, the rulebook `newsdesk check` and export use) on the
 * open article as it would be with `status`, against the publication's budgets: what the gate shows before Ready
 * or Published is accepted.
 */
export function gateIssues(
  loaded: Article,
  fields: ArticleFields,
  status: ArticleStatus,
  now: Date,
  policy: ReadinessPolicy,
): GateIssue[] {
  const candidate: Article = { ...loaded, ...fields, status }
  return checkReadiness([candidate], now, policy).map((issue) => ({ field: gateFieldOf(issue), issue }))
}

/** The line kept in the editor's note (and so in history) when the gate is overridden. */
export function overrideNote(previous: string, status: ArticleStatus, reason: string, at: Date): string {
  const line = `[${status} override ${at.toISOString()}] ${reason.trim()}`
  return previous.trim() === '' ? line : `${previous.trimEnd()}\n${line}`
}
