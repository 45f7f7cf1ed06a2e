import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { workspaceLayout } from '../electron/main/services/storage'

const ELECTION_ID = 'f3568d37-cadc-414c-ab8d-720a306fc10a'
const EMBARGOED_ID = 'bd4748f4-9e6a-4870-8f7d-d46b4e9ee70e'
const XSS = '<img src=x onerror=window.__xss=1>'

async function articlesOnDisk(workspace: string) {
  const dir = join(workspace, 'articles')
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json'))
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8'))))
}

async function openDesk(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Previews and tags' }).getByRole('button', { name }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
}

test('search finds an article by a body word and by an accent-free spelling, highlighted', async ({ app }) => {
  const { page } = app
  const search = page.getByRole('searchbox', { name: 'Search articles' })
  await expect(page.getByTestId('article-item')).toHaveCount(10)
  await page.screenshot({ path: 'test-results/screens/library-list.png' })
  await search.fill('sorgo') // only in the body of the farmers' podcast
  await expect(page.getByTestId('article-item')).toHaveCount(1)
  await expect(page.getByTestId('article-item')).toContainText('Pódcast: los agricultores del valle')

  await search.fill('eleccion')
  const election = page.locator(`[data-testid="article-item"][data-id="${ELECTION_ID}"]`)
  await expect(election).toBeVisible()
  await expect(election.locator('.item-headline mark')).toHaveText('elección')
  await page.screenshot({ path: 'test-results/screens/library-search-highlight.png' })

  // "México" is in the podcast's body; fuzzy matching also finds near-spellings ("mexicana" in the market
  // video's standfirst, which weighs more than a body word), so the podcast is found, not necessarily first.
  await search.fill('Mexico')
  await expect(
    page.getByTestId('article-item').filter({ hasText: 'Pódcast: los agricultores del valle' }),
  ).toBeVisible()

  await search.fill('')
  await expect(page.getByTestId('article-item')).toHaveCount(10)
  // Keyboard: focus the list, move down, Enter opens.
  await page.getByRole('listbox', { name: 'Articles' }).focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Headline', { exact: true })).not.toHaveValue('')
})

test('Delete in the library moves the active article to the trash, and Undo brings it back', async ({ app }) => {
  const { page } = app
  const list = page.getByRole('listbox', { name: 'Articles' })
  await list.focus()
  await page.keyboard.press('End')
  const last = page.locator('[data-testid="article-item"].active')
  const id = await last.getAttribute('data-id')
  await page.keyboard.press('Delete')
  await expect(page.getByTestId('article-item')).toHaveCount(9)
  await expect(page.getByRole('status').filter({ hasText: 'to the trash' })).toBeVisible()
  expect((await articlesOnDisk(app.workspace)).map((a) => a.id)).not.toContain(id)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByTestId('article-item')).toHaveCount(10)
  expect((await articlesOnDisk(app.workspace)).map((a) => a.id)).toContain(id)
})

test('renaming a tag changes it on every article on disk', async ({ app }) => {
  const { page } = app
  const before = (await articlesOnDisk(app.workspace)).filter((a) => a.tags.includes('politics'))
  expect(before).toHaveLength(3)
  await openDesk(page, 'Tags')
  const row = page.locator('[data-testid="tag-row"][data-tag="politics"]')
  await expect(row).toContainText('3')
  await row.getByRole('button', { name: 'Rename tag politics' }).click()
  await row.getByLabel('New name for politics').fill('política')
  await row.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByTestId('tags-status')).toContainText('on 3 articles')
  await expect(page.locator('[data-testid="tag-row"][data-tag="política"]')).toContainText('3')

  const after = await articlesOnDisk(app.workspace)
  expect(after.filter((a) => a.tags.includes('politics'))).toHaveLength(0)
  for (const old of before) {
    const now = after.find((a) => a.id === old.id)
    expect(now.tags).toContain('política')
    expect(now.revision).toBe(old.revision + 1)
  }
  await page.screenshot({ path: 'test-results/screens/tags-view.png' })
  await page.getByRole('button', { name: 'Close' }).click()
})

