/**
 * Loads a page of the compiled weapp output (dist/weapp) in miniprogram-simulate.
 *
 * Taro compiles every page to `Page(createPageConfig(...))` over its base templates; the
 * simulator only knows `Component`, so Page options are wrapped as a component (attached →
 * onLoad, ready → onShow/onReady). `wx` gets a fake server for wx.request, an in-memory storage
 * and recorded navigation, so a test sees what the page asked for and what it stored.
 */
import path from 'path'
import fs from 'fs'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate')

export const ROOT = path.resolve(__dirname, '..', '..', 'dist', 'weapp')

export interface FakeResponse {
  status: number
  data?: unknown
  header?: Record<string, string>
}
export type Route = (req: { method: string; url: string; data: unknown; header: Record<string, string> }) => FakeResponse
export interface RecordedRequest {
  method: string
  path: string
  data: unknown
  header: Record<string, string>
}

export interface Harness {
  /** The simulator's component for the page; `.dom` is its rendered DOM. */
  page: any
  instance: any
  requests: RecordedRequest[]
  storage: Map<string, string>
  navigations: string[]
  toasts: string[]
  /** wx.showModal calls (each confirmed at once). */
  modals: { title: string; content: string }[]
  /** Lets pending timers, requests and renders settle. */
  flush: (ms?: number) => Promise<void>
  text: () => string
  tap: (selector: string) => Promise<void>
  unload: () => void
}

function ensureWccExecutable() {
  // miniprogram-compiler ships wcc without its exec bit on some installs.
  for (const dir of ['miniprogram-compiler/bin/linux', 'miniprogram-compiler/bin/mac']) {
    try {
      const base = path.dirname(require.resolve('miniprogram-compiler/package.json'))
      for (const f of fs.readdirSync(path.join(base, dir.replace('miniprogram-compiler/', '')))) {
        fs.chmodSync(path.join(base, dir.replace('miniprogram-compiler/', ''), f), 0o755)
      }
    } catch {
      // not on this platform
    }
  }
}

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, 'app.js'))) {
    throw new Error('dist/weapp is missing: run `npm run build:weapp` first (npm test does)')
  }
}

/** Sizes the simulator cannot compute (it has no layout engine), by selector. */
export type Layout = Record<string, { height: number; width?: number }>

