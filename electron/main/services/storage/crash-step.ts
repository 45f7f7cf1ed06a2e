import { writeSync } from 'node:fs'

/**
 * The named steps of the import and export write paths, in the order each write reaches them. The kill -9
 * campaigns (scripts/stress) kill a process exactly at each one.
 */
export const CRASH_STEPS = [
  // Import apply (import-service.ts): every file staged and fsynced; the list of moves (and the new generation
  // token) written; a move about to start (`import:move#k` stops as the k-th starts, the earlier ones done,
  // half done or in flight); every move done and the folders fsynced; the done marker written; the staging
  // folder removed (before the library adopts the articles).
  'import:staged',
  'import:moves-listed',
  'import:move',
  'import:moved',
  'import:done-marked',
  'import:cleaned',
  // Export commit (export/atomic-output.ts): the temp output written and fsynced (manifest included); the
  // previous export parked in its `.old` backup; the temp output renamed over the destination; the backup
  // removed and the parent folder fsynced.
  'export:temp-written',
  'export:parked',
  'export:renamed',
  'export:cleaned',
] as const
/** One named step of a write path. */
export type CrashStep = (typeof CRASH_STEPS)[number]

/** Environment variable naming the step to die at (`step` or `step#k` for its k-th time); unset in the app. */
export const CRASH_STEP_ENV = 'NEWSDESK_CRASH_AT'

const reached = new Map<CrashStep, number>()

/**
 * Marks that a write reached `step`. A no-op unless the kill -9 stress child set NEWSDESK_CRASH_AT to this step
 * (`step` or `step#k`): then the process prints `crashed-at <step>` on stdout (synchronously, so the parent
 * knows the step was reached) and SIGKILLs itself, as a power cut at exactly that point would stop it.
 */
export function crashStep(step: CrashStep): void {
  const wanted = process.env[CRASH_STEP_ENV]
  if (!wanted?.startsWith(step)) return
  const [name, k] = wanted.split('#')
  if (name !== step) return
  const n = (reached.get(step) ?? 0) + 1
  reached.set(step, n)
  if (n < Number(k ?? 1)) return
  writeSync(1, `crashed-at ${wanted}\n`)
  process.kill(process.pid, 'SIGKILL')
}
