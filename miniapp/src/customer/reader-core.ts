import { SCENE_MOMENTS_SINGLE_PAGE, type GlanceShareView, type OpenShareView } from '@kejing/shared'
import type { ApiClient } from '../api/client'
import type { Endpoints } from '../api/endpoints'
import { lazyServiceInstances, type PlatformPorts } from '../platform/service-instances'
import type { EventQueue, NewTouchpoint } from '../tracking/event-queue'
import { defaultRandom, uuidV4 } from '../tracking/uuid'

/**
 * The customer reader's API client, login, event queue and share calls, free of any UI framework:
 * the Taro reader (H5, and the agent's preview) builds them on Taro's APIs (reader-services.ts),
 * the weapp's native reader page on wx itself (read/index.weapp.ts). One implementation, two ports.
 *
 * The reader is an independent sub-package (独立分包): a customer opening a share downloads it
 * without the main package, so it cannot use the main package's instances (src/services.ts) nor
 * getApp(). The session is the same stored one (an agent opening their own share is still
 * themselves); the queue has its own storage key, because when both packages are loaded the main
 * package's queue is alive too, and two queues on one key would overwrite each other.
 */
export const READER_QUEUE_KEY = 'kejing.reader-events.v1'

/** The lead form and 我的信息: Taro pages in their own independent sub-package on weapp (see app.config.ts). */
export const LEAD_PAGE = '/customer-info/lead/index'
export const MY_DATA_PAGE = '/customer-info/my-data/index'
export const leadPageUrl = (shareId: string, fromConsult: boolean) =>
  `${LEAD_PAGE}?s=${encodeURIComponent(shareId)}${fromConsult ? '&from=consult' : ''}`

/** Where WeChat's own bar is in Moments' single-page mode: tapping 前往小程序 there opens the share in the full mini program. */
export const GO_TO_MINI_PROGRAM = '前往小程序'
/** What single-page mode says when the reader taps something that needs the full mini program. */
export const needsMiniProgramText = (what: string) => `朋友圈里只能阅读。请点击屏幕底部的「${GO_TO_MINI_PROGRAM}」，进入小程序后即可${what}。`

/** The poster code named a scene the server could not turn into a share. */
export const SCENE_NOT_FOUND_TEXT = '没能找到这张海报对应的内容，请重试或让顾问重新分享'

export interface ReaderServices {
  getApi(): ApiClient
  api(): Endpoints
  tracker(): EventQueue
  /** Records a customer touchpoint; it reaches the server even if the reader is closed first. */
  track(event: NewTouchpoint): void
  /** Opens a share as a logged-in reader, telling the server the entry scene (a group chat makes it a 群聊 share). */
  openShare(shareId: string, scene: number | null): Promise<OpenShareView>
  /**
   * Single-page mode (Moments) has no login: the share is fetched without one and the server counts
   * an anonymous open. One random id per call, so a retried request is counted once.
   */
  glanceShare(shareId: string, scene: number | null): Promise<GlanceShareView>
  /** A fresh client id (a message typed, a glance). */
  newClientId(): string
}

/** The reader has no App of its own: `onQueue` is where a platform flushes when the network returns. */
export function createReaderServices(ports: PlatformPorts, onQueue: (queue: EventQueue) => void): ReaderServices {
  const random = defaultRandom()
  const instances = lazyServiceInstances(ports, random, { queueStorageKey: READER_QUEUE_KEY, onQueue })
  return {
    getApi: instances.getApi,
    api: instances.api,
    tracker: instances.tracker,
    track: (event) => void instances.tracker().enqueue(event),
    openShare: (shareId, scene) =>
      instances.getApi().request<OpenShareView>('POST', `/api/shares/${encodeURIComponent(shareId)}/open`, {
        body: scene === null ? {} : { scene },
        retry: true,
      }),
    glanceShare: (shareId, scene) => {
      const clientEventId = uuidV4(random)
      return instances.getApi().request<GlanceShareView>('POST', '/api/shares/glance', {
        body: scene === null ? { shareId, clientEventId } : { shareId, clientEventId, scene },
        anonymous: true,
        retry: true,
      })
    },
    newClientId: () => uuidV4(random),
  }
}

/** The first positive scene any of `reads` answers (WeChat's enter options, then launch options); null when none does. */
export function firstScene(reads: (() => { scene?: unknown })[]): number | null {
  for (const read of reads) {
    try {
      const scene = Number(read().scene)
      if (Number.isFinite(scene) && scene > 0) return scene
    } catch {
      // try the next API
    }
  }
  return null
}

/** Moments' single-page mode: no login, no navigation, no open-type buttons; WeChat's own bar offers 前往小程序. */
export const isSinglePage = (scene: number | null) => scene === SCENE_MOMENTS_SINGLE_PAGE
