import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DONE_FILE, markDone, recoverInterruptedImports, writeMoves } from './import-recovery'
import { STORE_ENTRIES, workspaceLayout } from '../storage'

async function workspace() {
  const root = await mkdtemp(join(tmpdir(), 'newsdesk-import-recovery-'))
  await mkdir(join(root, 'articles'), { recursive: true })
  const staging = join(workspaceLayout(root).store, 'import-0123456789ab')
  await mkdir(join(staging, 'backup'), { recursive: true })
  return { root, staging, a: (n: string) => join(root, 'articles', n) }
}

describe('recoverInterruptedImports (an import killed in the middle of its moves)', () => {
  it('rolls every state of every move back to the workspace as it was', async () => {
    const { root, staging, a } = await workspace()
    // 1: parked in backup, new file not moved in yet (the article would be missing).
    await writeFile(join(staging, 'backup', '1.json'), 'old 1')
    await writeFile(join(staging, '1.json'), 'new 1')
    // 2: fully moved (new in place, old in backup).
    await writeFile(a('2.json'), 'new 2')
    await writeFile(join(staging, 'backup', '2.json'), 'old 2')
    // 3: a new article already moved in; 4: a new article not moved yet; 5: untouched existing article.
    await writeFile(a('3.json'), 'new 3')
    await writeFile(join(staging, '4.json'), 'new 4')
    await writeFile(a('5.json'), 'old 5')
    await writeFile(join(staging, '5.json'), 'new 5')
    const move = (n: string, backup: boolean) => ({
      staged: join(staging, `${n}.json`),
      target: a(`${n}.json`),
      backup: backup ? join(staging, 'backup', `${n}.json`) : null,
    })
    await writeMoves(root, staging, [
      move('1', true),
      move('2', true),
      move('3', false),
      move('4', false),
      move('5', true),
    ])
    expect(await recoverInterruptedImports(root)).toBe(1)
    const files = Object.fromEntries(
      await Promise.all(
        (await readdir(join(root, 'articles'))).sort().map(async (n) => [n, await readFile(a(n), 'utf8')]),
      ),
    )
    expect(files).toEqual({ '1.json': 'old 1', '2.json': 'old 2', '5.json': 'old 5' })
    expect((await readdir(workspaceLayout(root).store)).filter((n) => n !== STORE_ENTRIES.importGeneration)).toEqual([])
  })

  it('keeps a finished import and removes staging without a move list', async () => {
    const { root, staging, a } = await workspace()
    await writeFile(a('1.json'), 'new 1')
    await writeFile(join(staging, 'backup', '1.json'), 'old 1')
    await writeMoves(root, staging, [
      { staged: join(staging, '1.json'), target: a('1.json'), backup: join(staging, 'backup', '1.json') },
    ])
    await markDone(staging)
    const other = join(workspaceLayout(root).store, 'import-ba9876543210')
    await mkdir(other)
    await writeFile(join(other, '9.json'), 'staged only')
    expect(await recoverInterruptedImports(root)).toBe(0)
    expect(await readFile(a('1.json'), 'utf8')).toBe('new 1')
    expect((await readdir(workspaceLayout(root).store)).filter((n) => n !== STORE_ENTRIES.importGeneration)).toEqual([])
    expect(DONE_FILE).toBe('done')
  })

  it('ignores move entries that point outside the workspace', async () => {
    const { root, staging } = await workspace()
    const outside = await mkdtemp(join(tmpdir(), 'newsdesk-outside-'))
    await writeFile(join(outside, 'victim.txt'), 'keep me')
    await writeFile(
      join(staging, 'moves.json'),
      JSON.stringify([{ staged: 'nope', target: `../${outside.split('/').pop()}/victim.txt`, backup: null }]),
    )
    await recoverInterruptedImports(root)
    expect(await readFile(join(outside, 'victim.txt'), 'utf8')).toBe('keep me')
  })
})
