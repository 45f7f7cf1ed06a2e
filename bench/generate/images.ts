import { createHash } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import type { Rng } from './prng.ts'

/** One image file of the generated workspace, named by the sha256 of its bytes like the app's assets. */
export interface GeneratedAsset {
  name: string
  bytes: Uint8Array
}

// Two 24x16 baseline JPEGs, encoded once by Chromium's canvas and pasted here: the generator must produce
// the same bytes everywhere, and Node has no JPEG encoder.
const JPEGS = [
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAQABgDASIAAhEBAxEB/8QAFwAAAwEAAAAAAAAAAAAAAAAAAAQFA//EABgQAAMBAQAAAAAAAAAAAAAAAAADBDEh/8QAFgEBAQEAAAAAAAAAAAAAAAAABgQF/8QAGBEAAwEBAAAAAAAAAAAAAAAAAAIDIQT/2gAMAwEAAhEDEQA/AEZ1YVZ1YYTqzhVnVnAb0VGVGGJ04A9OrOAY9K6SM2n/2Q==',
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAQABgDASIAAhEBAxEB/8QAFwAAAwEAAAAAAAAAAAAAAAAAAAMFBP/EABYQAQEBAAAAAAAAAAAAAAAAAAMAMf/EABcBAAMBAAAAAAAAAAAAAAAAAAEEBQb/xAAXEQEBAQEAAAAAAAAAAAAAAAAAAwQh/9oADAMBAAIRAxEAPwBDrTXSc67TXXZpkc8iXTYsjrEVecuP/9k=',
]

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.byteLength, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/**
 * A small RGB PNG with a two-colour diagonal gradient. Stored (level 0) deflate keeps the bytes identical
 * across zlib versions, so "same seed, same bytes" holds on any machine.
 */
export function gradientPng(width: number, height: number, from: number[], to: number[]): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  let o = 0
  for (let y = 0; y < height; y++) {
    raw[o++] = 0
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height - 2)
      for (let c = 0; c < 3; c++) raw[o++] = Math.round((from[c] ?? 0) * (1 - t) + (to[c] ?? 0) * t)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 0 })),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** The image assets of a workspace: six seeded PNG gradients and two fixed JPEGs. */
export function generateAssets(rng: Rng): GeneratedAsset[] {
  const files: { bytes: Uint8Array; ext: string }[] = []
  for (let i = 0; i < 6; i++) {
    const colour = () => [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)]
    files.push({ bytes: gradientPng(rng.int(32, 64), rng.int(20, 40), colour(), colour()), ext: 'png' })
  }
  for (const b64 of JPEGS) files.push({ bytes: Buffer.from(b64, 'base64'), ext: 'jpg' })
  return files.map(({ bytes, ext }) => ({
    name: `${createHash('sha256').update(bytes).digest('hex')}.${ext}`,
    bytes,
  }))
}
