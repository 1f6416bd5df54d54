import { json, loadPage, type Harness } from './harness'
import { liveShare, viewerSession } from './fixtures'

// Its own file: the simulator loads one page per file.
describe('a live with no 视频号 in the customer reader (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  afterAll(() => h?.unload())

  it('without a 视频号 or a stream, tells the customer to ask their agent instead of showing a dead player', async () => {
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json(liveShare(null)),
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    })
    await h.flush(300)
    expect(h.text()).toContain('直播进行中，请联系分享给你的顾问获取直播入口')
    expect(h.page.querySelector('#channels-live-enter')).toBeFalsy()
  })
})
