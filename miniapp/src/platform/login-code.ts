import type { KeyValueStorage, Random } from './ports'
import { uuidV4 } from '../tracking/uuid'

export const DEV_CODE_KEY = 'kejing.devCode'

/** ?devCode=… from the page URL, before or after the hash (H5 uses a hash router). */
export function devCodeFromUrl(href: string): string | null {
  const match = /[?&]devCode=([\w-]{1,64})(?:[&#]|$)/.exec(href)
  return match ? match[1] : null
}

/**
 * H5 has no wx.login: the server's fake WeChat maps any short code to an openid. A devCode in
 * the URL picks the identity (demo-agent-1 is the demo agent); otherwise one random customer
 * code is kept in storage so the same browser stays the same customer.
 * Returns true when the identity changed, so the caller can drop the old session.
 */
export function resolveH5DevCode(href: string, storage: KeyValueStorage, random: Random): { code: string; changed: boolean } {
  const fromUrl = devCodeFromUrl(href)
  const stored = storage.getItem(DEV_CODE_KEY)
  if (fromUrl) {
    if (fromUrl !== stored) storage.setItem(DEV_CODE_KEY, fromUrl)
    return { code: fromUrl, changed: stored !== null && fromUrl !== stored }
  }
  if (stored) return { code: stored, changed: false }
  const code = `h5-${uuidV4(random)}`
  storage.setItem(DEV_CODE_KEY, code)
  return { code, changed: false }
}

