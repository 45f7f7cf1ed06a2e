import { describe, expect, it } from 'vitest'
import { BoundedQueue, runBounded } from './bounded-pool'

const tick = (ms = 1) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe('runBounded', () => {
  it('runs every item once with never more than `width` in flight', async () => {
    let running = 0
    let peak = 0
    const seen: number[] = []
    await runBounded(
      Array.from({ length: 50 }, (_, i) => i),
      4,
      async (item, index) => {
        expect(item).toBe(index)
        running += 1
        peak = Math.max(peak, running)
        await tick(item % 3)
        seen.push(item)
        running -= 1
      },
    )
    expect(peak).toBe(4)
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })

  it('starts nothing after a failure, lets started work settle, then raises the first error', async () => {
    const started: number[] = []
    let settled = 0
    const run = runBounded(
      Array.from({ length: 40 }, (_, i) => i),
      3,
      async (item) => {
        started.push(item)
        await tick(item === 5 ? 0 : 5)
        settled += 1
        if (item === 5) throw new Error('item 5 failed')
        if (item === 6) throw new Error('item 6 failed later')
      },
    )
    await expect(run).rejects.toThrow('item 5 failed')
    expect(settled).toBe(started.length)
    expect(started.length).toBeLessThan(10)
  })
})

describe('BoundedQueue', () => {
  it('bounds in-flight jobs and drains them all', async () => {
    const queue = new BoundedQueue(3)
    let running = 0
    let peak = 0
    let finished = 0
    for (let i = 0; i < 20; i += 1) {
      await queue.push(async () => {
        running += 1
        peak = Math.max(peak, running)
        await tick(2)
        running -= 1
        finished += 1
      })
      expect(queue.size).toBeLessThanOrEqual(3)
    }
    await queue.drain()
    expect(peak).toBe(3)
    expect(finished).toBe(20)
  })

  it('raises a failed job on the next push and on drain, never as an unhandled rejection', async () => {
    const queue = new BoundedQueue(2)
    await queue.push(() => Promise.reject(new Error('disk full')))
    await tick()
    await expect(queue.push(() => Promise.resolve())).rejects.toThrow('disk full')
    await expect(queue.drain()).rejects.toThrow('disk full')
    await expect(queue.settle()).resolves.toBeUndefined()
  })
})
