import { json, loadPage, type Harness } from './harness'
import { liveShare, viewerSession } from './fixtures'

// One page per file: the simulator's runtime is loaded once per module.
describe('a live on 视频号 that is on now, in the customer reader (compiled weapp, native page)', () => {
  let h: Harness
  const opened: { finderUserName: string }[] = []
  let roomOpens = true
  beforeAll(async () => {
    // The simulator has no 视频号: record what the page asks of it, and fail on demand.
    ;(global as unknown as { wx: Record<string, unknown> }).wx.openChannelsLive = (opts: { finderUserName: string; fail?: (e: { errMsg: string }) => void; success?: (r: unknown) => void }) => {
      opened.push({ finderUserName: opts.finderUserName })
      setTimeout(() => (roomOpens ? opts.success?.({ errMsg: 'openChannelsLive:ok' }) : opts.fail?.({ errMsg: 'openChannelsLive:fail' })), 0)
    }
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json(liveShare('sphKejing2026')),
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    })
    await h.flush(300)
  })
  afterAll(() => h?.unload())

  it('shows 直播中 with the way into the 视频号 live room, not a player', () => {
    expect(h.text()).toContain('直播中')
    expect(h.page.querySelector('#channels-live-enter')).toBeTruthy()
    expect(h.page.querySelector('#live-player')).toBeFalsy()
  })

  it('进入视频号直播间 opens the account\'s live room with wx.openChannelsLive', async () => {
    await h.tap('#channels-live-enter')
    await h.flush(50)
    expect(opened).toEqual([{ finderUserName: 'sphKejing2026' }])
  })

  it('says in Chinese when the room does not open', async () => {
    roomOpens = false
    await h.tap('#channels-live-enter')
    await h.flush(50)
    expect(h.toasts).toContain('暂时打不开直播间，请稍后再试或联系顾问')
  })
})
