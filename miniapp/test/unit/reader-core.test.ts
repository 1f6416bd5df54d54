import { firstScene, isSinglePage, leadPageUrl, MY_DATA_PAGE, needsMiniProgramText } from '../../src/customer/reader-core'
import { NetworkError } from '../../src/platform/ports'
import { wxStorage, wxTransport } from '../../src/platform/wx'

// The native reader page and the Taro reader share these; the page-level behaviour is proven in
// the simulator (test/simulate/reader*.test.ts), these are the rules underneath.
describe('reader rules shared by the native and the Taro reader', () => {
  it('takes the first positive scene WeChat answers, skipping APIs that throw or answer none', () => {
    const throws = () => {
      throw new Error('not in this WeChat')
    }
    expect(firstScene([throws, () => ({ scene: 1044 })])).toBe(1044)
    expect(firstScene([() => ({ scene: 0 }), () => ({ scene: '1154' })])).toBe(1154)
    expect(firstScene([() => ({}), throws])).toBeNull()
  })

  it('treats only scene 1154 as Moments single-page mode', () => {
    expect(isSinglePage(1154)).toBe(true)
    for (const scene of [1155, 1007, 1008, 1044, null]) expect(isSinglePage(scene)).toBe(false)
  })

  it('sends the lead form and 我的信息 to the customer-info package, the share id encoded', () => {
    expect(leadPageUrl('sig.a/b', true)).toBe('/customer-info/lead/index?s=sig.a%2Fb&from=consult')
    expect(leadPageUrl('x', false)).toBe('/customer-info/lead/index?s=x')
    expect(MY_DATA_PAGE).toBe('/customer-info/my-data/index')
  })

  it('says where WeChat\'s 前往小程序 is, naming what the reader wanted to do', () => {
    expect(needsMiniProgramText('联系李娜')).toBe('朋友圈里只能阅读。请点击屏幕底部的「前往小程序」，进入小程序后即可联系李娜。')
  })
})

describe('wx ports of the native reader (the same contract as the Taro ports)', () => {
  const g = global as unknown as { wx?: unknown }
  afterEach(() => {
    delete g.wx
  })

  it('resolves any HTTP status with its headers and body, sending JSON with a 15 s timeout', async () => {
    const calls: Record<string, unknown>[] = []
    g.wx = {
      request: (opts: Record<string, unknown> & { success: (r: unknown) => void }) => {
        calls.push(opts)
        opts.success({ statusCode: 410, header: { 'Retry-After': '3' }, data: { error: { code: 'share_retired' } } })
      },
    }
    const res = await wxTransport({ method: 'POST', url: 'https://api/x', headers: { Authorization: 'Bearer t' }, body: { a: 1 } })
    expect(res).toEqual({ status: 410, headers: { 'Retry-After': '3' }, data: { error: { code: 'share_retired' } } })
    expect(calls[0]).toMatchObject({ url: 'https://api/x', method: 'POST', header: { Authorization: 'Bearer t' }, data: { a: 1 }, dataType: 'json', timeout: 15_000 })
  })

  it('rejects with a NetworkError when no response came, so the client retries it', async () => {
    g.wx = { request: (opts: { fail: (e: unknown) => void }) => opts.fail({ errMsg: 'request:fail timeout' }) }
    await expect(wxTransport({ method: 'GET', url: 'https://api/x', headers: {} })).rejects.toEqual(new NetworkError('request:fail timeout'))
  })

  it('reads an empty or missing stored value as nothing, and survives a storage that throws', () => {
    const store = new Map<string, unknown>([['k', 'v'], ['empty', '']])
    g.wx = {
      getStorageSync: (key: string) => (key === 'broken' ? (() => { throw new Error('io') })() : store.get(key) ?? ''),
      setStorageSync: (key: string, value: string) => void store.set(key, value),
      removeStorageSync: (key: string) => void store.delete(key),
    }
    expect(wxStorage.getItem('k')).toBe('v')
    expect(wxStorage.getItem('empty')).toBeNull()
    expect(wxStorage.getItem('missing')).toBeNull()
    expect(wxStorage.getItem('broken')).toBeNull()
    wxStorage.setItem('n', '1')
    expect(store.get('n')).toBe('1')
    wxStorage.removeItem('n')
    expect(store.has('n')).toBe(false)
  })
})
