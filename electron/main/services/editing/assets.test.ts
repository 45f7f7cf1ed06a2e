import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AssetStore, sniffImage } from './assets'
import { tempDirEach } from '../test-support'

// A real 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

const root = tempDirEach('newsdesk-assets-')

describe('sniffImage', () => {
  it('recognises formats by their bytes, not their names', () => {
    expect(sniffImage(PNG)).toBe('png')
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg')
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBe('gif')
    expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp')
    expect(sniffImage(new TextEncoder().encode('<svg onload="alert(1)"/>'))).toBeNull()
  })
})

describe('AssetStore', () => {
  it('stores bytes once under their sha256 and returns the same asset for the same bytes', async () => {
    const store = new AssetStore(
      () => root(),
      async () => null,
    )
    const first = await store.importFromRenderer({ fileName: 'paste.png', dataBase64: PNG.toString('base64') })
    const second = await store.importBytes(new Uint8Array(PNG), 'again.png')
    expect(first).toEqual({ ok: true, asset: { name: `${sha(PNG)}.png`, mimeType: 'image/png', bytes: PNG.length } })
    expect(second).toEqual(first)
    expect(await readdir(join(root(), 'assets'))).toEqual([`${sha(PNG)}.png`])
    expect(Buffer.compare(await readFile(join(root(), 'assets', `${sha(PNG)}.png`)), PNG)).toBe(0)
  })
  it('imports the file the injected picker returns, and reports a cancel', async () => {
    const source = join(root(), 'photo.png')
    await writeFile(source, PNG)
    let answer: string | null = source
    const store = new AssetStore(
      () => root(),
      async () => answer,
    )
    const picked = await store.importFromPicker()
    expect(picked.ok && picked.asset.name).toBe(`${sha(PNG)}.png`)
    answer = null
    expect(await store.importFromPicker()).toEqual({ ok: false, reason: 'cancelled', message: 'no file was chosen' })
  })
  it('refuses non-images, empty files and a read-only workspace with a reason, writing nothing', async () => {
    const store = new AssetStore(
      () => root(),
      async () => null,
    )
    expect(await store.importBytes(new TextEncoder().encode('<svg/>'), 'evil.svg')).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: 'evil.svg is not a PNG, JPEG, GIF or WebP image',
    })
    expect(await store.importBytes(new Uint8Array(), 'empty.png')).toMatchObject({ ok: false, reason: 'invalid' })
    const readOnly = new AssetStore(
      () => root(),
      async () => null,
      () => true,
    )
    expect(await readOnly.importBytes(new Uint8Array(PNG), 'a.png')).toMatchObject({ ok: false, reason: 'read-only' })
    await expect(readdir(join(root(), 'assets'))).rejects.toThrow()
  })
  it('reads assets back as base64 and refuses names that are not content hashes', async () => {
    const store = new AssetStore(
      () => root(),
      async () => null,
    )
    await store.importBytes(new Uint8Array(PNG), 'a.png')
    expect(await store.read(`${sha(PNG)}.png`)).toEqual({
      ok: true,
      mimeType: 'image/png',
      dataBase64: PNG.toString('base64'),
    })
    expect(await store.read('../../etc/passwd')).toMatchObject({ ok: false, reason: 'invalid' })
    expect(await store.read(`${'0'.repeat(64)}.png`)).toMatchObject({ ok: false, reason: 'not-found' })
  })
  it('reports a missing picked file as an io error', async () => {
    const store = new AssetStore(
      () => root(),
      async () => join(root(), 'gone.png'),
    )
    expect(await store.importFromPicker()).toMatchObject({ ok: false, reason: 'io' })
  })
})
