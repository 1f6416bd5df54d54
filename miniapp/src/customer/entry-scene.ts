import Taro from '@tarojs/taro'
import { SCENE_MOMENTS_SINGLE_PAGE } from '@kejing/shared'

/**
 * The WeChat scene (场景值) the reader was entered with: 1154 is Moments' single-page mode, 1008 /
 * 1044 a group chat, 1007 a one-to-one chat. H5 has no scenes; `?enterScene=1154` in the URL
 * simulates one (how the single-page reader is screenshotted and tried in a browser).
 */
export function entryScene(): number | null {
  if (process.env.TARO_ENV === 'h5') {
    const match = /[?&]enterScene=(\d{4})(?:[&#]|$)/.exec(window.location.href)
    return match ? Number(match[1]) : null
  }
  for (const read of [() => Taro.getEnterOptionsSync(), () => Taro.getLaunchOptionsSync()]) {
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
