import { mkdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { ASSET_NAME_SOURCE, type ArticleId, type TiptapNode } from '../../../../shared/article/schema'
import { mediaTypeOf } from '../../../../shared/bundle/ninjs'
import type { PdfResult, PdfTarget, PreviewOptions, PreviewResult } from '../../../../shared/listing/api-types'
import { renderArticlePage, renderListingPage } from '../../../../shared/render/pages'
import { isCode, workspaceLayout, writeDurable } from '../storage'
import type { ArticleLibrary } from '../library'
import type { PublicationStore } from '../workspace'

/** Turns a complete HTML document into PDF bytes (Electron's printToPDF, or a browser's page.pdf()). */
export type PdfPrinter = (html: string) => Promise<Uint8Array>

/** Asks where to save a PDF (main's native save dialog); null when the user cancelled. */
export type PickPdfDestination = (suggestedName: string) => Promise<string | null>

/** An image source naming a workspace asset (`assets/<name>` or the bare name). */
const ASSET_RE = new RegExp(`^(?:assets/)?(${ASSET_NAME_SOURCE})$`)
/** The raster images a preview inlines (no SVG: it is a document, not a picture). */
const INLINED = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif'])
/** Largest image inlined into a preview. */
const MAX_INLINE_IMAGE = 8 * 1024 * 1024

function imageSources(node: TiptapNode, out: Set<string>): Set<string> {
  if ((node.type === 'image' || node.type === 'figure') && typeof node.attrs?.src === 'string') out.add(node.attrs.src)
  for (const child of node.content ?? []) imageSources(child, out)
  return out
}

/**
 * Produces the listing and article previews with the shared renderer (the same one the HTML export uses) and
 * prints them to PDF through an injected printer. Workspace images are inlined as data: URLs so the preview
 * needs no file access.
 */
export class PreviewService {
  private printer: PdfPrinter | null = null

  constructor(
    private readonly libraryOf: () => ArticleLibrary,
    private readonly publication: PublicationStore,
    private readonly now: () => Date = () => new Date(),
    /** Without a picker, PDFs go to the workspace's exports/ folder. */
    private readonly pickDestination: PickPdfDestination | null = null,
  ) {}

  /** Installs the PDF printer (main installs printToPDF; a test or harness its own). */
  setPrinter(printer: PdfPrinter | null): void {
    this.printer = printer
  }

  /** The news listing page for the saved (or given) publication settings. */
  async listingHtml(options: PreviewOptions = {}): Promise<PreviewResult> {
    const settings = options.settings ?? (await this.publication.get())
    const html = renderListingPage(this.libraryOf().list({}), settings, {
      now: this.now(),
      theme: options.theme ?? 'light',
      page: options.page ?? 1,
    })
    return { ok: true, html }
  }

  /** The single-article page of one article. */
  async articleHtml(id: ArticleId, options: PreviewOptions = {}): Promise<PreviewResult> {
    const loaded = await this.libraryOf().load(id)
    if (!loaded.ok) return loaded
    const article = loaded.article
    const wanted = imageSources(article.body as TiptapNode, new Set())
    if (article.featuredImage) wanted.add(article.featuredImage.asset)
    const inlined = new Map<string, string>()
    for (const src of wanted) {
      const data = await this.inlineAsset(src)
      if (data) inlined.set(src, data)
    }
    const publication = options.settings ?? (await this.publication.get())
    const html = renderArticlePage(article, publication, {
      now: this.now(),
      theme: options.theme ?? 'light',
      resolveImage: (src) => inlined.get(src) ?? null,
    })
    return { ok: true, html }
  }

  /** Prints the listing or an article to a PDF where the user picks (else `<workspace>/exports/<name>.pdf`). */
  async pdf(target: PdfTarget): Promise<PdfResult> {
    if (!this.printer) return { ok: false, reason: 'unavailable', message: 'printing to PDF is not available here' }
    let html: string
    let name: string
    if (target.kind === 'listing') {
      const r = await this.listingHtml()
      if (!r.ok) return r
      html = r.html
      name = 'listing'
    } else {
      const r = await this.articleHtml(target.id)
      if (!r.ok) return r
      html = r.html
      const loaded = await this.libraryOf().load(target.id)
      name = loaded.ok ? loaded.article.slug : target.id
    }
    const suggested = `${name}.pdf`
    // The path comes only from main's native dialog (or the workspace itself), never from the renderer.
    const picked = this.pickDestination ? await this.pickDestination(suggested) : null
    if (this.pickDestination && picked === null) {
      return { ok: false, reason: 'cancelled', message: 'no destination was chosen' }
    }
    try {
      const bytes = await this.printer(html)
      if (picked !== null) {
        await writeDurable(picked, bytes)
        return { ok: true, fileName: basename(picked), bytes: bytes.byteLength }
      }
      const exportsDir = workspaceLayout(this.libraryOf().root).exports
      await mkdir(exportsDir, { recursive: true })
      await writeDurable(join(exportsDir, suggested), bytes)
      return { ok: true, fileName: `exports/${suggested}`, bytes: bytes.byteLength }
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not print: ${(error as Error).message}` }
    }
  }

  private async inlineAsset(src: string): Promise<string | null> {
    const name = ASSET_RE.exec(src)?.[1]
    const mime = name === undefined ? undefined : mediaTypeOf(name)
    if (name === undefined || mime === undefined || !INLINED.has(mime)) return null
    const path = workspaceLayout(this.libraryOf().root).asset(name)
    try {
      if ((await stat(path)).size > MAX_INLINE_IMAGE) return null
      return `data:${mime};base64,${(await readFile(path)).toString('base64')}`
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null
      throw error
    }
  }
}
