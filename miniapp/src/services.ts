import Taro from '@tarojs/taro'
import { createApiClient, type ApiClient } from './api/client'
import { createEndpoints, type Endpoints } from './api/endpoints'
import { resolveH5DevCode } from './platform/login-code'
import { systemClock } from './platform/ports'
import { getPlatformLoginCode, sleep, taroStorage, taroTransport } from './platform/taro'
import { EventQueue, type NewTouchpoint } from './tracking/event-queue'
import { defaultRandom } from './tracking/uuid'

/** The app's single instances, created on first use (never at import, so tests can load pages). */
let apiClient: ApiClient | null = null
let endpoints: Endpoints | null = null
let queue: EventQueue | null = null
const random = defaultRandom()

export function getApi(): ApiClient {
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
  if (!endpoints) endpoints = createEndpoints(getApi())
  return endpoints
}

export function tracker(): EventQueue {
  if (!queue) {
    queue = new EventQueue({
      storage: taroStorage,
      clock: systemClock,
      random,
      send: (batch) => getApi().raw('POST', '/api/events', batch),
    })
  }
  return queue
}

/** Records a customer touchpoint; it reaches the server even if the app is closed first. */
export function track(event: NewTouchpoint): void {
  tracker().enqueue(event)
}

let watchingNetwork = false
/** Flush when the phone comes back online. */
export function watchNetwork(): void {
  if (watchingNetwork) return
  watchingNetwork = true
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) void tracker().flush()
    })
  } catch {
    // not available on this platform
  }
}
