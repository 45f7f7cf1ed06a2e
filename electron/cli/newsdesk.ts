#!/usr/bin/env node
import { realpathSync } from 'node:fs'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { checkReadiness, describeIssue } from '../../shared/article/readiness'
import { assertNever } from '../../shared/assert-never'
import { articleFilterSchema, type ArticleFilter } from '../../shared/listing/filter'
import { compareListing, listingDate } from '../../shared/listing/listing'
import { isoInZone } from '../../shared/publication/clock'
import { applyPublicationEdits, publicationKeyDocs } from '../../shared/publication/publication'
import { exportFormats, type ExportFormat } from '../../shared/bundle/manifest'
import { ExportService, workspaceOverlapProblem } from '../main/services/export'
import { type ConflictChoice, ImportService, SourceRefusedError } from '../main/services/import'
import { ArticleLibrary, recoverInterruptedImports } from '../main/services/library'
import { PublicationStore } from '../main/services/workspace'
import {
  createWorkerPool,
  describeHolder,
  type WorkerPool,
  WorkspaceLock,
  workspaceLayout,
} from '../main/services/storage'
import { counted, jsonOut, shown, writeAll } from './cli-text'
import { isSyncCommand, runSyncCommand, SYNC_USAGE } from './sync-commands'

/** Exit codes of the command line (documented in README). */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2, invalidInput: 3, locked: 4 } as const

const FILTER_HELP = `  --status S        only articles in this status (draft, review, ready, published)
  --kind K          only articles of this kind (article, audio, video, livestream)
  --tag T           only articles with this tag
  --language L      only articles in this language (en, es, ...)
  --conflicted      only articles a git sync merge left conflicted (resolve them in the app)`

const COMMON = `  --workspace DIR   the workspace folder (holds articles/ and assets/)
  --json            machine-readable output on stdout
  --help            this text`

