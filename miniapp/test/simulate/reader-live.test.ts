import { json, loadPage, type Harness } from './harness'
import { liveShare, viewerSession } from './fixtures'

describe('a live on 视频号 in the customer reader (compiled weapp, miniprogram-simulate)', () => {
  const opened: unknown[] = []
  let h: Harness
  afterAll(() => h?.unload())

  it('while it is on, 进入视频号直播间 opens the account\'s live room with wx.openChannelsLive', async () => {
    const wx = (global as unknown as { wx: Record<string, unknown> }).wx
    wx.openChannelsLive = (opts: { finderUserName: string; success?: (r: unknown) => void }) => {
      opened.push({ finderUserName: opts.finderUserName })
      setTimeout(() => opts.success?.({ errMsg: 'openChannelsLive:ok' }), 0)
    }
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json(liveShare('sphKejing2026')),
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    })
    await h.flush(300)
    expect(h.text()).toContain('直播中')
    await h.tap('#channels-live-enter')
    await h.flush(50)
    expect(opened).toEqual([{ finderUserName: 'sphKejing2026' }])
  })
})
