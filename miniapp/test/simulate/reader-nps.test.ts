import { json, loadPage, type Harness } from './harness'
import { openShare, viewerSession } from './fixtures'

type Ev = { type: string; npsScore?: number }
const queued = (h: Harness) => JSON.parse(h.storage.get('kejing.reader-events.v1') ?? '{"events":[]}').events as Ev[]
const sent = (h: Harness) => h.requests.filter((r) => r.path === '/api/events').flatMap((r) => (r.data as { events: Ev[] }).events)

describe('the reader asks the NPS question after a service (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json({ ...openShare, askNps: true }),
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    }, { '#reader-root': { height: 3000 } })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('asks how likely the reader is to recommend the agent, 0 to 10', () => {
    const text = h.text()
    expect(text).toContain('您有多大可能把李娜推荐给朋友？')
    expect(text).toContain('不可能')
    expect(text).toContain('非常可能')
    expect(h.page.querySelector('#nps-0')).toBeTruthy()
    expect(h.page.querySelector('#nps-10')).toBeTruthy()
  })

  it('sends the answer as an nps_answer touchpoint once, and thanks the reader', async () => {
    await h.tap('#nps-10')
    await h.flush(1500)
    const answers = [...queued(h), ...sent(h)].filter((e) => e.type === 'nps_answer')
    expect(answers).toEqual([expect.objectContaining({ type: 'nps_answer', npsScore: 10 })])
    expect(h.text()).toContain('谢谢您的评价！')
    expect(h.page.querySelector('#nps-10')).toBeFalsy()
  })
})