const HELP: Record<'main' | Command, string> = {
  main: `newsdesk — the Newsdesk command line

Usage:
  newsdesk list   --workspace DIR [FILTER] [--json]
  newsdesk export --workspace DIR --format markdown|json|ninjs|rss|html --out PATH
                  [--zip] [FILTER] [--include-internal] [--strict] [--reproducible] [--force] [--json]
  newsdesk import --workspace DIR PATH... [--create] [--dry-run] [--on-conflict skip|overwrite|keep-both] [--json]
  newsdesk check  --workspace DIR [--json]
  newsdesk publication --workspace DIR [--set KEY=VALUE ...] [--json]
${SYNC_USAGE}
  newsdesk help [COMMAND]
  newsdesk --version

FILTER is any of --status S, --kind K, --tag T, --language L, --conflicted.

Run "newsdesk help COMMAND" (or "newsdesk COMMAND --help") for one command.

Exit codes: 0 ok, 1 check failed, 2 usage, 3 invalid input, 4 workspace (or destination) in use elsewhere,
5 git not installed, 6 offline (changes wait), 7 remote refused or git failed, 8 synced with conflicts.`,
  list: `newsdesk list --workspace DIR [FILTER] [--json]

Lists the articles of a workspace in listing order, newest first: by the date the listing shows (the publish
time, or the updated time of an article with none), in the publication's time zone.

${COMMON}
${FILTER_HELP}`,
  export: `newsdesk export --workspace DIR --format FORMAT --out PATH [options]

Exports articles. The output is written beside PATH and moved into place only when complete. PATH never
lies inside the workspace nor contains it.

  --format F        markdown | json | ninjs | rss | html
  --out PATH        destination folder (or .zip file with --zip); must not exist unless --force
  --zip             write one .zip file instead of a folder (".zip" is added to a PATH without extension)
${FILTER_HELP}
  --include-internal  Markdown: keep editorsNote, status and revision in the front matter (for another
                    Newsdesk); withheld by default. HTML and RSS carry only the publication's statuses
                    (never drafts) and never internal notes.
  --strict          HTML, RSS: refuse the export when an article it carries fails a readiness rule
                    (without it, each failure is printed as a warning)
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
  kind: { type: 'string' },
  language: { type: 'string' },
  conflicted: { type: 'boolean' },
  set: { type: 'string', multiple: true },
  'include-internal': { type: 'boolean' },
  strict: { type: 'boolean' },
  reproducible: { type: 'boolean' },
  force: { type: 'boolean' },
  create: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'on-conflict': { type: 'string' },
} as const

/** The options of the one article filter (FILTER in the usage). */
const FILTER_OPTIONS = ['status', 'kind', 'tag', 'language', 'conflicted'] as const

/** The options each command takes (besides --help). */
const COMMAND_OPTIONS: Record<Command, readonly (keyof typeof OPTIONS)[]> = {
  list: ['workspace', 'json', ...FILTER_OPTIONS],
  export: [
    'workspace',
    'json',
    'format',
    'out',
    'zip',
    ...FILTER_OPTIONS,
    'include-internal',
    'strict',
    'reproducible',
    'force',
  ],
  import: ['workspace', 'json', 'create', 'dry-run', 'on-conflict'],
  check: ['workspace', 'json'],
  publication: ['workspace', 'json', 'set'],
}

class UsageError extends Error {}

/** The version of the installed package (package.json sits two folders up from both the source and out/main/cli.js). */
async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8')
  return (JSON.parse(text) as { version: string }).version
}

/** True when `root` is a Newsdesk workspace: a folder holding articles/ or .newsdesk/. */
async function isWorkspace(root: string): Promise<boolean> {
  const layout = workspaceLayout(root)
  for (const folder of [layout.articles, layout.store]) {
    if ((await stat(folder).catch(() => null))?.isDirectory()) return true
  }
  return false
}

/** Runs the CLI with `argv` (without node and script), writing to the given streams; returns the exit code. */
export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (isSyncCommand(argv[0])) return runSyncCommand(argv, out, err)
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
    // The sync commands keep their own usage texts beside them.
    if (isSyncCommand(topic)) return runSyncCommand([topic, '--help'], out, err)
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
  // Worker threads for a big export or import, made by the command that uses them and closed at its end.
  let workers: WorkerPool | null = null
  try {
    if (!v.workspace) throw new UsageError('--workspace DIR is required')
    if (command !== 'import' && rest.length > 0) throw new UsageError(`unexpected argument "${shown(rest[0])}"`)
    const filter = filterOf(v)
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
        err(`newsdesk publication: ${shown(saved.message)}; nothing was written\n`)
        return EXIT.invalidInput
      }
      print(saved.settings, `saved ${counted(v.set.length, 'setting')}:\n${JSON.stringify(saved.settings, null, 2)}\n`)
      return EXIT.ok
    }
    const library = info || writes ? await ArticleLibrary.open(root, { readOnly: !writes }) : null
    switch (command) {
      case 'list': {
        const zone = (await publications.get()).timeZone
        const items = library!.list(filter).sort(compareListing)
        print(
          items,
          items
            .map(
              (a) =>
                `${a.id}  ${isoInZone(listingDate(a), zone)}  ${a.status.padEnd(9)} ${a.kind.padEnd(10)} ${shown(a.slug)}  ${shown(a.headline)}\n`,
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
        let destination = resolve(v.out)
        const ext = extname(destination).toLowerCase()
        if (v.zip && ext !== '.zip') {
          if (ext !== '')
            throw new UsageError(`--zip writes a .zip file; --out ${shown(v.out)} ends in "${shown(ext)}"`)
          destination += '.zip'
        } else if (!v.zip && ext === '.zip') {
          throw new UsageError(`--out ${shown(v.out)} ends in .zip; add --zip to write a zip file`)
        }
        workers = createWorkerPool()
        const outcome = await new ExportService(library!, workers).run({
          format: v.format as ExportFormat,
          destination,
          zip: v.zip ?? false,
          scope: { filter },
          reproducible: v.reproducible ?? false,
          includeInternal: v['include-internal'] ?? false,
          strict: v.strict ?? false,
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
        workers = createWorkerPool()
        const importer = new ImportService(target, workers)
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
        const articles = await new ExportService(library!, null).loadScope({})
        const issues = checkReadiness(articles, new Date(), await publications.get())
        const all = counted(articles.length, 'article')
        print(
          { ok: issues.length === 0, articles: articles.length, issues },
          issues.length === 0
            ? `${articles.length === 1 ? 'the 1 article passes' : `all ${all} pass`} the readiness rules\n`
            : `${issues.map((i) => `${shown(describeIssue(i))}\n`).join('')}${counted(issues.length, 'issue')} in ${new Set(issues.map((i) => i.articleId)).size} of ${all}\n`,
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
    await workers?.close()
    await releaseLock().catch(() => undefined)
  }
}

/** The one article filter from --status, --kind, --tag, --language and --conflicted, validated by its schema. */
function filterOf(v: {
  status?: string
  kind?: string
  tag?: string
  language?: string
  conflicted?: boolean
}): ArticleFilter {
  const raw = {
    ...(v.conflicted ? { conflicted: true } : {}),
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
