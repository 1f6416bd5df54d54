import Taro from '@tarojs/taro'
import { resolveH5DevCode } from './login-code'
import { NetworkError, type HttpResponse, type HttpTransport, type KeyValueStorage, type Random } from './ports'
import type { PlatformPorts } from './service-instances'

/** wx storage: setStorageSync has written the value when it returns. */
export const taroStorage: KeyValueStorage = {
  getItem(key) {
    try {
      const v = Taro.getStorageSync(key)
      return typeof v === 'string' && v !== '' ? v : null
    } catch {
      return null
    }
  },
  setItem(key, value) {
    Taro.setStorageSync(key, value)
  },
  removeItem(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // nothing stored
    }
  },
}

export const taroTransport: HttpTransport = async (req) => {
  try {
    const res = await Taro.request({
      url: req.url,
      method: req.method,
      header: req.headers,
      data: req.body as TaroGeneral.IAnyObject | undefined,
      dataType: 'json',
      timeout: 15_000,
    })
    const out: HttpResponse = {
      status: res.statusCode,
      headers: (res.header ?? {}) as Record<string, string>,
      data: res.data,
    }
    return out
  } catch (e) {
    throw new NetworkError((e as { errMsg?: string })?.errMsg ?? 'request failed')
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The login code for this platform. */
export async function getPlatformLoginCode(storage: KeyValueStorage, random: Random): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    return resolveH5DevCode(window.location.href, storage, random).code
  }
  const { code } = await Taro.login()
  return code
}

/** Taro's APIs as the API client's and queue's ports (every Taro page, both builds). */
export const taroPorts: PlatformPorts = {
  transport: taroTransport,
  storage: taroStorage,
  loginCode: (random) => getPlatformLoginCode(taroStorage, random),
  sleep,
  onApiCreated: (api, random) => {
    if (process.env.TARO_ENV === 'h5') {
      // Another ?devCode= in the URL means another person: the stored token is not theirs.
      if (resolveH5DevCode(window.location.href, taroStorage, random).changed) api.clearSession()
    }
  },
}