test('the listing shows badges and order for the seeded workspace, passes its clamps, and flags a tighter clamp', async ({
  app,
}) => {
  test.setTimeout(90_000)
  const { page } = app
  await openDesk(page, 'Listing preview')
  const frame = page.frameLocator('[data-testid="listing-frame-desktop"]')
  const items = frame.locator('.nd-item')
  await expect(items).toHaveCount(7) // ready + published only
  const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')?.slice(0, 8)))
  expect(ids).toEqual(['bd4748f4', '1b02f853', 'ae913cc1', 'f3568d37', '57404c65', 'b20c9c56', 'dc92ff92'])
  const badges = await items.evaluateAll((els) => els.map((e) => e.querySelector('.nd-badge')?.textContent ?? ''))
  expect(badges).toEqual(['', '[Audio]', 'Livestream', '', '[Video]', '[Audio]', ''])
  if (Date.now() < Date.parse('2026-12-01T09:00:00.000Z')) {
    await expect(frame.locator(`[data-id="${EMBARGOED_ID}"] .nd-embargo`)).toContainText('Embargoed until')
  }
  // The samples pass their own clamps: a first run shows no truncation warnings.
  await expect(page.getByTestId('truncation-lint')).toBeVisible()
  await expect(page.locator('[data-testid="lint-item"]')).toHaveCount(0)
  // A one-line standfirst clamp (set in Publication settings, not saved) makes every standfirst overflow.
  await page.getByRole('tab', { name: 'Publication settings' }).click()
  await page.getByLabel('Standfirst lines (clamp, 0 hides it)').fill('1')
  await page.getByRole('tab', { name: 'Listing preview' }).click()
  const lint = page.locator(`[data-testid="lint-item"][data-id="${ELECTION_ID}"]`)
  await expect(lint).toContainText('standfirst needs')
  await expect(lint).toContainText('Phone')
  await expect(frame.locator(`[data-id="${ELECTION_ID}"]`)).toHaveClass(/nd-flagged/)
  await expect(frame.locator(`[data-id="${ELECTION_ID}"] .nd-lint`)).toContainText('clamp is 1')

  await page.screenshot({ path: 'test-results/screens/listing-all-widths.png' })
  // One width at a time, at full size, in a tall viewport so each whole frame is painted.
  await page.setViewportSize({ width: 1400, height: 2400 })
  for (const theme of ['light', 'dark']) {
    await page.getByRole('radio', { name: theme === 'light' ? 'Light' : 'Dark' }).check()
    for (const [w, label] of [
      ['desktop', 'Desktop'],
      ['tablet', 'Tablet'],
      ['phone', 'Phone'],
    ]) {
      await page.getByRole('tab', { name: label, exact: true }).click()
      const frameEl = page.getByTestId(`listing-frame-${w}`)
      await expect(frameEl).toBeVisible()
      const frame = page.frameLocator(`[data-testid="listing-frame-${w}"]`)
      await expect(frame.locator('html')).toHaveAttribute('data-theme', theme)
      await expect(frame.locator('.nd-item')).toHaveCount(7)
      // The lint has marked this frame (its outline is part of what the editor sees).
      await expect(frame.locator(`[data-id="${ELECTION_ID}"]`)).toHaveClass(/nd-flagged/)
      await frameEl.screenshot({ path: `test-results/screens/listing-${w}-${theme}.png` })
    }
  }
  await page.setViewportSize({ width: 1400, height: 860 })

  // The lint list links back to the article.
  await lint.getByRole('button').click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.getByLabel('Headline', { exact: true })).toHaveValue(
    'Lo que hay que saber antes de la elección municipal de Riverton',
  )
})

test('publication settings are saved in the workspace and drive the listing', async ({ app }) => {
  const { page } = app
  await openDesk(page, 'Publication settings')
  await page.getByLabel('Listing heading').fill('Novedades de Riverton')
  await page.getByLabel('Listing language').selectOption('es')
  await page.getByLabel('Only this kind').selectOption('video')
  const frame = page.frameLocator('[data-testid="listing-frame-desktop"]')
  await expect(frame.locator('.nd-heading')).toHaveText('Novedades de Riverton')
  await expect(frame.locator('.nd-item')).toHaveCount(1)
  await expect(frame.locator('.nd-badge')).toHaveText('[Vídeo]')
  await expect(frame.locator('time').first()).toContainText('de noviembre de 2026')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('publication-status')).toHaveText('Settings saved.')
  await page.screenshot({ path: 'test-results/screens/publication-settings.png' })
  const saved = JSON.parse(await readFile(workspaceLayout(app.workspace).publication, 'utf8'))
  expect(saved).toMatchObject({
    heading: 'Novedades de Riverton',
    locale: 'es',
    kind: 'video',
    statuses: ['ready', 'published'],
  })
})

test('a hostile headline is shown literally everywhere and runs nothing', async ({ app }) => {
  const { page } = app
  await page.getByRole('button', { name: 'New article' }).click()
  await page.getByLabel('Headline', { exact: true }).fill(XSS)
  await page.getByRole('main').getByRole('combobox', { name: 'Status', exact: true }).selectOption('ready')
  // The Ready gate names what is missing (byline, standfirst); the listing preview shows only Ready and
  // Published items, so the editor overrides it with a reason, as the gate allows.
  await page.getByTestId('ready-gate').getByRole('textbox').fill('XSS check: shown literally')
  await page.getByTestId('ready-gate').getByRole('button', { name: 'Mark Ready anyway' }).click()
  await expect(page.getByTestId('ready-gate')).toBeHidden()
  await expect(page.getByTestId('save-status')).toContainText('Saved', { timeout: 10_000 })
  await expect(page.getByTestId('article-list').getByText(XSS)).toBeVisible()

  await openDesk(page, 'Listing preview')
  const frame = page.frameLocator('[data-testid="listing-frame-desktop"]')
  await expect(frame.locator('.nd-headline', { hasText: XSS })).toHaveCount(1)
  await expect(frame.locator('img')).toHaveCount(0)
  await page.getByRole('tab', { name: 'Article preview' }).click()
  await expect(page.frameLocator('[data-testid="article-frame"]').locator('h1')).toHaveText(XSS)
  await page.getByTestId('article-frame').screenshot({ path: 'test-results/screens/article-preview-xss.png' })
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
  const frames = page.frames()
  for (const f of frames) {
    expect(
      await f.evaluate(() => (window as unknown as { __xss?: number }).__xss).catch(() => undefined),
    ).toBeUndefined()
  }
})

