// Renders assets/icons/newsdesk.svg to the PNG sizes electron-builder wants, in Debian's Chromium.
// Run: node scripts/render-icons.mjs (the PNGs are committed; rerun after changing the SVG).
import { chromium } from '@playwright/test'
import { readFile } from 'node:fs/promises'

const svg = await readFile(new URL('../assets/icons/newsdesk.svg', import.meta.url), 'utf8')
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
})
const page = await browser.newPage()
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
  await page.setViewportSize({ width: size, height: size })
  const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)
  await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`)
  await page.screenshot({ path: `assets/icons/${size}x${size}.png`, omitBackground: true })
}
await browser.close()
