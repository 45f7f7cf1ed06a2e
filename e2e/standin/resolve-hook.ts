// Node module-resolution hook of the electron-standin launcher: the specifier `electron` resolves to the
// stand-in (electron.ts beside this file) for the built main process and every package it loads.
interface ResolveResult {
  url: string
  shortCircuit?: boolean
  format?: string | null
}
type NextResolve = (specifier: string, context: unknown) => Promise<ResolveResult>

const STANDIN_URL = new URL('./electron.ts', import.meta.url).href

/** Maps `electron` to the stand-in; every other specifier resolves as usual. */
export async function resolve(specifier: string, context: unknown, next: NextResolve): Promise<ResolveResult> {
  if (specifier === 'electron') return { url: STANDIN_URL, shortCircuit: true }
  return next(specifier, context)
}
