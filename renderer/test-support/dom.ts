// Component tests only: mounts React trees into the test document (happy-dom) with the app's i18n, and
// unmounts and resets the language after each test. One definition of what every component test file repeated.
import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import i18next from 'i18next'
import { afterEach, beforeAll } from 'vitest'
import { initI18n, type UiLanguage } from '../i18n'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** The mounted tree of the current test. */
export interface DomSuite {
  /** Mounts `node` into a fresh host element in the document (replacing an earlier mount of this test). */
  render(node: ReactNode): Promise<HTMLElement>
  /** Renders `node` into the current mount (new props for the same tree, as a parent's re-render gives). */
  update(node: ReactNode): Promise<void>
  /** The current test's host element (throws before the first render). */
  readonly host: HTMLElement
  /** The element with this `data-testid` inside the host, or null. */
  byTestId(id: string): HTMLElement | null
}

/** How a file's tests start; English unless said. */
export interface DomSuiteOptions {
  /** The UI language set before all the file's tests and again after each (a test may change it). */
  language?: UiLanguage
}

/** Registers the hooks of one component test file: its i18n language before all, unmount and that language
 * again after each. */
export function domSuite({ language = 'en' }: DomSuiteOptions = {}): DomSuite {
  let host: HTMLElement | null = null
  let root: Root | null = null
  const unmount = async () => {
    const mounted = root
    root = null
    if (mounted) await act(async () => mounted.unmount())
    host?.remove()
  }
  beforeAll(async () => {
    await initI18n(language)
  })
  afterEach(async () => {
    await unmount()
    host = null
    await act(async () => {
      await i18next.changeLanguage(language)
    })
  })
  const suite: DomSuite = {
    async render(node) {
      await unmount()
      const element = document.createElement('div')
      document.body.append(element)
      host = element
      const mounted = createRoot(element)
      root = mounted
      await act(async () => mounted.render(node))
      return element
    },
    async update(node) {
      const mounted = root
      if (!mounted) throw new Error('domSuite: render something first')
      await act(async () => mounted.render(node))
    },
    get host() {
      if (!host) throw new Error('domSuite: render something first')
      return host
    },
    byTestId(id) {
      return suite.host.querySelector<HTMLElement>(`[data-testid="${id}"]`)
    },
  }
  return suite
}
