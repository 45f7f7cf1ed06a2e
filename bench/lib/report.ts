// Statistics, result rows, the printed table, latest.json and the short history.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Summary statistics of one set of samples. */
export interface Stats {
  n: number
  median: number
  p95: number
  min: number
  max: number
  mean: number
}

/** Median, nearest-rank p95, min, max and mean of `samples` (which must not be empty). */
export function summarize(samples: number[]): Stats {
  if (samples.length === 0) throw new Error('no samples')
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number
  const mid =
    s.length % 2
      ? (s[(s.length - 1) / 2] as number)
      : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2
  return {
    n: s.length,
    median: mid,
    p95: at(0.95),
    min: s[0] as number,
    max: s[s.length - 1] as number,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  }
}

/**
 * An absolute budget: `stat` of the row compared with `value`. Kept only for rows that have no peer to be
 * measured against (heap size, autosave, filter changes, long tasks, a growth factor).
 */
export interface BudgetTarget {
  stat: 'median' | 'p95' | 'max' | 'value'
  op: '<=' | '>='
  value: number
  /** Extra condition shown in the same cell. */
  text?: string
}

/**
 * A same-run ratio: the row's `stat` against a peer measured in the same run (or a fixed yardstick such as
 * one 60 Hz frame) must be at most `max`. For times the ratio is row ÷ peer; for rates (a unit ending in
 * "/s") it is peer ÷ row, so in both cases it is "how many times the peer's time the row takes".
 */
export interface RatioTarget {
  stat: 'median' | 'p95' | 'max' | 'value'
  peer: { label: string; value: number }
  max: number
}

/** What decides a row's pass or miss. */
export type Target = BudgetTarget | RatioTarget

/** Whether a target is a same-run ratio. */
export function isRatioTarget(target: Target): target is RatioTarget {
  return 'peer' in target
}

/** Whether a unit is a rate (higher is better), e.g. articles/s. */
export const isRate = (unit: string): boolean => unit.endsWith('/s')

/** How many times the peer's time the row takes: row ÷ peer for times, peer ÷ row for rates. */
export function ratioTo(unit: string, figure: number, peer: number): number {
  return isRate(unit) ? peer / figure : figure / peer
}

/** A peer measured in the same run, and how the row compares with it. */
export interface Peer {
  label: string
  median: number
  unit: string
  /** row median / peer median (for rates, peer / row: above 1 means the row is slower). */
  ratio: number
}

/** One line of the table. */
export interface Row {
  /** Group name used by `--only` (open, keystroke, autosave, heap, search, filter, export, import, scaling, sync). */
  group: string
  id: string
  label: string
  unit: string
  stats?: Stats
  /** For single-figure rows (heap, a count, a growth ratio). */
  value?: number
  target?: Target
  /** For a ratio target: the row's figure against its peer, as `ratioTo` gives it (set by `judge`). */
  ratio?: number
  pass?: boolean | null
  peers?: Peer[]
  note?: string
  /** Set when the row could not be measured, with the reason. */
  notMeasured?: string
}

/** The figure of a row its target is checked against. */
export function figureOf(row: Row, stat: Target['stat']): number | undefined {
  if (stat === 'value' || !row.stats) return row.value ?? row.stats?.median
  return row.stats[stat]
}

/** Decides pass/miss for a row from its target (and any extra check the caller already folded into `pass`). */
export function judge(row: Row, extra: boolean = true): Row {
  if (!row.target || row.notMeasured) return { ...row, pass: null }
  const figure = figureOf(row, row.target.stat)
  if (figure === undefined) return { ...row, pass: null }
  if (isRatioTarget(row.target)) {
    const ratio = ratioTo(row.unit, figure, row.target.peer.value)
    return { ...row, ratio, pass: Number.isFinite(ratio) && ratio <= row.target.max && extra }
  }
  const ok = row.target.op === '<=' ? figure <= row.target.value : figure >= row.target.value
  return { ...row, pass: ok && extra }
}

