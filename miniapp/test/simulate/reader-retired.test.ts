import { json, loadPage, type Harness } from './harness'
import { openShare, viewerSession } from './fixtures'

// One page per file: the simulator's Taro runtime is loaded once per module.
describe('customer reader opening a share whose content was retired (compiled weapp)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { s: 'share-old' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json({ error: { code: 'share_retired', message: '该内容已下架，可以看看顾问分享的其他内容，或直接咨询顾问' } }, 410),
      'GET /api/shares/share-old/more': () => json({
        retired: true,
        agent: openShare.agent,
        more: [
          { shareId: 'share-new-1', kind: 'article', title: '少儿重疾险怎么买', summary: '三个要点', coverUrl: null },
          { shareId: 'share-new-2', kind: 'video', title: '养老年金一分钟讲清', summary: null, coverUrl: null },
        ],
      }),
      'GET /api/card/reader-reach': () => json({ agentName: '李娜', photoUrl: null, phone: '13900001111', wechatQrUrl: null, wechatQrKind: null }),
    })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('says 该内容已下架 with the sharing agent\'s card, and offers no 重试', () => {
    const text = h.text()
    expect(text).toContain('该内容已下架')
    expect(text).toContain('李娜')
    expect(text).toContain('中国平安人寿保险股份有限公司')
    expect(text).not.toContain('重试')
    expect(text).not.toMatch(/withdrawn|retired/i)
  })

  it('lists the agent\'s other live content, and a tap opens that share in the reader', async () => {
    const text = h.text()
    expect(text).toContain('李娜的其他内容')
    expect(text).toContain('少儿重疾险怎么买')
    expect(text).toContain('养老年金一分钟讲清')
    const item = h.page.querySelectorAll('.unavailable__item')[0]
    item.dispatchEvent('tap')
    await h.flush(50)
    expect(h.navigations).toContain('/customer/read/index?s=share-new-1')
  })

  it('咨询顾问 opens the consult panel for the same share', async () => {
    await h.tap('#retired-consult')
    await h.flush(100)
    expect(h.requests.some((r) => r.path === '/api/card/reader-reach?shareId=share-old')).toBe(true)
    expect(h.page.querySelector('#consult-panel')?.dom.textContent ?? '').toContain('联系李娜')
  })
})
