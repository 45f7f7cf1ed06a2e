import { hostname } from 'node:os'
import { z } from 'zod'
import { isoDateTimeSchema } from '../../../../shared/article/schema'
import { GitError, runGit } from './git'
import { REMOTE_NAME, type GitAuthor } from './repository'

/** Where this workspace keeps its own claims (pushed to the same name on the remote). */
export const CLAIMS_REF = 'refs/newsdesk/claims'
/** Where fetched claims of everyone (the remote's `refs/newsdesk/claims/*`) are kept. */
export const REMOTE_CLAIMS_REF = 'refs/newsdesk/remote-claims'
/** How long a claim lasts unless its holder renews it (every sync renews the holder's claims). */
export const CLAIM_TTL_MS = 15 * 60_000

/** "Ana is editing since 10:32": who holds an article, since when, until when unless renewed. */
export const claimSchema = z
  .object({
    articleId: z.uuid(),
    name: z.string().min(1).max(200),
    email: z.string().min(3).max(320),
    host: z.string().max(255),
    since: isoDateTimeSchema,
    expiresAt: isoDateTimeSchema,
  })
  .strict()
export type Claim = z.infer<typeof claimSchema>

/** Outcome of claiming an article: taken, possibly from someone else (the caller shows a notice). */
export interface ClaimResult {
  claim: Claim
  /** The live claim of someone else this one replaced, or null. */
  tookOverFrom: Claim | null
  /** False when the claim could not be pushed (offline, or refused): it is recorded here and tried again at every sync. */
  shared: boolean
  /**
   * Git's words when the remote itself refused the claim ref (a hook or a rule that takes no refs under
   * `refs/newsdesk/`), as opposed to a remote that could not be reached; null otherwise.
   */
  refused: string | null
}

/** What pushing one claim ref did: shared, not sent (unreachable, or a lease lost), or refused by the remote. */
type ClaimPush = { shared: true } | { shared: false; refused: string | null }

/**
 * Git's words when a push failed because the remote refused the ref (`[remote rejected]` in the porcelain
 * status: a hook or a rule of the remote's), else null. Unreachable remotes and lost leases print no such line.
 */
function remoteRefusal(error: GitError): string | null {
  const status = /^!\t[^\t]*\t(\[remote rejected\].*)$/m.exec(error.stdout)
  if (!status) return null
  const said = error.stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
  return [...said, status[1] as string].join('\n')
}

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'

/** The refspec that fetches everyone's claims (pruned, so released claims disappear). */
export const CLAIMS_FETCH_REFSPEC = `+${CLAIMS_REF}/*:${REMOTE_CLAIMS_REF}/*`

async function writeClaimCommit(root: string, claim: Claim, author: GitAuthor): Promise<string> {
  // A parentless commit with the empty tree (which git always has): the claim lives in its message, outside
  // any branch's history.
  const env = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  }
  const tree = EMPTY_TREE
  const { stdout } = await runGit(root, ['commit-tree', tree, '-m', JSON.stringify(claim)], { env })
  return stdout.trim()
}

/** Claims under `prefix/` (or, given a full ref name with `exact`, that one ref). */
async function readClaims(root: string, prefix: string, exact = false): Promise<Claim[]> {
  const { stdout } = await runGit(root, ['for-each-ref', '--format=%(contents:subject)', exact ? prefix : `${prefix}/`])
  const claims: Claim[] = []
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue
    try {
      const parsed = claimSchema.safeParse(JSON.parse(line))
      if (parsed.success) claims.push(parsed.data)
    } catch {
      // A claim written by something else: not ours to read.
    }
  }
  return claims
}

/**
 * The rule between two live claims on one article that met without either editor seeing the other (both made
 * offline, or one offline and one online): the earlier claim wins ("Ana is editing since 10:32" holds against
 * Ben's 10:35), the lower email on a tie. The later one is withdrawn where it was made, and its editor told.
 * (Opening an article someone holds while online is a takeover, announced to the one taking over; that is
 * not this rule: the claim taken over had been seen.)
 */
export function claimWins(a: Claim, b: Claim): boolean {
  const since = Date.parse(a.since) - Date.parse(b.since)
  if (since !== 0) return since < 0
  return a.email.toLowerCase() <= b.email.toLowerCase()
}

function isLive(claim: Claim, now: Date): boolean {
  return Date.parse(claim.expiresAt) > now.getTime()
}

function sameHolder(a: Claim, b: Claim): boolean {
  return a.email.toLowerCase() === b.email.toLowerCase()
}

/**
 * Live claims (not expired at `now`) from the last fetch and this workspace's own, one per article: where
 * the remote's and this workspace's differ, the one `claimWins` keeps.
 */
