import type { Browser, BrowserContext, Page, Route } from '@playwright/test'
import { fork, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { cloneCodec } from './clone-codec'
import type { ChildMessage, DialogAnswer, ParentMessage, StandinWindowOptions } from './messages'
import { DELIVER, IPC_BINDING, standinPreloadScript } from './page-preload'
import { pendingRequests } from './requests'

// The test-process half of the electron-standin launcher. Design: the BUILT main process runs in a child Node
// process with `electron` resolved to ./electron.ts; this process keeps driving Chromium with Playwright (as the
// other launchers do, so specs get ordinary Playwright pages) and is the child's "Chromium side": it makes a
// page for each BrowserWindow, serves app:// requests by asking the child's protocol.handle handler, carries
// ipcRenderer calls to the child's ipcMain and webContents.send back, and answers dialogs from a script. The
// child never touches Chromium and this process never runs main's code: the two meet only on Node's IPC channel
// (V8 serializer = structured clone), as Electron's main and renderer processes meet only on Mojo.

/** Chromium cannot load a custom scheme, so app://host/path is served from this https origin and mapped back. */
const MAPPED_SUFFIX = '.app-scheme.standin.invalid'
/** app://newsdesk/x -> https://newsdesk.app-scheme.standin.invalid/x */
export function toPageUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.protocol !== 'app:') return url
  return `https://${parsed.host}${MAPPED_SUFFIX}${parsed.pathname}${parsed.search}${parsed.hash}`
}
/** The inverse of toPageUrl: what Electron would report (event.senderFrame.url, webContents.getURL()). */
export function fromPageUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'https:' && parsed.hostname.endsWith(MAPPED_SUFFIX))
      return `app://${parsed.hostname.slice(0, -MAPPED_SUFFIX.length)}${parsed.pathname}${parsed.search}${parsed.hash}`
  } catch {
    // not a URL: returned as is
  }
  return url
}

/** Answers the child's dialogs (the scripted stand-in for native dialogs). */
export type DialogScript = (kind: 'open' | 'save' | 'message', options: Record<string, unknown>) => Promise<DialogAnswer>

/** Options of one stand-in launch. */
export interface StandinLaunchOptions {
  browser: Browser
  /** The app folder (package.json, out/). */
  root: string
  env: Record<string, string>
  dialogs: DialogScript
  /** Viewport used for every window (the window's own size is recorded in `windowOptions`). */
  viewport?: { width: number; height: number }
}

/** A running stand-in app: the child process and the pages of its windows. */
export interface StandinApp {
  child: ChildProcess
  /** Resolves with the first window's page once it has loaded. */
  firstWindow(): Promise<Page>
  pages: Map<number, Page>
  windowOptions: Map<number, StandinWindowOptions>
  /** App and window events in the order the stand-in emitted them ("app:before-quit", "window:close", ...). */
  lifecycle: string[]
  errorBoxes: { title: string; content: string }[]
  /** shell.openExternal URLs, and shell.showItemInFolder paths as "folder:<path>". */
  openedLinks: string[]
  /** Calls the stand-in recorded (spellchecker settings, app user model id, context menus, ...). */
  records: { key: string; value: unknown }[]
  /** Lines the child wrote to stdout and stderr. */
  output: string[]
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** app.quit(), as the File > Quit menu item or Cmd+Q would. */
  quit(): void
  /** The user clicking the window's close button. */
  closeWindow(id?: number): void
  /** A Windows log-off or shutdown. */
  sessionEnd(reasons?: ('shutdown' | 'close-app' | 'critical' | 'logoff')[]): void
  clickMenu(path: string[]): Promise<void>
  /** webContents.send from main to the first window. */
  send(channel: string, args: unknown[]): Promise<void>
  /** Opens a second window (which main did not create) on `url`; returns its id. */
  openWindow(url: string): Promise<number>
  /** Ends the child and closes its pages. */
  close(): Promise<void>
}

