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
  /** A sync action came while no workspace was open. */
  'no-workspace': Record<string, never>
  /** The workspace was closed (another opened) while a claim was being made. */
  'workspace-closed': Record<string, never>
  /** A claim needs a repository with a remote (claims are shared through it). */
  'claim-not-synced': Record<string, never>
  /** A claim in a workspace open read-only. */
  'claim-read-only': Record<string, never>
  /** A claim without the editor's name and email (Settings or git's). */
  'claim-no-identity': Record<string, never>
  /** Git failed while claiming (git's words in the detail). */
  'claim-failed': Record<string, never>
  /** The remote refused the claim ref (it takes no refs under refs/newsdesk/; git's words in the detail). */
  'claim-refused': Record<string, never>
  /** Team sync cannot be set up in a workspace open read-only. */
  'setup-read-only': Record<string, never>
  /** Git failed while turning sync on or setting the remote (git's words in the detail). */
  'setup-failed': Record<string, never>
  /** A remote address longer than `remoteUrlSchema` allows. */
  'remote-too-long': { max: string }
  /** A remote address with control characters in it. */
  'remote-control-characters': Record<string, never>
  /** A remote address git would read as an option. */
  'remote-option': Record<string, never>
  /** A remote address of no form git sync accepts (or of a transport that runs programs). */
  'remote-form': Record<string, never>
  /** The team history needs a git repository. */
  'history-not-repository': Record<string, never>
  /** Git failed while reading the team history (git's words in the detail). */
  'history-failed': Record<string, never>
}

/** One code of the table. */
export type SyncMessageCode = keyof SyncMessageParams

/** A sync outcome or error as main reports it: a code and its parameters. */
export type SyncMessage = { [C in SyncMessageCode]: { code: C; params: SyncMessageParams[C] } }[SyncMessageCode]

/** The message of one code (or of any code of a union), for results that can carry only some codes. */
export type SyncMessageOf<C extends SyncMessageCode> = Extract<SyncMessage, { code: C }>

/** The English words of every code, with i18next's `{{name}}` placeholders (the en locale is built from it). */
export const SYNC_MESSAGES_EN: Record<SyncMessageCode, string> = {
  'git-missing':
    'git is not installed, so this workspace cannot sync: install git (apt install git, or see https://git-scm.com); everything else in Newsdesk works without it',
  'not-a-workspace': '{{root}} is not a synced workspace (no git repository); clone one or set a remote first',
  offline: 'the remote cannot be reached ({{step}}); the changes wait here and go out on the next sync',
  auth: 'the remote refused the credentials ({{step}}); set them up in git (credential helper or SSH key)',
  'step-failed': '{{step}} failed; git said why in the details',
  unexpected: 'the sync stopped on an unexpected error; the details say what it was',
  'no-workspace': 'no workspace is open; open one first',
  'workspace-closed': 'the workspace was closed meanwhile; open it again to claim the article',
  'claim-not-synced': 'claims are shared through the remote: turn on team sync and set a remote first',
  'claim-read-only': 'this workspace is open read-only, so nobody is told you are editing',
  'claim-no-identity': 'set your name and email in Settings so others see who is editing',
  'claim-failed': 'others could not be told you are editing this article; git said why in the details',
  'claim-refused':
    'the remote refused your claim, so others are not told you are editing this article: it does not accept refs under refs/newsdesk/ (ask whoever runs it to allow them); editing and sync work as before, and git said why in the details',
  'setup-read-only': 'this workspace is open read-only; open a copy to sync it',
  'setup-failed': 'git could not set up team sync here; git said why in the details',
  'remote-too-long': 'the remote address is too long (at most {{max}} characters)',
  'remote-control-characters': 'the remote address contains control characters; type it again without them',
  'remote-option': 'the remote address must not start with "-"',
  'remote-form':
    'give the remote as a URL (https://, ssh://, git://, file://), as user@host:path, or as an absolute folder path',
  'history-not-repository': 'this workspace is not a git repository: turn on team sync',
  'history-failed': 'the team history could not be read; git said why in the details',
}

/** Builds a message from its code and parameters (typed: each code takes exactly its parameters). */
export function syncMessage<C extends SyncMessageCode>(code: C, params: SyncMessageParams[C]): SyncMessageOf<C> {
  return { code, params } as SyncMessageOf<C>
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
