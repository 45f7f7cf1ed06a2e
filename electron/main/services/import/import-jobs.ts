// The per-file work of a Markdown import, as plain functions over plain data so the same code runs on the main
// thread and in the bundle worker threads (../bundle-worker.ts). Only paths, bytes and small results cross
// threads: each worker reads, validates, converts and writes its own files.
import type { MarkdownCodec } from '../../../../shared/bundle/markdown-codec'
import { contentHash } from '../library'
import { BoundedQueue, writeNewFileFromWorker, type WrittenStamp } from '../storage'
import { ItemProblem, markdownToArticle, storedItem, type ItemProblemData, type StoredItem } from './markdown-item'
import { readListedFile, SourceRefusedError, type DeferredFile } from './source-reader'

/** Writes in flight per batch of a worker (the I/O threads are shared by the whole process). */
const WRITES_PER_BATCH = 8

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
  /** Longest one file may take to read (milliseconds; enforced while it is parsed). */
  maxItemMs: number
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
      context.maxItemMs,
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
