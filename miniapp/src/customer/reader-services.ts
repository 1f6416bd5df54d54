import Taro from '@tarojs/taro'
import type { GlanceShareView, OpenShareView } from '@kejing/shared'
import { createApiClient, type ApiClient } from '../api/client'
import { createEndpoints, type Endpoints } from '../api/endpoints'
import { resolveH5DevCode } from '../platform/login-code'
import { systemClock } from '../platform/ports'
import { getPlatformLoginCode, sleep, taroStorage, taroTransport } from '../platform/taro'
import { EventQueue, type NewTouchpoint } from '../tracking/event-queue'
import { defaultRandom, uuidV4 } from '../tracking/uuid'

/**
 * The customer reader's own API client, login and event queue. "customer" is an independent
 * sub-package (独立分包): a customer opening a share downloads it without the main package, so it
 * cannot use the main package's instances (src/services.ts) nor getApp(); webpack builds these
 * modules into the sub-package itself. The session is the same stored one (an agent opening their
 * own share is still themselves); the queue has its own storage key, because when both packages are
 * loaded the main package's queue is alive too, and two queues on one key would overwrite each other.
 */
export const READER_QUEUE_KEY = 'kejing.reader-events.v1'

let apiClient: ApiClient | null = null
let endpoints: Endpoints | null = null
let queue: EventQueue | null = null
const random = defaultRandom()

export function getReaderApi(): ApiClient {
  if (!apiClient) {
    apiClient = createApiClient({
      baseUrl: KEJING_API_BASE,
      transport: taroTransport,
      storage: taroStorage,
      getLoginCode: () => getPlatformLoginCode(taroStorage, random),
      sleep,
      random,
      now: () => Date.now(),
    })
    if (process.env.TARO_ENV === 'h5') {
      // Another ?devCode= in the URL means another person: the stored token is not theirs.
      if (resolveH5DevCode(window.location.href, taroStorage, random).changed) apiClient.clearSession()
    }
  }
  return apiClient
}

export function api(): Endpoints {
  if (!endpoints) endpoints = createEndpoints(getReaderApi())
  return endpoints
}

export function tracker(): EventQueue {
  if (!queue) {
    queue = new EventQueue({
      storage: taroStorage,
      storageKey: READER_QUEUE_KEY,
      clock: systemClock,
      random,
      send: (batch) => getReaderApi().raw('POST', '/api/events', batch),
    })
    watchNetwork(queue)
  }
  return queue
}

/** Records a customer touchpoint; it reaches the server even if the reader is closed first. */
export function track(event: NewTouchpoint): void {
  tracker().enqueue(event)
}

/** The reader has no App of its own: it flushes when the network returns (and on page hide, see the read tracking). */
function watchNetwork(q: EventQueue): void {
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) void q.flush()
    })
  } catch {
    // not available on this platform
  }
}

/** Opens a share as a logged-in reader, telling the server the entry scene (a group chat makes it a 群聊 share). */
export function openShare(shareId: string, scene: number | null): Promise<OpenShareView> {
  return getReaderApi().request<OpenShareView>('POST', `/api/shares/${encodeURIComponent(shareId)}/open`, {
    body: scene === null ? {} : { scene },
    retry: true,
  })
}

/**
 * Single-page mode (Moments) has no login: the share is fetched without one and the server counts
 * an anonymous open. One random id per page load, so a retried call is counted once.
 */
export function glanceShare(shareId: string, scene: number | null): Promise<GlanceShareView> {
  const clientEventId = uuidV4(random)
  return getReaderApi().request<GlanceShareView>('POST', '/api/shares/glance', {
    body: scene === null ? { shareId, clientEventId } : { shareId, clientEventId, scene },
    anonymous: true,
    retry: true,
  })
}
