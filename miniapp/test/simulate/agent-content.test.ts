import { json, loadPage, type Harness } from './harness'
import { agentSession, openShare } from './fixtures'

describe('agent content preview and share (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const shares: unknown[] = []
  beforeAll(async () => {
    h = await loadPage('agent/content/index', { v: 'ver-1' }, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/content/versions/ver-1': () => json(openShare.content),
      'GET /api/card': () => json(openShare.agent),
      'POST /api/shares': (req) => {
        shares.push(req.data)
        return json({ shareId: `sig.share-${shares.length}`, path: '/ignored' }, 201)
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('previews the content with the agent card, and offers the share buttons', () => {
    const text = h.text()
    expect(text).toContain('重疾险怎么选：三分钟看懂')
    expect(text).toContain('李娜')
    expect(text).toContain('分享给好友 / 群')
    expect(text).toContain('分享到朋友圈')
    expect(text).toContain('生成海报')
    expect(shares).toHaveLength(0) // nothing is shared by just looking
  })

  it('creates the share only when the agent sends it, with the reader path', async () => {
    const result = h.instance.onShareAppMessage({ from: 'button' })
    expect(result.title).toBe('重疾险怎么选：三分钟看懂')
    await expect(result.promise).resolves.toEqual({ title: '重疾险怎么选：三分钟看懂', path: '/customer/read/index?s=sig.share-1' })
    expect(shares).toEqual([{ contentVersionId: 'ver-1', channel: 'friend' }])
  })
})
