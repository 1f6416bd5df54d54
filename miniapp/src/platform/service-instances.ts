import { createApiClient, type ApiClient } from '../api/client'
import { createEndpoints, type Endpoints } from '../api/endpoints'
import { systemClock } from './ports'
import { EventQueue } from '../tracking/event-queue'
import type { HttpTransport, KeyValueStorage, Random } from './ports'

export interface ServiceInstances {
  getApi(): ApiClient
  api(): Endpoints
  tracker(): EventQueue
}

/**
 * What the API client and the queue need from a platform: Taro's APIs for Taro pages
 * (platform/taro.ts), wx itself for the native reader page (platform/wx.ts). This module imports
 * neither, so the native reader builds the same client and queue without Taro's runtime.
 */
export interface PlatformPorts {
  transport: HttpTransport
  storage: KeyValueStorage
  loginCode: (random: Random) => Promise<string>
  sleep: (ms: number) => Promise<void>
  /** Called once the client exists (H5 drops a session that belongs to another ?devCode=). */
  onApiCreated?: (api: ApiClient, random: Random) => void
}

/**
 * One package's API client, endpoints and event queue, each made on first use (never at import, so
 * tests can load pages). The main package and the customer reader's independent sub-package each
 * hold their own (the reader cannot reach the main package's), built here the same way.
 */
export function lazyServiceInstances(
  ports: PlatformPorts,
  random: Random,
  options: { queueStorageKey?: string; onQueue?: (queue: EventQueue) => void } = {},
): ServiceInstances {
  let apiClient: ApiClient | null = null
  let endpoints: Endpoints | null = null
  let queue: EventQueue | null = null
  const getApi = (): ApiClient => {
    if (!apiClient) {
      apiClient = createApiClient({
        baseUrl: KEJING_API_BASE,
        transport: ports.transport,
        storage: ports.storage,
        getLoginCode: () => ports.loginCode(random),
        sleep: ports.sleep,
        random,
        now: () => Date.now(),
      })
      ports.onApiCreated?.(apiClient, random)
    }
    return apiClient
  }
  return {
    getApi,
    api: () => (endpoints ??= createEndpoints(getApi())),
    tracker: () => {
      if (!queue) {
        queue = new EventQueue({
          storage: ports.storage,
          ...(options.queueStorageKey ? { storageKey: options.queueStorageKey } : {}),
          clock: systemClock,
          random,
          send: (batch) => getApi().raw('POST', '/api/events', batch),
        })
        options.onQueue?.(queue)
      }
      return queue
    },
  }
}
