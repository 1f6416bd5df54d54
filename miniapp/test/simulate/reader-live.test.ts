import { json, loadPage, type Harness } from './harness'
import { openShare, viewerSession } from './fixtures'

// One page per file: the simulator's runtime is loaded once per module.
describe('customer reader on a 视频号 live that is on now (compiled weapp, native page)', () => {
  let h: Harness
  const opened: { finderUserName: string }[] = []
  let roomOpens = true
  beforeAll(async () => {
    const startedAt = new Date(Date.now() - 10 * 60_000).toISOString()
    const endsAt = new Date(Date.now() + 80 * 60_000).toISOString()
    const live = {
      ...openShare.content, kind: 'live' as const, bodyHtml: null, videoUrl: null, liveStartsAt: startedAt, liveEndsAt: endsAt, liveStatus: 'live' as const,
      channelsFinderId: 'sphABCdef123',
    }
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json({ ...openShare, content: live }),
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    })
    // The simulator has no 视频号: record what the page asks of it, and fail on demand.
    ;(global as unknown as { wx: Record<string, unknown> }).wx.openChannelsLive = (opts: { finderUserName: string; fail?: (e: { errMsg: string }) => void; success?: () => void }) => {
      opened.push({ finderUserName: opts.finderUserName })
      setTimeout(() => (roomOpens ? opts.success?.() : opts.fail?.({ errMsg: 'openChannelsLive:fail' })), 0)
    }
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('shows 直播中 with the way into the 视频号 live room, not a player', () => {
    expect(h.text()).toContain('直播中')
    expect(h.page.querySelector('#channels-live-enter')).toBeTruthy()
    expect(h.page.querySelector('#live-player')).toBeFalsy()
  })

  it('opens the agent\'s live room by its 视频号 id', async () => {
    h.page.querySelector('#channels-live-enter').dispatchEvent('tap')
    await h.flush(50)
    expect(opened).toEqual([{ finderUserName: 'sphABCdef123' }])
  })

  it('says in Chinese when the room does not open', async () => {
    roomOpens = false
    h.page.querySelector('#channels-live-enter').dispatchEvent('tap')
    await h.flush(50)
    expect(h.toasts).toContain('暂时打不开直播间，请稍后再试或联系顾问')
  })
})
