import type { NewsdeskBridge } from '../../shared/ipc/contract'

/** Turns base64 bytes into a blob: URL (allowed by the CSP's img-src; no network involved). */
function blobUrl(dataBase64: string, mimeType: string): string {
  const binary = atob(dataBase64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
  return URL.createObjectURL(new Blob([bytes], { type: mimeType }))
}

const cache = new Map<string, Promise<string | null>>()

/** A displayable URL for a workspace asset, read once through the bridge and cached for the session. */
export function assetUrl(bridge: NewsdeskBridge, name: string): Promise<string | null> {
  let pending = cache.get(name)
  if (!pending) {
    pending = bridge.assets
      .read(name)
      .then((result) => (result.ok ? blobUrl(result.dataBase64, result.mimeType) : null))
    cache.set(name, pending)
    void pending.then((url) => {
      if (url === null) cache.delete(name)
    })
  }
  return pending
}

/** Reads a File as base64 for `assets.importImage`. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
