import type { GridCountsView } from '@kejing/shared'
import { json, loadPage, type Harness, type RecordedRequest } from './harness'
import { agentSession } from './fixtures'
import { summary } from './contact-fixtures'

const grid: GridCountsView = {
  cells: { 'low-low': 3, 'low-mid': 1, 'low-high': 0, 'mid-low': 0, 'mid-mid': 0, 'mid-high': 0, 'high-low': 0, 'high-mid': 0, 'high-high': 0 },
  stages: { '1': 2, '2': 1, '3': 1, '4': 0, '5': 0, '6': 0, '7': 0, '8': 0 },
}

describe('客户 with search and filter chips (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const searches = () => h.requests.filter((r: RecordedRequest) => r.method === 'GET' && r.path.startsWith('/api/contacts?'))
  beforeAll(async () => {
    h = await loadPage('pages/contacts/index', {}, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/contacts/grid': () => json(grid),
      'GET /api/contacts': (req) => {
        const query = new URLSearchParams(req.url.split('?')[1] ?? '')
        if (query.get('q') === '8888') return json({ items: [summary('c1', '杨姐', { agentTags: ['P100'] })], total: 1, page: 1, pageSize: 20 })
        if (query.get('silentForDays') === '30') return json({ items: [summary('c2', '秦老师', { lastTouchAt: null })], total: 1, page: 1, pageSize: 20 })
        return json({ items: [], total: 0, page: 1, pageSize: 20 })
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('shows a search bar, the quick filters and 添加客户 above the grid, in Chinese', () => {
    const text = h.text()
    expect(h.page.querySelector('#contact-search')).toBeTruthy()
    for (const label of ['7天内有互动', '30天未联系', '已唤醒需求', '主动推荐', '手动添加', '好友转发', '＋ 添加客户', '九宫格（信任 × 意向）']) expect(text).toContain(label)
    expect(searches()).toHaveLength(0)
  })

  it('searches once the agent pauses typing (one request, not one per key) and lists what it finds', async () => {
    h.page.querySelector('#contact-search').dispatchEvent('input', { detail: { value: '88' } })
    h.page.querySelector('#contact-search').dispatchEvent('input', { detail: { value: '8888' } })
    await h.flush(500)
    expect(searches().map((r) => r.path)).toEqual(['/api/contacts?q=8888&page=1'])
    expect(h.text()).toContain('找到 1 位客户')
    expect(h.text()).toContain('杨姐')
    expect(h.text()).toContain('P100')
    expect(h.text()).not.toContain('九宫格')
  })

  it('a filter chip narrows the search; the contact row opens the contact page', async () => {
    await h.tap('#contact-search-clear')
    await h.flush(500)
    await h.tap('#chip-silent')
    await h.flush(200)
    expect(searches().at(-1)?.path).toBe('/api/contacts?silentForDays=30&page=1')
    expect(h.text()).toContain('秦老师')
    expect(h.text()).toContain('暂无互动')
    await h.tap('#contact-c2')
    expect(h.navigations.at(-1)).toBe('/agent/contact/index?id=c2')
  })

  it('turning the chip off with an empty search shows the grid again; 添加客户 opens the form', async () => {
    await h.tap('#chip-silent')
    await h.flush(200)
    expect(h.text()).toContain('九宫格（信任 × 意向）')
    await h.tap('#contact-add')
    expect(h.navigations.at(-1)).toBe('/agent/contact-edit/index')
  })
})
