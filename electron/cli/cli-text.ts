/** Text helpers of the command line: terminal-safe values, plurals, whole output through pipes. */

// C0 controls (but the tab), DEL and the C1 controls: an ESC or CSI from a title must never reach a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g

/** A value shown in text output with its control characters escaped (`\x1b`, `\r`, `\x00`), so it prints as itself. */
export function shown(value: string | number | null | undefined): string {
  return String(value ?? '').replace(CONTROL, (c) => {
    const code = c.charCodeAt(0)
    if (c === '\n') return '\\n'
    if (c === '\r') return '\\r'
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}

/**
 * JSON for stdout: JSON.stringify escapes C0 controls already; the C1 controls (U+0080–U+009F, which some
 * terminals read as CSI) and DEL are escaped too, so piping `--json` to a terminal is as safe as text.
 */
export function jsonOut(data: unknown): string {
  return `${JSON.stringify(data, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`
}

/** "1 article", "3 articles" (plural by adding s unless given). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * Writes to a stream and resolves once the data is handed to the OS (the stream's callback), so a CLI that
 * only sets process.exitCode ends with every byte delivered, even to a slow reader on a pipe.
 */
export function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()))
  })
}
