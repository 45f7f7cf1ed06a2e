import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

/** Serious or critical axe violations anywhere in the app window (library, editor, history, settings, preview). */
export async function axeSeriousOrWorse(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`,
    )
}

/** The same scan in the light and the dark theme (the app follows the system's colour scheme). */
export async function axeBothThemes(page: Page) {
  const found: string[] = []
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    found.push(...(await axeSeriousOrWorse(page)).map((v) => `[${colorScheme}] ${v}`))
  }
  await page.emulateMedia({ colorScheme: 'light' })
  return found
}
