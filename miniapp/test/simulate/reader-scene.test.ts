import { json, loadPage, type Harness } from './harness'
import { openShare, viewerSession } from './fixtures'

// One page per file: the simulator's Taro runtime is loaded once per module.
describe('customer reader opened by scanning a poster code (compiled weapp)', () => {
  const scene = '0123456789abcdef0123456789abcdef'
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { scene: encodeURIComponent(scene) }, {
      'POST /api/auth/login': () => json(viewerSession),
      [`GET /api/shares/scenes/${scene}`]: () => json({ shareId: 'share-from-poster', path: '/customer/read/index?s=share-from-poster' }),
      'POST /api/shares/[^/]+/open': () => json(openShare),
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    }, { '#reader-root': { height: 3000 } })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('asks the server which share the scene names, then opens that share and shows it', () => {
    const paths = h.requests.map((r) => `${r.method} ${r.path}`)
    expect(paths).toContain(`GET /api/shares/scenes/${scene}`)
    expect(paths).toContain('POST /api/shares/share-from-poster/open')
    expect(paths.indexOf(`GET /api/shares/scenes/${scene}`)).toBeLessThan(paths.indexOf('POST /api/shares/share-from-poster/open'))
    expect(h.text()).toContain('重疾险怎么选：三分钟看懂')
  })
})
