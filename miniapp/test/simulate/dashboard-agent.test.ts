import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'
import { agentDashboard } from '../unit/dashboard-fixtures'

// The dashboard sub-package compiled for weapp: the page renders the KYB134 figures and the F2
// charts' <canvas type="2d"> nodes. Drawing itself needs a real canvas (the H5 e2e checks it).
describe('我的成长 (compiled weapp dashboard sub-package, miniprogram-simulate)', () => {
  let h: Harness
  beforeAll(async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined) // no canvas node in the simulator
    h = await loadPage('dashboard/agent/index', {}, {
      'POST /api/auth/login': () => json({ ...agentSession, user: { ...agentSession.user, orgUnitId: 'team-1' } }),
      'GET /api/dashboards/agent/me': () => json(agentDashboard),
    })
    await h.flush(300)
  })
  afterAll(() => h.unload())

  it('shows KASH with percentiles, the MCIP focus, activity, assets and the funnel, in plain Chinese words', () => {
    const text = h.text()
    expect(text).toContain('王晓梅 · 触网')
    expect(text).toContain('我的能力指数')
    expect(text).toContain('我的提升计划')
    expect(text).toMatch(/数据截至.+ · 每天更新一次/)
    expect(text).not.toMatch(/KASH|MCIP|KYB134/)
    expect(text).toContain('超过团队 25% 的伙伴')
    expect(text).toContain('提升重点')
    expect(text).toContain('本期提升重点：知识')
    expect(text).toContain('《重疾险怎么选》')
    expect(text).toContain('带来客户互动')
    expect(text).toContain('¥12.3万')
    expect(text).toContain('按阶段估算')
    expect(text).toContain('高信任')
    expect(text).toContain('异议处理与成交')
    expect(text).toContain('变化对比 11月17日 的快照')
  })

  it('asks only for its own dashboard and its own forecast (the server scopes it to the caller), never a team\'s', () => {
    const paths = h.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)
    expect(paths).toContain('GET /api/dashboards/agent/me')
    const own = ['GET /api/dashboards/agent/me', 'GET /api/dashboards/forecast']
    expect(paths.filter((p) => p.includes('/api/dashboards/')).filter((p) => !own.includes(p))).toEqual([])
  })

  it('renders the charts as 2D canvases', () => {
    for (const id of ['kash-radar', 'activity-bars', 'agent-funnel']) expect(h.page.querySelector(`#${id}`)).toBeTruthy()
  })

  it('a heat-map cell opens that cell\'s contacts', async () => {
    await h.tap('#heat-low-low')
    await h.flush(50)
    expect(h.navigations).toContain('/agent/contact-list/index?cell=low-low')
  })
})
