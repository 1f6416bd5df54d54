import { json, loadPage, type Harness } from './harness'
import { viewerSession } from './fixtures'

// One page per file: the simulator's Taro runtime is loaded once per module.
describe('customer reader opened with a scene the server does not know (compiled weapp)', () => {
  const scene = 'ffffffffffffffffffffffffffffffff'
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { scene }, {
      'POST /api/auth/login': () => json(viewerSession),
      [`GET /api/shares/scenes/${scene}`]: () => json({ error: { code: 'share_invalid', message: 'this share link is not valid' } }, 404),
    })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('says the poster leads nowhere, offers a retry, and opens nothing', () => {
    expect(h.text()).toContain('没能找到这张海报对应的内容')
    expect(h.text()).toContain('重试')
    expect(h.requests.some((r) => r.path.endsWith('/open'))).toBe(false)
  })
})
