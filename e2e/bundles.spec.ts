import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
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
  // One file per article, plus the sample's seeded image under assets/.
  const listed = manifest.files.map((f: { path: string }) => f.path)
  expect(listed.filter((p: string) => p.startsWith('articles/'))).toHaveLength(SAMPLE_COUNT)
  expect(listed.filter((p: string) => p.startsWith('assets/'))).toHaveLength(1)
  const first = await readFile(join(exportsDir, folder as string, 'articles', articles[0] as string), 'utf8')
  expect(first).toMatch(/^---\ntitle: /)
  // Nothing but the finished bundle is left beside it (no temp folders).
  expect(await readdir(exportsDir)).toEqual([folder])
})

test('an export into the workspace itself or its articles/ folder is refused in the dialog, and nothing is lost', async ({
  app,
}) => {
  const { page } = app
  await expect(page.getByTestId('article-item')).toHaveCount(SAMPLE_COUNT)
  const articlesDir = join(app.workspace, 'articles')
  const before = (await readdir(articlesDir)).sort()
  try {
    for (const [picked, words] of [
      [app.workspace, 'is the workspace itself'],
      [articlesDir, `is inside the workspace ${app.workspace}`],
    ] as const) {
      // The user picks the workspace (or its articles/ folder) in the save dialog.
      process.env.NEWSDESK_E2E_PICK_DESTINATION = picked
      await page.getByRole('button', { name: 'Export…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Export articles' })
      await dialog.getByLabel('Format').selectOption('markdown')
      await dialog.getByRole('button', { name: 'Choose destination and export' }).click()
      const result = dialog.getByTestId('export-result')
      await expect(result).toContainText('Export failed:', { timeout: 15_000 })
      await expect(result).toContainText(`${picked} ${words}`)
      await expect(result).toContainText('choose a folder outside it')
      await page.screenshot({
        path: `test-results/screens/bundles-export-refused-${picked === app.workspace ? 'workspace' : 'articles'}.png`,
      })
      await page.keyboard.press('Escape')
      await expect(dialog).toBeHidden()
    }
  } finally {
    delete process.env.NEWSDESK_E2E_PICK_DESTINATION
  }
  // Every article file is still there, nothing was written beside them, and the library still lists them all.
  expect((await readdir(articlesDir)).sort()).toEqual(before)
  await expect(page.getByTestId('article-item')).toHaveCount(SAMPLE_COUNT)
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

const IMPORT_FIXTURES = join(import.meta.dirname, '..', 'electron', 'main', 'services', 'import', 'fixtures')

test('File > Import… reads a Hugo folder and a Jekyll zip, shows the dry run, applies, and the articles appear', async ({
  app,
}) => {
  const { page } = app
  await expect(page.getByTestId('article-item')).toHaveCount(SAMPLE_COUNT)
  // A zip of the Jekyll posts, as a user would receive one.
  const jekyllDir = join(IMPORT_FIXTURES, 'jekyll')
  const posts = (await readdir(jekyllDir)).filter((n) => /\.(md|markdown)$/.test(n))
  const entries: Record<string, Uint8Array> = {}
  for (const name of posts) entries[`_posts/${name}`] = await readFile(join(jekyllDir, name))
  // One broken post: its front matter does not parse; the report names the file and the line.
  entries['_posts/2019-01-01-broken.md'] = new TextEncoder().encode(
    '---\ntitle: "unclosed\ndate: 2019-01-01\n---\nBody\n',
  )
  await mkdir(join(app.userData, 'incoming'), { recursive: true })
  const zipPath = join(app.userData, 'incoming', 'jekyll-posts.zip')
  await writeFile(zipPath, zipSync(entries))

  await app.emit('menu:command', 'import')
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  await expect(dialog).toBeVisible()
  process.env.NEWSDESK_E2E_PICK_SOURCES = JSON.stringify([join(IMPORT_FIXTURES, 'hugo')])
  await dialog.getByRole('button', { name: 'Choose a folder…' }).click()
  const report = dialog.getByTestId('import-report')
  await expect(report).toBeVisible()
  await expect(dialog.getByTestId('import-count-new')).toContainText('5')
  await expect(dialog.getByTestId('import-count-invalid')).toContainText('0')
  // The Hugo "Markdown Syntax" page has two GFM tables: kept as paragraphs, and the report says so.
  await expect(report.getByText(/Warning: 2 tables were kept as paragraphs/)).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/bundles-import-report.png' })
  await dialog.getByRole('button', { name: 'Apply import' }).click()
  await expect(dialog.getByTestId('import-result')).toContainText('Imported: 5 new, 0 updated, 0 skipped.')
  await expect(dialog.getByLabel('Import progress')).toHaveAttribute('value', '5')
  // Show in folder: main opens the file manager at the first imported article's file, in the workspace.
  await dialog.getByTestId('import-show-in-folder').click()
  await page.screenshot({ path: 'test-results/screens/bundles-import-done.png' })
  await expect
    .poll(() => app.openedLinks.find((l) => l.startsWith('folder:')) ?? '')
    .toMatch(/\/articles\/[0-9a-f-]{36}\.json$/)
  expect(app.openedLinks.find((l) => l.startsWith('folder:'))).toContain(`folder:${app.workspace}`)
  // The list is virtualised (not every row is rendered), so count with the library's own counter.
  await expect(page.getByTestId('library-count')).toHaveText(`${SAMPLE_COUNT + 5} articles`)
  await page.getByLabel('Search articles').fill('Rich Content')
  await expect(page.getByTestId('article-list')).toContainText('Rich Content')
  await page.getByLabel('Search articles').fill('')

  // Now the zip.
  process.env.NEWSDESK_E2E_PICK_SOURCES = JSON.stringify([zipPath])
  await dialog.getByRole('button', { name: 'Choose files or a .zip…' }).click()
  await expect(dialog.getByTestId('import-count-new')).toContainText(String(posts.length))
  await expect(dialog.getByTestId('import-count-invalid')).toContainText('1')
  const broken = dialog.getByTestId('import-row').filter({ hasText: '2019-01-01-broken.md' })
  await expect(broken).toContainText('invalid')
  await expect(broken).toContainText(/\(line \d+\)/)
  await broken.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/screens/bundles-import-zip-invalid.png' })
  await expect(dialog.getByTestId('import-row').first()).toContainText('jekyll-posts.zip › _posts/')
  await dialog.getByRole('button', { name: 'Apply import' }).click()
  await expect(dialog.getByTestId('import-result')).toContainText(
    `Imported: ${posts.length} new, 0 updated, 1 skipped.`,
  )
  await expect(page.getByTestId('library-count')).toHaveText(`${SAMPLE_COUNT + 5 + posts.length} articles`)

  // Importing the Hugo folder again: nothing new, every item unchanged or conflicting is decided per item.
  process.env.NEWSDESK_E2E_PICK_SOURCES = JSON.stringify([join(IMPORT_FIXTURES, 'hugo')])
  await dialog.getByRole('button', { name: 'Choose a folder…' }).click()
  await expect(dialog.getByTestId('import-count-new')).toContainText('0')
  await expect(dialog.getByTestId('import-count-conflict')).toContainText('5')
  const firstChoice = dialog.getByRole('combobox', { name: /What to do with/ }).first()
  await firstChoice.selectOption('keep-both')
  await page.screenshot({ path: 'test-results/screens/bundles-import-conflicts.png' })
  await dialog.getByRole('button', { name: 'Apply import' }).click()
  await expect(dialog.getByTestId('import-result')).toContainText('Imported: 1 new, 0 updated, 4 skipped.')
  await expect(page.getByTestId('library-count')).toHaveText(`${SAMPLE_COUNT + 5 + posts.length + 1} articles`)
  delete process.env.NEWSDESK_E2E_PICK_SOURCES
})

test('a hostile zip is refused in the import dialog with a clear message and nothing is written', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('article-item')).toHaveCount(SAMPLE_COUNT)
  await mkdir(join(app.userData, 'incoming'), { recursive: true })
  const zipPath = join(app.userData, 'incoming', 'slip.zip')
  await writeFile(zipPath, zipSync({ '../escape.md': new TextEncoder().encode('---\ntitle: x\n---\nbody') }))
  await page.getByTestId('open-import').click()
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  process.env.NEWSDESK_E2E_PICK_SOURCES = JSON.stringify([zipPath])
  await dialog.getByRole('button', { name: 'Choose files or a .zip…' }).click()
  await expect(dialog.getByTestId('import-refused')).toContainText('unsafe entry path')
  await expect(dialog.getByRole('button', { name: 'Apply import' })).toHaveCount(0)
  delete process.env.NEWSDESK_E2E_PICK_SOURCES
  await expect(page.getByTestId('article-item')).toHaveCount(SAMPLE_COUNT)
})

