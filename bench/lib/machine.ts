// The machine and versions a run happened on, stored with its figures.
import { execFileSync } from 'node:child_process'
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os'

function tryRun(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}

/** CPU, memory, OS, Node, Chromium, pandoc and git facts for latest.json and the README. */
export function machineInfo(chromiumVersion: string | null): Record<string, unknown> {
  const cpu = cpus()
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium: chromiumVersion,
    pandoc: tryRun('pandoc', ['--version'])?.split('\n')[0] ?? null,
    gitCommit: tryRun('git', ['rev-parse', '--short', 'HEAD']),
    gitDirty: (tryRun('git', ['status', '--porcelain']) ?? '') !== '',
  }
}
