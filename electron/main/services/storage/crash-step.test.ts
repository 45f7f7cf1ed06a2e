import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CRASH_STEP_ENV, CRASH_STEPS, crashStep } from './crash-step'

/** Runs a Node child that passes `steps` in order with NEWSDESK_CRASH_AT set to `at`; returns how it ended. */
function runChild(at: string | undefined, steps: string[]) {
  const module = pathToFileURL(join(import.meta.dirname, 'crash-step.ts')).href
  const script = `import { crashStep } from ${JSON.stringify(module)}
for (const s of ${JSON.stringify(steps)}) { process.stdout.write('passed ' + s + '\\n'); crashStep(s) }
process.stdout.write('end\\n')`
  const env = { ...process.env }
  delete env[CRASH_STEP_ENV]
  if (at !== undefined) env[CRASH_STEP_ENV] = at
  const r = spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', '--input-type=module', '-e', script],
    {
      env,
      encoding: 'utf8',
    },
  )
  return { signal: r.signal, lines: r.stdout.trim().split('\n'), stderr: r.stderr }
}

describe('crashStep (the kill -9 campaigns stop a write at a named step)', () => {
  it('does nothing when no step is named (the app and the CLI)', () => {
    expect(process.env[CRASH_STEP_ENV]).toBeUndefined()
    expect(() => crashStep('import:staged')).not.toThrow()
    const r = runChild(undefined, [...CRASH_STEPS])
    expect(r.signal).toBeNull()
    expect(r.lines.at(-1)).toBe('end')
  })

  it('SIGKILLs the process at the named step, after saying so, and not before', () => {
    const r = runChild('export:parked', ['import:staged', 'export:temp-written', 'export:parked', 'export:renamed'])
    expect(r.signal).toBe('SIGKILL')
    expect(r.lines).toEqual([
      'passed import:staged',
      'passed export:temp-written',
      'passed export:parked',
      'crashed-at export:parked',
    ])
  })

  it('stops at the k-th time a repeated step is reached (import:move#3), and a step never reached kills nothing', () => {
    const moves = ['import:move', 'import:move', 'import:move', 'import:move']
    const third = runChild('import:move#3', moves)
    expect(third.signal).toBe('SIGKILL')
    expect(third.lines.filter((l) => l === 'passed import:move')).toHaveLength(3)
    expect(third.lines.at(-1)).toBe('crashed-at import:move#3')
    // `import:moves-listed` starts with `import:move` but is another step.
    const other = runChild('import:move#9', [...moves, 'import:moves-listed'])
    expect(other.signal).toBeNull()
    expect(other.lines.at(-1)).toBe('end')
  })
})
