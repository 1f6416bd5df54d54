import fs from 'fs'
import path from 'path'
import { json, loadPage, recordDialAndClipboard, ROOT, type Harness } from './harness'
import { openShare, viewerSession } from './fixtures'

type Ev = { type: string; depthPct?: number; clientEventId: string }
const queued = (h: Harness) => JSON.parse(h.storage.get('kejing.reader-events.v1') ?? '{"events":[]}').events as Ev[]
const sent = (h: Harness) => h.requests.filter((r) => r.path === '/api/events').flatMap((r) => (r.data as { events: Ev[] }).events)
/** Queued or already sent: the queue sends a second after an event, whatever the test's pace. */
const seen = (h: Harness) => [...queued(h), ...sent(h)]

describe('customer reader (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const { calls } = recordDialAndClipboard()
  const messages: { shareId: string; clientMessageId: string; text: string }[] = []
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'GET /api/card/reader-reach': () => json({ agentName: '李娜', photoUrl: null, phone: '13900001111', wechatQrUrl: `/api/uploads/${'a'.repeat(64)}`, wechatQrKind: 'wechat' }),
      'POST /api/card/messages': (req) => {
        messages.push(req.data as (typeof messages)[number])
        return json({ messageId: 'm1', createdAt: new Date().toISOString() }, 201)
      },
      'POST /api/shares/[^/]+/open': () => json(openShare),
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    }, { '#reader-root': { height: 3000 } })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('logs in silently with wx.login and opens the share', () => {
    const paths = h.requests.map((r) => `${r.method} ${r.path}`)
    expect(paths[0]).toBe('POST /api/auth/login')
    expect(h.requests[0].data).toEqual({ code: 'sim-code' })
    expect(paths).toContain('POST /api/shares/share-1/open')
    expect(h.requests.find((r) => r.path === '/api/shares/share-1/open')!.header.Authorization).toBe('Bearer viewer-token')
  })

  it('renders the article with the agent card at the foot', () => {
    const text = h.text()
    expect(text).toContain('重疾险怎么选：三分钟看懂')
    expect(text).toContain('中国平安人寿保险股份有限公司')
    expect(text).toContain('李娜')
    expect(text).toContain('执业证号：00012345678901234567')
    expect(text).toContain('咨询顾问')
  })

  it('is the native reader page (no Taro runtime in the first download) with the Taro reader\'s texts', () => {
    // Taro pages render through Taro's base templates; the native page is its own WXML.
    expect(fs.existsSync(path.join(ROOT, 'customer', 'base.wxml'))).toBe(false)
    expect(fs.readFileSync(path.join(ROOT, 'customer', 'read', 'index.wxml'), 'utf8')).not.toContain('base.wxml')
    const text = h.text()
    for (const words of ['中国平安人寿保险股份有限公司 · 11月20日 10:00', '— 全文完 —', '查看名片 ›', '免费获取方案', '转发给朋友', '我的信息 · 查看、导出或删除您的记录', '以后可在文末“我的信息”找到这些选项']) {
      expect(text).toContain(words)
    }
    expect(h.page.querySelector('#reader-body')).toBeTruthy()
  })

  it('queues the open touchpoint once the share has loaded', () => {
    expect(seen(h).map((e) => e.type)).toContain('open')
  })

  it('咨询顾问 records a consult tap and offers 打电话, 加微信 and 留言 as the agent set them up', async () => {
    await h.tap('#consult')
    await h.flush(100)
    expect(seen(h).map((e) => e.type)).toContain('consult_tap')
    expect(h.requests.filter((r) => r.path.startsWith('/api/card/reader-reach'))[0]?.path).toBe('/api/card/reader-reach?shareId=share-1')
    const panel = h.page.querySelector('#consult-panel')?.dom.textContent ?? ''
    expect(panel).toContain('联系李娜')
    for (const word of ['打电话', '加微信', '留言']) expect(panel).toContain(word)
  })

  it('打电话 dials the phone the agent chose to show', async () => {
    await h.tap('#consult-call')
    await h.flush(50)
    expect(calls).toEqual(['13900001111'])
  })

  it('加微信 shows the QR code to long-press', async () => {
    await h.tap('#consult-wechat')
    const qr = h.page.querySelector('#consult-qr')
    expect(qr).toBeTruthy()
    expect(h.text()).toContain('长按二维码')
  })

  it('留言 sends the text once with a client id, and says it was sent', async () => {
    await h.tap('#consult-message')
    const textarea = h.page.querySelector('#consult-text')
    textarea.dispatchEvent('input', { detail: { value: '孩子的重疾险怎么配？' } })
    await h.flush(50)
    await h.tap('#consult-send')
    await h.flush(100)
    expect(messages).toEqual([{ shareId: 'share-1', clientMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/), text: '孩子的重疾险怎么配？' }])
    expect(h.text()).toContain('已发送，李娜会尽快回复您')
  })

  it('still leads to the lead form from the panel', async () => {
    await h.tap('#consult-lead')
    expect(h.navigations).toContain('/customer-info/lead/index?s=share-1&from=consult')
  })

  it('records a card view when the card is tapped', async () => {
    await h.tap('#agent-card')
    expect(seen(h).map((e) => e.type)).toContain('card_view')
    expect(h.text()).toContain('专注家庭保障规划')
  })

  it('turns page scrolls into read progress (onPageScroll called by hand: no real scrolling here)', async () => {
    h.instance.onPageScroll({ scrollTop: 3000 })
    await h.flush()
    const reads = seen(h).filter((e) => e.type.startsWith('read_'))
    expect(reads.map((e) => e.type)).toContain('read_complete')
    expect(reads.find((e) => e.type === 'read_complete')!.depthPct).toBe(100)
  })

  it('flushes its own queue to POST /api/events with client ids when the page hides (the reader has no App)', async () => {
    h.instance.onHide?.()
    await h.flush(200)
    const all = sent(h)
    expect(all.map((e) => e.type)).toEqual(expect.arrayContaining(['open', 'consult_tap', 'card_view', 'read_complete']))
    expect(new Set(all.map((e) => e.clientEventId)).size).toBe(all.length)
    expect(queued(h)).toHaveLength(0)
  })
})
