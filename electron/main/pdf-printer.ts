import { BrowserWindow } from 'electron'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PdfPrinter } from './services/preview'

/**
 * Prints a rendered page (a complete, self-contained HTML document from shared/render) to PDF with Electron's
 * printToPDF, in a hidden window that runs no JavaScript, has no preload and is destroyed afterwards.
 */
export function createPdfPrinter(): PdfPrinter {
  return async (html) => {
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
      },
    })
    // A temp file rather than a data: URL, which Chromium caps at 2 MB (an article with inlined images).
    const dir = await mkdtemp(join(tmpdir(), 'newsdesk-print-'))
    const file = join(dir, 'page.html')
    try {
      await writeFile(file, html, 'utf8')
      await window.loadFile(file)
      const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
      return new Uint8Array(pdf)
    } finally {
      window.destroy()
      await rm(dir, { recursive: true, force: true })
    }
  }
}