export async function listClaims(root: string, now: Date = new Date()): Promise<Claim[]> {
  const byArticle = new Map<string, Claim>()
  for (const claim of [...(await readClaims(root, REMOTE_CLAIMS_REF)), ...(await readClaims(root, CLAIMS_REF))]) {
    if (!isLive(claim, now)) continue
    const seen = byArticle.get(claim.articleId)
    if (
      !seen ||
      (sameHolder(seen, claim) ? Date.parse(claim.expiresAt) > Date.parse(seen.expiresAt) : claimWins(claim, seen))
    )
      byArticle.set(claim.articleId, claim)
  }
  return [...byArticle.values()].sort((a, b) => (a.articleId < b.articleId ? -1 : 1))
}

/**
 * Sets (or with `sha` null deletes) one claim ref on the remote, only if the remote still holds `expected`
 * there (a commit id; "" for no claim): a lease, never a blind force, so a claim someone else pushed since
 * this workspace last looked is never overwritten. Not shared when refused or unreachable (with git's words
 * when the remote itself refused the ref).
 */
async function pushClaim(
  root: string,
  articleId: string,
  sha: string | null,
  expected: string,
  timeoutMs: number,
): Promise<ClaimPush> {
  const ref = `${CLAIMS_REF}/${articleId}`
  try {
    // prettier-ignore
    await runGit(root, [
      'push', '--quiet', '--porcelain', `--force-with-lease=${ref}:${expected}`, REMOTE_NAME,
      sha === null ? `:${ref}` : `${sha}:${ref}`,
    ], { timeoutMs })
    return { shared: true }
  } catch (error) {
    if (error instanceof GitError) return { shared: false, refused: remoteRefusal(error) }
    throw error
  }
}

/** The commit id of a ref, or "" when there is none. */
async function refSha(root: string, ref: string): Promise<string> {
  const { stdout } = await runGit(root, ['rev-parse', '--verify', '--quiet', ref], { okCodes: [1] })
  return stdout.trim()
}

/** The claim one ref holds, or null (none, or not a claim Newsdesk wrote). */
async function claimAt(root: string, ref: string): Promise<Claim | null> {
  return (await readClaims(root, ref, true))[0] ?? null
}

async function refIds(root: string, prefix: string): Promise<Map<string, string>> {
  const { stdout } = await runGit(root, ['for-each-ref', '--format=%(refname:lstrip=3) %(objectname)', `${prefix}/`])
  return new Map(
    stdout
      .split('\n')
      .filter((l) => l.includes(' '))
      .map((l) => l.split(' ') as [string, string]),
  )
}

/**
 * Fetches everyone's claims (no article history moves); false when the remote cannot be reached. A claim of
 * this workspace that had been shared and is now gone or replaced on the remote (released or taken over
 * elsewhere) is dropped here too.
 */
export async function fetchClaims(root: string, timeoutMs = 60_000): Promise<boolean> {
  const own = await refIds(root, CLAIMS_REF)
  const sharedBefore = await refIds(root, REMOTE_CLAIMS_REF)
  try {
    await runGit(root, ['fetch', '--quiet', '--no-tags', '--prune', REMOTE_NAME, CLAIMS_FETCH_REFSPEC], { timeoutMs })
  } catch (error) {
    if (error instanceof GitError) return false
    throw error
  }
  await dropSuperseded(root, own, sharedBefore)
  return true
}

/** Drops own claims that were shared (the remote had them) and that the remote no longer holds as they were. */
async function dropSuperseded(
  root: string,
  own: Map<string, string>,
  sharedBefore: Map<string, string>,
): Promise<void> {
  if (own.size === 0) return
  const sharedNow = await refIds(root, REMOTE_CLAIMS_REF)
  for (const [id, sha] of own) {
    if (sharedBefore.get(id) === sha && sharedNow.get(id) !== sha) {
      await runGit(root, ['update-ref', '-d', `${CLAIMS_REF}/${id}`, sha])
    }
  }
}

/**
 * Records the claim refs as they were before a fetch (one git call) and returns what to run after it: drop
 * own claims superseded by the fetch. `own` is how many claims this workspace holds.
 */
