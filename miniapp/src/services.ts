import Taro from '@tarojs/taro'
import type { ApiClient } from './api/client'
import type { Endpoints } from './api/endpoints'
import { lazyServiceInstances } from './platform/service-instances'
import { taroPorts } from './platform/taro'
import type { EventQueue, NewTouchpoint } from './tracking/event-queue'
import { defaultRandom } from './tracking/uuid'

/** The main package's single instances, created on first use (never at import, so tests can load pages). */
const instances = lazyServiceInstances(taroPorts, defaultRandom())

export function getApi(): ApiClient {
  return instances.getApi()
}

export function api(): Endpoints {
  return instances.api()
}

export function tracker(): EventQueue {
  return instances.tracker()
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
