import { json, loadPage, recordDialAndClipboard, type Harness } from './harness'
import { agentSession, openShare } from './fixtures'

describe('agent content preview and share (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const shares: unknown[] = []
  beforeAll(async () => {
    h = await loadPage('agent/content/index', { v: 'ver-1' }, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/content/versions/ver-1': () => json(openShare.content),
      'GET /api/card': () => json(openShare.agent),
      'GET /api/card/reach': () => json({ phone: '13812345678', phonePublic: true, wechatQrUrl: null, wechatQrKind: null }),
      'POST /api/shares': (req) => {
        shares.push(req.data)
        return json({ shareId: `sig.share-${shares.length}`, path: '/ignored' }, 201)
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('previews the content with the agent card, its 朋友圈文案, and a share bar that stays at the foot', () => {
    const text = h.text()
    expect(text).toContain('重疾险怎么选：三分钟看懂')
    expect(text).toContain('李娜')
    expect(text).toContain('朋友圈文案')
    expect(text).toContain('从保额、病种到等待期。')
    const bar = h.page.querySelector('#share-bar')
    expect(bar).toBeTruthy()
    const barText = bar.dom.textContent as string
    for (const label of ['发给好友', '朋友圈', '生成海报', '复制文案']) expect(barText).toContain(label)
    expect(shares).toHaveLength(0) // nothing is shared by just looking
  })

  it('copies the 朋友圈文案 from the bar, and says so', async () => {
    const { clipboard } = recordDialAndClipboard()
    await h.tap('#copy-moments')
    await h.flush(50)
    expect(clipboard).toEqual([openShare.content.momentsCopy])
    expect(h.toasts.at(-1)).toContain('文案已复制')
    expect(shares).toHaveLength(0) // copying the text shares nothing
  })

  it('creates the share only when the agent sends it, with the reader path', async () => {
    const result = h.instance.onShareAppMessage({ from: 'button' })
    expect(result.title).toBe('重疾险怎么选：三分钟看懂')
    await expect(result.promise).resolves.toEqual({ title: '重疾险怎么选：三分钟看懂', path: '/customer/read/index?s=sig.share-1' })
    expect(shares).toEqual([{ contentVersionId: 'ver-1', channel: 'friend' }])
  })
})
