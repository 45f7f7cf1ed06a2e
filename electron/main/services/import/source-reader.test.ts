import { execFileSync } from 'node:child_process'
import { mkdir, readdir, readFile, rename, symlink, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { ArticleLibrary } from '../library'
import { PNG_1X1, tempDir } from '../test-support'
import { ImportService } from './import-service'
import { crc32, readRegularFile, readSource, SourceRefusedError } from './source-reader'

const MD = (title: string) => Buffer.from(`---\ntitle: ${title}\n---\n\nBody of ${title}.\n`)

/** A stored (uncompressed) zip, so tests can change entry bytes and header fields in place. */
function storedZip(files: Record<string, Uint8Array>): Buffer {
  const entries = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 0 }]])) as Parameters<
    typeof zipSync
  >[0]
  return Buffer.from(zipSync(entries))
}

/** Offsets of the central directory headers (signature PK\x01\x02). */
function centralHeaders(zip: Buffer): number[] {
  const out: number[] = []
  for (let i = zip.indexOf('PK\x01\x02'); i >= 0; i = zip.indexOf('PK\x01\x02', i + 4)) out.push(i)
  return out
}

async function refusal(path: string): Promise<string> {
  try {
    await readSource(path)
  } catch (error) {
    if (error instanceof SourceRefusedError) return error.message
    throw error
  }
  throw new Error(`${path} was accepted`)
}

describe('archives are verified, and every refusal names the file', () => {
  it('computes the zip CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
  })

  it('refuses damaged bytes, entries longer than declared, duplicates, nested zips, ZIP64 and truncation', async () => {
    const dir = await tempDir()
    const at = (name: string) => join(dir, name)

    const damaged = storedZip({ 'a.md': MD('Alpha') })
    damaged[damaged.indexOf('Body of Alpha')] = 'b'.charCodeAt(0)
    await writeFile(at('crc.zip'), damaged)
    expect(await refusal(at('crc.zip'))).toMatch(/crc\.zip: entry "a\.md" is damaged: its CRC-32 does not match/)

    const longer = storedZip({ 'a.md': MD('Alpha') })
    for (const h of centralHeaders(longer)) {
      longer.writeUInt32LE(longer.readUInt32LE(h + 20) - 3, h + 20)
      longer.writeUInt32LE(longer.readUInt32LE(h + 24) - 3, h + 24)
    }
    longer.writeUInt32LE(longer.readUInt32LE(18) - 3, 18)
    longer.writeUInt32LE(longer.readUInt32LE(22) - 3, 22)
    await writeFile(at('long.zip'), longer)
    expect(await refusal(at('long.zip'))).toMatch(/long\.zip: entry "a\.md" (is damaged|does not match)/)

    const twice = storedZip({ 'a.md': MD('One'), 'b.md': MD('Two') })
    let i = -1
    while ((i = twice.indexOf('b.md', i + 1)) >= 0) twice.write('a.md', i)
    await writeFile(at('dup.zip'), twice)
    expect(await refusal(at('dup.zip'))).toBe(
      `${at('dup.zip')}: the entry "a.md" appears twice; an archive must name each file once`,
    )

    await writeFile(at('nested.zip'), storedZip({ 'inner.zip': storedZip({ 'a.md': MD('A') }) }))
    expect(await refusal(at('nested.zip'))).toContain('"inner.zip" is a zip inside the zip')

    const zip64 = storedZip({ 'a.md': MD('Alpha') })
    for (const h of centralHeaders(zip64)) zip64.writeUInt32LE(0xffffffff, h + 24)
    await writeFile(at('z64.zip'), zip64)
    expect(await refusal(at('z64.zip'))).toBe(
      `${at('z64.zip')}: entry "a.md" is stored as ZIP64, which is not supported; zip it again without ZIP64`,
    )

    const whole = storedZip({ 'a.md': MD('Alpha') })
    await writeFile(at('cut.zip'), whole.subarray(0, whole.length - 30))
    expect(await refusal(at('cut.zip'))).toContain(at('cut.zip'))
  })

  it('reports a source with no article in words (exit 3 in the CLI)', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'empty.zip'), storedZip({ 'readme.txt': Buffer.from('hello') }))
    const importer = new ImportService(await ArticleLibrary.open(await tempDir('newsdesk-ws-')), null)
    await expect(importer.dryRun([join(dir, 'empty.zip')])).rejects.toThrow(/empty\.zip holds no article/)
  })
})

