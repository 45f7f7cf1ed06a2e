/**
 * What a sync reports to the editor, as codes with parameters: main sends the code, the renderer words it with
 * i18next (`syncMessage.<code>`, en + es), the CLI prints the English words. The English table below is the
 * only English text of these messages: the CLI formats it with `formatSyncMessage`, and the renderer's en
 * locale is built from it (renderer/i18n), so the two never drift. Git's own text is never in a code; it
 * travels beside it, verbatim, as `detail`.
 */

/** The git step a sync failure happened in (git's own command names, not translated). */
export type SyncStep = 'fetch' | 'merge' | 'push'

/** The parameters of each message code. */
export interface SyncMessageParams {
  /** git is not installed (or not on PATH). */
  'git-missing': Record<string, never>
  /** The folder synced is not the top of a git repository. */
  'not-a-workspace': { root: string }
  /** The remote could not be reached in `step`; commits wait. */
  offline: { step: SyncStep }
  /** The remote refused git's credentials in `step`. */
  auth: { step: SyncStep }
  /** Git failed in `step` for another reason (git's words in the detail). */
  'step-failed': { step: SyncStep }
  /** Something other than git stopped the sync (its words in the detail). */
  unexpected: Record<string, never>
}

/** One code of the table. */
export type SyncMessageCode = keyof SyncMessageParams

/** A sync outcome or error as main reports it: a code and its parameters. */
export type SyncMessage = { [C in SyncMessageCode]: { code: C; params: SyncMessageParams[C] } }[SyncMessageCode]

/** The English words of every code, with i18next's `{{name}}` placeholders (the en locale is built from it). */
export const SYNC_MESSAGES_EN: Record<SyncMessageCode, string> = {
  'git-missing':
    'git is not installed, so this workspace cannot sync: install git (apt install git, or see https://git-scm.com); everything else in Newsdesk works without it',
  'not-a-workspace': '{{root}} is not a synced workspace (no git repository); clone one or set a remote first',
  offline: 'the remote cannot be reached ({{step}}); the changes wait here and go out on the next sync',
  auth: 'the remote refused the credentials ({{step}}); set them up in git (credential helper or SSH key)',
  'step-failed': '{{step}} failed; git said why in the details',
  unexpected: 'the sync stopped on an unexpected error; the details say what it was',
}

/** Builds a message from its code and parameters (typed: each code takes exactly its parameters). */
export function syncMessage<C extends SyncMessageCode>(code: C, params: SyncMessageParams[C]): SyncMessage {
  return { code, params } as SyncMessage
}

/** The words of `message` from `table` (the English one by default), its `{{name}}` placeholders filled in. */
export function formatSyncMessage(
  message: SyncMessage,
  table: Readonly<Record<SyncMessageCode, string>> = SYNC_MESSAGES_EN,
): string {
  const params = message.params as Record<string, string>
  return table[message.code].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => params[name] ?? whole)
}

/** True for a value that is a `SyncMessage` (a code of the table with an object of parameters), as read from disk. */
export function isSyncMessage(value: unknown): value is SyncMessage {
  if (typeof value !== 'object' || value === null) return false
  const { code, params } = value as { code?: unknown; params?: unknown }
  return typeof code === 'string' && code in SYNC_MESSAGES_EN && typeof params === 'object' && params !== null
}