test('exporting "the library\'s current view" exports exactly the filtered articles', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('article-item')).toHaveCount(SAMPLE_COUNT)
  await page.getByLabel('Status', { exact: true }).selectOption('published')
  await expect(page.getByTestId('article-item')).toHaveCount(5)
  const shownIds = await page
    .getByTestId('article-item')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export articles' })
  await dialog.getByLabel('Format').selectOption('json')
  await dialog.getByLabel(/current view .*: 5 articles/).check()
  await page.screenshot({ path: 'test-results/screens/bundles-export-view-scope.png' })
  await dialog.getByRole('button', { name: 'Choose destination and export' }).click()
  await expect(dialog.getByTestId('export-result')).toContainText('Exported 5 articles', { timeout: 15_000 })
  const exportsDir = join(app.userData, 'exports')
  const [folder] = await readdir(exportsDir)
  const bundle = JSON.parse(await readFile(join(exportsDir, folder as string, 'bundle.json'), 'utf8'))
  const exported = bundle.articles.map((e: { article: { id: string; status: string } }) => e.article)
  expect(exported.map((a: { status: string }) => a.status)).toEqual(Array(5).fill('published'))
  expect(exported.map((a: { id: string }) => a.id).sort()).toEqual([...shownIds].sort())
})

test('Ctrl-clicking three articles and exporting "the selection" as Markdown writes exactly those three', async ({
  app,
}) => {
  const { page } = app
  const rows = page.getByTestId('article-item')
  await expect(rows).toHaveCount(SAMPLE_COUNT)
  await expect(page.getByRole('listbox', { name: 'Articles' })).toHaveAttribute('aria-multiselectable', 'true')
  const picked: string[] = []
  for (const index of [1, 4, 6]) {
    const row = rows.nth(index)
    picked.push((await row.getAttribute('data-id')) as string)
    await row.click({ modifiers: ['ControlOrMeta'] })
  }
  await expect(page.getByTestId('library-selection')).toContainText('3 selected')
  await expect(page.locator('[data-testid="article-item"][aria-selected="true"]')).toHaveCount(3)
  // Ctrl-click selects without opening anything.
  await expect(page.getByLabel('Headline', { exact: true })).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screens/library-multi-select.png' })

  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export articles' })
  await dialog.getByLabel('Format').selectOption('markdown')
  await dialog.getByLabel('The selected articles (3)').check()
  await dialog.getByRole('button', { name: 'Choose destination and export' }).click()
  await expect(dialog.getByTestId('export-result')).toContainText('Exported 3 articles', { timeout: 15_000 })
  const exportsDir = join(app.userData, 'exports')
  const [folder] = await readdir(exportsDir)
  const dir = join(exportsDir, folder as string, 'articles')
  const files = await readdir(dir)
  expect(files).toHaveLength(3)
  const ids = await Promise.all(
    files.map(async (f) => /^id: "?([^"\n]+)"?$/m.exec(await readFile(join(dir, f), 'utf8'))?.[1]),
  )
  expect(ids.sort()).toEqual([...picked].sort())
})

