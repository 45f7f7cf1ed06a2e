/** Largest nesting depth a bundle JSON value may have; deeper input is refused as hostile. */
export const MAX_JSON_DEPTH = 64

function sortValue(value: unknown, depth: number): unknown {
  if (depth > MAX_JSON_DEPTH) throw new Error(`JSON is nested deeper than ${MAX_JSON_DEPTH} levels`)
  if (Array.isArray(value)) return value.map((v) => sortValue(v, depth + 1))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key]
      if (v !== undefined)
        Object.defineProperty(out, key, {
          value: sortValue(v, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        })
    }
    return out
  }
  return value
}

/** Serialises JSON with object keys sorted at every level, 2-space indent and a final newline (byte-stable). */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortValue(value, 0), null, 2)}\n`
}

/** Why a parsed JSON value was refused, or null when it is safe to use. */
export function findHostileJson(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: [unknown, number, string][] = [[value, 0, '']]
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop() as [unknown, number, string]
    if (depth > maxDepth) return `nested deeper than ${maxDepth} levels at ${path || '(root)'}`
    if (Array.isArray(v)) v.forEach((item, i) => stack.push([item, depth + 1, `${path}[${i}]`]))
    else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
          return `forbidden key "${key}" at ${path || '(root)'}`
        }
        stack.push([(v as Record<string, unknown>)[key], depth + 1, path ? `${path}.${key}` : key])
      }
    }
  }
  return null
}
