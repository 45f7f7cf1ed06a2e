import { ipcMain, type WebContents } from 'electron'
import type { NewsdeskEvents, NewsdeskHandlers } from '../../../shared/ipc/contract'
import { channels } from '../../../shared/ipc/schemas'
import { isAppUrl } from '../security/policy'
import { dispatch } from './dispatch'

/**
 * Registers every contract channel on ipcMain. Each call is accepted only from a frame of our own window
 * serving our own page, then validated and dispatched by the same `dispatch` the e2e bridge uses.
 */
export function registerHandlers(
  handlers: NewsdeskHandlers | Promise<NewsdeskHandlers>,
  isTrustedSender: (contents: WebContents) => boolean,
): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const frame = event.senderFrame
      const devUrl = process.env.ELECTRON_RENDERER_URL
      const fromOurPage =
        frame !== null && (isAppUrl(frame.url) || (devUrl !== undefined && frame.url.startsWith(devUrl)))
      if (!isTrustedSender(event.sender) || !fromOurPage) throw new Error(`${channel}: refused, unknown sender`)
      // A call that arrives while the services are still opening waits for them.
      return Promise.resolve(handlers).then((table) => dispatch(table, channel, args))
    })
  }
}

/** Sends a typed main -> renderer event. */
export function sendEvent<E extends keyof NewsdeskEvents>(
  contents: WebContents,
  event: E,
  ...args: NewsdeskEvents[E]
): void {
  if (!contents.isDestroyed()) contents.send(event, ...args)
}
