// A small pool of worker threads for per-file work of big jobs (the export and import wings' Markdown and
// staging jobs): on a machine with several cores each worker takes its own share of files. Only batches of
// paths, file bytes and small results cross threads, never article objects (cloning those cost more than it
// saved). Generic: a job is a name the worker entry (../bundle-worker.ts) dispatches on; the jobs themselves
// live in their wings. Written on worker_threads directly: the behaviour we need (batches, stop at the first
// failure or a cancel with every started batch settled, fall back to the main thread when no built worker
// file exists) is a page.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

/** `workerData.role` of a pool worker, so its entry does nothing when loaded any other way. */
export const WORKER_ROLE = 'newsdesk-bundle-worker'

/** A batch sent to a worker. */
export interface WorkerRequest {
  id: number
  /** The job's name, as the worker entry knows it (e.g. 'export-markdown'). */
  job: string
  items: unknown[]
  context?: unknown
}

/** A worker's answer to one batch (its results, or the unexpected error that stopped it), or its "loaded". */
export type WorkerReply = { id: number; results: unknown[] } | { id: number; error: string } | { ready: true }

/**
 * The built worker entry beside the running bundle (out/main/bundle-worker.js, out/bench/app/bundle-worker.mjs),
 * or null when running from source (tests), where the work stays on the main thread.
 */
export function findWorkerScript(): URL | null {
  if (!/\.(c|m)?js$/.test(import.meta.url)) return null
  for (const candidate of [
    './bundle-worker.js',
    './bundle-worker.mjs',
    '../bundle-worker.js',
    '../bundle-worker.mjs',
  ]) {
    const url = new URL(candidate, import.meta.url)
    if (existsSync(fileURLToPath(url))) return url
  }
  return null
}

/** Threads for pool work: one per core (the main thread only hands out batches), at least 2, at most 4. */
export function defaultWorkerCount(): number {
  const fromEnv = Number(process.env.NEWSDESK_BUNDLE_WORKERS)
  if (Number.isInteger(fromEnv) && fromEnv >= 0) return fromEnv
  return Math.max(2, Math.min(4, availableParallelism()))
}

/**
 * A pool over this build's worker entry (`defaultWorkerCount()` threads), or null when there is no built
 * entry (running from source) or no workers are wanted. Whoever builds export and import services creates one
 * and passes it in (the app's composition root, the CLI, the stress scripts' children); there is no
 * process-wide pool.
 */
export function createWorkerPool(): WorkerPool | null {
  const script = findWorkerScript()
  const size = defaultWorkerCount()
  return script && size > 0 ? new WorkerPool(script, size) : null
}

interface Slot {
  worker: Worker
  pending: Map<number, { resolve: (results: unknown[]) => void; reject: (error: Error) => void }>
}

/** Worker threads started on first use and kept (unref'd, so they never hold the process open). */
export class WorkerPool {
  private slots: Slot[] | null = null
  private starting: Promise<Slot[]> | null = null
  private nextId = 1
  private running = 0
  /** Set once its workers could not start: the pool is not tried again (its jobs run on the caller's thread). */
  startFailed = false

  constructor(
    readonly script: URL | string,
    readonly size: number,
    private readonly execArgv?: string[],
  ) {}

  /**
   * Starts the workers (once) and waits until each has loaded its code; raises if one cannot start, and
   * then stops the others, so a caller can fall back to its own thread before writing anything.
   */
  ready(): Promise<Slot[]> {
    this.starting ??= this.launch().catch((error: unknown) => {
      this.starting = null
      throw error
    })
    return this.starting
  }

