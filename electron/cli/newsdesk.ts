#!/usr/bin/env node
import { realpathSync } from 'node:fs'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { checkReadiness } from '../../shared/article/readiness'
import { articleStatuses, type ArticleStatus } from '../../shared/article/schema'
import { assertNever } from '../../shared/listing/listing'
import { exportFormats, type ExportFormat } from '../../shared/bundle/manifest'
import { ExportService } from '../main/services/export/export-service'
import { ImportService, type ConflictChoice } from '../main/services/import/import-service'
import { SourceRefusedError } from '../main/services/import/source-reader'
import { ArticleLibrary } from '../main/services/library'
import { describeHolder, WorkspaceLock } from '../main/services/workspace-lock'
import { workspaceOverlapProblem } from '../main/services/export/destination'
import { counted, jsonOut, shown, writeAll } from './cli-text'

/** Exit codes of the command line (documented in README). */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2, invalidInput: 3, locked: 4 } as const

const COMMON = `  --workspace DIR   the workspace folder (holds articles/ and assets/)
  --json            machine-readable output on stdout
  --help            this text`

const HELP: Record<'main' | Command, string> = {
  main: `newsdesk — the Newsdesk command line

Usage:
  newsdesk list   --workspace DIR [--tag T] [--status S] [--json]
  newsdesk export --workspace DIR --format markdown|json|ninjs|rss|html --out PATH
                  [--zip] [--tag T] [--status S] [--reproducible] [--force] [--json]
  newsdesk import --workspace DIR PATH... [--create] [--dry-run] [--on-conflict skip|overwrite|keep-both] [--json]
  newsdesk check  --workspace DIR [--json]
  newsdesk help [COMMAND]
  newsdesk --version

Run "newsdesk help COMMAND" (or "newsdesk COMMAND --help") for one command.

Exit codes: 0 ok, 1 check failed, 2 usage, 3 invalid input, 4 workspace (or destination) in use elsewhere.`,
  list: `newsdesk list --workspace DIR [--tag T] [--status S] [--json]

Lists the articles of a workspace, most recently updated first.

${COMMON}
  --tag T           only articles with this tag
  --status S        only articles in this status (draft, review, ready, published)`,
  export: `newsdesk export --workspace DIR --format FORMAT --out PATH [options]

Exports articles. The output is written beside PATH and moved into place only when complete. PATH never
lies inside the workspace nor contains it.

  --format F        markdown | json | ninjs | rss | html
  --out PATH        destination folder (or .zip file with --zip); must not exist unless --force
  --zip             write one .zip file instead of a folder (".zip" is added to a PATH without extension)
  --tag T           only articles with this tag
  --status S        only articles in this status
  --reproducible    leave the export time out of manifest.json (byte-identical output)
  --force           replace PATH if it is a previous Newsdesk export (never any other file or folder)
${COMMON}`,
  import: `newsdesk import --workspace DIR PATH... [options]

Imports Newsdesk JSON or Markdown bundles (folder or .zip) and Markdown with YAML (---) or TOML (+++)
front matter as Hugo, Jekyll and Decap write it (a folder, a .zip or single .md/.json files). Nothing is
written unless every selected item can be written; invalid items are reported and skipped (exit code 3).

  --create          make DIR a new workspace when it is not one yet
  --dry-run         report what would happen (new, update, unchanged, conflict, invalid) and write nothing
  --on-conflict C   skip (default) | overwrite | keep-both, for items whose id or slug is already taken
${COMMON}`,
  check: `newsdesk check --workspace DIR [--json]

Runs the readiness rules: required fields (past draft), length budgets, duplicate slugs, an embargo
that ends after the publish date, images without alt text, ready articles still under embargo.
Exits 1 when any rule fails.

${COMMON}`,
}

const COMMANDS = ['list', 'export', 'import', 'check'] as const
type Command = (typeof COMMANDS)[number]

const OPTIONS = {
  workspace: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
  zip: { type: 'boolean' },
  tag: { type: 'string' },
  status: { type: 'string' },
  reproducible: { type: 'boolean' },
  force: { type: 'boolean' },
  create: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'on-conflict': { type: 'string' },
} as const

