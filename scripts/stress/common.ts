// Shared pieces of the stress campaigns: a seeded PRNG, big article bodies, the file-system fault seam and
// the result table.
import { createRequire, syncBuiltinESMExports } from 'node:module'

/** Small deterministic PRNG (mulberry32) so a failing run can be repeated with --seed. */
export function rng(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let r = Math.imul(t ^ (t >>> 15), 1 | t)
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296
  }
}

/** A body of about `kb` kilobytes, so each write takes long enough to be killed in the middle. */
export function bigBody(kb: number, tag: string) {
  const para = (i: number) => ({
    type: 'paragraph',
    content: [{ type: 'text', text: `${tag} paragraph ${i} `.repeat(12) }],
  })
  return { type: 'doc' as const, content: Array.from({ length: Math.ceil((kb * 1024) / 300) }, (_, i) => para(i)) }
}

/** Where a fault is injected: file data writes, fsync of a file, or rename. */
export type FaultKind = 'write' | 'sync' | 'rename'
/** The error codes injected. */
export const FAULT_CODES = ['ENOSPC', 'EIO', 'EPERM', 'EBUSY'] as const

type FsPromises = typeof import('node:fs/promises')

/**
 * Installs a fault into node:fs/promises for the services (the CommonJS object plus syncBuiltinESMExports, so
 * ESM named imports see it too); returns the undo. A write fault lets half of the first write land, then
 * fails, like a disk filling up; `writeFile` fails at once.
 */
export function withFault(kind: FaultKind, code: string): () => void {
  const require = createRequire(import.meta.url)
  const fsp = require('node:fs').promises as FsPromises & Record<string, unknown>
  const original = { open: fsp.open, rename: fsp.rename, writeFile: fsp.writeFile }
  const fail = () => Object.assign(new Error(`${code}: injected fault`), { code })
  if (kind === 'rename') {
    fsp.rename = (async () => {
      throw fail()
    }) as FsPromises['rename']
  } else {
    if (kind === 'write') {
      fsp.writeFile = (async () => {
        throw fail()
      }) as FsPromises['writeFile']
    }
    fsp.open = (async (...args: Parameters<FsPromises['open']>) => {
      const handle = await original.open(...args)
      const flags = String(args[1] ?? 'r')
      if (flags.includes('w')) {
        if (kind === 'write') {
          let writes = 0
          const realWrite = handle.write.bind(handle) as (...a: unknown[]) => Promise<{ bytesWritten: number }>
          ;(handle as unknown as { write: unknown }).write = async (...a: unknown[]) => {
            if (writes++ === 0) {
              const [buf, off, len, pos] = a as [Buffer, number, number, number]
              return realWrite(buf, off, Math.max(1, Math.floor(len / 2)), pos)
            }
            throw fail()
          }
        } else {
          ;(handle as unknown as { sync: unknown }).sync = async () => {
            throw fail()
          }
        }
      }
      return handle
    }) as FsPromises['open']
  }
  syncBuiltinESMExports()
  return () => {
    fsp.open = original.open
    fsp.rename = original.rename
    fsp.writeFile = original.writeFile
    syncBuiltinESMExports()
  }
}

/** One row of the stress report. */
export interface Row {
  path: string
  campaign: string
  /** Kill-9 cycles or trials run. */
  trials: number
  failures: number
  /** What was measured besides failures (leftovers, counts). */
  note: string
  /** First failure messages, for the log. */
  examples: string[]
}

/** Builds a row from a list of failure messages. */
export function row(path: string, campaign: string, trials: number, failures: string[], note = ''): Row {
  return { path, campaign, trials, failures: failures.length, note, examples: failures.slice(0, 5) }
}

/** The report table as text lines. */
export function table(rows: readonly Row[]): string[] {
  const head = ['path', 'campaign', 'cycles/trials', 'failures', 'notes']
  const cells = rows.map((r) => [r.path, r.campaign, String(r.trials), String(r.failures), r.note])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)))
  const line = (c: string[]) => c.map((v, i) => (i === 4 ? v : v.padEnd(widths[i] ?? 0))).join('  ')
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)]
}
