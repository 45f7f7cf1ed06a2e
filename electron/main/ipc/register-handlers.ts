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

/**
 * Removes every ipcMain listener on a channel that is not one of the contract's: electron-store's constructor
 * registers 'electron-store-get-data', answered for any sender (the app's renderer never asks for it). Call
 * after the stores are open; SECURITY.md item 17 lists the channels main answers.
 */
export function dropUncheckedListeners(): string[] {
  const ours = new Set<string>(channels)
  const dropped = ipcMain.eventNames().filter((name): name is string => typeof name === 'string' && !ours.has(name))
  for (const name of dropped) ipcMain.removeAllListeners(name)
  return dropped
}

/** Sends a typed main -> renderer event. */
export function sendEvent<E extends keyof NewsdeskEvents>(
  contents: WebContents,
  event: E,
  ...args: NewsdeskEvents[E]
): void {
  if (!contents.isDestroyed()) contents.send(event, ...args)
}
