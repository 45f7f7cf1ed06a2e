import { readFile, realpath } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './policy'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
}

/** A response of the app:// protocol as plain data (wrapped in a `Response` by main, fulfilled by e2e). */
export interface AppResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array | string
}

/**
 * Maps a request URL to a file inside `root`, or null when the path would leave it: `..`, encoded
 * traversal, NUL bytes, backslashes and absolute paths are refused before the file system is touched.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(url).pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  if (pathname.split('/').some((part) => part === '..')) return null
  const relativePath = pathname.replace(/^\/+/, '') || 'index.html'
  const target = resolve(root, relativePath)
  const rel = relative(resolve(root), target)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null
  return target
}

/** Serves one app:// request from the built renderer folder, with the CSP header on every response. */
export async function serveAppRequest(root: string, url: string): Promise<AppResponse> {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' }
  const target = resolveAppPath(root, url)
  if (!target) return { status: 403, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'Forbidden' }
  try {
    // A symlink inside the bundle must not lead outside it either.
    const real = await realpath(target)
    const realRoot = await realpath(root)
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      return { status: 403, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'Forbidden' }
    }
    const body = await readFile(real)
    const type = MIME[extname(real).toLowerCase()] ?? 'application/octet-stream'
    return { status: 200, headers: { ...headers, 'Content-Type': type }, body }
  } catch {
    return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'Not found' }
  }
}
