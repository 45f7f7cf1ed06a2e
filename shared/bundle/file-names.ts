/** Longest file name (in UTF-8 bytes) an export writes; most file systems stop at 255. */
export const MAX_FILE_NAME_BYTES = 200

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i

/** Length of a string in UTF-8 bytes (shared/ has no TextEncoder type). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}

/** Why `name` cannot be a file name on every desktop OS (Windows-reserved, too long, bad characters), or null. */
export function fileNameProblem(name: string): string | null {
  if (name === '' || name === '.' || name === '..') return `"${name}" is not a file name`
  if (WINDOWS_RESERVED.test(name)) return `"${name}" is a reserved file name on Windows`
  if (utf8Length(name) > MAX_FILE_NAME_BYTES) {
    return `"${name.slice(0, 40)}…" is longer than ${MAX_FILE_NAME_BYTES} bytes`
  }
  // eslint-disable-next-line no-control-regex
  if (/[<>:"/\\|?*\u0000-\u001f]/.test(name)) return `"${name}" contains a character Windows forbids in file names`
  if (/[. ]$/.test(name)) return `"${name}" ends with a dot or space, which Windows drops`
  return null
}

/**
 * Why an archive or bundle entry path is unsafe to extract (zip slip: `..`, absolute, drive-letter or
 * backslash paths, empty segments), or null when it is a plain relative path that stays inside its root.
 */
export function entryPathProblem(path: string): string | null {
  if (path.length === 0) return 'empty path'
  if (path.includes('\\')) return `"${path}" contains a backslash`
  if (path.includes('\u0000')) return `"${path}" contains a NUL character`
  if (path.startsWith('/')) return `"${path}" is an absolute path`
  if (/^[A-Za-z]:/.test(path)) return `"${path}" starts with a drive letter`
  const parts = path.replace(/\/$/, '').split('/')
  for (const part of parts) {
    if (part === '..') return `"${path}" climbs out of its folder with ".."`
    if (part === '' || part === '.') return `"${path}" has an empty or "." segment`
  }
  return null
}

/** Joins a POSIX relative path onto a POSIX base folder inside a bundle ("articles", "../assets/x.png"), or null if it escapes. */
export function resolveInside(baseDir: string, relative: string): string | null {
  if (relative.startsWith('/') || relative.includes('\\') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(relative)) return null
  const parts = baseDir === '' ? [] : baseDir.split('/')
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return null
      parts.pop()
    } else parts.push(part)
  }
  return parts.join('/')
}