test('the library list multi-selects from the keyboard and with Shift-click, and Delete trashes the selection with one Undo', async ({
  app,
}) => {
  const { page } = app
  const rows = page.getByTestId('article-item')
  const selectedRows = page.locator('[data-testid="article-item"][aria-selected="true"]')
  await expect(rows).toHaveCount(SAMPLE_COUNT)
  // A plain click still opens the article; Shift-click then selects the range from it.
  await rows.nth(2).click()
  await expect(page.getByLabel('Headline', { exact: true })).not.toHaveValue('')
  await rows.nth(5).click({ modifiers: ['Shift'] })
  await expect(selectedRows).toHaveCount(4)
  await expect(page.getByTestId('library-selection')).toContainText('4 selected')
  // Shift+ArrowUp shrinks the range by one from the keyboard.
  await page.keyboard.press('Shift+ArrowUp')
  await expect(selectedRows).toHaveCount(3)
  await page.keyboard.press('ControlOrMeta+a')
  await expect(selectedRows).toHaveCount(SAMPLE_COUNT)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('library-selection')).toHaveCount(0)
  // The Clear button does the same as Escape.
  await rows.nth(0).click({ modifiers: ['ControlOrMeta'] })
  await rows.nth(1).click({ modifiers: ['ControlOrMeta'] })
  await expect(page.getByTestId('library-selection')).toContainText('2 selected')
  await page.getByRole('button', { name: 'Clear the selection' }).click()
  await expect(page.getByTestId('library-selection')).toHaveCount(0)

  // Delete with a multi-selection: all of it to the trash, one Undo brings all back.
  await rows.nth(7).click({ modifiers: ['ControlOrMeta'] })
  await rows.nth(8).click({ modifiers: ['ControlOrMeta'] })
  await rows.nth(9).click({ modifiers: ['ControlOrMeta'] })
  await page.keyboard.press('Delete')
  await expect(rows).toHaveCount(SAMPLE_COUNT - 3)
  await expect(page.getByRole('status').filter({ hasText: 'Moved 3 articles to the trash.' })).toBeVisible()
  await page.getByRole('status').filter({ hasText: 'Moved 3 articles' }).getByRole('button', { name: 'Undo' }).click()
  await expect(rows).toHaveCount(SAMPLE_COUNT)
})

test('"One article" exports any article picked by typing its headline', async ({ app }) => {
  const { page } = app
  const rows = page.getByTestId('article-item')
  await expect(rows).toHaveCount(SAMPLE_COUNT)
  const headline = (await rows.nth(3).locator('.item-headline').textContent()) as string
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export articles' })
  await dialog.getByLabel('Format').selectOption('json')
  await dialog.getByLabel('One article').check()
  const chooser = dialog.getByLabel('Article', { exact: true })
  await chooser.fill(headline.slice(0, 12))
  await expect(dialog.getByText('Pick an article from the suggestions.')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Choose destination and export' })).toBeDisabled()
  const option = (await dialog.locator('datalist option').first().getAttribute('value')) as string
  expect(option).toContain(headline.slice(0, 12))
  await chooser.fill(option)
  await dialog.getByRole('button', { name: 'Choose destination and export' }).click()
  await expect(dialog.getByTestId('export-result')).toContainText('Exported 1 articles', { timeout: 15_000 })
})