/** Starts the built main process under the stand-in. */
export async function launchStandin(options: StandinLaunchOptions): Promise<StandinApp> {
  const { browser, root } = options
  const codec = cloneCodec()
  const child = fork(join(root, 'out', 'main', 'index.js'), [root], {
    cwd: root,
    execArgv: [
      '--experimental-strip-types',
      '--no-warnings',
      // Electron logs an unhandled rejection in main and keeps running (lifecycle rule 11 in electron.ts).
      '--unhandled-rejections=warn',
      '--import',
      join(root, 'e2e', 'standin', 'register.ts'),
    ],
    env: { ...options.env, NEWSDESK_STANDIN_APP_ROOT: root },
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  const output: string[] = []
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8')
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        output.push(line)
        if (process.env.NEWSDESK_STANDIN_VERBOSE) console.log(`[standin main] ${line}`)
      }
    })
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  let alive = true
  void exited.then(() => {
    alive = false
    requests.rejectAll(new Error('the stand-in main process exited'))
  })
  const post = (message: ParentMessage) => {
    if (alive && child.connected) child.send(message)
  }
  const requests = pendingRequests(post)
  const ask = <T>(build: (rid: number) => ParentMessage): Promise<T> =>
    alive ? requests.ask<T>(build) : Promise.reject(new Error('the stand-in main process has exited'))

  const pages = new Map<number, Page>()
  const contexts = new Map<number, BrowserContext>()
  const windowOptions = new Map<number, StandinWindowOptions>()
  const lifecycle: string[] = []
  const errorBoxes: { title: string; content: string }[] = []
  const openedLinks: string[] = []
  const records: { key: string; value: unknown }[] = []
  let firstPageResolve: (page: Page) => void = () => undefined
  let firstPageReject: (error: Error) => void = () => undefined
  const firstPage = new Promise<Page>((resolve, reject) => {
    firstPageResolve = resolve
    firstPageReject = reject
  })
  void exited.then(({ code, signal }) =>
    firstPageReject(
      new Error(`the stand-in main process exited (code ${code}, signal ${signal}) before its window loaded:\n${output.join('\n')}`),
    ),
  )
  firstPage.catch(() => undefined) // a launch that is expected to fail need not ask for its window
  const pending = new Map<number, Promise<Page>>()

  /** One context per window (its own routes, binding and preload), the page sized as the window asked. */
  const createWindow = async (id: number, opts: StandinWindowOptions): Promise<Page> => {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: opts.width, height: opts.height } })
    contexts.set(id, context)
    await context.route('**/*', (route) => serve(route))
    await context.exposeBinding(IPC_BINDING, async (source, kind: string, channel: string, payload: string) => {
      const frameUrl = fromPageUrl(source.frame.url())
      const args = codec.decode(payload) as unknown[]
      if (kind === 'send') {
        post({ t: 'ipc-send', id, frameUrl, channel, args })
        return JSON.stringify({ ok: true, value: codec.encode(undefined) })
      }
      try {
        const value = await ask<unknown>((rid) => ({ t: 'invoke', rid, id, frameUrl, channel, args }))
        return JSON.stringify({ ok: true, value: codec.encode(value) })
      } catch (error) {
        return JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })
      }
    })
    if (opts.preload) await context.addInitScript({ content: standinPreloadScript(await readFile(opts.preload, 'utf8')) })
    const page = await context.newPage()
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
    // A spec closing the page is the user closing the window (main's close handlers run); a page the child
    // destroyed is already out of `pages`.
    page.on('close', () => {
      if (pages.get(id) === page) post({ t: 'window-close', id })
    })
    pages.set(id, page)
    return page
  }

  /** Every request of a window: app:// through the child's protocol handler, anything else refused. */
  const serve = async (route: Route) => {
    const request = route.request()
    const url = fromPageUrl(request.url())
    if (!url.startsWith('app:')) {
      await route.abort('blockedbyclient')
      return
    }
    try {
      const response = await ask<{ status: number; headers: Record<string, string>; body: Uint8Array }>((rid) => ({
        t: 'protocol',
        rid,
        url,
        method: request.method(),
        headers: request.headers(),
      }))
      await route.fulfill({ status: response.status, headers: response.headers, body: Buffer.from(response.body) })
    } catch {
      await route.abort('failed').catch(() => undefined)
    }
  }

  const reply = (rid: number, run: () => Promise<unknown>) => {
    run().then(
      (value) => post({ t: 'reply', rid, ok: true, value }),
      (error: unknown) => post({ t: 'reply', rid, ok: false, error: String(error) }),
    )
  }

  child.on('message', (raw) => {
    const message = raw as ChildMessage
    switch (message.t) {
      case 'window-create':
        windowOptions.set(message.id, message.options)
        pending.set(message.id, createWindow(message.id, message.options))
        return
      case 'window-load':
        reply(message.rid, async () => {
          const page = await pending.get(message.id)
          if (!page) throw new Error(`no window ${message.id}`)
          await page.goto(toPageUrl(message.url))
          post({ t: 'window-loaded', id: message.id })
          if (message.id === 1) firstPageResolve(page)
          return null
        })
        return
      case 'window-destroy': {
        // The page goes; its context is closed with the app (closing it here races Playwright's tracing).
        const page = pages.get(message.id)
        pages.delete(message.id)
        void page?.close().catch(() => undefined)
        return
      }
      case 'send': {
        void pending.get(message.id)?.then((page) =>
          page
            .evaluate(
              ({ deliver, channel, payload }) =>
                (window as unknown as Record<string, (c: string, p: string) => void>)[deliver]?.(channel, payload),
              { deliver: DELIVER, channel: message.channel, payload: codec.encode(message.args) },
            )
            .catch(() => undefined),
        )
        return
      }
      case 'dialog':
        reply(message.rid, () => options.dialogs(message.kind, message.options))
        return
      case 'error-box':
        errorBoxes.push({ title: message.title, content: message.content })
        return
      case 'lifecycle':
        lifecycle.push(message.event)
        return
      case 'open-external':
        openedLinks.push(message.url)
        return
      case 'show-item-in-folder':
        // Recorded as the Chromium harness records it, so one spec checks both launchers.
        openedLinks.push(`folder:${message.path}`)
        return
      case 'record':
        records.push({ key: message.key, value: message.value })
        return
      case 'reply':
        requests.settle(message)
        return
      case 'window-show':
      case 'window-bounds':
        return
      default:
        return message satisfies never
    }
  })

  return {
    child,
    firstWindow: () => firstPage,
    pages,
    windowOptions,
    lifecycle,
    errorBoxes,
    openedLinks,
    records,
    output,
    exited,
    quit: () => post({ t: 'app-quit' }),
    closeWindow: (id = 1) => post({ t: 'window-close', id }),
    sessionEnd: (reasons = ['logoff']) => post({ t: 'session-end', reasons }),
    clickMenu: async (path) => {
      await ask((rid) => ({ t: 'menu-click', rid, path }))
    },
    send: async (channel, args) => {
      await ask((rid) => ({ t: 'webcontents-send', rid, channel, args }))
    },
    openWindow: (url) => ask<number>((rid) => ({ t: 'open-window', rid, url })),
    close: async () => {
      if (alive) {
        child.kill('SIGKILL')
        await exited
      }
      await Promise.all([...contexts.values()].map((c) => c.close().catch(() => undefined)))
    },
  }
}
