// The per-file work of a Markdown export and a Markdown import, as plain functions over plain data so the
// same code runs on the main thread and in the bundle worker threads (bundle-worker.ts). Only paths, hashes
// and small results cross threads: each worker reads, validates, converts and writes its own files.
import { readFileSync } from 'node:fs'
import type { MarkdownCodec } from '../../../../shared/bundle/markdown-codec'
import { contentHash, decodeArticleBytes } from '../article-file'
import { BoundedQueue } from '../bounded-pool'
import { isCode, writeNewFileFromWorker, type WrittenStamp } from '../durable-write'
import {
  ItemProblem,
  markdownToArticle,
  storedItem,
  type ItemProblemData,
  type StoredItem,
} from '../import/markdown-item'
import { readListedFile, SourceRefusedError, type DeferredFile } from '../import/source-reader'
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
}

/** What became of one article of a Markdown export. */
export type ExportJobResult =
  | { index: number; ok: true; sha256: string; size: number; assets: string[] }
  | { index: number; ok: false; invalid: boolean; message: string }

/** One Markdown file of an import source: its bytes, or (a listed folder file) where to read them. */
export interface ImportJobItem {
  index: number
  path: string
  bytes?: Uint8Array
  file?: DeferredFile
}

/**
 * Shared by every item of one import: the dry run's clock, the source's images (path -> asset name), and
 * for files read here the source's label and per-file limit.
 */
export interface ImportJobContext {
  now: string
  images: Map<string, string>
  label: string
  maxFileBytes: number
  /** Whether the source's manifest lists files read here (then their sha256 is computed for it). */
  hashFiles: boolean
}

/** The source file an import item was made from: its size and sha256 (checked against the bundle manifest). */
export interface ImportedFrom {
  size: number
  /** Empty when the context did not ask for hashes. */
  sha256: string
}

/** What became of one Markdown file of an import. */
export type ImportJobResult =
  | (StoredItem & {
      index: number
      ok: true
      from: ImportedFrom
      usedImages: string[]
      warnings: string[]
    })
  | { index: number; ok: false; from: ImportedFrom; problem: ItemProblemData }
  /** The whole source must be refused (a file over the limit or turned into a link); message for the user. */
  | { index: number; ok: false; refused: string }

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
  const rendered = renderArticle(codec, a)
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

/** One file an import stages (an article file or an asset): where it goes and its bytes. */
export interface StageJobItem {
  index: number
  path: string
  bytes: Uint8Array
}

/** One staged file of an import, written and fsynced, with its stamp (a rename into place keeps both). */
export type StageJobResult = WrittenStamp & { index: number }

/**
 * Writes one batch of an import's staged files (each created, fully written and fsynced, several in flight)
 * and answers with their stamps; answers only once every started write has settled.
 */
export async function stageFilesBatch(items: readonly StageJobItem[]): Promise<StageJobResult[]> {
  const results: StageJobResult[] = []
  const writes = new BoundedQueue(WRITES_PER_BATCH)
  try {
    for (const item of items) {
      await writes.push(async () => {
        results.push({ index: item.index, ...(await writeNewFileFromWorker(item.path, item.bytes)) })
      })
    }
    await writes.drain()
  } finally {
    await writes.settle()
  }
  return results
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

/** Maps one Markdown file of an import to its stored form, or the problem that makes it invalid. */
export function importMarkdownItem(
  codec: MarkdownCodec,
  context: ImportJobContext,
  item: ImportJobItem,
): ImportJobResult {
  let bytes = item.bytes
  if (!bytes) {
    try {
      bytes = readListedFile(item.file as DeferredFile, context.label, context.maxFileBytes)
    } catch (error) {
      if (error instanceof SourceRefusedError) return { index: item.index, ok: false, refused: error.message }
      throw error
    }
  }
  const from = {
    size: bytes.byteLength,
    sha256: context.hashFiles ? contentHash(bytes) : '',
  }
  const warnings: string[] = []
  const used = new Set<string>()
  try {
    const article = markdownToArticle(
      codec,
      item.path,
      bytes,
      context.now,
      (path) => context.images.get(path) ?? null,
      warnings,
      used,
    )
    return { index: item.index, ok: true, from, ...storedItem(article), usedImages: [...used], warnings }
  } catch (error) {
    if (error instanceof ItemProblem) return { index: item.index, ok: false, from, problem: error.toData() }
    // Whatever else one file makes the parser do (a stack overflow, an internal error) fails that item only.
    if (error instanceof RangeError || error instanceof TypeError || error instanceof SyntaxError)
      return {
        index: item.index,
        ok: false,
        from,
        problem: { message: `could not be read as Markdown (${error.message})` },
      }
    throw error
  }
}