/** Checks a printed PDF: the header, a real size, and at least one page object. */
async function expectPdf(path: string) {
  const pdf = await readFile(path)
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(pdf.byteLength).toBeGreaterThan(10_000)
  expect(pdf.toString('latin1')).toMatch(/\/Type\s*\/Page\b/)
  expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF')
}

test('Print to PDF on the listing and on an article saves real PDFs where the save picker says', async ({ app }) => {
  const { page } = app
  await openDesk(page, 'Listing preview')
  await expect(page.frameLocator('[data-testid="listing-frame-desktop"]').locator('.nd-item')).toHaveCount(7)
  await page.getByRole('button', { name: 'Print to PDF' }).click()
  await expect(page.getByTestId('pdf-status')).toHaveText('Saved listing.pdf', { timeout: 20_000 })
  await expectPdf(join(app.userData, 'exports', 'listing.pdf'))

  await page.getByRole('tab', { name: 'Article preview' }).click()
  await page.getByLabel('Article', { exact: true }).selectOption(ELECTION_ID)
  await expect(page.frameLocator('[data-testid="article-frame"]').locator('h1')).toContainText('elección municipal')
  await page.getByRole('button', { name: 'Print to PDF' }).click()
  const slug = 'lo-que-hay-que-saber-antes-de-la-eleccion-municipal-de-riverton'
  await expect(page.getByTestId('pdf-status')).toContainText('Saved lo-que-hay-que-saber', { timeout: 20_000 })
  const file = (await readdir(join(app.userData, 'exports'))).find((n) => n.startsWith(slug.slice(0, 30)))
  expect(file).toBeDefined()
  await expectPdf(join(app.userData, 'exports', file ?? ''))
  // Nothing went into the workspace: the destination is the picker's.
  expect(await readdir(app.workspace)).not.toContain('exports')
})

test('near-duplicate tags are proposed, not merged; merging via the suggestion records history', async ({ app }) => {
  // Three articles get "election", "Elections" and "elección" (two already carry "elecciones").
  const seeded: Record<string, string> = {
    '57404c65': 'election',
    b20c9c56: 'Elections',
    d95f2354: 'elección',
  }
  const dir = join(app.workspace, 'articles')
  for (const name of await readdir(dir)) {
    const tag = seeded[name.slice(0, 8)]
    if (!tag) continue
    const article = JSON.parse(await readFile(join(dir, name), 'utf8'))
    await writeFile(join(dir, name), `${JSON.stringify({ ...article, tags: [...article.tags, tag] }, null, 2)}\n`)
  }
  const page = await app.restart()
  await openDesk(page, 'Tags')
  // The tag view's heading is the dialog's: "Tags" appears once as a heading.
  await expect(page.getByRole('heading', { name: 'Tags', exact: true })).toHaveCount(1)
  const suggestion = page.getByTestId('tag-suggestion')
  await expect(suggestion).toHaveCount(1)
  for (const tag of ['election', 'Elections', 'elección', 'elecciones'])
    await expect(suggestion).toContainText(`#${tag}`)
  await page.screenshot({ path: 'test-results/screens/tags-suggestions.png' })
  // Proposed only: every spelling is still on disk.
  const before = await articlesOnDisk(app.workspace)
  for (const tag of ['election', 'Elections', 'elección', 'elecciones']) {
    expect(before.some((a) => a.tags.includes(tag))).toBe(true)
  }
  // Articles already tagged "elecciones" (the suggested target) are left as they are.
  const affected = before.filter((a) => a.tags.some((t: string) => ['election', 'Elections', 'elección'].includes(t)))
  expect(affected).toHaveLength(3)

  await suggestion.getByRole('button', { name: 'Merge into “elecciones”' }).click()
  await expect(page.getByTestId('tags-status')).toHaveText('Merged into “elecciones” on 3 articles.')
  await expect(page.getByTestId('tag-suggestion')).toHaveCount(0)
  await expect(page.locator('[data-testid="tag-row"][data-tag="elecciones"]')).toContainText('5')
  const after = await articlesOnDisk(app.workspace)
  for (const old of affected) {
    const now = after.find((a) => a.id === old.id)
    expect(now.tags.filter((t: string) => /^elec/i.test(t))).toEqual(['elecciones'])
    expect(now.revision).toBe(old.revision + 1)
    const history = await readdir(join(workspaceLayout(app.workspace).history, old.id))
    expect(history).toContain(`${old.revision + 1}.json`)
  }
})
