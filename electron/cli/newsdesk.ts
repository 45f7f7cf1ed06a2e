#!/usr/bin/env node
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
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
import { isSyncCommand, runSyncCommand, SYNC_USAGE } from './sync-commands'

/** Exit codes of the command line (documented in README). */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2, invalidInput: 3, locked: 4 } as const

const COMMON = `  --workspace DIR   the workspace folder (holds articles/ and assets/)
  --json            machine-readable output on stdout
  --help            this text`

const HELP: Record<string, string> = {
  main: `newsdesk — the Newsdesk command line

Usage:
  newsdesk list   --workspace DIR [--tag T] [--status S] [--json]
  newsdesk export --workspace DIR --format markdown|json|ninjs|rss|html --out PATH
                  [--zip] [--tag T] [--status S] [--reproducible] [--force] [--json]
  newsdesk import --workspace DIR PATH... [--dry-run] [--on-conflict skip|overwrite|keep-both] [--json]
  newsdesk check  --workspace DIR [--json]
${SYNC_USAGE}

Run "newsdesk COMMAND --help" for one command.

Exit codes: 0 ok, 1 check failed, 2 usage, 3 invalid input, 4 workspace open in another Newsdesk,
5 git not installed, 6 offline (changes wait), 7 remote refused or git failed, 8 synced with conflicts.`,
  list: `newsdesk list --workspace DIR [--tag T] [--status S] [--json]

Lists the articles of a workspace, most recently updated first.

${COMMON}
  --tag T           only articles with this tag
  --status S        only articles in this status (draft, review, ready, published)`,
  export: `newsdesk export --workspace DIR --format FORMAT --out PATH [options]

Exports articles. The output is written beside PATH and moved into place only when complete.

  --format F        markdown | json | ninjs | rss | html
  --out PATH        destination folder (or .zip file with --zip); must not exist unless --force
  --zip             write one .zip file instead of a folder
  --tag T           only articles with this tag
  --status S        only articles in this status
  --reproducible    leave the export time out of manifest.json (byte-identical output)
  --force           replace PATH if it exists
${COMMON}`,
  import: `newsdesk import --workspace DIR PATH... [options]

Imports Newsdesk JSON or Markdown bundles (folder or .zip) and Markdown with YAML (---) or TOML (+++)
front matter as Hugo, Jekyll and Decap write it (a folder, a .zip or single files). Nothing is written
unless every selected item can be written; invalid items are reported and skipped (exit code 3).

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

class UsageError extends Error {}

/** Runs the CLI with `argv` (without node and script), writing to the given streams; returns the exit code. */
export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (isSyncCommand(argv[0])) return runSyncCommand(argv, out, err)
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        format: { type: 'string' },
        out: { type: 'string' },
        zip: { type: 'boolean' },
        tag: { type: 'string' },
        status: { type: 'string' },
        reproducible: { type: 'boolean' },
        force: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'on-conflict': { type: 'string' },
      },
    })
  } catch (error) {
    err(`newsdesk: ${(error as Error).message}\n\n${HELP.main}\n`)
    return EXIT.usage
  }
  const [commandName, ...rest] = parsed.positionals
  const v = parsed.values
  if (commandName === undefined) {
    ;(v.help ? out : err)(`${HELP.main}\n`)
    return v.help ? EXIT.ok : EXIT.usage
  }
  if (!(COMMANDS as readonly string[]).includes(commandName)) {
    err(`newsdesk: unknown command "${commandName}"\n\n${HELP.main}\n`)
    return EXIT.usage
  }
  const command = commandName as Command
  if (v.help) {
    out(`${HELP[command]}\n`)
    return EXIT.ok
  }
  const print = (data: unknown, text: string) => out(v.json ? `${JSON.stringify(data, null, 2)}\n` : text)
  let releaseLock: () => Promise<void> = async () => undefined
  try {
    if (!v.workspace) throw new UsageError('--workspace DIR is required')
    if (command !== 'import' && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`)
    const status = v.status
    if (status !== undefined && !(articleStatuses as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${articleStatuses.join(', ')}`)
    }
    const root = resolve(v.workspace)
    if (command !== 'import') {
      const info = await stat(root).catch(() => null)
      if (!info?.isDirectory()) {
        err(`newsdesk: ${root} is not a workspace folder\n`)
        return EXIT.invalidInput
      }
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
          break
        case 'held':
          err(
            `newsdesk ${command}: the workspace is open in another Newsdesk (${describeHolder(taken.holder)}); ` +
              `nothing was written. Close it there, or import from the app.\n`,
          )
          return EXIT.locked
        case 'unwritable':
          err(`newsdesk ${command}: the workspace cannot be written: ${taken.message}\n`)
          return EXIT.invalidInput
        default:
          return assertNever(taken)
      }
    }
    const library = await ArticleLibrary.open(root, { readOnly: !writes })
    switch (command) {
      case 'list': {
        const items = library.list({
          ...(v.tag ? { tag: v.tag } : {}),
          ...(status ? { status: status as ArticleStatus } : {}),
        })
        print(
          items,
          items.map((a) => `${a.id}  ${a.status.padEnd(9)} ${a.kind.padEnd(10)} ${a.slug}  ${a.headline}\n`).join(''),
        )
        return EXIT.ok
      }
      case 'export': {
        if (!v.format || !(exportFormats as readonly string[]).includes(v.format)) {
          throw new UsageError(`--format must be one of ${exportFormats.join(', ')}`)
        }
        if (!v.out) throw new UsageError('--out PATH is required')
        const outcome = await new ExportService(library).run({
          format: v.format as ExportFormat,
          destination: resolve(v.out),
          zip: v.zip ?? false,
          scope: { ...(v.tag ? { tag: v.tag } : {}), ...(status ? { status: status as ArticleStatus } : {}) },
          reproducible: v.reproducible ?? false,
          overwrite: v.force ?? false,
        })
        if (!outcome.ok) {
          err(`newsdesk: ${outcome.message}\n`)
          return outcome.reason === 'io'
            ? EXIT.invalidInput
            : outcome.reason === 'exists'
              ? EXIT.usage
              : EXIT.invalidInput
        }
        for (const w of outcome.warnings) err(`warning: ${w}\n`)
        print(
          outcome,
          `exported ${outcome.articleCount} articles (${outcome.fileCount} files) to ${outcome.destination}\n`,
        )
        return EXIT.ok
      }
      case 'import': {
        if (rest.length === 0) throw new UsageError('give at least one PATH to import')
        const choice = v['on-conflict'] ?? 'skip'
        if (!['skip', 'overwrite', 'keep-both'].includes(choice)) {
          throw new UsageError('--on-conflict must be skip, overwrite or keep-both')
        }
        const importer = new ImportService(library)
        const report = await importer.dryRun(rest.map((p) => resolve(p)))
        const lines = report.items.map((i) => {
          const where = i.problem
            ? ` — ${i.problem.field ? `${i.problem.field}: ` : ''}${i.problem.message}${i.problem.line ? ` (line ${i.problem.line})` : ''}`
            : ''
          const clash = i.conflict
            ? ` — ${i.conflict.on} already used by "${i.conflict.headline}" (${i.conflict.id})`
            : ''
          const warned = i.warnings ? ` — warning: ${i.warnings.join('; ')}` : ''
          return `${i.status.padEnd(9)} ${i.source}${i.slug ? ` → ${i.slug}` : ''}${where}${clash}${warned}\n`
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
          err(`${lines.join('')}newsdesk: ${outcome.message}\n`)
          return EXIT.invalidInput
        }
        print(
          { report, outcome },
          `${lines.join('')}imported: ${outcome.created} created, ${outcome.updated} updated, ${outcome.skipped} skipped (${summary})\n`,
        )
        return failed
      }
      case 'check': {
        const articles = await new ExportService(library).loadScope({})
        const issues = checkReadiness(articles, new Date())
        print(
          { ok: issues.length === 0, articles: articles.length, issues },
          issues.length === 0
            ? `all ${articles.length} articles pass the readiness rules\n`
            : `${issues.map((i) => `${i.slug}: [${i.rule}] ${i.message}\n`).join('')}${issues.length} issues in ${new Set(issues.map((i) => i.articleId)).size} of ${articles.length} articles\n`,
        )
        return issues.length === 0 ? EXIT.ok : EXIT.checkFailed
      }
      default: {
        const never: never = command
        throw new UsageError(`unknown command ${String(never)}`)
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`newsdesk ${command}: ${error.message}\n\n${HELP[command]}\n`)
      return EXIT.usage
    }
    if (error instanceof SourceRefusedError) {
      err(`newsdesk ${command}: refused: ${error.message}\n`)
      return EXIT.invalidInput
    }
    err(`newsdesk ${command}: ${(error as Error).message}\n`)
    return EXIT.invalidInput
  } finally {
    await releaseLock().catch(() => undefined)
  }
}

// Run when executed directly (not when imported by tests).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split(/[\\/]/).pop() ?? '')) {
  void runCli(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then((code) => process.exit(code))
}
