import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { expect, test } from './fixtures'

const SAMPLE_COUNT = 10

test('File > Export writes a Markdown bundle to the chosen folder, with progress and a manifest', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('article-item')).toHaveCount(SAMPLE_COUNT)
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export articles' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Format').selectOption('markdown')
  await page.screenshot({ path: 'test-results/screens/bundles-export-dialog.png' })
  await dialog.getByRole('button', { name: 'Choose destination and export' }).click()
  await expect(dialog.getByTestId('export-result')).toContainText(`Exported ${SAMPLE_COUNT} articles`, {
    timeout: 15_000,
  })
  await expect(dialog.getByLabel('Export progress')).toHaveAttribute('value', String(SAMPLE_COUNT))
  await page.screenshot({ path: 'test-results/screens/bundles-export-done.png' })

  const exportsDir = join(app.userData, 'exports')
  const [folder] = (await readdir(exportsDir)).filter((n) => !n.startsWith('.'))
  expect(folder).toMatch(/^newsdesk-markdown-\d{4}-\d{2}-\d{2}$/)
  const articles = await readdir(join(exportsDir, folder as string, 'articles'))
  expect(articles).toHaveLength(SAMPLE_COUNT)
  const manifest = JSON.parse(await readFile(join(exportsDir, folder as string, 'manifest.json'), 'utf8'))
  expect(manifest.files).toHaveLength(SAMPLE_COUNT)
  const first = await readFile(join(exportsDir, folder as string, 'articles', articles[0] as string), 'utf8')
  expect(first).toMatch(/^---\ntitle: /)
  // Nothing but the finished bundle is left beside it (no temp folders).
  expect(await readdir(exportsDir)).toEqual([folder])
})

test('a ninjs export of one tag as a zip lands on disk with one file per article', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('article-item')).toHaveCount(SAMPLE_COUNT)
  await app.emit('menu:command', 'export')
  const dialog = page.getByRole('dialog', { name: 'Export articles' })
  await dialog.getByLabel('Format').selectOption('ninjs')
  await dialog.getByLabel('Articles with the tag').check()
  await dialog.getByLabel('Tag', { exact: true }).fill('transport')
  await dialog.getByLabel('Write a single .zip file').check()
  await dialog.getByRole('button', { name: 'Choose destination and export' }).click()
  await expect(dialog.getByTestId('export-result')).toContainText('Exported', { timeout: 15_000 })
  const exportsDir = join(app.userData, 'exports')
  const [zipName] = await readdir(exportsDir)
  expect(zipName).toMatch(/^newsdesk-ninjs-.*\.zip$/)
  const entries = unzipSync(await readFile(join(exportsDir, zipName as string)))
  const ninjs = Object.keys(entries).filter((n) => n.startsWith('ninjs/'))
  expect(ninjs.length).toBeGreaterThan(0)
  for (const name of ninjs) {
    const doc = JSON.parse(Buffer.from(entries[name] as Uint8Array).toString('utf8'))
    expect(doc.subjects.map((s: { name: string }) => s.name)).toContain('transport')
    expect(doc.standard.version).toBe('3.1')
  }
})
