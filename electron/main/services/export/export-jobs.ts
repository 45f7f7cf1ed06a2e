// The per-file work of a Markdown export, as plain functions over plain data so the same code runs on the main
// thread and in the bundle worker threads (../bundle-worker.ts). Only paths, hashes and small results cross
// threads: each worker reads, validates, renders and writes its own files.
import { readFileSync } from 'node:fs'
import type { FrontMatterOptions } from '../../../../shared/bundle/front-matter'
import type { MarkdownCodec } from '../../../../shared/bundle/markdown-codec'
import { contentHash, decodeArticleBytes } from '../library'
import { BoundedQueue, isCode, writeNewFileFromWorker } from '../storage'
import { renderArticle } from './markdown-file'

/** Writes in flight per batch of a worker (the I/O threads are shared by the whole process). */
const WRITES_PER_BATCH = 8

/** One article of a Markdown export: its workspace file, the bundle file to create, the slug it was planned with. */
export interface ExportJobItem {
  index: number
  id: string
  source: string
  target: string
  slug: string
  /** How the front matter is written (time zone, internal keys). */
  frontMatter: FrontMatterOptions
}

/** What became of one article of a Markdown export. */
export type ExportJobResult =
  | { index: number; ok: true; sha256: string; size: number; assets: string[] }
  | { index: number; ok: false; invalid: boolean; message: string }

/** One rendered article of a Markdown export, ready to write, or why it cannot be exported. */
export type RenderedExportItem =
  | { ok: true; bytes: Buffer; result: ExportJobResult & { ok: true } }
  | { ok: false; result: ExportJobResult & { ok: false } }

/** Reads, validates and renders one article of a Markdown export (the file is written by the caller). */
export function renderExportItem(codec: MarkdownCodec, item: ExportJobItem): RenderedExportItem {
  const fail = (message: string) => ({
    ok: false as const,
    result: { index: item.index, ok: false as const, invalid: true, message },
  })
  let bytes: Buffer
  try {
    bytes = readFileSync(item.source)
  } catch (error) {
    if (isCode(error, 'ENOENT')) return fail(`article ${item.id}: ${item.id}.json does not exist`)
    throw error
  }
  const read = decodeArticleBytes(bytes, `${item.id}.json`)
  if (!read.ok) return fail(`article ${item.id}: ${read.message}`)
  const a = read.article
  if (a.slug !== item.slug)
    return fail(
      `article "${a.headline || a.id}" changed on disk during the export (its slug is now "${a.slug}"); export again`,
    )
  const rendered = renderArticle(codec, a, item.frontMatter)
  const out = Buffer.from(rendered.text, 'utf8')
  return {
    ok: true,
    bytes: out,
    result: {
      index: item.index,
      ok: true,
      sha256: contentHash(out),
      size: out.byteLength,
      assets: rendered.assets,
    },
  }
}

/**
 * Runs one batch of a Markdown export: renders and writes each article on this thread (exclusive create, full
 * write) while the fsyncs of the files already written run on libuv's I/O threads, so computing and waiting
 * on the disk overlap.
 * Stops at the first article that cannot be exported; answers only once every started write has settled.
 */
export async function exportMarkdownBatch(
  codec: MarkdownCodec,
  items: readonly ExportJobItem[],
): Promise<ExportJobResult[]> {
  const results: ExportJobResult[] = []
  const writes = new BoundedQueue(WRITES_PER_BATCH)
  try {
    for (const item of items) {
      const rendered = renderExportItem(codec, item)
      results.push(rendered.result)
      if (!rendered.ok) break
      await writes.push(async () => {
        await writeNewFileFromWorker(item.target, rendered.bytes)
      })
    }
    await writes.drain()
  } finally {
    await writes.settle()
  }
  return results
}
