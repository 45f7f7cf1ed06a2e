#!/usr/bin/env node
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ArticleLibrary } from '../main/services/library'

/** Exit codes of the command line (documented in README). */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2, invalidInput: 3 } as const

const HELP = `newsdesk — the Newsdesk command line

Usage:
  newsdesk list --workspace DIR [--json]

Options:
  --workspace DIR   the workspace folder (holds articles/)
  --json            machine-readable output
  --help            this text

Exit codes: 0 ok, 1 check failed, 2 usage, 3 invalid input.`

/** Runs the CLI with `argv` (without node and script), writing to the given streams; returns the exit code. */
export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { workspace: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    })
  } catch (error) {
    err(`newsdesk: ${(error as Error).message}\n${HELP}\n`)
    return EXIT.usage
  }
  const [command] = parsed.positionals
  if (parsed.values.help || command === undefined) {
    out(`${HELP}\n`)
    return command === undefined && !parsed.values.help ? EXIT.usage : EXIT.ok
  }
  if (command !== 'list') {
    err(`newsdesk: unknown command "${command}"\n${HELP}\n`)
    return EXIT.usage
  }
  if (!parsed.values.workspace) {
    err('newsdesk: --workspace DIR is required\n')
    return EXIT.usage
  }
  const library = await ArticleLibrary.open(resolve(parsed.values.workspace), { readOnly: true })
  const items = library.list({})
  if (parsed.values.json) out(`${JSON.stringify(items, null, 2)}\n`)
  else for (const a of items) out(`${a.id}  ${a.status.padEnd(9)} ${a.kind.padEnd(10)} ${a.headline}\n`)
  return EXIT.ok
}

// Run when executed directly (not when imported by tests).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split(/[\\/]/).pop() ?? '')) {
  void runCli(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then((code) => process.exit(code))
}
