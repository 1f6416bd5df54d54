import { json, loadPage, type Harness } from './harness'
import { viewerSession } from './fixtures'

// One page per file: the simulator's Taro runtime is loaded once per module.
describe('customer reader opening a link that is not valid (compiled weapp)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { s: 'forged' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json({ error: { code: 'share_invalid', message: '这个分享链接无效，请让分享给您的顾问重新发送' } }, 404),
    })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('says the link is not valid in Chinese, who can fix it, and offers a way on instead of 重试', async () => {
    const text = h.text()
    expect(text).toContain('链接无效')
    expect(text).toContain('请让分享给您的顾问重新发送')
    expect(text).not.toContain('重试')
    expect(text).not.toMatch(/not valid|share link/i)
    await h.tap('#invalid-my-data')
    await h.flush(50)
    expect(h.navigations.some((url) => url.startsWith('/customer-info/my-data/index'))).toBe(true)
  })
})