  private async launch(): Promise<Slot[]> {
    const slots: Slot[] = []
    const loaded: Promise<void>[] = []
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(this.script, {
        workerData: { role: WORKER_ROLE },
        ...(this.execArgv ? { execArgv: this.execArgv } : {}),
      })
      const slot: Slot = { worker, pending: new Map() }
      slots.push(slot)
      let onReady = (): void => undefined
      let onFail = (_error: Error): void => undefined
      loaded.push(
        new Promise<void>((resolve, reject) => {
          onReady = resolve
          onFail = reject
        }),
      )
      worker.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) return onReady()
        const waiting = slot.pending.get(reply.id)
        if (!waiting) return
        slot.pending.delete(reply.id)
        if ('error' in reply) waiting.reject(new Error(reply.error))
        else waiting.resolve(reply.results)
      })
      const fail = (error: Error) => {
        onFail(error)
        for (const waiting of slot.pending.values()) waiting.reject(error)
        slot.pending.clear()
        // A pool that lost a worker starts afresh at the next run.
        if (this.slots === slots) {
          this.slots = null
          this.starting = null
          for (const other of slots) if (other !== slot) void other.worker.terminate()
        }
      }
      worker.on('error', fail)
      worker.on('exit', (code) => fail(new Error(`a bundle worker stopped (exit code ${code})`)))
      worker.unref()
    }
    try {
      // Held until loaded: a pending start alone does not keep Node's event loop alive.
      for (const slot of slots) slot.worker.ref()
      await Promise.all(loaded)
    } catch (error) {
      await Promise.all(slots.map((s) => s.worker.terminate()))
      throw error
    } finally {
      for (const slot of slots) slot.worker.unref()
    }
    this.slots = slots
    return slots
  }

  private send(slot: Slot, request: Omit<WorkerRequest, 'id'>): Promise<unknown[]> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject })
      slot.worker.postMessage({ id, ...request } satisfies WorkerRequest)
    })
  }

  /**
   * Runs `batches` of one job over the workers, two batches in flight per worker, and hands each batch's
   * results to `onResults` on this thread as they come. After a cancel, a failed batch or a throw from
   * `onResults` no new batch starts; the first error is raised once every started batch has settled (so a
   * caller's clean-up never races with a write still in flight).
   */
  async run<R>(
    job: WorkerRequest['job'],
    batches: readonly unknown[][],
    onResults: (results: R[]) => void,
    options: { context?: unknown; signal?: AbortSignal } = {},
  ): Promise<void> {
    const slots = await this.ready()
    let next = 0
    let failed = false
    let failure: unknown = null
    const lane = async (slot: Slot) => {
      while (next < batches.length && !failed) {
        if (options.signal?.aborted) {
          if (!failed) failure = new DOMException('aborted', 'AbortError')
          failed = true
          break
        }
        const items = batches[next++] as unknown[]
        try {
          const results = await this.send(slot, {
            job,
            items,
            ...(options.context ? { context: options.context } : {}),
          })
          if (!failed) onResults(results as R[])
        } catch (error) {
          if (!failed) failure = error
          failed = true
        }
      }
    }
    // Held while any run is under way (a pending answer alone does not keep Node's event loop alive).
    if (this.running++ === 0) for (const slot of slots) slot.worker.ref()
    try {
      await Promise.all(slots.flatMap((slot) => [lane(slot), lane(slot)]))
    } finally {
      if (--this.running === 0) for (const slot of slots) slot.worker.unref()
    }
    if (failed) throw failure
  }

  /** Stops every worker (the app's quit: live worker threads can crash Electron's exit; the CLI's end; tests). */
  async close(): Promise<void> {
    const slots = this.slots ?? []
    this.slots = null
    this.starting = null
    await Promise.all(slots.map((s) => s.worker.terminate()))
  }
}

/** Below this many files (articles to export, Markdown files to import) the workers are not worth their start-up. */
export const MIN_FILES_FOR_WORKERS = 200

/**
 * The pool a service should use for `files` files: `configured` (the pool its owner passed in), or null when the job is small, there is no pool, or its workers cannot start (e.g. a packaging that cannot
 * load the worker file): then the work stays on the caller's thread. A pool that failed to start is not
 * tried again (and said so once).
 */
export async function usableWorkers(configured: WorkerPool | null, files: number): Promise<WorkerPool | null> {
  if (files < MIN_FILES_FOR_WORKERS) return null
  const pool = configured
  if (!pool || pool.startFailed) return null
  try {
    await pool.ready()
    return pool
  } catch (error) {
    // Said, not silent: a packaging that cannot load the worker file makes big jobs several times slower.
    console.warn(
      `bundle workers could not start (${String(pool.script)}); this job of ${files} files runs on one thread:`,
      error instanceof Error ? error.message : error,
    )
    pool.startFailed = true
    return null
  }
}

/** Splits `items` into batches of `size`. */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
