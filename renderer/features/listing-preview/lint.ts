import { truncationReasons, type TruncationReason } from '../../../shared/listing/listing'
import type { PublicationSettings } from '../../../shared/publication/publication'

/** One listing item that overflows its clamp at one preview width. */
export interface LintFlag {
  id: string
  width: PreviewWidth
  reasons: TruncationReason[]
  headlineLines: number
  standfirstLines: number
}

/** The three reader widths the listing is previewed at. */
export const previewWidths = { desktop: 1024, tablet: 768, phone: 375 } as const
export type PreviewWidth = keyof typeof previewWidths

/** Lines a (possibly clamped) element needs for all its text: its full scroll height over its line height. */
function linesOf(element: Element | null): number {
  if (!element) return 0
  const view = element.ownerDocument.defaultView
  const lineHeight = view ? parseFloat(view.getComputedStyle(element).lineHeight) : NaN
  if (!Number.isFinite(lineHeight) || lineHeight <= 0) return 0
  return Math.round(element.scrollHeight / lineHeight)
}

/**
 * Measures every item of a rendered listing document and returns those whose headline or standfirst needs
 * more lines than the clamp. Runs in the real layout of the preview frame, so fonts and width are the
 * reader's, not an estimate.
 */
export function measureListing(doc: Document, settings: PublicationSettings, width: PreviewWidth): LintFlag[] {
  const flags: LintFlag[] = []
  for (const item of Array.from(doc.querySelectorAll('.nd-item'))) {
    const id = item.getAttribute('data-id') ?? ''
    const headlineLines = linesOf(item.querySelector('.nd-headline'))
    const standfirstLines = linesOf(item.querySelector('.nd-standfirst'))
    const reasons = truncationReasons({ headlineLines, standfirstLines }, settings)
    if (reasons.length > 0) flags.push({ id, width, reasons, headlineLines, standfirstLines })
  }
  return flags
}

/** Outlines the flagged items inside the preview document and writes the reason under each (as text). */
export function markFlags(doc: Document, flags: readonly LintFlag[], describe: (flag: LintFlag) => string): void {
  for (const flag of flags) {
    const item = Array.from(doc.querySelectorAll('.nd-item')).find((el) => el.getAttribute('data-id') === flag.id)
    if (!item) continue
    item.classList.add('nd-flagged')
    const note = doc.createElement('p')
    note.className = 'nd-lint'
    note.textContent = describe(flag)
    item.appendChild(note)
  }
}
