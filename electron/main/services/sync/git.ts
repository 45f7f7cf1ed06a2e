import { execFile } from 'node:child_process'
import { SYNC_MESSAGES_EN } from '../../../../shared/sync/sync-messages'

/** What to tell a user who has no git, in English (the CLI; the app shows the translated `git-missing` code). */
export const GIT_MISSING_MESSAGE = SYNC_MESSAGES_EN['git-missing']

/** git could not be started: it is not installed (or not on PATH). */
export class GitMissingError extends Error {
  constructor() {
    super(GIT_MISSING_MESSAGE)
    this.name = 'GitMissingError'
  }
}

/** A git command that failed: its arguments, exit code and what git said. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number | null,
    readonly stderr: string,
    readonly stdout: string,
  ) {
    super(
      `git ${args[0] ?? ''} failed${code === null ? '' : ` (exit ${code})`}: ${stderr.trim() || stdout.trim() || 'no message'}`,
    )
    this.name = 'GitError'
  }
}

/** What a git command printed and how it ended. */
export interface GitResult {
  stdout: string
  stderr: string
  code: number
}

/** Options of one git command. */
export interface GitOptions {
  /** Exit codes that are answers rather than failures (e.g. 1 for `git diff --quiet`). */
  okCodes?: readonly number[]
  /** Kill the command after this many milliseconds (network commands); default none. */
  timeoutMs?: number
  /** Extra environment (author, committer). */
  env?: Record<string, string>
  /** Text written to the command's standard input (closed right away when absent). */
  input?: string
}

/** Environment every git command runs with: git never prompts (credentials come from git's own helpers). */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    LC_ALL: 'C',
    LANGUAGE: 'C',
    ...extra,
  }
  // ssh reads passwords and host-key questions from the terminal, not stdin: make it fail instead of waiting.
  if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes'
  // A GUI askpass would pop a password window from the background; git's credential helpers still apply.
  env.GIT_ASKPASS = ''
  env.SSH_ASKPASS = ''
  return env
}

/** The git program to run (NEWSDESK_GIT overrides it, e.g. to a git outside PATH, or to test a missing git). */
export function gitProgram(): string {
  return process.env.NEWSDESK_GIT ?? 'git'
}

/** Runs git with `args` in `cwd` (no shell; NEWSDESK_GIT_TRACE=1 prints each command's time); throws GitMissingError when git cannot be started, GitError on failure. */
export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  if (process.env.NEWSDESK_GIT_TRACE) {
    const started = performance.now()
    const done = () => process.stderr.write(`git ${args.join(' ')}: ${(performance.now() - started).toFixed(0)} ms\n`)
    const run = spawnGit(cwd, args, options)
    run.then(done, done)
    return run
  }
  return spawnGit(cwd, args, options)
}

function spawnGit(cwd: string, args: readonly string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      gitProgram(),
      [...args],
      {
        cwd,
        env: gitEnv(options.env),
        maxBuffer: 512 * 1024 * 1024,
        encoding: 'utf8',
        windowsHide: true,
        ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGTERM' as const } : {}),
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr, code: 0 })
          return
        }
        const failure = error as NodeJS.ErrnoException & { code?: unknown; killed?: boolean }
        if (failure.code === 'ENOENT' && typeof failure.path === 'string') {
          reject(new GitMissingError())
          return
        }
        if (failure.code === 'ENOENT' || failure.code === 'EACCES') {
          reject(failure.code === 'ENOENT' ? new GitMissingError() : error)
          return
        }
        const code = typeof failure.code === 'number' ? failure.code : null
        if (code !== null && options.okCodes?.includes(code)) {
          resolve({ stdout, stderr, code })
          return
        }
        const said = failure.killed ? `${stderr}\n(timed out and stopped)` : stderr
        reject(new GitError(args, code, said, stdout))
      },
    )
    child.stdin?.on('error', () => undefined)
    child.stdin?.end(options.input)
  })
}

/** The contents of blobs by id, read by one `git cat-file --batch`. */
export function readBlobs(cwd: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    if (ids.length === 0) {
      resolve(new Map())
      return
    }
    const child = execFile(
      gitProgram(),
      ['cat-file', '--batch'],
      { cwd, env: gitEnv(), maxBuffer: 1024 * 1024 * 1024, encoding: 'buffer', windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code
          reject(code === 'ENOENT' ? new GitMissingError() : new GitError(['cat-file'], null, stderr.toString(), ''))
          return
        }
        const blobs = new Map<string, Buffer>()
        let at = 0
        while (at < stdout.length) {
          const eol = stdout.indexOf(0x0a, at)
          if (eol < 0) break
          const [id, type, size] = stdout.subarray(at, eol).toString('utf8').split(' ')
          if (type === 'missing' || size === undefined || id === undefined) {
            at = eol + 1
            continue
          }
          const length = Number(size)
          blobs.set(id, stdout.subarray(eol + 1, eol + 1 + length))
          at = eol + 1 + length + 1
        }
        resolve(blobs)
      },
    )
    child.stdin?.on('error', () => undefined)
    child.stdin?.end(`${ids.join('\n')}\n`)
  })
}

/** The installed git's version ("2.39.5"), or null when git is not installed. */
export async function gitVersion(): Promise<string | null> {
  try {
    const { stdout } = await runGit(process.cwd(), ['--version'])
    return /(\d+\.\d+(?:\.\d+)?)/.exec(stdout)?.[1] ?? stdout.trim()
  } catch (error) {
    if (error instanceof GitMissingError) return null
    throw error
  }
}

/** Why a network command failed, in the terms the sync indicator uses. */
export type NetworkFailure = 'offline' | 'auth' | 'rejected' | 'other'

/** Sorts a failed fetch or push: unreachable remote, refused credentials, a push refused, or something else. */
export function classifyNetworkError(error: unknown): NetworkFailure {
  if (!(error instanceof GitError)) return 'other'
  const said = error.stderr
  if (
    /Authentication failed|terminal prompts disabled|could not read (Username|Password)|Permission denied \(publickey|403/i.test(
      said,
    )
  ) {
    return 'auth'
  }
  if (/\[rejected\]|non-fast-forward|fetch first|failed to push some refs/i.test(said)) return 'rejected'
  if (
    /Could not resolve host|Connection refused|unable to connect|Network is unreachable|timed out|Could not read from remote repository|unable to access|does not appear to be a git repository|No such file or directory|Connection reset|Temporary failure/i.test(
      said,
    )
  ) {
    return 'offline'
  }
  return 'other'
}
