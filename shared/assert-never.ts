/** Fails to compile when a switch over a union misses a case, and throws if reached anyway. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`)
}
