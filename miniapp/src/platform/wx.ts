import { NetworkError, type HttpResponse, type HttpTransport, type KeyValueStorage } from './ports'
import type { PlatformPorts } from './service-instances'

/**
 * The few wx APIs the native reader page uses, typed here rather than through the whole
 * miniprogram-api-typings (its globals clash with the DOM lib the Taro pages compile against).
 */
interface WxCallbacks<T> {
  success?: (res: T) => void
  fail?: (err: { errMsg?: string }) => void
}
export interface Wx {
  getStorageSync(key: string): unknown
  setStorageSync(key: string, value: string): void
  removeStorageSync(key: string): void
  request(
    options: {
      url: string
      method: string
      header: Record<string, string>
      data?: unknown
      dataType: 'json'
      timeout: number
    } & WxCallbacks<{ statusCode: number; header?: Record<string, string>; data: unknown }>,
  ): unknown
  login(options: WxCallbacks<{ code: string }>): void
  onNetworkStatusChange(cb: (res: { isConnected: boolean }) => void): void
  getEnterOptionsSync(): { scene?: unknown }
  getLaunchOptionsSync(): { scene?: unknown }
  getWindowInfo?(): { windowHeight: number }
  getSystemInfoSync(): { windowHeight: number }
  createSelectorQuery(): {
    select(selector: string): { boundingClientRect(cb: (rect: unknown) => void): { exec(): void } }
  }
  navigateTo(options: { url: string } & WxCallbacks<unknown>): void
  redirectTo(options: { url: string } & WxCallbacks<unknown>): void
  navigateBack(options?: WxCallbacks<unknown>): void
  showToast(options: { title: string; icon: 'none' }): void
  showModal(options: { title: string; content: string; showCancel: boolean; confirmText: string; confirmColor: string }): void
  makePhoneCall(options: { phoneNumber: string } & WxCallbacks<unknown>): void
  /** 视频号 (WeChat Channels): opens the account's live room. */
  openChannelsLive(options: { finderUserName: string } & WxCallbacks<unknown>): void
}

declare const wx: Wx

/** wx itself, for the native page; a getter so tests and the simulator can replace wx before use. */
export const getWx = (): Wx => wx

/** wx storage: setStorageSync has written the value when it returns (the same contract as taroStorage). */
export const wxStorage: KeyValueStorage = {
  getItem(key) {
    try {
      const v = wx.getStorageSync(key)
      return typeof v === 'string' && v !== '' ? v : null
    } catch {
      return null
    }
  },
  setItem(key, value) {
    wx.setStorageSync(key, value)
  },
  removeItem(key) {
    try {
      wx.removeStorageSync(key)
    } catch {
      // nothing stored
    }
  },
}

/** wx.request with the options taroTransport passes Taro.request: JSON, 15 s, any status resolves. */
export const wxTransport: HttpTransport = (req) =>
  new Promise<HttpResponse>((resolve, reject) => {
    wx.request({
      url: req.url,
      method: req.method,
      header: req.headers,
      data: req.body,
      dataType: 'json',
      timeout: 15_000,
      success: (res) => resolve({ status: res.statusCode, headers: res.header ?? {}, data: res.data }),
      fail: (e) => reject(new NetworkError(e?.errMsg ?? 'request failed')),
    })
  })

export const wxLoginCode = (): Promise<string> =>
  new Promise((resolve, reject) => {
    wx.login({ success: (res) => resolve(res.code), fail: (e) => reject(new Error(e?.errMsg ?? 'login failed')) })
  })

export const wxPorts: PlatformPorts = {
  transport: wxTransport,
  storage: wxStorage,
  loginCode: wxLoginCode,
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}

/** The viewport height, from whichever API this WeChat answers; 0 when none does (as platform/measure.ts). */
export function wxWindowHeight(): number {
  for (const read of [() => wx.getWindowInfo?.().windowHeight ?? 0, () => wx.getSystemInfoSync().windowHeight]) {
    try {
      const h = read()
      if (h > 0) return h
    } catch {
      // try the next API
    }
  }
  return 0
}

/** The rendered height of the first element matching `selector` on `page`; 0 when it cannot be measured. */
export function wxMeasureHeight(selector: string): Promise<number> {
  return new Promise((resolve) => {
    try {
      wx.createSelectorQuery()
        .select(selector)
        .boundingClientRect((rect) => {
          const r = (Array.isArray(rect) ? rect[0] : rect) as { height?: unknown } | null
          resolve(r && typeof r.height === 'number' ? r.height : 0)
        })
        .exec()
    } catch {
      resolve(0)
    }
  })
}
