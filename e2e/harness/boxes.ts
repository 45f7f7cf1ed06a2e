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
