import { createHash } from 'node:crypto'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { AssetDataResult, AssetResult, ImageBytesInput } from '../../../../shared/ipc/contract'
import { isCode, writeDurable } from '../storage'

/** Largest image the workspace accepts (bigger files are refused with a message, never truncated). */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024

/** Image formats stored as assets, recognised by their first bytes (never by name or claimed type). */
export const IMAGE_TYPES = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
} as const
type ImageExt = keyof typeof IMAGE_TYPES

/** An asset file name: the sha256 of the bytes plus the sniffed extension. */
export const ASSET_NAME_RE = /^[a-f0-9]{64}\.(png|jpg|gif|webp)$/

/** Recognises PNG, JPEG, GIF and WebP from magic bytes; SVG (which can carry script) and the rest are refused. */
export function sniffImage(bytes: Uint8Array): ImageExt | null {
  const at = (i: number) => bytes[i] ?? -1
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'png'
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpg'
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) return 'gif'
  if (at(0) === 0x52 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x46 && at(8) === 0x57 && at(9) === 0x45)
    return 'webp'
  return null
}

/** Native file picker, injected by main (dialog.showOpenDialog) or by the e2e harness; null = cancelled. */
export type ImagePicker = () => Promise<string | null>

/**
 * The workspace's `assets/` folder: images stored once under their content hash, added from a path chosen in
 * a native dialog (main side) or from bytes pasted or dropped in the editor. Remote URLs are never fetched.
 */
export class AssetStore {
  /** `root` is a getter so the store follows the workspace when another one is opened. */
  constructor(
    private readonly root: () => string,
    private readonly pickImage: ImagePicker,
    private readonly readOnly: () => boolean = () => false,
  ) {}

  /** The assets/ folder of the current workspace. */
  get dir(): string {
    return join(this.root(), 'assets')
  }

  /** Stores image bytes once (by sha256); a second import of the same bytes returns the same asset. */
  async importBytes(bytes: Uint8Array, sourceName: string): Promise<AssetResult> {
    if (this.readOnly()) return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
    if (bytes.byteLength === 0) return { ok: false, reason: 'invalid', message: `${sourceName} is empty` }
    if (bytes.byteLength > MAX_IMAGE_BYTES) {
      return {
        ok: false,
        reason: 'too-large',
        message: `${sourceName} is ${(bytes.byteLength / 1048576).toFixed(1)} MB; images are limited to 25 MB`,
      }
    }
    const ext = sniffImage(bytes)
    if (!ext) {
      return { ok: false, reason: 'invalid', message: `${sourceName} is not a PNG, JPEG, GIF or WebP image` }
    }
    const name = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`
    const path = join(this.dir, name)
    try {
      const existing = await stat(path).catch((error: unknown) => {
        if (isCode(error, 'ENOENT')) return null
        throw error
      })
      if (!existing || existing.size !== bytes.byteLength) {
        await mkdir(this.dir, { recursive: true })
        await writeDurable(path, bytes)
      }
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not store ${sourceName}: ${(error as Error).message}` }
    }
    return { ok: true, asset: { name, mimeType: IMAGE_TYPES[ext], bytes: bytes.byteLength } }
  }

  /** Imports base64 bytes sent by the renderer (paste or drop). */
  async importFromRenderer(input: ImageBytesInput): Promise<AssetResult> {
    const bytes = Buffer.from(input.dataBase64, 'base64')
    return this.importBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), input.fileName)
  }

  /** Asks the injected native picker for an image file and imports it. */
  async importFromPicker(): Promise<AssetResult> {
    const path = await this.pickImage()
    if (path === null) return { ok: false, reason: 'cancelled', message: 'no file was chosen' }
    let bytes: Buffer
    try {
      const info = await stat(path)
      if (info.size > MAX_IMAGE_BYTES) {
        return {
          ok: false,
          reason: 'too-large',
          message: `${basename(path)} is ${(info.size / 1048576).toFixed(1)} MB; images are limited to 25 MB`,
        }
      }
      bytes = await readFile(path)
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not read ${basename(path)}: ${(error as Error).message}` }
    }
    return this.importBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path))
  }

  /** Reads one asset for display; only content-hash names inside assets/ are accepted. */
  async read(name: string): Promise<AssetDataResult> {
    if (!ASSET_NAME_RE.test(name)) return { ok: false, reason: 'invalid', message: `not an asset name: ${name}` }
    try {
      const bytes = await readFile(join(this.dir, name))
      const ext = name.slice(name.lastIndexOf('.') + 1) as ImageExt
      return { ok: true, mimeType: IMAGE_TYPES[ext], dataBase64: bytes.toString('base64') }
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { ok: false, reason: 'not-found', message: `${name} is not in assets/` }
      throw error
    }
  }
}
