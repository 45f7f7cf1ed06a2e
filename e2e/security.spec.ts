import { expect, test } from './fixtures'

// Runtime checks of the renderer's sandbox that hold in either launcher.
test('the page has no Node, no require and no process', async ({ app }) => {
  const globals = await app.page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    module: typeof (globalThis as Record<string, unknown>).module,
    bridgeKeys: Object.keys((window as unknown as { newsdesk: object }).newsdesk).sort(),
  }))
  expect(globals.require).toBe('undefined')
  expect(globals.process).toBe('undefined')
  expect(globals.module).toBe('undefined')
  expect(globals.bridgeKeys).toContain('articles')
})

test('the CSP stops an injected inline script, an inline event handler and inline styles', async ({ app }) => {
  const result = await app.page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>
    const violated: string[] = []
    document.addEventListener('securitypolicyviolation', (e) => violated.push(e.effectiveDirective))
    const script = document.createElement('script')
    script.textContent = 'window.__pwned = 1'
    document.body.appendChild(script)
    const div = document.createElement('div')
    div.innerHTML = '<img src="x" onerror="window.__pwned2 = 1"><p id="styled" style="color: rgb(255, 0, 0)">x</p>'
    document.body.appendChild(div)
    await new Promise((r) => setTimeout(r, 300))
    const color = getComputedStyle(document.getElementById('styled') as HTMLElement).color
    return { pwned: w.__pwned, pwned2: w.__pwned2, color, violated: [...new Set(violated)].sort() }
  })
  expect(result.pwned).toBeUndefined()
  expect(result.pwned2).toBeUndefined()
  expect(result.color).not.toBe('rgb(255, 0, 0)')
  expect(result.violated).toEqual(expect.arrayContaining(['script-src-elem', 'style-src-attr']))
})

// Electron denies window.open in main (setWindowOpenHandler, unit-tested in main-window.test.ts); plain Chromium
// opens the popup, so here the check is that nothing it asks for, nor anything else, ever reaches the network.
test('navigation stays put and no request leaves the app', async ({ app }) => {
  const { page } = app
  const finished: string[] = []
  const failed: string[] = []
  page.context().on('requestfinished', (r) => finished.push(r.url()))
  page.context().on('requestfailed', (r) => failed.push(r.url()))
  const startUrl = page.url()
  await page.evaluate(() => window.open('https://example.org/', '_blank'))
  await page.evaluate(() => {
    const a = document.createElement('a')
    a.href = 'https://example.org/away'
    a.target = '_blank'
    document.body.appendChild(a)
    a.click()
  })
  await page.getByTestId('article-item').first().click()
  await page.waitForTimeout(500)
  expect(page.url()).toBe(startUrl)
  const origin = new URL(startUrl).origin
  // In Chromium the attempts are made and stopped before the network; in Electron they are never made.
  const attempts = failed.filter((u) => u.startsWith('https://example.org/')).length
  // The stand-in's windows are plain Chromium pages too (it does not emulate setWindowOpenHandler).
  if (app.launcher !== 'electron') expect(attempts).toBeGreaterThan(0)
  else expect(attempts).toBe(0)
  expect(finished.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([])
})
