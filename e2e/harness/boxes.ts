import type { Locator } from '@playwright/test'

/** A box as Playwright measures it (CSS pixels, relative to the main frame's viewport). */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** How many square pixels two boxes share (0 when they only touch or are apart). */
export function overlapArea(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/**
 * The overlap of two visible elements' boxes, in square pixels, with both boxes for the failure message. Throws
 * in words when one is not laid out (a hidden element has no box to compare).
 */
export async function boxesOverlap(a: Locator, b: Locator): Promise<{ area: number; a: Box; b: Box }> {
  const [boxA, boxB] = await Promise.all([a.boundingBox(), b.boundingBox()])
  if (!boxA || !boxB) throw new Error(`cannot compare boxes: ${boxA ? 'the second' : 'the first'} element has no box`)
  return { area: overlapArea(boxA, boxB), a: boxA, b: boxB }
}

/**
 * How a bar of controls is laid out: the distinct tops of its buttons (one number when they share one line), the
 * buttons whose words do not fit their box, and whether the other items (`others`: a status line, a chip) sit on
 * the buttons' line (each one's middle inside every button's height).
 */
export async function barLayout(
  buttons: Locator,
  others: Locator,
): Promise<{ tops: number[]; clipped: string[]; othersOnLine: boolean }> {
  const boxes = await buttons.evaluateAll((els) =>
    els.map((el) => ({
      top: Math.round(el.getBoundingClientRect().top),
      bottom: Math.round(el.getBoundingClientRect().bottom),
      clipped: el.scrollWidth > el.clientWidth ? (el.textContent ?? '') : null,
    })),
  )
  const middles = await others.evaluateAll((els) =>
    els.map((el) => (el.getBoundingClientRect().top + el.getBoundingClientRect().bottom) / 2),
  )
  return {
    tops: [...new Set(boxes.map((b) => b.top))],
    clipped: boxes.flatMap((b) => (b.clipped === null ? [] : [b.clipped])),
    othersOnLine: middles.length > 0 && middles.every((m) => boxes.every((b) => m >= b.top && m <= b.bottom)),
  }
}
