import { expect, test } from './fixtures'

test('probe', async ({ app }) => {
  const page = app.page
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.getByRole('button', { name: 'New article' }).click()
  await page.keyboard.type('Council approves the long-delayed flood barrier budget after a four-hour late-night session at the town hall')
  await page.keyboard.press('Enter')
  await page.keyboard.type('The vote was 7 to 2.')
  await page.waitForTimeout(1500)
  await page.screenshot({ path: 'test-results/probe-new.png' })
  await page.getByTestId('toggle-details').click()
  await page.getByTestId('field-status').selectOption('ready')
  await page.waitForTimeout(300)
  await page.screenshot({ path: 'test-results/probe-gate.png' })
  await page.getByTestId('delete-article').click()
  await page.getByTestId('open-trash').click()
  await page.waitForTimeout(300)
  await page.screenshot({ path: 'test-results/probe-trash.png' })
  await expect(page.locator('main.editor-pane')).toBeVisible()
})
