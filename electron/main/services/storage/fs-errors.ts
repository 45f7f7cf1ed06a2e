// Recognising Node's file-system errors by their code, for every service that touches the disk.

/** True when `error` is a Node system error with the given code. */
export function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}
