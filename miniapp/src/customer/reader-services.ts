import Taro from '@tarojs/taro'
import type { GlanceShareView, OpenShareView } from '@kejing/shared'
import type { ApiClient } from '../api/client'
import type { Endpoints } from '../api/endpoints'
import { taroPorts } from '../platform/taro'
import type { EventQueue, NewTouchpoint } from '../tracking/event-queue'
import { createReaderServices, READER_QUEUE_KEY } from './reader-core'

export { READER_QUEUE_KEY }

/** The Taro reader's services (H5, the agent's preview): reader-core on Taro's APIs. */
const services = createReaderServices(taroPorts, watchNetwork)

export const getReaderApi = (): ApiClient => services.getApi()
export const api = (): Endpoints => services.api()
export const tracker = (): EventQueue => services.tracker()
export const track = (event: NewTouchpoint): void => services.track(event)
export const openShare = (shareId: string, scene: number | null): Promise<OpenShareView> => services.openShare(shareId, scene)
export const glanceShare = (shareId: string, scene: number | null): Promise<GlanceShareView> => services.glanceShare(shareId, scene)

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