/** The options each command takes (besides --help). */
const COMMAND_OPTIONS: Record<Command, readonly (keyof typeof OPTIONS)[]> = {
  list: ['workspace', 'json', 'tag', 'status'],
  export: ['workspace', 'json', 'format', 'out', 'zip', 'tag', 'status', 'reproducible', 'force'],
  import: ['workspace', 'json', 'create', 'dry-run', 'on-conflict'],
  check: ['workspace', 'json'],
}

class UsageError extends Error {}

/** The version of the installed package (package.json sits two folders up from both the source and out/main/cli.js). */
async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8')
  return (JSON.parse(text) as { version: string }).version
}

/** True when `root` is a Newsdesk workspace: a folder holding articles/ or .newsdesk/. */
async function isWorkspace(root: string): Promise<boolean> {
  for (const sub of ['articles', '.newsdesk']) {
    if ((await stat(join(root, sub)).catch(() => null))?.isDirectory()) return true
  }
  return false
}

/** Runs the CLI with `argv` (without node and script), writing to the given streams; returns the exit code. */
export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const first = argv.find((a) => !a.startsWith('-'))
  const named = first !== undefined && (COMMANDS as readonly string[]).includes(first) ? (first as Command) : null
  const usageOf = (c: Command | null) => `${HELP[c ?? 'main']}\n`
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS })
  } catch (error) {
    const e = error as Error & { code?: string }
    const option = /'(-[^']*)'/.exec(e.message)?.[1]
    const words =
      e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option
        ? `unknown option ${shown(option)}`
        : e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option
          ? `option ${shown(option.split(' ')[0])} needs a value`
          : shown(e.message)
    err(`newsdesk${named ? ` ${named}` : ''}: ${words}\n\n${usageOf(named)}`)
    return EXIT.usage
  }
  const v = parsed.values
  const [commandName, ...rest] = parsed.positionals
  if (v.version) {
    out(`newsdesk ${await packageVersion()}\n`)
    return EXIT.ok
  }
  if (commandName === 'help') {
    const topic = rest[0]
    if (topic === undefined) {
      out(usageOf(null))
      return EXIT.ok
    }
    if (!(COMMANDS as readonly string[]).includes(topic)) {
      err(`newsdesk help: unknown command "${shown(topic)}"\n\n${usageOf(null)}`)
      return EXIT.usage
    }
    out(usageOf(topic as Command))
    return EXIT.ok
  }
  if (commandName === undefined) {
    ;(v.help ? out : err)(usageOf(null))
    return v.help ? EXIT.ok : EXIT.usage
  }
  if (!(COMMANDS as readonly string[]).includes(commandName)) {
    err(`newsdesk: unknown command "${shown(commandName)}"\n\n${usageOf(null)}`)
    return EXIT.usage
  }
  const command = commandName as Command
  if (v.help) {
    out(usageOf(command))
    return EXIT.ok
  }
  const allowed = new Set<string>(COMMAND_OPTIONS[command])
  const stray = Object.keys(v).find((k) => k !== 'help' && !allowed.has(k))
  if (stray) {
    err(`newsdesk ${command}: --${stray} is not an option of ${command}\n\n${usageOf(command)}`)
    return EXIT.usage
  }
  const print = (data: unknown, text: string) => out(v.json ? jsonOut(data) : text)
  let releaseLock: () => Promise<void> = async () => undefined
  try {
    if (!v.workspace) throw new UsageError('--workspace DIR is required')
    if (command !== 'import' && rest.length > 0) throw new UsageError(`unexpected argument "${shown(rest[0])}"`)
    const status = v.status
    if (status !== undefined && !(articleStatuses as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${articleStatuses.join(', ')}`)
    }
    const root = resolve(v.workspace)
    const info = await stat(root).catch(() => null)
    if (info && !info.isDirectory()) {
      err(`newsdesk ${command}: ${shown(root)} is not a folder, so not a workspace\n`)
      return EXIT.invalidInput
    }
    if (!info || !(await isWorkspace(root))) {
      if (command !== 'import' || !v.create) {
        const fix =
          command === 'import'
            ? '; add --create to make it a new workspace'
            : '; give the folder that holds articles/ (check --workspace)'
        err(`newsdesk ${command}: ${shown(root)} ${info ? 'is not a Newsdesk workspace' : 'does not exist'}${fix}\n`)
        return EXIT.invalidInput
      }
      if (!v['dry-run']) await mkdir(root, { recursive: true })
    }
    // Only a real import writes. It takes the workspace lock first (before the library sweeps temp files or
    // quarantines anything), so it never writes under a Newsdesk that has the workspace open; every other
    // command, and a dry run, opens read-only: nothing is swept, moved or written.
    const writes = command === 'import' && !v['dry-run']
    if (writes) {
      const taken = await WorkspaceLock.acquire(root)
      switch (taken.kind) {
        case 'acquired':
          releaseLock = () => taken.lock.release()
          if (taken.healed) err(`newsdesk ${command}: took over the workspace lock: ${shown(taken.healed)}\n`)
          break
        case 'held':
          err(
            `newsdesk ${command}: the workspace is open in another Newsdesk (${shown(describeHolder(taken.holder))}); ` +
              `nothing was written. Close it there, or import from the app.\n`,
          )
          return EXIT.locked
        case 'unwritable':
          err(`newsdesk ${command}: the workspace cannot be written: ${shown(taken.message)}\n`)
          return EXIT.invalidInput
        default:
          return assertNever(taken)
      }
    }
    const library = info || writes ? await ArticleLibrary.open(root, { readOnly: !writes }) : null
    switch (command) {
      case 'list': {
        const items = library!.list({
          ...(v.tag ? { tag: v.tag } : {}),
          ...(status ? { status: status as ArticleStatus } : {}),
        })
        print(
          items,
          items
            .map((a) => `${a.id}  ${a.status.padEnd(9)} ${a.kind.padEnd(10)} ${shown(a.slug)}  ${shown(a.headline)}\n`)
            .join(''),
        )
        return EXIT.ok
      }
      case 'export': {
        if (!v.format || !(exportFormats as readonly string[]).includes(v.format)) {
          throw new UsageError(`--format must be one of ${exportFormats.join(', ')}`)
        }
        if (!v.out) throw new UsageError('--out PATH is required')
        let destination = resolve(v.out)
        const ext = extname(destination).toLowerCase()
        if (v.zip && ext !== '.zip') {
          if (ext !== '')
            throw new UsageError(`--zip writes a .zip file; --out ${shown(v.out)} ends in "${shown(ext)}"`)
          destination += '.zip'
        } else if (!v.zip && ext === '.zip') {
          throw new UsageError(`--out ${shown(v.out)} ends in .zip; add --zip to write a zip file`)
        }
        const outcome = await new ExportService(library!).run({
          format: v.format as ExportFormat,
          destination,
          zip: v.zip ?? false,
          scope: { ...(v.tag ? { tag: v.tag } : {}), ...(status ? { status: status as ArticleStatus } : {}) },
          reproducible: v.reproducible ?? false,
          overwrite: v.force ?? false,
        })
        if (!outcome.ok) {
          const hint =
            outcome.destination === 'exists'
              ? '; use --force to replace a previous Newsdesk export, or choose another --out'
              : outcome.destination
                ? '; choose another --out'
                : ''
          err(`newsdesk export: ${shown(outcome.message)}${hint}\n`)
          return outcome.reason === 'busy' ? EXIT.locked : outcome.destination ? EXIT.usage : EXIT.invalidInput
        }
        for (const w of outcome.warnings) err(`warning: ${shown(w)}\n`)
        print(
          outcome,
          `exported ${counted(outcome.articleCount, 'article')} (${counted(outcome.fileCount, 'file')}) to ${shown(outcome.destination)}\n`,
        )
        return EXIT.ok
      }
      case 'import': {
        if (rest.length === 0) throw new UsageError('give at least one PATH to import')
        const choice = v['on-conflict'] ?? 'skip'
        if (!['skip', 'overwrite', 'keep-both'].includes(choice)) {
          throw new UsageError('--on-conflict must be skip, overwrite or keep-both')
        }
        const sources = rest.map((p) => resolve(p))
        for (const source of sources) {
          const overlap = await workspaceOverlapProblem(source, root, 'the source')
          if (overlap) {
            err(`newsdesk import: refused: ${shown(overlap)}; import from a folder outside the workspace\n`)
            return EXIT.invalidInput
          }
        }
        // A dry run into a workspace --create would make: an empty library, opened nowhere.
        const target = library ?? (await ArticleLibrary.open(await emptyFolder(), { readOnly: true }))
        const importer = new ImportService(target)
        const report = await importer.dryRun(sources)
        const lines = report.items.map((i) => {
          const where = i.problem
            ? ` — ${i.problem.field ? `${shown(i.problem.field)}: ` : ''}${shown(i.problem.message)}${i.problem.line ? ` (line ${i.problem.line})` : ''}`
            : ''
          const clash = i.conflict
            ? ` — ${i.conflict.on} already used by "${shown(i.conflict.headline)}" (${i.conflict.id})`
            : ''
          const warned = i.warnings ? ` — warning: ${shown(i.warnings.join('; '))}` : ''
          return `${i.status.padEnd(9)} ${shown(i.source)}${i.slug ? ` → ${shown(i.slug)}` : ''}${where}${clash}${warned}\n`
        })
        const summary = Object.entries(report.counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')
        const failed = report.counts.invalid > 0 ? EXIT.invalidInput : EXIT.ok
        if (v['dry-run']) {
          importer.discard(report.planId)
          print(report, `${lines.join('')}dry run: ${summary}; nothing was written\n`)
          return failed
        }
        const outcome = await importer.apply(report.planId, { onConflict: choice as ConflictChoice })
        if (!outcome.ok) {
          err(`${lines.join('')}newsdesk import: ${shown(outcome.message)}\n`)
          return EXIT.invalidInput
        }
        print(
          { report, outcome },
          `${lines.join('')}imported: ${outcome.created} created, ${outcome.updated} updated, ${outcome.skipped} skipped (${summary})\n`,
        )
        return failed
      }
      case 'check': {
        const articles = await new ExportService(library!).loadScope({})
        const issues = checkReadiness(articles, new Date())
        const all = counted(articles.length, 'article')
        print(
          { ok: issues.length === 0, articles: articles.length, issues },
          issues.length === 0
            ? `${articles.length === 1 ? 'the 1 article passes' : `all ${all} pass`} the readiness rules\n`
            : `${issues.map((i) => `${shown(i.slug)}: [${i.rule}] ${shown(i.message)}\n`).join('')}${counted(issues.length, 'issue')} in ${new Set(issues.map((i) => i.articleId)).size} of ${all}\n`,
        )
        return issues.length === 0 ? EXIT.ok : EXIT.checkFailed
      }
      default:
        return assertNever(command)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`newsdesk ${command}: ${error.message}\n\n${usageOf(command)}`)
      return EXIT.usage
    }
    if (error instanceof SourceRefusedError) {
      err(`newsdesk ${command}: refused: ${shown(error.message)}\n`)
      return EXIT.invalidInput
    }
    err(`newsdesk ${command}: ${shown((error as Error).message)}\n`)
    return EXIT.invalidInput
  } finally {
    await releaseLock().catch(() => undefined)
  }
}

/** A fresh empty folder (for a dry run into a workspace that --create would make). */
async function emptyFolder(): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  return mkdtemp(join(tmpdir(), 'newsdesk-dry-'))
}

/**
 * True when this module is the program being run: compared by real path, so it holds when started through a
 * symlink, `npm link`, a global install's bin link or npx (argv[1] is then the link, not this file).
 */
function isMainModule(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    // Sync: once, at start-up, before anything else runs.
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isMainModule()) {
  // The exit code is set and the process ends by itself once stdout and stderr have drained: process.exit()
  // here cut piped output at 64 KiB when the reader was slower than the writer.
  const pending: Promise<void>[] = []
  void runCli(
    process.argv.slice(2),
    (s) => void pending.push(writeAll(process.stdout, s)),
    (s) => void pending.push(writeAll(process.stderr, s)),
  ).then(async (code) => {
    process.exitCode = code
    await Promise.allSettled(pending)
  })
}
