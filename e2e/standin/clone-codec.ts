/**
 * Carries structured-cloneable values through JSON text between a page and the test process (Playwright's
 * bindings pass strings), keeping what the structured clone keeps and JSON loses: undefined, NaN, ±Infinity,
 * -0, BigInt, Date, RegExp, Map, Set, ArrayBuffer, typed arrays and Error (name and message). Self-contained
 * (no outside references) so its source can also be written into the page's init script.
 */
export function cloneCodec() {
  type Tagged = { $: string; v?: unknown; n?: string; f?: string }
  const encode = (value: unknown, seen: Set<object> = new Set()): unknown => {
    if (value === undefined) return { $: 'u' }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return { $: 'num', v: 'NaN' }
      if (value === Infinity) return { $: 'num', v: 'Infinity' }
      if (value === -Infinity) return { $: 'num', v: '-Infinity' }
      if (Object.is(value, -0)) return { $: 'num', v: '-0' }
      return value
    }
    if (typeof value === 'bigint') return { $: 'big', v: value.toString() }
    if (typeof value !== 'object') throw new Error('An object could not be cloned.')
    if (seen.has(value)) throw new Error('a cyclic value is not carried by the stand-in')
    seen.add(value)
    try {
      if (value instanceof Date) return { $: 'date', v: value.getTime() }
      if (value instanceof RegExp) return { $: 're', v: value.source, f: value.flags }
      if (value instanceof Map) return { $: 'map', v: [...value].map(([k, v]) => [encode(k, seen), encode(v, seen)]) }
      if (value instanceof Set) return { $: 'set', v: [...value].map((v) => encode(v, seen)) }
      if (value instanceof ArrayBuffer) return { $: 'ab', v: [...new Uint8Array(value)] }
      if (ArrayBuffer.isView(value)) {
        const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
        return { $: 'ta', n: value.constructor.name, v: [...bytes] }
      }
      if (value instanceof Error) return { $: 'err', n: value.name, v: value.message }
      if (Array.isArray(value)) return { $: 'arr', v: value.map((v) => encode(v, seen)) }
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) {
        if (typeof v === 'function' || typeof v === 'symbol') throw new Error('An object could not be cloned.')
        out[k] = encode(v, seen)
      }
      return { $: 'obj', v: out }
    } finally {
      seen.delete(value)
    }
  }
  const decode = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value
    const tagged = value as Tagged
    switch (tagged.$) {
      case 'u':
        return undefined
      case 'num':
        return tagged.v === '-0' ? -0 : Number(tagged.v)
      case 'big':
        return BigInt(tagged.v as string)
      case 'date':
        return new Date(tagged.v as number)
      case 're':
        return new RegExp(tagged.v as string, tagged.f)
      case 'map':
        return new Map((tagged.v as [unknown, unknown][]).map(([k, v]) => [decode(k), decode(v)]))
      case 'set':
        return new Set((tagged.v as unknown[]).map(decode))
      case 'ab':
        return new Uint8Array(tagged.v as number[]).buffer
      case 'ta': {
        const bytes = new Uint8Array(tagged.v as number[])
        const Ctor = (globalThis as unknown as Record<string, new (b: ArrayBuffer) => unknown>)[tagged.n as string]
        return tagged.n === 'Uint8Array' || !Ctor ? bytes : new Ctor(bytes.buffer)
      }
      case 'err': {
        const error = new Error(tagged.v as string)
        error.name = tagged.n as string
        return error
      }
      case 'arr':
        return (tagged.v as unknown[]).map(decode)
      case 'obj': {
        const out: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(tagged.v as Record<string, unknown>)) out[k] = decode(v)
        return out
      }
      default:
        throw new Error(`unknown clone tag ${String(tagged.$)}`)
    }
  }
  return { encode: (value: unknown) => JSON.stringify(encode(value)), decode: (text: string) => decode(JSON.parse(text)) }
}
