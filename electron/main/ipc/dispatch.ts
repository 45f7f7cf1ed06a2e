import type { NewsdeskChannel, NewsdeskHandlers } from '../../../shared/ipc/contract'
import { argSchemas, channels } from '../../../shared/ipc/schemas'

/** Raised when a call names no channel or carries arguments its schema refuses. */
export class IpcValidationError extends Error {
  override readonly name = 'IpcValidationError'
}

const channelSet: ReadonlySet<string> = new Set(channels)

/** True when `channel` is one of the contract's request channels. */
export function isChannel(channel: unknown): channel is NewsdeskChannel {
  return typeof channel === 'string' && channelSet.has(channel)
}

/**
 * Validates a call's arguments with the channel's zod schema and runs its handler. The only way a request
 * reaches a service, used by the Electron IPC registration and by the e2e bridge alike.
 */
export async function dispatch(handlers: NewsdeskHandlers, channel: unknown, args: unknown[]): Promise<unknown> {
  if (!isChannel(channel))
    throw new IpcValidationError(`unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`)
  const [group, method] = channel.split(':') as [keyof NewsdeskHandlers, string]
  const schema = (
    argSchemas[group] as Record<
      string,
      {
        safeParse(v: unknown): {
          success: boolean
          data?: unknown
          error?: { issues: { path: PropertyKey[]; message: string }[] }
        }
      }
    >
  )[method]
  const handler = (handlers[group] as Record<string, (...a: unknown[]) => unknown>)[method]
  if (!schema || !handler) throw new IpcValidationError(`no handler for ${channel}`)
  const parsed = schema.safeParse(args)
  if (!parsed.success) {
    const issue = parsed.error?.issues[0]
    const where = issue ? issue.path.map(String).join('.') : ''
    throw new IpcValidationError(`${channel}: invalid argument ${where}: ${issue?.message ?? 'rejected'}`)
  }
  return await handler(...(parsed.data as unknown[]))
}
