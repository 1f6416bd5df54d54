import { createApiClient, type ApiClient } from '../api/client'
import { createEndpoints, type Endpoints } from '../api/endpoints'
import { resolveH5DevCode } from './login-code'
import { systemClock } from './ports'
import { getPlatformLoginCode, sleep, taroStorage, taroTransport } from './taro'
import { EventQueue } from '../tracking/event-queue'
import type { Random } from './ports'

export interface ServiceInstances {
  getApi(): ApiClient
  api(): Endpoints
  tracker(): EventQueue
}

/**
 * One package's API client, endpoints and event queue, each made on first use (never at import, so
 * tests can load pages). The main package and the customer reader's independent sub-package each
 * hold their own (the reader cannot reach the main package's), built here the same way.
 */
export function lazyServiceInstances(random: Random, options: { queueStorageKey?: string; onQueue?: (queue: EventQueue) => void } = {}): ServiceInstances {
  let apiClient: ApiClient | null = null
  let endpoints: Endpoints | null = null
  let queue: EventQueue | null = null
  const getApi = (): ApiClient => {
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
  return {
    getApi,
    api: () => (endpoints ??= createEndpoints(getApi())),
    tracker: () => {
      if (!queue) {
        queue = new EventQueue({
          storage: taroStorage,
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
