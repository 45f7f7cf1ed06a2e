import type { BrowserContext } from '@playwright/test'
import type { PdfPrinter } from '../../electron/main/services/preview'

/**
 * The harness's stand-in for Electron's `webContents.printToPDF`: Playwright's `page.pdf()` of the same HTML,
 * in a separate context with JavaScript off and every request refused (as main's hidden print window has no
 * script and the page is self-contained), so printing cannot touch the app's page or its bridge.
 */
export function pagePdfPrinter(context: BrowserContext): PdfPrinter {
  return async (html) => {
    const browser = context.browser()
    if (!browser) throw new Error('no browser to print with')
    const printContext = await browser.newContext({ javaScriptEnabled: false })
    try {
      await printContext.route('**/*', (route) => route.abort('blockedbyclient'))
      const page = await printContext.newPage()
      await page.setContent(html, { waitUntil: 'load' })
      return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true }))
    } finally {
      await printContext.close()
    }
  }
}
