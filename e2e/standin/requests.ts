// Both ends of the stand-in wire ask the other for things and wait for a `reply` naming the request: one table of
// what is still waiting, used by the test process (launch.ts) and by the stand-in in the child (electron.ts).

/** A reply on the wire, as messages.ts spells it for either direction. */
export type WireReply = { rid: number; ok: true; value: unknown } | { rid: number; ok: false; error: string }

/** The requests one end has sent and not yet had a reply to. */
export interface PendingRequests<Out> {
  /** Sends the message `build` makes for a fresh request id and waits for the reply to it. */
  ask<T>(build: (rid: number) => Out): Promise<T>
  /** Settles the request a reply names (a reply to nothing waiting is ignored). */
  settle(reply: WireReply): void
  /** Fails every request still waiting with `error`. */
  rejectAll(error: Error): void
}

/** A table of pending requests whose messages go out through `post`. */
export function pendingRequests<Out>(post: (message: Out) => void): PendingRequests<Out> {
  let nextRid = 1
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  return {
    ask<T>(build: (rid: number) => Out): Promise<T> {
      const rid = nextRid++
      return new Promise<T>((resolve, reject) => {
        waiting.set(rid, { resolve: resolve as (value: unknown) => void, reject })
        post(build(rid))
      })
    },
    settle(reply) {
      const entry = waiting.get(reply.rid)
      waiting.delete(reply.rid)
      if (reply.ok) entry?.resolve(reply.value)
      else entry?.reject(new Error(reply.error))
    },
    rejectAll(error) {
      for (const entry of waiting.values()) entry.reject(error)
      waiting.clear()
    },
  }
}