describe('only regular files are read, through one no-follow handle', () => {
  it('refuses a FIFO given as the source, and /dev/zero, whole and without blocking', async () => {
    const dir = await tempDir()
    execFileSync('mkfifo', [join(dir, 'pipe.md')])
    expect(await refusal(join(dir, 'pipe.md'))).toContain('is a FIFO (named pipe); only regular files are read')
    expect(await refusal('/dev/zero')).toBe('/dev/zero is a device; only regular files are read')
    await expect(readRegularFile(join(dir, 'pipe.md'), 'pipe.md', 1000)).rejects.toThrow(/FIFO/)
  })

  it('skips a FIFO inside a source folder as one refused item; the rest of the folder imports', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a.md'), MD('Alpha'))
    await mkdir(join(dir, 'sub'))
    await writeFile(join(dir, 'sub', 'b.md'), MD('Beta'))
    execFileSync('mkfifo', [join(dir, 'pipe.md')])
    execFileSync('mkfifo', [join(dir, 'sub', 'photo.png')])
    const tree = await readSource(dir)
    expect(tree.skipped).toEqual([
      { path: 'pipe.md', message: 'a FIFO (named pipe): only regular files are read, so it was skipped' },
      { path: 'sub/photo.png', message: 'a FIFO (named pipe): only regular files are read, so it was skipped' },
    ])
    expect([...tree.files.keys()].sort()).toEqual(['a.md', 'sub/b.md'])

    const library = await ArticleLibrary.open(await tempDir('newsdesk-ws-'))
    const importer = new ImportService(library, null)
    const report = await importer.dryRun([dir])
    expect(report.counts).toMatchObject({ new: 2, invalid: 2 })
    const refused = report.items.filter((item) => item.status === 'invalid')
    expect(refused.map((item) => [item.source, item.problem?.message])).toEqual([
      [`${dir} › pipe.md`, 'a FIFO (named pipe): only regular files are read, so it was skipped'],
      [`${dir} › sub/photo.png`, 'a FIFO (named pipe): only regular files are read, so it was skipped'],
    ])
    expect(await importer.apply(report.planId)).toMatchObject({ ok: true, created: 2, skipped: 2 })
    expect(
      library
        .list({})
        .map((s) => s.headline)
        .sort(),
    ).toEqual(['Alpha', 'Beta'])
  })

  it('refuses a link opened in place of a file, and a swap during import never brings in an outside file', async () => {
    const outside = await tempDir()
    const secret = Buffer.from('SECRET-OUTSIDE-THE-SOURCE')
    await writeFile(join(outside, 'secret.png'), secret)
    const source = await tempDir()
    await mkdir(join(source, 'img'))
    await writeFile(join(source, 'story.md'), Buffer.from('---\ntitle: Pic\n---\n\n![alt](img/photo.png)\n'))
    const photo = join(source, 'img', 'photo.png')
    await writeFile(photo, PNG_1X1)
    await symlink(join(outside, 'secret.png'), join(source, 'img', 'link.png'))
    await expect(readRegularFile(join(source, 'img', 'link.png'), 'link.png', 1000)).rejects.toThrow(/symbolic link/)
    await unlink(join(source, 'img', 'link.png'))
    // A swapper replaces the photo with a link to the outside file and back, as fast as it can.
    let stop = false
    const swapper = (async () => {
      let n = 0
      while (!stop) {
        const tmp = join(source, 'img', `.swap-${n++}`)
        if (n % 2) await symlink(join(outside, 'secret.png'), tmp)
        else await writeFile(tmp, PNG_1X1)
        await rename(tmp, photo)
        await new Promise((r) => setImmediate(r))
      }
    })()
    let imported = 0
    let refused = 0
    for (let trial = 0; trial < 20; trial++) {
      const ws = await tempDir('newsdesk-ws-')
      const importer = new ImportService(await ArticleLibrary.open(ws), null)
      try {
        const report = await importer.dryRun([source])
        await importer.apply(report.planId)
        imported++
      } catch (error) {
        if (!(error instanceof SourceRefusedError)) throw error
        expect(error.message).toMatch(/symbolic link/)
        refused++
      }
      for (const name of await readdir(join(ws, 'assets')).catch(() => [] as string[]))
        expect((await readFile(join(ws, 'assets', name))).includes(secret)).toBe(false)
    }
    stop = true
    await swapper
    expect(imported + refused).toBe(20)
  })
})
