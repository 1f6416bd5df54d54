import type { IngestEventsRequest, IngestEventsResponse, TouchpointEventInput } from '@kejing/shared'
import { NetworkError, type HttpResponse } from '../../src/platform/ports'

/**
 * A stand-in for POST /api/events: stores each clientEventId once, like the real server,
 * and can be switched offline (network error), to fail with a status, or to lose responses.
 */
export class FakeIngestServer {
  online = true
  /** Next responses to give instead of storing: status and headers. */
  failures: { status: number; headers?: Record<string, string>; data?: unknown }[] = []
  /** Store the batch, then drop the response as if the connection broke. */
  loseNextResponses = 0
  readonly stored = new Map<string, TouchpointEventInput>()
  readonly requests: IngestEventsRequest[] = []
  received = 0

  send = async (batch: IngestEventsRequest): Promise<HttpResponse> => {
    // Copy: the queue must not rely on the server keeping its objects.
    const copy = JSON.parse(JSON.stringify(batch)) as IngestEventsRequest
    if (!this.online) throw new NetworkError('offline')
    this.requests.push(copy)
    const failure = this.failures.shift()
    if (failure) return { status: failure.status, headers: failure.headers ?? {}, data: failure.data ?? null }
    let stored = 0
    let duplicates = 0
    for (const e of copy.events) {
      this.received++
      if (this.stored.has(e.clientEventId)) duplicates++
      else {
        this.stored.set(e.clientEventId, e)
        stored++
      }
    }
    if (this.loseNextResponses > 0) {
      this.loseNextResponses--
      throw new NetworkError('response lost')
    }
    const body: IngestEventsResponse = { stored, duplicates, invalid: [] }
    return { status: stored > 0 ? 201 : 200, headers: {}, data: body }
  }
}
