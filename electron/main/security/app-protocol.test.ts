import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveAppPath, serveAppRequest } from './app-protocol'
import { CONTENT_SECURITY_POLICY } from './policy'

let dir: string
let root: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nd-proto-'))
  root = join(dir, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>')
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(dir, 'secret.txt'), 'top secret')
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('app:// protocol', () => {
  it('serves files inside the renderer folder with the CSP header and a MIME type', async () => {
    const res = await serveAppRequest(root, 'app://newsdesk/assets/app.js')
    expect(res.status).toBe(200)
    expect(res.headers['Content-Type']).toMatch(/javascript/)
    expect(res.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
    const index = await serveAppRequest(root, 'app://newsdesk/')
    expect(index.status).toBe(200)
    expect(Buffer.from(index.body).toString()).toContain('<title>x</title>')
  })

  it.each([
    'app://newsdesk/../secret.txt',
    'app://newsdesk/%2e%2e/secret.txt',
    'app://newsdesk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://newsdesk/assets/..%5c..%5csecret.txt',
    'app://newsdesk/index.html%00.js',
    'app://newsdesk/%252e%252e/secret.txt',
  ])('refuses traversal %s', async (url) => {
    const res = await serveAppRequest(root, url)
    expect(res.status).not.toBe(200)
    expect(Buffer.from(res.body).toString()).not.toContain('top secret')
  })

  it('refuses a symlink that leads outside the bundle', async () => {
    const res = await serveAppRequest(root, 'app://newsdesk/assets/link.txt')
    expect(res.status).toBe(403)
  })

  it('answers 404 for a missing file and never resolves outside the root', async () => {
    expect((await serveAppRequest(root, 'app://newsdesk/nope.js')).status).toBe(404)
    // The URL parser folds dot segments first, so the result still lies inside the root.
    expect(resolveAppPath(root, 'app://newsdesk/a/../../b')).toBe(join(root, 'b'))
    expect(resolveAppPath(root, '::::')).toBeNull()
  })
})