export async function loadPage(
  route: string,
  query: Record<string, string>,
  routes: Record<string, Route>,
  layout: Layout = {},
  /** The WeChat scene the page is entered with (getEnterOptionsSync): 1154 is Moments' single-page mode. */
  scene = 1007,
): Promise<Harness> {
  assertBuilt()
  ensureWccExecutable()
  const requests: RecordedRequest[] = []
  const storage = new Map<string, string>()
  const navigations: string[] = []
  const toasts: string[] = []
  const modals: { title: string; content: string }[] = []
  const g = global as any
  const wx = g.wx

  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '')
  wx.setStorageSync = (key: string, value: string) => void storage.set(key, value)
  wx.removeStorageSync = (key: string) => void storage.delete(key)
  wx.login = (opts: any) => setTimeout(() => opts?.success?.({ code: 'sim-code', errMsg: 'login:ok' }), 0)
  for (const api of ['navigateTo', 'redirectTo', 'switchTab']) {
    wx[api] = (opts: any) => {
      navigations.push(opts.url)
      setTimeout(() => opts?.success?.({ errMsg: `${api}:ok` }), 0)
    }
  }
  wx.showToast = (opts: any) => {
    toasts.push(opts.title)
    setTimeout(() => opts?.success?.({}), 0)
  }
  wx.onNetworkStatusChange = () => undefined
  wx.getEnterOptionsSync = () => ({ path: route, query, scene })
  wx.getLaunchOptionsSync = () => ({ path: route, query, scene })
  // A test's own wx.showModal (set before loading) still answers; the harness only records.
  const ownModal = wx.showModal
  wx.showModal = (opts: any) => {
    modals.push({ title: opts.title, content: opts.content })
    if (typeof ownModal === 'function') return ownModal(opts)
    setTimeout(() => opts?.success?.({ confirm: true, cancel: false, errMsg: 'showModal:ok' }), 0)
  }
  wx.createSelectorQuery = () => {
    const queued: (() => unknown)[] = []
    const q = {
      in: () => q,
      select: (selector: string) => ({
        boundingClientRect: (cb?: (r: unknown) => void) => {
          queued.push(() => {
            const r = layout[selector] ? { top: 0, left: 0, width: 375, ...layout[selector] } : null
            cb?.(r)
            return r
          })
          return q
        },
        fields: (_f: unknown, cb?: (r: unknown) => void) => {
          queued.push(() => {
            cb?.(null)
            return null
          })
          return q
        },
      }),
      selectViewport: () => q.select('viewport'),
      exec: (cb?: (res: unknown[]) => void) =>
        setTimeout(() => {
          const results = queued.map((f) => f())
          cb?.(results)
        }, 0),
    }
    return q
  }
  wx.request = (opts: any) => {
    const url = String(opts.url)
    const p = url.replace(/^https?:\/\/[^/]+/, '')
    const method = (opts.method || 'GET').toUpperCase()
    const data = typeof opts.data === 'string' ? JSON.parse(opts.data) : opts.data
    requests.push({ method, path: p, data, header: opts.header || {} })
    const key = Object.keys(routes).find((k) => {
      const [m, pattern] = k.split(' ')
      return m === method && new RegExp(`^${pattern}$`).test(p.split('?')[0])
    })
    const res = key ? routes[key]({ method, url: p, data, header: opts.header || {} }) : { status: 404, data: { error: { code: 'not_found', message: '不存在' } } }
    setTimeout(() => {
      const out = { statusCode: res.status, data: res.data ?? null, header: res.header ?? {}, errMsg: 'request:ok' }
      opts.success?.(out)
      opts.complete?.(out)
    }, 0)
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
  }

  const pages: any[] = []
  let app: any = null
  g.App = (opts: any) => {
    app = opts
  }
  g.getApp = () => app
  g.getCurrentPages = () => pages
  g.Page = (opts: any) => {
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(opts)) if (typeof v === 'function') methods[k] = v
    g.Component({
      data: opts.data || {},
      options: opts.options,
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = route
          this.options = query
          pages.push(this)
          this.onLoad?.(query)
        },
        ready(this: any) {
          this.onShow?.()
          this.onReady?.()
        },
        detached(this: any) {
          this.onUnload?.()
        },
      },
    })
  }

  jest.isolateModules(() => {
    require(path.join(ROOT, 'app.js'))
  })
  app?.onLaunch?.({ path: route, query, scene })
  app?.onShow?.({ path: route, query, scene })

  const id = simulate.load(path.join(ROOT, route), { rootPath: ROOT })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  const instance = pages[pages.length - 1]

  const flush = async (ms = 50) => {
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, ms / 5))
      await simulate.sleep(0)
    }
  }
  const text = () => (page.dom as HTMLElement).textContent ?? ''
  const tap = async (selector: string) => {
    const el = page.querySelector(selector)
    if (!el) throw new Error(`no element ${selector}`)
    el.dispatchEvent('tap')
    await flush()
  }
  await flush(100)
  return { page, instance, requests, storage, navigations, toasts, modals, flush, text, tap, unload: () => page.detach() }
}

export const json = (data: unknown, status = 200): FakeResponse => ({ status, data })

/** Stands in for the phone's dialler and clipboard (the simulator has neither) and records what the page asked of them. */
export function recordDialAndClipboard(): { calls: string[]; clipboard: string[] } {
  const calls: string[] = []
  const clipboard: string[] = []
  const wx = (global as any).wx
  wx.makePhoneCall = (opts: any) => {
    calls.push(opts.phoneNumber)
    setTimeout(() => opts?.success?.({ errMsg: 'makePhoneCall:ok' }), 0)
  }
  wx.setClipboardData = (opts: any) => {
    clipboard.push(opts.data)
    setTimeout(() => opts?.success?.({ errMsg: 'setClipboardData:ok' }), 0)
  }
  return { calls, clipboard }
}
