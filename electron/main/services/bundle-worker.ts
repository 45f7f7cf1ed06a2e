// Entry of a pool worker thread (built as its own file next to the main bundle, see electron.vite.config.ts):
// runs batches of the export wing's and the import wing's jobs (export/export-jobs.ts, import/import-jobs.ts)
// with its own Markdown codec and answers with small results. It sits beside services/index.ts because it
// wires two wings together; the pool (storage/worker-pool.ts) knows only job names. Started by WorkerPool;
// does nothing when loaded any other way.
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { createMarkdownCodec } from '../../../shared/bundle/markdown-codec'
import { exportMarkdownBatch, type ExportJobItem } from './export'
import {
  importMarkdownItem,
  stageFilesBatch,
  type ImportJobContext,
  type ImportJobItem,
  type ImportJobResult,
  type StageJobItem,
} from './import'
import { WORKER_ROLE, type WorkerReply, type WorkerRequest } from './storage'

if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === WORKER_ROLE) {
  const port = parentPort
  const codec = createMarkdownCodec()
  port.postMessage({ ready: true } satisfies WorkerReply)
  port.on('message', (request: WorkerRequest) => {
    const answer = async (): Promise<void> => {
      if (request.job === 'export-markdown') {
        const results = await exportMarkdownBatch(codec, request.items as ExportJobItem[])
        port.postMessage({ id: request.id, results } satisfies WorkerReply)
        return
      }
      if (request.job === 'stage-files') {
        const results = await stageFilesBatch(request.items as StageJobItem[])
        port.postMessage({ id: request.id, results } satisfies WorkerReply)
        return
      }
      const context = request.context as ImportJobContext
      const results: ImportJobResult[] = (request.items as ImportJobItem[]).map((item) =>
        importMarkdownItem(codec, context, item),
      )
      const transfer = results.flatMap((r) => (r.ok ? [r.stored.buffer as ArrayBuffer] : []))
      port.postMessage({ id: request.id, results } satisfies WorkerReply, transfer)
    }
    answer().catch((error: unknown) => {
      port.postMessage({ id: request.id, error: (error as Error).message ?? String(error) } satisfies WorkerReply)
    })
  })
}
