import { json, loadPage, type Harness } from './harness'
import { openShare, viewerSession } from './fixtures'

type Ev = { type: string; shareId: string; videoPct?: number; videoPositionSec?: number; clientEventId: string }
const queued = (h: Harness) => JSON.parse(h.storage.get('kejing.reader-events.v1') ?? '{"events":[]}').events as Ev[]
const sent = (h: Harness) => h.requests.filter((r) => r.path === '/api/events').flatMap((r) => (r.data as { events: Ev[] }).events)
const seen = (h: Harness) => [...queued(h), ...sent(h)]

// One page per file: the simulator's runtime is loaded once per module.
describe('customer reader on a shared video, and forwarding it (compiled weapp, native page)', () => {
  let h: Harness
  const forwards: unknown[] = []
  beforeAll(async () => {
    const video = { ...openShare.content, kind: 'video' as const, bodyHtml: null, videoUrl: 'https://cdn.example.com/v.mp4', durationSec: 120 }
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json({ ...openShare, content: video }),
      'POST /api/shares/share-1/forward': (req) => {
        forwards.push(req.data)
        return json({ shareId: 'share-child', path: '/customer/read/index?s=share-child' }, 201)
      },
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('shows the player with the summary instead of an article body', () => {
    expect(h.page.querySelector('#video-player')).toBeTruthy()
    expect(h.page.querySelector('#reader-body')).toBeFalsy()
    expect(h.text()).toContain('从保额、病种到等待期')
  })

  it('reports how far the video was watched at its milestones, for this share', async () => {
    const player = h.page.querySelector('#video-player')
    player.dispatchEvent('timeupdate', { detail: { currentTime: 31, duration: 120 } })
    await h.flush(50)
    player.dispatchEvent('timeupdate', { detail: { currentTime: 120, duration: 120 } })
    await h.flush(50)
    const progress = seen(h).filter((e) => e.type === 'video_progress')
    expect(progress.map((e) => [e.shareId, e.videoPct, e.videoPositionSec])).toEqual([
      ['share-1', 25, 31],
      ['share-1', 100, 120],
    ])
  })

  it('forwarding makes a child share and records the forward (转介绍), sharing the child\'s path', async () => {
    const share = h.instance.onShareAppMessage()
    expect(share.title).toBe('重疾险怎么选：三分钟看懂')
    expect(share.path).toBe('/customer/read/index?s=share-1')
    await expect(share.promise).resolves.toEqual({ title: '重疾险怎么选：三分钟看懂', path: '/customer/read/index?s=share-child' })
    expect(forwards).toEqual([{ channel: 'friend' }])
    await h.flush(50)
    expect(seen(h).filter((e) => e.type === 'forward').map((e) => e.shareId)).toEqual(['share-1'])
  })
})
