import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test, type NewsdeskApp } from './fixtures'
import { serializeArticle } from '../electron/main/services/library'
import { workspaceLayout } from '../electron/main/services/storage'
import { claimArticle, cloneWorkspace, runGit, syncWorkspace } from '../electron/main/services/sync'
import type { Article } from '../shared/article/schema'
import type { NewsdeskBridge } from '../shared/ipc/contract'
import { conflictedArticle } from '../shared/sync/test-support/conflicted-article'
import { barLayout, boxesOverlap } from './harness/boxes'

// The team-sync UI in Spanish, as an editor whose interface is set to Spanish sees it: the indicator in each of
// its states (to send, synced with its details, to receive, offline, failed with git's words), the articles'
// sync states in the list, another editor's claim in the list and in the article, the team history, the
// "Conflicted" and review filters, and the conflict view with tags as chips. Every step asserts the Spanish words
// and leaves a screenshot in test-results/screens/sync-es-*.png for a person to look at.

const driver = { argv: [process.execPath, resolve(import.meta.dirname, '..', 'out', 'main', 'cli.js')] }
const ANA = { name: 'Ana Ruiz', email: 'ana@example.org' }
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/sync-es-${name}.png` })
const row = (page: Page, id: string) => page.locator(`[data-testid="article-item"][data-id="${id}"]`)
/** "10:32" as Spanish shows a time: 24-hour, two digits each. */
const TIME_ES = /\b([01]\d|2[0-3]):[0-5]\d\b/

/**
 * Main tells the window about a new sync state after its own syncs; a `git fetch` run from a terminal is not
 * one, so the spec sends the event main would send, with main's own answer (the bridge's sync.status).
 */
async function announceSyncState(app: NewsdeskApp): Promise<void> {
  const view = await app.page.evaluate(() => (window as unknown as { newsdesk: NewsdeskBridge }).newsdesk.sync.status())
  await app.emit('sync:changed', view)
}

async function syncNow(page: Page, expected: string | RegExp) {
  await page.getByTestId('sync-now').click()
  await expect(page.getByTestId('sync-state')).toHaveText(expected, { timeout: 30_000 })
}

async function setRemote(page: Page, url: string, expected: string | RegExp) {
  await page.getByTestId('open-settings').first().click()
  const settings = page.getByRole('dialog', { name: 'Ajustes' })
  await settings.getByTestId('sync-remote').fill(url)
  await settings.getByTestId('set-remote').click()
  await expect(settings.getByTestId('team-sync-state')).toHaveText(expected)
  await settings.getByRole('button', { name: 'Hecho' }).click()
}

test('team sync in Spanish: the indicator, the list, claims, history, filters and the conflict view speak Spanish', async ({
  app,
}) => {
  test.setTimeout(240_000)
  // Spanish from the start, with the editor's identity (Settings, as a user would have left them).
  await app.page.close()
  await writeFile(
    join(app.userData, 'ui-settings.json'),
    JSON.stringify({ uiLanguage: 'es', editorName: 'Ben Ortiz', editorEmail: 'ben@example.org' }),
  )
  const page = await app.restart()
  await page.setViewportSize({ width: 1280, height: 760 })
  const base = await mkdtemp(join(tmpdir(), 'newsdesk-e2e-sync-es-'))
  try {
    const remote = join(base, 'newsroom.git')
    await mkdir(remote)
    await runGit(remote, ['init', '--quiet', '--bare', '--initial-branch=main'])
    const articles = (await readdir(join(app.workspace, 'articles')))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .sort()
    const [idThere, idHere, idClaimed, idReview] = articles as [string, string, string, string]

    // Settings: team sync on, then a remote.
    await expect(page.getByTestId('sync-state')).toHaveText('Sin sincronizar')
    await page.getByTestId('open-settings').first().click()
    const settings = page.getByRole('dialog', { name: 'Ajustes' })
    await settings.getByTestId('enable-sync').click()
    await expect(settings.getByTestId('team-sync-state')).toHaveText('Solo local: sin remoto')
    await settings.getByTestId('sync-remote').fill(remote)
    await settings.getByTestId('set-remote').click()
    await expect(settings.getByTestId('team-sync-state')).toHaveText(`${articles.length} por enviar`)
    await shot(page, '01-settings')
    await settings.getByRole('button', { name: 'Hecho' }).click()

    // Nothing sent yet: "N por enviar", and "Solo local" once above the list.
    await expect(page.getByTestId('sync-state')).toHaveText(`${articles.length} por enviar`)
    await expect(page.getByTestId('local-only-notice')).toHaveText(
      'Solo local Ninguno de estos artículos se ha enviado aún al equipo.',
    )
    await shot(page, '02-to-send')

    // Synced; the details name the remote and the last sync's time the Spanish way (day/month/year, 24 hours).
    await syncNow(page, 'Sincronizado')
    await page.getByTestId('sync-details-toggle').click()
    const details = page.getByTestId('sync-details')
    await expect(details).toContainText(`Remoto: ${remote}`)
    await expect(details).toContainText(/última sincronización \d{1,2}\/\d{1,2}\/\d{2}, ([01]\d|2[0-3]):[0-5]\d/)
    await shot(page, '03-synced-details')
    await page.getByTestId('sync-details-toggle').click()

    // Ana, on another computer, changes one article; a fetch brings it here: "1 por recibir", "Cambiado allí".
    const cloned = await cloneWorkspace(remote, join(base, 'ana'), driver)
    if (!cloned.ok) throw new Error(cloned.message)
    const anaFile = (id: string) => join(cloned.root, 'articles', `${id}.json`)
    const anaCopy = JSON.parse(await readFile(anaFile(idThere), 'utf8')) as Article
    await writeFile(anaFile(idThere), serializeArticle({ ...anaCopy, standfirst: 'Ana rewrote the standfirst.' }))
    expect(await syncWorkspace(cloned.root, { driver, author: ANA })).toMatchObject({ state: 'synced', sent: 1 })
    await runGit(app.workspace, ['fetch', '--quiet', 'origin'])
    await announceSyncState(app)
    await expect(page.getByTestId('sync-state')).toHaveText('1 por recibir')
    await expect(row(page, idThere).getByTestId('sync-badge')).toHaveText('Cambiado allí')
    // And one changed here by another program: "Cambiado aquí", and the indicator's count of what waits.
    const herePath = workspaceLayout(app.workspace).article(idHere)
    const hereCopy = JSON.parse(await readFile(herePath, 'utf8')) as Article
    await writeFile(herePath, serializeArticle({ ...hereCopy, tags: [...hereCopy.tags, 'desde-aqui'] }))
    await announceSyncState(app)
    await expect(page.getByTestId('sync-state')).toHaveText('1 por enviar')
    await expect(row(page, idHere).getByTestId('sync-badge')).toHaveText('Cambiado aquí')
    await expect(row(page, idThere).getByTestId('sync-badge')).toHaveText('Cambiado allí')
    await shot(page, '04-row-there')
    await row(page, idHere).scrollIntoViewIfNeeded()
    await shot(page, '04-row-here')

    // Ana starts editing another article: her claim in the list, then in the article once she takes it back.
    await syncNow(page, 'Sincronizado')
    await claimArticle(cloned.root, idClaimed, ANA)
    await syncNow(page, 'Sincronizado')
    await expect(row(page, idClaimed).getByTestId('claim-badge')).toHaveText('Ana Ruiz está editando')
    await row(page, idClaimed).scrollIntoViewIfNeeded()
    await shot(page, '05-claim-row')
    await row(page, idClaimed).click()
    const takeover = page.getByTestId('claim-takeover')
    // Taking the claim over pushes it to the remote first (git, seconds on a loaded machine).
    await expect(takeover).toContainText('Has tomado este artículo de Ana Ruiz (editando desde las ', {
      timeout: 15_000,
    })
    await expect(takeover).toContainText(TIME_ES)
    await expect(takeover.getByRole('button', { name: 'Cerrar' })).toBeVisible()
    await shot(page, '06-takeover')
    // Ana takes it back: at the next sync the article says who is editing it and since when.
    await claimArticle(cloned.root, idClaimed, ANA)
    await syncNow(page, 'Sincronizado')
    const lost = page.getByTestId('claim-lost')
    await expect(lost).toContainText('Ana Ruiz está editando este artículo desde las ', { timeout: 15_000 })
    await expect(lost).toContainText(TIME_ES)
    // The takeover notice went with the claim: the header does not say both.
    await expect(page.getByTestId('claim-takeover')).toHaveCount(0)
    // The header's buttons (Guardar, Detalles, Historial, Eliminar, Ajustes) stay on one line at 1280 px, words whole.
    const bar = page.locator('main.editor-pane .editor-bar')
    const layout = await barLayout(
      bar.locator(':scope > button'),
      bar.locator(':scope > .save-status, :scope > .state-chip'),
    )
    expect(layout, JSON.stringify(layout)).toEqual({ tops: [layout.tops[0]], clipped: [], othersOnLine: true })
    await shot(page, '07-claim-header')

    // The team history of the article Ana changed: her name beside the field, the dates in Spanish.
    await row(page, idThere).click()
    await page.getByTestId('open-history').click()
    const team = page.getByTestId('history-panel').getByTestId('team-history')
    await expect(team.getByRole('heading', { name: 'Historial del equipo' })).toBeVisible()
    await expect(team.getByTestId('team-last')).toContainText('Entradilla: Ana Ruiz')
    // Newest first: Ben's merge of it, then Ana's change, each with its date the Spanish way ("5 dic 2026, 20:25").
    const commits = team.getByTestId('team-commits').locator('li')
    await expect(commits.first()).toContainText(
      /^Ben Ortiz · \d{1,2} \p{L}+\.? \d{4}, \d\d:\d\d · fusión: Entradilla$/u,
    )
    await expect(commits.filter({ hasText: 'Ana Ruiz' })).toContainText(
      /^Ana Ruiz · \d{1,2} \p{L}+\.? \d{4}, \d\d:\d\d · Entradilla$/u,
    )
    await team.scrollIntoViewIfNeeded()
    await shot(page, '08-team-history')
    await page.getByTestId('open-history').click()

    // Review filters: the article assigned to Ben (by another program) is found by "Asignados a mí".
    const reviewPath = workspaceLayout(app.workspace).article(idReview)
    const reviewCopy = JSON.parse(await readFile(reviewPath, 'utf8')) as Article
    await writeFile(
      reviewPath,
      serializeArticle({
        ...reviewCopy,
        assignee: 'Ben Ortiz <ben@example.org>',
        reviewer: 'Ana Ruiz <ana@example.org>',
      }),
    )
    const review = page.getByLabel('Revisión', { exact: true })
    await expect(review.locator('option')).toHaveText(['Cualquiera', 'Asignados a mí', 'Esperan mi revisión'])
    await review.selectOption('assigned-to-me')
    await expect(page.getByTestId('article-item')).toHaveCount(1, { timeout: 15_000 })
    await expect(row(page, idReview)).toBeVisible()
    await shot(page, '09-review-filter')
    await review.selectOption('waiting-for-my-review')
    await expect(page.getByTestId('article-item')).toHaveCount(0)
    await review.selectOption('')

    // A conflict (headline, one body block, tags): "En conflicto" in the row, the filter, the indicator.
    const { merged } = conflictedArticle()
    const stamp = merged.conflicts![0]!
    const withTags: Article = {
      ...merged,
      conflicts: [
        ...merged.conflicts!,
        { ...stamp, field: 'tags', base: ['city'], ours: ['city', 'transport'], theirs: ['politics'] },
      ],
    }
    await writeFile(workspaceLayout(app.workspace).article(merged.id), serializeArticle(withTags))
    const conflictedRow = row(page, merged.id)
    await expect(conflictedRow.getByTestId('conflict-badge')).toHaveText('En conflicto', { timeout: 15_000 })
    await page.getByTestId('filter-conflicted').check()
    await expect(page.getByTestId('article-item')).toHaveCount(1)
    await announceSyncState(app)
    await expect(page.getByTestId('sync-state')).toHaveText(/· 1 en conflicto$/)
    await conflictedRow.click()
    const view = page.getByTestId('conflict-view')
    await expect(view.getByRole('heading', { name: 'Resolver conflictos' })).toBeVisible()
    const headline = view.getByTestId('conflict-item').filter({ has: page.getByRole('heading', { name: /Titular/ }) })
    await expect(headline.getByRole('group', { name: 'La mía (este ordenador): Titular' })).toContainText(
      'Council backs the river bridge',
    )
    for (const choice of ['Conservar la mía', 'Conservar la suya', 'Conservar ambas', 'Editar'])
      await expect(headline.getByRole('radio', { name: choice })).toBeVisible()
    const tags = view.getByTestId('conflict-item').filter({ has: page.getByRole('heading', { name: /Etiquetas/ }) })
    await expect(tags.getByRole('group', { name: /^La suya/ })).toContainText('politics')
    await expect(tags).toContainText('todas las etiquetas de ambas')
    await expect(view.getByRole('status')).toHaveText('0 de 3 resueltos')
    await shot(page, '10-conflict-view')
    const block = view
      .getByTestId('conflict-item')
      .filter({ has: page.getByRole('heading', { name: /Cuerpo, un bloque/ }) })
    await block.getByRole('radio', { name: 'Editar' }).check()
    await expect(block.getByRole('toolbar', { name: 'Formato: Cuerpo, un bloque' })).toBeVisible()
    await expect(block.getByText('Párrafo', { exact: true }).first()).toBeVisible()
    // The block's link bubble in Spanish, clear of the block's toolbar.
    const blockEditor = block.getByRole('textbox', { name: 'Tu versión de Cuerpo, un bloque' })
    await blockEditor.click()
    await page.keyboard.press('End')
    for (let i = 0; i < 'said.'.length; i += 1) await page.keyboard.press('Shift+ArrowLeft')
    await block.getByRole('button', { name: 'Enlace' }).click()
    const bubble = page.getByTestId('link-bubble')
    await expect(bubble.getByRole('textbox', { name: 'Dirección del enlace' })).toBeFocused()
    await expect(bubble.getByRole('button', { name: 'Aplicar' })).toBeVisible()
    // Nothing placed inside the view runs out of the window: the app itself never scrolls.
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight),
    ).toBe(0)
    const blockToolbar = block.getByRole('toolbar', { name: 'Formato: Cuerpo, un bloque' })
    await expect.poll(async () => (await boxesOverlap(bubble, blockToolbar)).area).toBe(0)
    await block.scrollIntoViewIfNeeded()
    await shot(page, '11-conflict-block')
    await page.keyboard.press('Escape')
    await tags.scrollIntoViewIfNeeded()
    await shot(page, '12-conflict-tags')
    await view.getByTestId('conflict-back').click()
    await page.getByTestId('filter-conflicted').uncheck()

    // Offline: the remote cannot be reached; the details say so in Spanish, git's own words apart.
    await setRemote(page, join(base, 'gone.git'), /^(Sincronizado|\d+ por enviar)( · 1 en conflicto)?$/)
    await syncNow(page, /^Sin conexión · \d+ por enviar · 1 en conflicto$/)
    // The long state stays in the preview column (it wraps in its pill) and the buttons keep one line each.
    const editorRight = await page.locator('main.editor-pane').evaluate((el) => el.getBoundingClientRect().right)
    const stateBox = (await page.getByTestId('sync-state').boundingBox())!
    expect(stateBox.x).toBeGreaterThanOrEqual(editorRight)
    const sincronizar = page.getByTestId('sync-now')
    await expect(sincronizar).toHaveText('Sincronizar')
    const lineHeight = await sincronizar.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 16)
    expect((await sincronizar.evaluate((el) => el.clientHeight)) < 2 * lineHeight).toBe(true)
    await page.getByTestId('sync-details-toggle').click()
    await expect(page.getByTestId('sync-message')).toContainText('no se puede llegar al remoto (git fetch)')
    await expect(page.getByTestId('sync-git-message')).toBeVisible()
    await shot(page, '13-offline')
    await page.getByTestId('sync-details-toggle').click()

    // A remote that refuses the push (a server hook): "La sincronización falló", and why behind Detalles.
    const refusing = join(base, 'refusing.git')
    await runGit(base, ['clone', '--quiet', '--bare', remote, refusing])
    const hook = join(refusing, 'hooks', 'pre-receive')
    await writeFile(hook, '#!/bin/sh\necho "newsroom policy: pushes are closed tonight" >&2\nexit 1\n')
    await chmod(hook, 0o755)
    await setRemote(page, refusing, /^Sin conexión · \d+ por enviar · 1 en conflicto$/)
    await syncNow(page, /^La sincronización falló/)
    await page.getByTestId('sync-details-toggle').click()
    await expect(page.getByTestId('sync-message')).toContainText('falló git push; git dice por qué en los detalles')
    // The details open under the indicator, whose state took two lines: neither covers the other.
    const pill = (await page.getByTestId('sync-state').boundingBox())!
    expect((await page.getByTestId('sync-details').boundingBox())!.y).toBeGreaterThanOrEqual(pill.y + pill.height)
    await expect(page.getByTestId('sync-git-message')).toContainText('pushes are closed tonight')
    await page.getByTestId('sync-indicator').scrollIntoViewIfNeeded()
    await shot(page, '14-error-details')
  } finally {
    await rm(base, { recursive: true, force: true, maxRetries: 10 })
  }
})
