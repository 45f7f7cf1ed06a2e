import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isCode, writeDurable } from './durable-write'

/** Marker written once a workspace has been initialised, so deleting every article never re-seeds it. */
export const WORKSPACE_MARKER = join('.newsdesk', 'workspace.json')

/**
 * Initialises `root` as a workspace the first time it is used: copies the sample articles from `sampleDir`
 * into `articles/` (and the images they show into `assets/`) and writes the marker. Returns how many articles were seeded (0 when already initialised).
 */
export async function seedWorkspace(root: string, sampleDir: string | null): Promise<number> {
  try {
    await readFile(join(root, WORKSPACE_MARKER))
    return 0
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error
  }
  const articlesDir = join(root, 'articles')
  await mkdir(articlesDir, { recursive: true })
  await mkdir(join(root, 'assets'), { recursive: true })
  await mkdir(join(root, '.newsdesk'), { recursive: true })
  let seeded = 0
  if (sampleDir) {
    const names = (await readdir(join(sampleDir, 'articles'))).filter((n) => n.endsWith('.json')).sort()
    for (const name of names) {
      await copyFile(join(sampleDir, 'articles', name), join(articlesDir, name))
      seeded += 1
    }
    const images = await readdir(join(sampleDir, 'assets')).catch((error: unknown) => {
      if (isCode(error, 'ENOENT')) return [] as string[]
      throw error
    })
    for (const name of images.filter((n) => /^[a-f0-9]{64}\.[a-z0-9]{1,5}$/.test(n)).sort()) {
      await copyFile(join(sampleDir, 'assets', name), join(root, 'assets', name))
    }
  }
  await writeDurable(
    join(root, WORKSPACE_MARKER),
    `${JSON.stringify({ format: 'newsdesk-workspace', version: 1 }, null, 2)}\n`,
  )
  return seeded
}
