import { json, loadPage, type Harness } from './harness'
import { openShare, viewerSession } from './fixtures'

describe('the first-open privacy notice on a shared article (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await loadPage('customer/read/index', { s: 'share-1' }, {
      'POST /api/auth/login': () => json(viewerSession),
      'POST /api/shares/[^/]+/open': () => json(openShare),
      'POST /api/events': (req) => json({ stored: (req.data as { events: unknown[] }).events.length, duplicates: 0, invalid: [] }, 201),
    }, { '#reader-root': { height: 3000 } })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('tells a first-time reader what is recorded and why, naming the adviser', () => {
    const notice = h.page.querySelector('#privacy-notice')?.dom.textContent ?? ''
    expect(notice).toContain('关于您的阅读记录')
    expect(notice).toContain('为了让顾问李娜更懂您关心什么')
    expect(notice).toContain('不会读取您的微信聊天、通讯录或位置')
    // The article is there behind it.
    expect(h.text()).toContain('重疾险怎么选：三分钟看懂')
  })

  it('知道了 dismisses it and remembers, so it is not shown again', async () => {
    await h.tap('#privacy-notice-ok')
    expect(h.page.querySelector('#privacy-notice')).toBeFalsy()
    expect(h.storage.get('kejing.privacyNotice')).toBeTruthy()
  })

  it('keeps a way to 我的信息 at the end of the article', async () => {
    await h.tap('#my-data-link')
    expect(h.navigations).toContain('/customer-info/my-data/index')
  })
})
