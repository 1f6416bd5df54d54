import Taro from '@tarojs/taro'
import type { GlanceShareView, OpenShareView } from '@kejing/shared'
import type { ApiClient } from '../api/client'
import type { Endpoints } from '../api/endpoints'
import { lazyServiceInstances } from '../platform/service-instances'
import type { EventQueue, NewTouchpoint } from '../tracking/event-queue'
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

const random = defaultRandom()
const instances = lazyServiceInstances(random, { queueStorageKey: READER_QUEUE_KEY, onQueue: watchNetwork })

export function getReaderApi(): ApiClient {
  return instances.getApi()
}

export function api(): Endpoints {
  return instances.api()
}

export function tracker(): EventQueue {
  return instances.tracker()
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
