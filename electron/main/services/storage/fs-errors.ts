// Recognising Node's file-system errors by their code, for every service that touches the disk.
import { stat } from 'node:fs/promises'

/** True when `error` is a Node system error with the given code. */
export function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

/** True when something exists at `path` (a missing one is false; any other error, such as EACCES, throws). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false
    throw error
  }
}
