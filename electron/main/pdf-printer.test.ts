import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { describe, expect, it, vi } from 'vitest'

// Electron cannot run here: a recording stand-in captures what pdf-printer.ts asks of it.
const recorded = vi.hoisted(() => ({
  options: null as null | { show?: boolean; webPreferences?: Record<string, unknown> },
  loadedFile: '',
  loadedHtml: '',
  printOptions: null as null | Record<string, unknown>,
  destroyed: false,
  failPrint: false,
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      printToPDF: async (options: Record<string, unknown>) => {
        recorded.printOptions = options
        if (recorded.failPrint) throw new Error('printer on fire')
        return Buffer.from(`%PDF-1.7 ${recorded.loadedHtml.length}`)
      },
    }
    constructor(options: typeof recorded.options) {
      recorded.options = options
    }
    async loadFile(file: string) {
      recorded.loadedFile = file
      recorded.loadedHtml = await readFile(file, 'utf8')
    }
    destroy() {
      recorded.destroyed = true
    }
  }
  return { BrowserWindow }
})

const { createPdfPrinter } = await import('./pdf-printer')

describe('createPdfPrinter (Electron printToPDF)', () => {
  it('prints the HTML in a hidden window without script, then destroys it and removes the temp file', async () => {
    const html = '<!doctype html><title>x</title><p>Listing</p>'
    const bytes = await createPdfPrinter()(html)
    expect(new TextDecoder().decode(bytes)).toBe(`%PDF-1.7 ${html.length}`)
    expect(recorded.options?.show).toBe(false)
    expect(recorded.options?.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    })
    expect(recorded.options?.webPreferences).not.toHaveProperty('preload')
    expect(recorded.loadedHtml).toBe(html)
    expect(recorded.printOptions).toMatchObject({ printBackground: true, pageSize: 'A4' })
    expect(recorded.destroyed).toBe(true)
    expect(existsSync(recorded.loadedFile)).toBe(false)
  })

  it('cleans up when printing fails, and reports the error', async () => {
    recorded.failPrint = true
    recorded.destroyed = false
    await expect(createPdfPrinter()('<p>x</p>')).rejects.toThrow('printer on fire')
    expect(recorded.destroyed).toBe(true)
    expect(existsSync(recorded.loadedFile)).toBe(false)
  })
})
