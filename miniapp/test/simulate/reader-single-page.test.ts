import { json, loadPage, type Harness } from './harness'
import { openShare } from './fixtures'

// One page per file: the simulator's Taro runtime is loaded once per module.
/**
 * Moments opens a shared page in WeChat's single-page mode (scene 1154): wx.login is unavailable,
 * pages cannot navigate and open-type buttons do nothing. The reader still shows the article, counts
 * an anonymous open for the share, and sends the reader to WeChat's 前往小程序 bar for the rest.
 */
describe('customer reader in Moments single-page mode, scene 1154 (compiled weapp)', () => {
  let h: Harness
  let logins = 0
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => {
        logins += 1
        return json({ error: { code: 'login_unavailable', message: '单页模式不能登录' } }, 500)
      },
      'POST /api/shares/glance': () => json({ shareId: openShare.shareId, content: openShare.content, agent: openShare.agent }),
      'POST /api/shares/[^/]+/open': () => json(openShare),
    }, { '#reader-root': { height: 3000 } }, 1154)
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('shows the article and the agent card without logging in', () => {
    expect(logins).toBe(0)
    expect(h.requests.some((r) => r.path === '/api/auth/login')).toBe(false)
    expect(h.requests.some((r) => r.path.endsWith('/open'))).toBe(false)
    const text = h.text()
    expect(text).toContain('重疾险怎么选：三分钟看懂')
    // The body is a rich-text node (its nodes are not text in the simulator): it is there.
    expect(h.page.querySelector('#reader-body')).toBeTruthy()
    expect(text).toContain('李娜')
  })

  it('counts one anonymous open tied to the share, with the scene and a random id, and no token', () => {
    const glances = h.requests.filter((r) => r.path === '/api/shares/glance')
    expect(glances).toHaveLength(1)
    const body = glances[0]!.data as { shareId: string; clientEventId: string; scene: number }
    expect(body.shareId).toBe('share-1')
    expect(body.scene).toBe(1154)
    expect(body.clientEventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(glances[0]!.header.Authorization).toBeUndefined()
  })

  it('invites the reader into the full mini program through WeChat\'s 前往小程序 bar', () => {
    const invite = h.page.querySelector('#single-page-invite')?.dom.textContent ?? ''
    expect(invite).toContain('点击屏幕底部的「前往小程序」')
    expect(invite).toContain('咨询李娜')
  })

  it('answers 免费获取方案 (the lead form needs a login) with the 前往小程序 hint instead of navigating', async () => {
    await h.tap('#leave-lead')
    expect(h.navigations).toEqual([])
    expect(h.modals.at(-1)?.title).toBe('前往小程序')
    expect(h.modals.at(-1)?.content).toContain('留下联系方式')
    await h.tap('#consult')
    expect(h.navigations).toEqual([])
    expect(h.modals.at(-1)?.content).toContain('联系李娜')
    // Nothing that needs a person was attempted.
    expect(h.requests.some((r) => r.path === '/api/events' || r.path.startsWith('/api/card/'))).toBe(false)
  })
})
