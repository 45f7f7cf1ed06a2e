import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { articleSchema } from '../shared/article/schema'
import { conflictedArticle } from '../shared/sync/test-support/conflicted-article'
import { serializeArticle } from '../electron/main/services/library'
import { workspaceLayout } from '../electron/main/services/storage'
import { expect, test } from './fixtures'
import { axeBothThemes } from './harness/axe-scan'
import { boxesOverlap } from './harness/boxes'

test('a conflicted article from a git merge is resolved field by field in the conflict view', async ({ app }) => {
  // Two axe scans of the whole window: past 30 s on a loaded machine.
  test.setTimeout(90_000)
  const { page } = app
  await page.setViewportSize({ width: 1440, height: 900 })
  // Three versions of one article merged with the real merge: the headline and one body block conflict.
  const { merged } = conflictedArticle()
  expect(merged.conflicts?.map((c) => c.field).sort()).toEqual(['body.block:b2', 'headline'])
  const path = workspaceLayout(app.workspace).article(merged.id)
  await writeFile(path, serializeArticle(merged))

  const row = page.getByTestId('article-item').filter({ hasText: merged.headline })
  await expect(row.getByTestId('conflict-badge')).toHaveText('Conflicted', { timeout: 15_000 })
  // The Conflicted filter keeps only it.
  await page.getByTestId('filter-conflicted').check()
  await expect(page.getByTestId('article-item')).toHaveCount(1)
  await row.click()

  const view = page.getByTestId('conflict-view')
  await expect(view.getByRole('heading', { name: 'Resolve conflicts' })).toBeVisible()
  const headline = view.getByTestId('conflict-item').filter({ has: page.getByRole('heading', { name: /Headline/ }) })
  const block = view
    .getByTestId('conflict-item')
    .filter({ has: page.getByRole('heading', { name: /Body, one block/ }) })
  await expect(headline.getByRole('group', { name: 'Original: Headline' })).toContainText(
    'Council approves the river bridge',
  )
  await expect(headline.getByRole('group', { name: 'Mine (this computer): Headline' })).toContainText(
    'Council backs the river bridge',
  )
  await expect(headline.getByRole('group', { name: 'Theirs (other computer): Headline' })).toContainText(
    'Council rejects the river bridge',
  )
  await expect(block.getByRole('group', { name: /^Theirs/ })).toContainText('Work will not start before the autumn.')
  const save = view.getByTestId('conflict-save')
  await expect(save).toBeDisabled()
  await headline.getByRole('radio', { name: 'Keep mine' }).check()
  // The keyboard works too: the body block's choice is made with the arrow keys.
  await block.getByRole('radio', { name: 'Keep mine' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(block.getByRole('radio', { name: 'Keep theirs' })).toBeChecked()
  await expect(view.getByRole('status')).toHaveText('2 of 2 resolved')
  await page.screenshot({ path: 'test-results/screens/conflict-view.png' })
  // No serious accessibility problem in the view, in either theme.
  expect(await axeBothThemes(page)).toEqual([])
  await save.click()

  // Saved without the records: mine for the headline, theirs for the block; the article opens in the editor.
  await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue('Council backs the river bridge', {
    timeout: 10_000,
  })
  const saved = articleSchema.parse(JSON.parse(await readFile(path, 'utf8')))
  expect('conflicts' in saved).toBe(false)
  expect(saved.headline).toBe('Council backs the river bridge')
  expect(saved.body.content?.map((n) => n.content?.[0]?.text)).toEqual([
    'The council voted on Tuesday.',
    'Work will not start before the autumn.',
    'The mayor welcomed the vote.',
  ])
  // What merged by itself stays merged.
  expect(saved.status).toBe('review')
  expect(saved.tags).toEqual(['city', 'transport', 'politics'])
  expect(saved.revision).toBeGreaterThan(merged.revision)
  await expect(page.getByTestId('article-item')).toHaveCount(0)
  await page.getByTestId('filter-conflicted').uncheck()
  await expect(row.getByTestId('conflict-badge')).toHaveCount(0)
})

test('review fields are set in the details panel and found by Assigned to me and Waiting for my review', async ({
  app,
}) => {
  // Who "me" is comes from Settings (editorName, editorEmail); the app starts again with them.
  await app.page.close()
  await writeFile(
    join(app.userData, 'ui-settings.json'),
    JSON.stringify({ uiLanguage: 'en', editorName: 'Ana Ruiz', editorEmail: 'ana@example.org' }),
  )
  const page = await app.restart()
  await page.getByTestId('new-article').click()
  const headline = page.getByRole('textbox', { name: 'Headline' })
  await headline.fill('Budget talks stall')
  const details = page.getByTestId('toggle-details')
  if ((await details.getAttribute('aria-expanded')) !== 'true') await details.click()
  await page.getByRole('textbox', { name: 'Assignee' }).fill('Ana Ruiz <ANA@example.org>')
  await page.getByRole('textbox', { name: 'Reviewer' }).fill('Ben Ortiz <ben@example.org>')
  await page.getByLabel('Due').fill('12/24/2026 6:00 PM')
  await page.keyboard.press('Control+s')
  await page.screenshot({ path: 'test-results/screens/review-fields.png' })
  await expect(page.getByTestId('article-item').filter({ hasText: 'Budget talks stall' })).toHaveCount(1)
  const id = await page.getByTestId('article-item').filter({ hasText: 'Budget talks stall' }).getAttribute('data-id')
  await expect
    .poll(async () => {
      const onDisk = JSON.parse(await readFile(workspaceLayout(app.workspace).article(id!), 'utf8')) as Record<
        string,
        unknown
      >
      return [onDisk.assignee, onDisk.reviewer, typeof onDisk.dueAt]
    })
    .toEqual(['Ana Ruiz <ANA@example.org>', 'Ben Ortiz <ben@example.org>', 'string'])

  const review = page.getByLabel('Review', { exact: true })
  await review.selectOption('assigned-to-me')
  await expect(page.getByTestId('article-item')).toHaveCount(1)
  await expect(page.getByTestId('article-item')).toContainText('Budget talks stall')
  // Ben reviews it, not Ana: nothing waits for her review.
  await review.selectOption('waiting-for-my-review')
  await expect(page.getByTestId('article-item')).toHaveCount(0)
})

test('Resolve later goes back to the list leaving the article conflicted; Edit on a body block saves the edited block', async ({
  app,
}) => {
  test.setTimeout(90_000)
  const { page } = app
  await page.setViewportSize({ width: 1280, height: 720 })
  const { merged } = conflictedArticle()
  const path = workspaceLayout(app.workspace).article(merged.id)
  const written = serializeArticle(merged)
  await writeFile(path, written)
  const row = page.getByTestId('article-item').filter({ hasText: merged.headline })
  await expect(row.getByTestId('conflict-badge')).toHaveText('Conflicted', { timeout: 15_000 })
  await row.click()
  const view = page.getByTestId('conflict-view')
  const headline = view.getByTestId('conflict-item').filter({ has: page.getByRole('heading', { name: /Headline/ }) })
  const block = view
    .getByTestId('conflict-item')
    .filter({ has: page.getByRole('heading', { name: /Body, one block/ }) })

  // The way back, by the keyboard: a choice made, then Escape; the list has the keyboard and the file is as it was.
  await headline.getByRole('radio', { name: 'Keep theirs' }).check()
  await page.keyboard.press('Escape')
  await expect(view).toHaveCount(0)
  await expect(page.getByText('Select an article or create a new one.')).toBeVisible()
  await expect(page.getByTestId('article-list')).toBeFocused()
  expect(await readFile(path, 'utf8')).toBe(written)
  await expect(row.getByTestId('conflict-badge')).toHaveText('Conflicted')

  // The button: reached with Tab from the top of the view, named, and back again.
  await row.click()
  // The choice made before Escape is still there (kept for the session, not written).
  await expect(headline.getByRole('radio', { name: 'Keep theirs' })).toBeChecked()
  const back = view.getByRole('button', { name: 'Resolve later' })
  await expect(back).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/conflict-resolve-later.png' })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: 'test-results/screens/conflict-resolve-later-dark.png' })
  await page.emulateMedia({ colorScheme: 'light' })
  await back.focus()
  await page.keyboard.press('Enter')
  await expect(view).toHaveCount(0)
  expect(await readFile(path, 'utf8')).toBe(written)

  // Edit on the body block: the block in an editor, starting from mine; typed into and saved.
  await row.click()
  await headline.getByRole('radio', { name: 'Keep mine' }).check()
  await block.getByRole('radio', { name: 'Edit' }).check()
  const editor = block.getByRole('textbox', { name: 'Your version of Body, one block' })
  await expect(editor).toHaveText('Work starts in early spring, the engineers said.')
  await editor.click()
  await page.keyboard.press('End')
  await page.keyboard.type(' Funding is agreed.')
  // Escape inside the editor does not leave the view.
  await page.keyboard.press('Escape')
  await expect(view).toBeVisible()
  // The block's toolbar by the keyboard: "agreed." selected, Shift+Tab to the toolbar, arrows to Bold, Enter.
  for (let i = 0; i < 'agreed.'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft')
  const toolbar = block.getByRole('toolbar', { name: 'Formatting: Body, one block' })
  await page.keyboard.press('Shift+Tab')
  await expect(toolbar.getByRole('button', { name: 'Undo' })).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(toolbar.getByRole('button', { name: 'Bold' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(editor.locator('strong')).toHaveText('agreed.')
  await expect(toolbar.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'true')
  // A tool gives the keyboard back to the block, the selection kept; Shift+Tab returns to the tool last used.
  await expect(editor).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(toolbar.getByRole('button', { name: 'Bold' })).toBeFocused()
  // Link, four tools on: the body's link bubble opens under the selection, its address box has the keyboard.
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight')
  await expect(toolbar.getByRole('button', { name: 'Link' })).toBeFocused()
  await page.keyboard.press('Enter')
  const address = page.getByTestId('link-bubble').getByRole('textbox', { name: 'Link address' })
  await expect(address).toBeFocused()
  await page.keyboard.type('example.org/funding')
  await block.scrollIntoViewIfNeeded()
  // The bubble sits under the selection, clear of the block's toolbar: neither hides the other (the bubble is
  // placed after a frame: polled).
  await expect.poll(async () => (await boxesOverlap(page.getByTestId('link-bubble'), toolbar)).area).toBe(0)
  await expect(toolbar.getByRole('button', { name: 'Link' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/conflict-link-bubble.png' })
  await page.keyboard.press('Enter')
  await expect(editor.locator('a')).toHaveAttribute('href', 'https://example.org/funding')
  await page.screenshot({ path: 'test-results/screens/conflict-toolbar.png' })
  await block.screenshot({ path: 'test-results/screens/conflict-toolbar-block.png' })
  // Resolve later and back: the edited block comes back as it was left; the file is still untouched.
  await view.getByTestId('conflict-back').click()
  await expect(view).toHaveCount(0)
  expect(await readFile(path, 'utf8')).toBe(written)
  await row.click()
  await expect(block.getByRole('radio', { name: 'Edit' })).toBeChecked()
  await expect(editor).toHaveText('Work starts in early spring, the engineers said. Funding is agreed.')
  await expect(editor.locator('strong')).toHaveText('agreed.')
  await block.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/screens/conflict-edit-block.png' })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: 'test-results/screens/conflict-edit-block-dark.png' })
  await page.emulateMedia({ colorScheme: 'light' })
  expect(await axeBothThemes(page)).toEqual([])
  await view.getByTestId('conflict-save').click()

  await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue('Council backs the river bridge', {
    timeout: 10_000,
  })
  const saved = articleSchema.parse(JSON.parse(await readFile(path, 'utf8')))
  expect('conflicts' in saved).toBe(false)
  expect(saved.body.content?.map((n) => [n.attrs?.id, n.content?.map((c) => c.text).join('')])).toEqual([
    ['b1', 'The council voted on Tuesday.'],
    ['b2', 'Work starts in early spring, the engineers said. Funding is agreed.'],
    ['b3', 'The mayor welcomed the vote.'],
  ])
  // The bold and the link made with the block's toolbar are saved with it.
  expect(saved.body.content?.[1]?.content?.at(-1)).toMatchObject({
    text: 'agreed.',
    marks: expect.arrayContaining([
      expect.objectContaining({ type: 'bold' }),
      expect.objectContaining({
        type: 'link',
        attrs: expect.objectContaining({ href: 'https://example.org/funding' }),
      }),
    ]),
  })
})
