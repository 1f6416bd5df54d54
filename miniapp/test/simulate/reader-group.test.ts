import { json, loadPage, type Harness } from './harness'
import { openShare, viewerSession } from './fixtures'

// One page per file: the simulator's Taro runtime is loaded once per module.
/**
 * WeChat does not tell the sharer whether a card went to a friend or a group; the reader's entry
 * scene does (1044: a group card with a shareTicket; 1008: a group card). The reader sends it with
 * the open, so the server records the share as 群聊.
 */
describe('customer reader opened from a group chat card, scene 1044 (compiled weapp)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json(openShare),
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    }, { '#reader-root': { height: 3000 } }, 1044)
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('logs in as usual and opens the share telling the server the group scene', () => {
    const open = h.requests.find((r) => r.path === '/api/shares/share-1/open')
    expect(open?.header.Authorization).toBe('Bearer viewer-token')
    expect(open?.data).toEqual({ scene: 1044 })
    expect(h.requests.some((r) => r.path === '/api/shares/glance')).toBe(false)
  })

  it('shows the full reader with its actions', () => {
    const text = h.text()
    expect(text).toContain('重疾险怎么选：三分钟看懂')
    expect(text).toContain('免费获取方案')
    expect(h.page.querySelector('#single-page-invite')).toBeFalsy()
  })
})
