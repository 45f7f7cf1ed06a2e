#!/usr/bin/env node
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { checkReadiness, describeIssue } from '../../shared/article/readiness'
import { assertNever } from '../../shared/assert-never'
import { articleFilterSchema, type ArticleFilter } from '../../shared/listing/filter'
import { compareListing, listingDate } from '../../shared/listing/listing'
import { isoInZone } from '../../shared/publication/clock'
import { applyPublicationEdits, publicationKeyDocs } from '../../shared/publication/publication'
import { exportFormats, type ExportFormat } from '../../shared/bundle/manifest'
import { ExportService } from '../main/services/export'
import {
  type ConflictChoice,
  ImportService,
  recoverInterruptedImports,
  SourceRefusedError,
} from '../main/services/import'
import { ArticleLibrary } from '../main/services/library'
import { describeHolder, PublicationStore, WorkspaceLock } from '../main/services/workspace'

/** Exit codes of the command line (documented in README). */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2, invalidInput: 3, locked: 4 } as const

const FILTER_HELP = `  --status S        only articles in this status (draft, review, ready, published)
  --kind K          only articles of this kind (article, audio, video, livestream)
  --tag T           only articles with this tag
  --language L      only articles in this language (en, es, ...)`

const COMMON = `  --workspace DIR   the workspace folder (holds articles/ and assets/)
  --json            machine-readable output on stdout
  --help            this text`

const HELP: Record<string, string> = {
  main: `newsdesk — the Newsdesk command line

Usage:
  newsdesk list   --workspace DIR [FILTER] [--json]
  newsdesk export --workspace DIR --format markdown|json|ninjs|rss|html --out PATH
                  [--zip] [FILTER] [--include-internal] [--strict] [--reproducible] [--force] [--json]
  newsdesk import --workspace DIR PATH... [--dry-run] [--on-conflict skip|overwrite|keep-both] [--json]
  newsdesk check  --workspace DIR [--json]
  newsdesk publication --workspace DIR [--set KEY=VALUE ...] [--json]

FILTER is any of --status S, --kind K, --tag T, --language L.

Run "newsdesk COMMAND --help" for one command.

Exit codes: 0 ok, 1 check failed, 2 usage, 3 invalid input, 4 workspace open in another Newsdesk.`,
  list: `newsdesk list --workspace DIR [FILTER] [--json]

Lists the articles of a workspace in listing order, newest first: by the date the listing shows (the publish
time, or the updated time of an article with none), in the publication's time zone.

${COMMON}
${FILTER_HELP}`,
  export: `newsdesk export --workspace DIR --format FORMAT --out PATH [options]

Exports articles. The output is written beside PATH and moved into place only when complete.

  --format F        markdown | json | ninjs | rss | html
  --out PATH        destination folder (or .zip file with --zip); must not exist unless --force
  --zip             write one .zip file instead of a folder
${FILTER_HELP}
  --include-internal  Markdown: keep editorsNote, status and revision in the front matter (for another
                    Newsdesk); withheld by default. HTML and RSS carry only the publication's statuses
                    (never drafts) and never internal notes.
  --strict          HTML, RSS: refuse the export when an article it carries fails a readiness rule
                    (without it, each failure is printed as a warning)
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

Runs the readiness rules: required fields (past draft), the publication's length budgets, duplicate slugs,
an embargo that ends after the publish date, images without alt text, ready articles still under embargo,
a headline that repeats its kind's badge ("[Video] ..." on a video). Exits 1 when any rule fails.

${COMMON}`,
  publication: `newsdesk publication --workspace DIR [--set KEY=VALUE ...] [--json]

Shows the publication settings of a workspace (.newsdesk/publication.json), or changes them: each
--set is validated and nothing is written unless all are valid. Keys:

${publicationKeyDocs.map((d) => `  ${d.key.padEnd(18)}${d.description}`).join('\n')}

${COMMON}
  --set KEY=VALUE   change one key (repeatable); an empty value clears baseUrl, tag, language, kind`,
}

const COMMANDS = ['list', 'export', 'import', 'check', 'publication'] as const
type Command = (typeof COMMANDS)[number]

class UsageError extends Error {}

/** Runs the CLI with `argv` (without node and script), writing to the given streams; returns the exit code. */
export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
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
        kind: { type: 'string' },
        language: { type: 'string' },
        set: { type: 'string', multiple: true },
        'include-internal': { type: 'boolean' },
        strict: { type: 'boolean' },
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
    const filter = filterOf(v)
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
    // An import killed in the middle of its moves is rolled back before anything is listed (as the app's
    // workspace session does).
    if (writes) await recoverInterruptedImports(root)
    const publications = new PublicationStore(() => root)
    if (command === 'publication') {
      const current = await publications.get()
      if (!v.set || v.set.length === 0) {
        print(current, `${JSON.stringify(current, null, 2)}\n`)
        return EXIT.ok
      }
      const edited = applyPublicationEdits(current, v.set)
      if (!edited.ok) throw new UsageError(edited.message)
      const saved = await publications.set(edited.settings)
      if (!saved.ok) {
        err(`newsdesk publication: ${saved.message}; nothing was written\n`)
        return EXIT.invalidInput
      }
      print(
        saved.settings,
        `saved ${v.set.length} ${v.set.length === 1 ? 'setting' : 'settings'}:\n${JSON.stringify(saved.settings, null, 2)}\n`,
      )
      return EXIT.ok
    }
    const library = await ArticleLibrary.open(root, { readOnly: !writes })
    switch (command) {
      case 'list': {
        const zone = (await publications.get()).timeZone
        const items = library.list(filter).sort(compareListing)
        print(
          items,
          items
            .map(
              (a) =>
                `${a.id}  ${isoInZone(listingDate(a), zone)}  ${a.status.padEnd(9)} ${a.kind.padEnd(10)} ${a.slug}  ${a.headline}\n`,
            )
            .join(''),
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
          scope: { filter },
          reproducible: v.reproducible ?? false,
          includeInternal: v['include-internal'] ?? false,
          strict: v.strict ?? false,
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
        const issues = checkReadiness(articles, new Date(), await publications.get())
        print(
          { ok: issues.length === 0, articles: articles.length, issues },
          issues.length === 0
            ? `all ${articles.length} articles pass the readiness rules\n`
            : `${issues.map((i) => `${describeIssue(i)}\n`).join('')}${issues.length} issues in ${new Set(issues.map((i) => i.articleId)).size} of ${articles.length} articles\n`,
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

/** The one article filter from --status, --kind, --tag and --language, validated by its schema. */
function filterOf(v: { status?: string; kind?: string; tag?: string; language?: string }): ArticleFilter {
  const raw = {
    ...(v.status !== undefined ? { status: v.status } : {}),
    ...(v.kind !== undefined ? { kind: v.kind } : {}),
    ...(v.tag !== undefined ? { tag: v.tag } : {}),
    ...(v.language !== undefined ? { language: v.language } : {}),
  }
  const parsed = articleFilterSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new UsageError(`--${String(issue?.path[0] ?? 'filter')}: ${issue?.message ?? 'invalid'}`)
}

// Run when executed directly (not when imported by tests).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split(/[\\/]/).pop() ?? '')) {
  void runCli(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then((code) => process.exit(code))
}