export async function claimsBeforeFetch(root: string): Promise<{ own: number; afterFetch: () => Promise<void> }> {
  const { stdout } = await runGit(root, ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/newsdesk/'])
  const own = new Map<string, string>()
  const sharedBefore = new Map<string, string>()
  for (const line of stdout.split('\n')) {
    const [ref, sha] = line.split(' ')
    if (!ref || !sha) continue
    if (ref.startsWith(`${CLAIMS_REF}/`)) own.set(ref.slice(CLAIMS_REF.length + 1), sha)
    else if (ref.startsWith(`${REMOTE_CLAIMS_REF}/`)) sharedBefore.set(ref.slice(REMOTE_CLAIMS_REF.length + 1), sha)
  }
  return { own: own.size, afterFetch: () => dropSuperseded(root, own, sharedBefore) }
}

/**
 * Claims an article for `author` (taking it over from a live claim of someone else, which is reported) and
 * shares the claim through the remote under `refs/newsdesk/claims/<id>`, adding no commit to any branch.
 */
export async function claimArticle(
  root: string,
  articleId: string,
  author: GitAuthor,
  options: { now?: Date; ttlMs?: number; timeoutMs?: number } = {},
): Promise<ClaimResult> {
  const now = options.now ?? new Date()
  await fetchClaims(root, options.timeoutMs)
  const current = (await listClaims(root, now)).find((c) => c.articleId === articleId) ?? null
  const mine = current !== null && current.email === author.email
  const claim = claimSchema.parse({
    articleId,
    name: author.name,
    email: author.email,
    host: hostname(),
    since: mine ? current.since : now.toISOString(),
    expiresAt: new Date(now.getTime() + (options.ttlMs ?? CLAIM_TTL_MS)).toISOString(),
  })
  const sha = await writeClaimCommit(root, claim, author)
  await runGit(root, ['update-ref', `${CLAIMS_REF}/${articleId}`, sha])
  // Over the claim this workspace has just seen on the remote, and nothing newer.
  const seen = await refSha(root, `${REMOTE_CLAIMS_REF}/${articleId}`)
  const pushed = await pushClaim(root, articleId, sha, seen, options.timeoutMs ?? 60_000)
  if (pushed.shared) await runGit(root, ['update-ref', `${REMOTE_CLAIMS_REF}/${articleId}`, sha])
  return {
    claim,
    tookOverFrom: current && !mine ? current : null,
    shared: pushed.shared,
    refused: pushed.shared ? null : pushed.refused,
  }
}

/**
 * Releases this workspace's claim on an article, here and on the remote; false when the remote held it and
 * could not be told.
 */
export async function releaseClaim(root: string, articleId: string, timeoutMs = 60_000): Promise<boolean> {
  const own = await refSha(root, `${CLAIMS_REF}/${articleId}`)
  if (own === '') return true
  await runGit(root, ['update-ref', '-d', `${CLAIMS_REF}/${articleId}`])
  // A claim the remote never took (made offline and never sent, or refused there) has nothing to withdraw
  // there. (One whose push landed but whose note here was cut by a kill lapses there within CLAIM_TTL_MS.)
  if ((await refSha(root, `${REMOTE_CLAIMS_REF}/${articleId}`)) !== own) return true
  // Only the editor's own claim is deleted there: one that won over it, or took it over, stays.
  const { shared } = await pushClaim(root, articleId, null, own, timeoutMs)
  if (shared) await runGit(root, ['update-ref', '-d', `${REMOTE_CLAIMS_REF}/${articleId}`])
  return shared
}

/** What a renewal did: how many claims this workspace still holds, and the ones it lost to an earlier claim. */
export interface RenewResult {
  held: number
  /** Own claims withdrawn because someone else's earlier live claim was on the remote (see `claimWins`). */
  lost: { mine: Claim; winner: Claim }[]
}

/**
 * Renews this workspace's own live claims (a sync calls it, so a claim expires when its holder stops
 * syncing) and shares them, each with a lease on what the last fetch saw on the remote: a claim that was
 * never shared (made offline) and meets someone else's live claim there goes out only if it wins by
 * `claimWins`; one that loses is withdrawn here and reported. Expired claims are dropped.
 */
export async function renewClaims(
  root: string,
  author: GitAuthor,
  options: { now?: Date; ttlMs?: number; timeoutMs?: number } = {},
): Promise<RenewResult> {
  const now = options.now ?? new Date()
  const timeoutMs = options.timeoutMs ?? 60_000
  const own = await readClaims(root, CLAIMS_REF)
  const result: RenewResult = { held: 0, lost: [] }
  for (const claim of own) {
    const ref = `${CLAIMS_REF}/${claim.articleId}`
    const ownSha = await refSha(root, ref)
    const seenSha = await refSha(root, `${REMOTE_CLAIMS_REF}/${claim.articleId}`)
    if (!isLive(claim, now)) {
      await runGit(root, ['update-ref', '-d', ref])
      if (seenSha !== '' && seenSha === ownSha) await pushClaim(root, claim.articleId, null, ownSha, timeoutMs)
      continue
    }
    const there =
      seenSha !== '' && seenSha !== ownSha ? await claimAt(root, `${REMOTE_CLAIMS_REF}/${claim.articleId}`) : null
    if (there && isLive(there, now) && !sameHolder(there, claim) && !claimWins(claim, there)) {
      await runGit(root, ['update-ref', '-d', ref, ownSha])
      result.lost.push({ mine: claim, winner: there })
      continue
    }
    const renewed = { ...claim, expiresAt: new Date(now.getTime() + (options.ttlMs ?? CLAIM_TTL_MS)).toISOString() }
    const sha = await writeClaimCommit(root, renewed, author)
    await runGit(root, ['update-ref', ref, sha])
    if ((await pushClaim(root, claim.articleId, sha, seenSha, timeoutMs)).shared) {
      await runGit(root, ['update-ref', `${REMOTE_CLAIMS_REF}/${claim.articleId}`, sha])
    }
    result.held += 1
  }
  return result
}
