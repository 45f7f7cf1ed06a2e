import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ASSET_NAME_RE } from '../../../../shared/article/schema'
import { isCode, workspaceLayout, writeDurable } from '../storage'

/**
 * Initialises `root` as a workspace the first time it is used: copies the sample articles from `sampleDir`
 * into `articles/` (and the images they show into `assets/`) and writes the marker. Returns how many articles
 * were seeded (0 when already initialised).
 */
export async function seedWorkspace(root: string, sampleDir: string | null): Promise<number> {
  const layout = workspaceLayout(root)
  try {
    await readFile(layout.marker)
    return 0
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error
  }
  const articlesDir = layout.articles
  await mkdir(articlesDir, { recursive: true })
  await mkdir(layout.assets, { recursive: true })
  await mkdir(layout.store, { recursive: true })
  let seeded = 0
  if (sampleDir) {
    const sample = workspaceLayout(sampleDir).articles
    const names = (await readdir(sample)).filter((n) => n.endsWith('.json')).sort()
    for (const name of names) {
      await copyFile(join(sample, name), join(articlesDir, name))
      seeded += 1
    }
    const sampleAssets = workspaceLayout(sampleDir).assets
    const images = await readdir(sampleAssets).catch((error: unknown) => {
      if (isCode(error, 'ENOENT')) return [] as string[]
      throw error
    })
    for (const name of images.filter((n) => ASSET_NAME_RE.test(n)).sort()) {
      await copyFile(join(sampleAssets, name), layout.asset(name))
    }
  }
  await writeDurable(layout.marker, `${JSON.stringify({ format: 'newsdesk-workspace', version: 1 }, null, 2)}\n`)
  return seeded
}
