import type { BrowserContext } from '@playwright/test'
import { createHandlers } from '../../electron/main/ipc/handlers'
import { dispatch } from '../../electron/main/ipc/dispatch'
import { serveAppRequest } from '../../electron/main/security/app-protocol'
import { createServices, type ServicePaths, type Services } from '../../electron/main/services'
import type { NewsdeskEvents } from '../../shared/ipc/contract'
import { eventNames } from '../../shared/ipc/events'
import { channels } from '../../shared/ipc/schemas'
import { pagePdfPrinter } from './page-pdf-printer'

/** Origin the built renderer is served from in the Chromium harness (.invalid never resolves). */
export const HARNESS_ORIGIN = 'http://newsdesk.invalid'

/**
 * Wires a browser context like Electron's main process would: the built renderer is served by the same
 * app-protocol code main uses, and `window.newsdesk` is built from the contract's channel list on top of one
 * binding that calls the very handler table and `dispatch` that register-handlers.ts registers.
 * Any request for another origin is aborted and recorded in `blockedRequests`.
 */
export async function wireContext(context: BrowserContext, rendererDir: string, paths: ServicePaths) {
  const { ready, ...wired } = await startContext(context, rendererDir, paths)
  return { ...(await ready), ...wired }
}

/**
 * `wireContext` as Electron's main does it: the page may load while the services open; a call that arrives
 * before they are ready waits for them. Returns once the routes and the bridge are in place.
 */
export async function startContext(context: BrowserContext, rendererDir: string, paths: ServicePaths) {
  // The harness's "native" image picker returns the file a spec names in NEWSDESK_E2E_PICK_IMAGE (null = cancel);
  // links are recorded in `openedLinks` instead of reaching a browser.
  const openedLinks: string[] = []
  // Its "native" folder dialog (workspace new / open / Save As) returns NEWSDESK_E2E_PICK_FOLDER (unset = cancel).
  const ready = createServices(
    { pickFolder: async () => process.env.NEWSDESK_E2E_PICK_FOLDER ?? null, ...paths },
    {
      pickImageFile: async () => process.env.NEWSDESK_E2E_PICK_IMAGE ?? null,
      openExternal: async (url) => {
        openedLinks.push(url)
      },
      // "Show in folder" is recorded as a link would be (no file manager in the harness).
      showItemInFolder: (path) => {
        openedLinks.push(`folder:${path}`)
      },
    },
  ).then((services: Services) => {
    // Print to PDF: page.pdf() of the same HTML where Electron uses printToPDF (the destination comes from the
    // injected save picker, as exports' does).
    services.preview.setPrinter(pagePdfPrinter(context))
    // Service events reach every page of the context as webContents.send would deliver them in Electron.
    const unsubscribe = services.events.subscribe((event, ...args) => {
      for (const page of context.pages()) {
        void page
          .evaluate(
            ({ e, a }) =>
              (window as unknown as { __newsdeskEmit?: (e: string, a: unknown[]) => void }).__newsdeskEmit?.(e, a),
            { e: event as string, a: args as unknown[] },
          )
          .catch(() => undefined)
      }
    })
    return { services, handlers: createHandlers(services), unsubscribe }
  })
  ready.catch(() => undefined) // the caller awaits `ready`; each call meanwhile fails with its error
  context.on('close', () => {
    void ready.then(({ services, unsubscribe }) => {
      unsubscribe()
      return services.dispose()
    })
  })
  const blockedRequests: string[] = []
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (!url.startsWith(`${HARNESS_ORIGIN}/`)) {
      blockedRequests.push(url)
      await route.abort('blockedbyclient')
      return
    }
    const response = await serveAppRequest(rendererDir, url)
    await route.fulfill({ status: response.status, headers: response.headers, body: Buffer.from(response.body) })
  })
  // Arguments and results cross as JSON text: Playwright's own value serializer walks every value into a
  // protocol object, which took seconds for a 50,000-row list; Electron's structured clone does not. The
  // contract carries plain data only (ISO strings, no binary), so JSON keeps every value the IPC would.
  await context.exposeBinding('__newsdeskInvoke', async (_source, channel: unknown, argsJson: unknown) => {
    const args: unknown = typeof argsJson === 'string' ? JSON.parse(argsJson) : []
    const { handlers } = await ready
    const result = await dispatch(handlers, channel, Array.isArray(args) ? args : [])
    return result === undefined ? undefined : JSON.stringify(result)
  })
  await context.addInitScript(
    ({ channelList, events }) => {
      type Listener = (...args: unknown[]) => void
      const binding = (window as unknown as { __newsdeskInvoke: (c: string, a: string) => Promise<string | undefined> })
        .__newsdeskInvoke
      const invoke = async (channel: string, args: unknown[]) => {
        // A trailing undefined argument is left out, as an optional parameter would be (JSON has no undefined).
        let end = args.length
        while (end > 0 && args[end - 1] === undefined) end--
        const json = await binding(channel, JSON.stringify(args.slice(0, end)))
        return json === undefined ? undefined : (JSON.parse(json) as unknown)
      }
      const listeners = new Map<string, Set<Listener>>()
      const bridge: Record<string, unknown> = {
        on(event: string, listener: Listener) {
          if (!events.includes(event)) throw new Error(`unknown event ${event}`)
          const set = listeners.get(event) ?? new Set<Listener>()
          set.add(listener)
          listeners.set(event, set)
          return () => set.delete(listener)
        },
      }
      for (const channel of channelList) {
        const [group, method] = channel.split(':') as [string, string]
        const target = (bridge[group] ??= {}) as Record<string, unknown>
        target[method] = (...args: unknown[]) => invoke(channel, args)
      }
      Object.defineProperty(window, 'newsdesk', { value: Object.freeze(bridge), configurable: false })
      Object.defineProperty(window, '__newsdeskEmit', {
        value: (event: string, args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args)),
      })
    },
    { channelList: [...channels], events: [...eventNames] as string[] },
  )
  return { ready, blockedRequests, openedLinks }
}

/** Delivers a main -> renderer event to the page, as `webContents.send` would. */
export type EmitEvent = <E extends keyof NewsdeskEvents>(event: E, ...args: NewsdeskEvents[E]) => Promise<void>
