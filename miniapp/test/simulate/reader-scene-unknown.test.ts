import { json, loadPage, type Harness } from './harness'
import { viewerSession } from './fixtures'

// One page per file: the simulator's Taro runtime is loaded once per module.
describe('customer reader opened with a scene the server does not know (compiled weapp)', () => {
  const scene = 'ffffffffffffffffffffffffffffffff'
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { scene }, {
      'POST /api/auth/login': () => json(viewerSession),
      [`GET /api/shares/scenes/${scene}`]: () => json({ error: { code: 'share_invalid', message: '这个分享链接无效，请让分享给您的顾问重新发送' } }, 404),
    })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('says the link is not valid and who can fix it, offers no useless retry, and opens nothing', () => {
    expect(h.text()).toContain('链接无效')
    expect(h.text()).toContain('请让分享给您的顾问重新发送')
    expect(h.text()).not.toContain('重试')
    expect(h.requests.some((r) => r.path.endsWith('/open'))).toBe(false)
  })
})
