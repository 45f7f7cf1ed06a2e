import type { NewsdeskEvents } from '../../../shared/ipc/contract'

/** A listener for every main -> renderer event a service raises. */
export type ServiceEventListener = <E extends keyof NewsdeskEvents>(event: E, ...args: NewsdeskEvents[E]) => void

/**
 * The services' outbox of main -> renderer events. Services emit here; main forwards each event with
 * `sendEvent` and the e2e harness with `window.__newsdeskEmit`. No electron import.
 */
export class ServiceEvents {
  private readonly listeners = new Set<ServiceEventListener>()

  /** Raises one event to every subscriber; a throwing subscriber does not stop the others. */
  emit<E extends keyof NewsdeskEvents>(event: E, ...args: NewsdeskEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, ...args)
      } catch {
        // A broken forwarder (closed window) must not break the service that raised the event.
      }
    }
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: ServiceEventListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }
}
