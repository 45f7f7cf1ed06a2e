import { readdir, readFile, writeFile, chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TEMP_SUFFIX, writeDurable } from './durable-write'
import { tempDirEach } from '../test-support'

const dir = tempDirEach('nd-durable-')
afterEach(async () => {
  await chmod(dir(), 0o755).catch(() => undefined)
})

describe('writeDurable', () => {
  it('writes new content and replaces old content whole, leaving no temp file', async () => {
    const target = join(dir(), 'a.json')
    await writeDurable(target, 'first')
    await writeDurable(target, new TextEncoder().encode('second, longer'))
    expect(await readFile(target, 'utf8')).toBe('second, longer')
    expect((await readdir(dir())).filter((n) => n.endsWith(TEMP_SUFFIX))).toEqual([])
  })

  it('writes large content fully', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024 + 17)
    await writeDurable(join(dir(), 'big.txt'), big)
    expect((await readFile(join(dir(), 'big.txt'), 'utf8')).length).toBe(big.length)
  })

  it('leaves the original untouched and no temp file when the write fails', async () => {
    const target = join(dir(), 'keep.json')
    await writeFile(target, 'original')
    // A missing folder makes the temp-file open fail before anything is replaced.
    await expect(writeDurable(join(dir(), 'missing', 'x.json'), 'new')).rejects.toThrow(/ENOENT/)
    if (process.getuid?.() !== 0) {
      await chmod(dir(), 0o555)
      await expect(writeDurable(target, 'new')).rejects.toThrow()
      await chmod(dir(), 0o755)
    }
    expect(await readFile(target, 'utf8')).toBe('original')
    expect((await readdir(dir())).filter((n) => n.endsWith(TEMP_SUFFIX))).toEqual([])
  })
})