const fmt = (v: number | undefined, unit: string): string => {
  if (v === undefined || Number.isNaN(v)) return '—'
  if (unit === 'articles/s') return Math.round(v).toLocaleString('en')
  if (Math.abs(v) >= 1000) return v.toFixed(0)
  if (Math.abs(v) >= 100) return v.toFixed(1)
  if (Math.abs(v) >= 10) return v.toFixed(2)
  return v.toFixed(3).replace(/0+$/, '').replace(/\.$/, '')
}

function targetText(row: Row): string {
  const target = row.target
  if (!target) return ''
  const stat = target.stat === 'value' ? '' : `${target.stat} `
  if (isRatioTarget(target)) {
    const now = row.ratio === undefined ? '' : ` (now ×${row.ratio.toFixed(2)})`
    const what = isRate(row.unit) ? 'time' : `${stat}`.trim() || 'figure'
    return `${what} ≤ ${target.max}× ${target.peer.label}${now}`
  }
  const t = `${stat}${target.op === '<=' ? '≤' : '≥'} ${fmt(target.value, row.unit)} ${row.unit}`
  return target.text ? `${t}, ${target.text}` : t
}

/** The table as Markdown (printed to the terminal and pasted into the README). */
export function markdownTable(rows: Row[], previous?: Map<string, number>): string {
  const header = ['Benchmark', 'median', 'p95', 'min–max', 'unit', 'target', 'result', 'peers (same run)']
  if (previous) header.push('Δ median vs previous')
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`]
  for (const row of rows) {
    if (row.notMeasured) {
      const cells = [row.label, '—', '—', '—', row.unit, targetText(row), `not measured: ${row.notMeasured}`, '']
      if (previous) cells.push('')
      lines.push(`| ${cells.join(' | ')} |`)
      continue
    }
    const s = row.stats
    const median = s ? s.median : row.value
    const cells = [
      row.note ? `${row.label} (${row.note})` : row.label,
      fmt(median, row.unit),
      s ? fmt(s.p95, row.unit) : '—',
      s ? `${fmt(s.min, row.unit)}–${fmt(s.max, row.unit)}` : '—',
      row.unit,
      targetText(row),
      row.pass === true ? 'pass' : row.pass === false ? '**MISS**' : '',
      (row.peers ?? [])
        .map((p) => `${p.label}: ${fmt(p.median, p.unit)} ${p.unit} (×${p.ratio.toFixed(2)})`)
        .join('; '),
    ]
    if (previous) {
      const before = previous.get(row.id)
      cells.push(
        before === undefined || median === undefined || before === 0
          ? ''
          : `${median >= before ? '+' : ''}${(((median - before) / before) * 100).toFixed(1)}%`,
      )
    }
    lines.push(`| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`)
  }
  return lines.join('\n')
}

/** Everything one run produced. */
export interface RunResult {
  startedAt: string
  finishedAt: string
  options: { articles: number; seed: string; quick: boolean; only: string | null }
  machine: Record<string, unknown>
  rows: Row[]
}

/** Median (or single figure) of every measured row, keyed by id. */
export function figuresById(rows: Row[]): Map<string, number> {
  const map = new Map<string, number>()
  for (const row of rows) {
    const v = row.stats?.median ?? row.value
    if (!row.notMeasured && v !== undefined) map.set(row.id, v)
  }
  return map
}

/** Reads the previous comparable run (same article count and quick flag) from the history, if any. */
export function previousRun(resultsDir: string, options: RunResult['options']): RunResult | undefined {
  const file = join(resultsDir, 'history.jsonl')
  if (!existsSync(file)) return undefined
  const runs = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as RunResult]
      } catch {
        return []
      }
    })
  return runs.reverse().find((r) => r.options.articles === options.articles && r.options.quick === options.quick)
}

/** Writes latest.json and appends to history.jsonl, keeping the last `keep` runs. */
export function saveResults(resultsDir: string, result: RunResult, keep = 20): void {
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`)
  const file = join(resultsDir, 'history.jsonl')
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []
  lines.push(JSON.stringify(result))
  writeFileSync(file, `${lines.slice(-keep).join('\n')}\n`)
}
