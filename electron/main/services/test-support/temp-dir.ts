import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'

/**
 * A fresh temp folder for every test of the calling file or describe block: made before each test (before the
 * hooks registered after this call) and removed after each (after them). Call the result for the folder's path.
 */
export function tempDirEach(prefix: string): () => string {
  let dir: string | null = null
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix))
  })
  afterEach(async () => {
    const made = dir
    dir = null
    if (made) await rm(made, { recursive: true, force: true })
  })
  return () => {
    if (!dir) throw new Error('tempDirEach: read the folder inside a test or a later beforeEach')
    return dir
  }
}
