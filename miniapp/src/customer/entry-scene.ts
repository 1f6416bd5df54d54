import Taro from '@tarojs/taro'
import { firstScene, isSinglePage } from './reader-core'

export { isSinglePage }

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
  return firstScene([() => Taro.getEnterOptionsSync(), () => Taro.getLaunchOptionsSync()])
}
