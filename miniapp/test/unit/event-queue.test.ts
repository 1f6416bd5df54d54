import { EVENT_BATCH_MAX_EVENTS } from '@kejing/shared'
import { createMemoryStorage } from '../../src/platform/ports'
import { DEFAULT_QUEUE_KEY, EventQueue, type EventQueueOptions, type NewTouchpoint } from '../../src/tracking/event-queue'
import { FakeClock, seededRandom } from '../helpers/fake-clock'
import { FakeIngestServer } from '../helpers/fake-ingest-server'

const readEvent = (depthPct = 10): NewTouchpoint => ({ type: 'read_progress', shareId: 's1', depthPct, dwellMs: 1000 })

function setup(overrides: Partial<EventQueueOptions> = {}) {
  const clock = new FakeClock()
  const storage = createMemoryStorage()
  const server = new FakeIngestServer()
  const queue = new EventQueue({ storage, clock, random: seededRandom(7), send: server.send, ...overrides })
  return { clock, storage, server, queue }
}

const storedEvents = (storage: ReturnType<typeof createMemoryStorage>) =>
  JSON.parse(storage.getItem(DEFAULT_QUEUE_KEY) ?? '{"events":[]}').events as { clientEventId: string }[]

describe('EventQueue', () => {
  it('100 events produced offline reach the server exactly once after coming back online', async () => {
    const { clock, server, queue, storage } = setup()
    server.online = false
    for (let i = 0; i < 100; i++) {
      queue.enqueue(readEvent(i))
      await clock.advance(300)
    }
    await clock.advance(120_000)
    expect(server.stored.size).toBe(0)
    expect(queue.stats().pending).toBe(100)
    expect(storedEvents(storage)).toHaveLength(100)

    server.online = true
    await clock.advance(61_000) // longest backoff step is 60 s
    expect(server.stored.size).toBe(100)
    expect(server.received).toBe(100) // nothing sent twice
    expect(queue.stats()).toEqual({ pending: 0, dropped: 0, rejected: 0, failures: 0 })
    expect(storedEvents(storage)).toHaveLength(0)
    const depths = [...server.stored.values()].map((e) => e.depthPct).sort((a, b) => a! - b!)
    expect(depths).toEqual(Array.from({ length: 100 }, (_, i) => i))
  })

  it('stores an event exactly once when the response to a stored batch is lost', async () => {
    const { clock, server, queue } = setup()
    server.loseNextResponses = 1
    for (let i = 0; i < 5; i++) queue.enqueue(readEvent(i))
    await clock.advance(1000)
    expect(server.stored.size).toBe(5)
    expect(queue.stats().pending).toBe(5)
    await clock.advance(5000)
    expect(server.received).toBe(10) // the batch went twice …
    expect(server.stored.size).toBe(5) // … and was stored once, thanks to the client ids
    expect(queue.stats().pending).toBe(0)
  })

  it('gives each event a UUID and the device time when it is created', () => {
    const { queue, clock } = setup()
    const e = queue.enqueue(readEvent())
    expect(e.clientEventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(e.createdAtDeviceMs).toBe(clock.now())
    expect(queue.enqueue(readEvent()).clientEventId).not.toBe(e.clientEventId)
  })

  it('writes the event to storage before anything is sent', async () => {
    const storage = createMemoryStorage()
    const clock = new FakeClock()
    const seenAtSend: number[] = []
    const queue = new EventQueue({
      storage,
      clock,
      random: seededRandom(),
      send: async (batch) => {
        seenAtSend.push(storedEvents(storage).filter((s) => batch.events.some((e) => e.clientEventId === s.clientEventId)).length)
        return { status: 201, headers: {}, data: { stored: batch.events.length, duplicates: 0, invalid: [] } }
      },
    })
    queue.enqueue(readEvent())
    expect(storedEvents(storage)).toHaveLength(1)
    await queue.flush()
    expect(seenAtSend).toEqual([1])
    expect(storedEvents(storage)).toHaveLength(0)
  })

  it('picks up events saved by an earlier run of the app', async () => {
    const first = setup()
    first.server.online = false
    first.queue.enqueue(readEvent(1))
    first.queue.enqueue(readEvent(2))
    first.queue.dispose()
    const server = new FakeIngestServer()
    const again = new EventQueue({ storage: first.storage, clock: first.clock, random: seededRandom(1), send: server.send })
    expect(again.stats().pending).toBe(2)
    await again.flush()
    expect(server.stored.size).toBe(2)
  })

  it('sends batches of at most the shared limit', async () => {
    const { server, queue } = setup()
    for (let i = 0; i < 250; i++) queue.enqueue(readEvent(i % 100))
    await queue.flush()
    expect(server.requests.map((r) => r.events.length)).toEqual([EVENT_BATCH_MAX_EVENTS, EVENT_BATCH_MAX_EVENTS, 50])
    expect(server.stored.size).toBe(250)
  })

  it('keeps a batch under the byte limit', async () => {
    const { server, queue } = setup({ maxBatchBytes: 2000 })
    for (let i = 0; i < 30; i++) queue.enqueue(readEvent(i))
    await queue.flush()
    for (const r of server.requests) expect(JSON.stringify(r).length).toBeLessThanOrEqual(2000)
    expect(server.requests.length).toBeGreaterThan(1)
    expect(server.stored.size).toBe(30)
  })

  it('is bounded: past the limit the oldest events are dropped and counted', () => {
    const { server, queue } = setup({ maxQueued: 10 })
    server.online = false
    for (let i = 0; i < 15; i++) queue.enqueue(readEvent(i))
    expect(queue.stats()).toMatchObject({ pending: 10, dropped: 5 })
  })

  it('drops an event larger than the per-event limit and counts it', () => {
    const { queue } = setup()
    queue.enqueue({ type: 'read_progress', shareId: 'x'.repeat(40 * 1024) })
    expect(queue.stats()).toMatchObject({ pending: 0, dropped: 1 })
  })

  it('backs off exponentially with jitter while the network is down', async () => {
    const clock = new FakeClock()
    const server = new FakeIngestServer()
    server.online = false
    const attempts: number[] = []
    const queue = new EventQueue({
      storage: createMemoryStorage(),
      clock,
      random: seededRandom(3),
      flushDelayMs: 0,
      send: (batch) => {
        attempts.push(clock.now())
        return server.send(batch)
      },
    })
    queue.enqueue(readEvent())
    await clock.advance(200_000)
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i])
    // Each gap is between half and all of min(60 s, 1 s × 2^n).
    gaps.forEach((gap, n) => {
      const step = Math.min(60_000, 1000 * 2 ** n)
      expect(gap).toBeGreaterThanOrEqual(step / 2)
      expect(gap).toBeLessThanOrEqual(step)
    })
    expect(gaps.length).toBeGreaterThanOrEqual(6)
    expect(new Set(gaps.map((g, n) => g / Math.min(60_000, 1000 * 2 ** n))).size).toBeGreaterThan(1) // jittered
  })

  it.each([
    [503, { 'Retry-After': '30' }],
    [429, { 'retry-after': '30' }],
  ])('waits for Retry-After on %i, then delivers', async (status, headers) => {
    const { clock, server, queue } = setup()
    server.failures.push({ status, headers })
    queue.enqueue(readEvent())
    await clock.advance(1000)
    expect(server.requests).toHaveLength(1)
    await queue.flush() // a show/hide flush must not jump the server's Retry-After
    await clock.advance(28_000)
    expect(server.requests).toHaveLength(1)
    await clock.advance(3000)
    expect(server.requests).toHaveLength(2)
    expect(server.stored.size).toBe(1)
  })

  it('retries a 500', async () => {
    const { clock, server, queue } = setup()
    server.failures.push({ status: 500 })
    queue.enqueue(readEvent())
    await clock.advance(3000)
    expect(server.stored.size).toBe(1)
    expect(queue.stats().pending).toBe(0)
  })

  it('on 400 drops only the events named by index and sends the rest', async () => {
    const { server, queue } = setup()
    server.failures.push({
      status: 400,
      data: { error: { code: 'invalid_events', message: 'bad', details: [{ field: 'depthPct', reason: 'max', index: 1 }] } },
    })
    const events = [0, 1, 2].map((i) => queue.enqueue(readEvent(i)))
    await queue.flush()
    expect([...server.stored.keys()].sort()).toEqual([events[0].clientEventId, events[2].clientEventId].sort())
    expect(queue.stats()).toMatchObject({ pending: 0, rejected: 1 })
  })

  it('on 413 halves the batch and goes on', async () => {
    const { server, queue } = setup()
    server.failures.push({ status: 413 })
    for (let i = 0; i < 40; i++) queue.enqueue(readEvent(i))
    await queue.flush()
    expect(server.requests.map((r) => r.events.length)).toEqual([40, 20, 20])
    expect(server.stored.size).toBe(40)
  })

  it('flush sends at once, without waiting for the batching delay', async () => {
    const { server, queue } = setup({ flushDelayMs: 5000 })
    queue.enqueue(readEvent())
    await queue.flush()
    expect(server.stored.size).toBe(1)
  })

  it('a flush on show retries at once after a network failure', async () => {
    const { clock, server, queue } = setup()
    server.online = false
    queue.enqueue(readEvent())
    await clock.advance(1000)
    server.online = true
    await queue.flush()
    expect(server.stored.size).toBe(1)
  })

  it('survives corrupt storage', () => {
    const storage = createMemoryStorage()
    storage.setItem(DEFAULT_QUEUE_KEY, '{not json')
    const q = new EventQueue({ storage, clock: new FakeClock(), random: seededRandom(), send: new FakeIngestServer().send })
    expect(q.stats().pending).toBe(0)
    q.enqueue(readEvent())
    expect(storedEvents(storage)).toHaveLength(1)
  })
})
