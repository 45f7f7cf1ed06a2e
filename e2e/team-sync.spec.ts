import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures'
import { serializeArticle } from '../electron/main/services/library'
import { claimArticle, cloneWorkspace, runGit, syncWorkspace } from '../electron/main/services/sync'
import type { Article } from '../shared/article/schema'

// Team sync in the app: the workspace is turned into a repository from Settings, given a bare repository on
// disk as its remote, and the indicator goes from "N to send" to "Synced"; a claim made from another
// workspace of the same remote shows in the library row and, once the article is opened, as a takeover.

const driver = { argv: [process.execPath, resolve(import.meta.dirname, '..', 'out', 'main', 'cli.js')] }

test('the sync indicator goes from "N to send" to "Synced", and another editor\'s claim shows in the library', async ({
  app,
}) => {
  test.setTimeout(240_000)
  const page = app.page
  const base = await mkdtemp(join(tmpdir(), 'newsdesk-e2e-sync-'))
  try {
    const remote = join(base, 'newsroom.git')
    await mkdir(remote)
    await runGit(remote, ['init', '--quiet', '--bare', '--initial-branch=main'])

    await expect(page.getByTestId('sync-state')).toHaveText('Not synced')
    await page.getByTestId('open-settings').first().click()
    const settings = page.getByTestId('settings-dialog')
    await settings.getByTestId('editor-name').fill('Ben Ortiz')
    await settings.getByTestId('editor-email').fill('ben@example.org')
    await settings.getByTestId('editor-email').blur()
    await settings.getByTestId('enable-sync').click()
    await expect(settings.getByTestId('team-sync-state')).toHaveText('Local only: no remote set')
    await settings.getByTestId('sync-remote').fill(remote)
    await settings.getByTestId('set-remote').click()
    await expect(settings.getByTestId('team-sync-state')).toHaveText(/^\d+ to send$/)
    await page.screenshot({ path: 'test-results/screens/team-sync-settings.png' })
    await settings.getByRole('button', { name: 'Done' }).click()

    const articles = (await readdir(join(app.workspace, 'articles'))).filter((n) => n.endsWith('.json'))
    await expect(page.getByTestId('sync-state')).toHaveText(`${articles.length} to send`)
    // Nothing has been pushed yet: "Local only" is said once above the list, not on every row (where it took
    // the room of the rows' tags).
    await expect(page.getByTestId('local-only-notice')).toHaveText(
      'Local only None of these articles has been sent to the team yet.',
    )
    await expect(page.getByTestId('sync-badge')).toHaveCount(0)
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.screenshot({ path: 'test-results/screens/team-sync-to-send.png' })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: 'test-results/screens/team-sync-to-send-dark.png' })
    await page.emulateMedia({ colorScheme: 'light' })

    await page.getByTestId('sync-now').click()
    await expect(page.getByTestId('sync-state')).toHaveText('Synced', { timeout: 30_000 })
    await expect(page.getByTestId('sync-badge')).toHaveCount(0)
    await expect(page.getByTestId('local-only-notice')).toHaveCount(0)
    const log = await runGit(remote, ['log', '--format=%an <%ae>', 'main'])
    expect(log.stdout.trim().split('\n')).toContain('Ben Ortiz <ben@example.org>')

    // Ana, in a workspace cloned from the same remote, starts editing one of the articles.
    const id = articles.sort()[0]!.slice(0, -'.json'.length)
    const { headline } = JSON.parse(await readFile(join(app.workspace, 'articles', `${id}.json`), 'utf8')) as {
      headline: string
    }
    const cloned = await cloneWorkspace(remote, join(base, 'ana'), driver)
    if (!cloned.ok) throw new Error(cloned.message)
    await claimArticle(cloned.root, id, { name: 'Ana Ruiz', email: 'ana@example.org' })
    const commitsBefore = (await runGit(remote, ['rev-list', '--count', 'main'])).stdout

    await page.getByTestId('sync-now').click()
    const row = page.locator(`[data-testid="article-item"][data-id="${id}"]`)
    await expect(row.getByTestId('claim-badge')).toHaveText('Ana Ruiz is editing', { timeout: 30_000 })
    await expect(page.getByTestId('sync-state')).toHaveText('Synced')
    await page.screenshot({ path: 'test-results/screens/team-sync-claim-row.png' })

    // Opening it takes the article over from Ana, with a notice; the claim adds no commit to the history.
    await row.click()
    await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue(headline)
    await expect(page.getByTestId('claim-takeover')).toContainText('You took this article over from Ana Ruiz', {
      timeout: 15_000,
    })
    await page.getByTestId('sync-details-toggle').click()
    await expect(page.getByTestId('sync-details')).toContainText(`Remote: ${remote}`)
    await page.screenshot({ path: 'test-results/screens/team-sync-takeover.png' })
    expect((await runGit(remote, ['rev-list', '--count', 'main'])).stdout).toBe(commitsBefore)
    const claimRefs = await runGit(remote, ['for-each-ref', '--format=%(refname)', 'refs/newsdesk/claims/'])
    expect(claimRefs.stdout.trim()).toBe(`refs/newsdesk/claims/${id}`)

    // Ana changes the tags and syncs; after the next sync here, the history's "Team history" names her.
    const anaFile = join(cloned.root, 'articles', `${id}.json`)
    const anaCopy = JSON.parse(await readFile(anaFile, 'utf8')) as Article
    await writeFile(anaFile, serializeArticle({ ...anaCopy, tags: [...anaCopy.tags, 'team-history'] }))
    const anaSync = await syncWorkspace(cloned.root, { driver, author: { name: 'Ana Ruiz', email: 'ana@example.org' } })
    expect(anaSync).toMatchObject({ state: 'synced', sent: 1 })
    await page.getByTestId('sync-now').click()
    await expect(page.getByTestId('sync-state')).toHaveText('Synced', { timeout: 30_000 })
    await page.getByTestId('open-history').click()
    const team = page.getByTestId('history-panel').getByTestId('team-history')
    await expect(team.getByTestId('team-last')).toContainText('Tags: Ana Ruiz')
    await expect(team.getByTestId('team-commits').locator('li').first()).toContainText('Ana Ruiz')
    await expect(team.getByTestId('team-commits').locator('li').last()).toContainText('Ben Ortiz')
    await team.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/screens/team-sync-history.png' })
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      const scan = await new AxeBuilder({ page }).include('[data-testid="team-history"]').analyze()
      expect(scan.violations.map((v) => `[${colorScheme}] ${v.id}: ${v.help}`)).toEqual([])
    }
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: 'test-results/screens/team-sync-history-dark.png' })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByTestId('sync-details-toggle').click()

    // Ana and Ben (another program in his workspace) give another article different headlines: the merge keeps
    // both in a conflict record, and the indicator says so beside "Synced".
    const otherId = articles.sort()[1]!.slice(0, -'.json'.length)
    const retitle = async (root: string, headline: string) => {
      const path = join(root, 'articles', `${otherId}.json`)
      const article = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
      await writeFile(path, `${JSON.stringify({ ...article, headline }, null, 2)}\n`)
    }
    await retitle(cloned.root, 'Headline from Ana')
    const anaRetitled = await syncWorkspace(cloned.root, {
      driver,
      author: { name: 'Ana Ruiz', email: 'ana@example.org' },
    })
    expect(anaRetitled.state).toBe('synced')
    await retitle(app.workspace, 'Headline from Ben')
    await page.getByTestId('sync-now').click()
    await expect(page.getByTestId('sync-state')).toHaveText('Synced · 1 conflicted', { timeout: 30_000 })
    await page.getByTestId('sync-indicator').screenshot({ path: 'test-results/screens/team-sync-conflicted.png' })
  } finally {
    await rm(base, { recursive: true, force: true })
  }
})
