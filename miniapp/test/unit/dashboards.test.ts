import { dealIndexCard } from '../../src/metrics/deal-index'
import { dashboardEntries, hasOwnFollowUps } from '../../src/metrics/entries'
import { dashboardErrorText, loadDashboard } from '../../src/metrics/errors'
import { closeRateTrend, funnelChartData, funnelRows, funnelSummary, funnelTrendData } from '../../src/metrics/funnel'
import { heatGrid } from '../../src/metrics/heat'
import {
  activityChartData, activityTiles, assetTiles, forecastSourceText, kashRadarData, kashRows, mcipCard, periodForecastTiles, referralBars,
} from '../../src/metrics/kyb134'
import { componentName, niceAxisMax, formatDay, formatDays, formatFenShort, formatPct, formatPointsChange, shortDay, snapshotTime } from '../../src/metrics/labels'
import { childForecastChartData, childRows, drillUrl } from '../../src/metrics/org'
import { StudyDepth } from '../../src/metrics/study'
import { layerRows, memberKashChartData, omipCard, rankingChartData, rankingRows, unitAssetTiles } from '../../src/metrics/team'
import type { PeriodForecastView } from '@kejing/shared'
import { agentDashboard, dealModel, dealPrior, funnel, orgDashboard, teamDashboard } from './dashboard-fixtures'

describe('labels', () => {
  test('money, percentages, days', () => {
    expect(formatFenShort(0)).toBe('¥0')
    expect(formatFenShort(500_000)).toBe('¥5,000')
    expect(formatFenShort(12_345_600)).toBe('¥12.3万')
    expect(formatFenShort(-12_345_600)).toBe('-¥12.3万')
    expect(formatFenShort(10_000_000_000)).toBe('¥1.0亿')
    expect(formatFenShort(null)).toBe('—')
    expect(formatPct(62.5)).toBe('63%')
    expect(formatPct(null)).toBe('—')
    expect(formatPointsChange(-2.54)).toBe('-2.5个百分点')
    expect(formatPointsChange(0.04)).toBe('持平')
    expect(formatPointsChange(null)).toBe('')
    expect(formatDay('2026-11-04')).toBe('11月4日')
    expect(formatDay('yesterday')).toBe('')
    expect(shortDay('2026-11-04')).toBe('11/4')
    expect(formatDays(null)).toBe('—')
    expect(formatDays(3.25)).toBe('3.3天')
    expect(componentName('onTime')).toBe('按时跟进')
    expect(componentName('new_part')).toBe('new_part')
  })
  test('axis maxima give whole-number ticks', () => {
    expect(niceAxisMax([21, 3])).toBe(24)
    expect(niceAxisMax([12])).toBe(12)
    expect(niceAxisMax([0, 0])).toBe(4)
    expect(niceAxisMax([3])).toBe(4)
    expect(niceAxisMax([95])).toBe(100)
    expect(niceAxisMax([1234])).toBe(1600)
  })
})

describe('snapshotTime', () => {
  // 2026-11-29 10:00 Beijing
  const now = Date.UTC(2026, 10, 29, 2, 0)
  it('says when a snapshot was computed, so it is not read as live', () => {
    expect(snapshotTime('2026-11-28T20:00:00Z', now)).toBe('今天 04:00')
    expect(snapshotTime('2026-11-27T20:05:00Z', now)).toBe('昨天 04:05')
    expect(snapshotTime('2026-11-25T20:00:00Z', now)).toBe('11月26日 04:00')
    expect(snapshotTime('not a time', now)).toBe('')
  })
})

describe('9-cell heat map', () => {
  const g = heatGrid(agentDashboard.kyb134.assets.customerValue.grid)
  test('rows are trust high → low, columns intent low → high, with shares of 20 contacts', () => {
    expect(g.total).toBe(20)
    expect(g.rowLabels).toEqual(['高信任', '中信任', '低信任'])
    expect(g.columnLabels).toEqual(['低意向', '中意向', '高意向'])
    expect(g.rows.map((r) => r.map((c) => c.count))).toEqual([
      [0, 2, 3],
      [3, 4, 1],
      [5, 2, 0],
    ])
    expect(g.rows.map((r) => r.map((c) => c.pct))).toEqual([
      [0, 10, 15],
      [15, 20, 5],
      [25, 10, 0],
    ])
  })
  test('the fullest cell is brand red with white text; empty cells are grey', () => {
    const lowLow = g.rows[2]![0]!
    expect(lowLow.cell).toBe('low-low')
    expect(lowLow.level).toBe(1)
    expect(lowLow.background).toBe('rgb(200, 16, 46)')
    expect(lowLow.color).toBe('#ffffff')
    expect(g.rows[0]![0]!.background).toBe('#f7f7f7')
    expect(g.rows[0]![1]!.color).toBe('#1f1f1f') // 2 of max 5: light background, dark text
    expect(g.rows[1]![1]!.color).toBe('#ffffff') // 4 of 5
  })
  test('all empty: no division by zero', () => {
    const empty = heatGrid({})
    expect(empty.total).toBe(0)
    expect(empty.rows.flat().every((c) => c.level === 0 && c.pct === 0)).toBe(true)
  })
})

describe('process funnel', () => {
  test('one row per stage with conversion, median days and the change against last week', () => {
    const rows = funnelRows(funnel)
    expect(rows).toHaveLength(8)
    expect(rows[0]).toEqual({
      stage: 1, name: '有效名单', count: 6, reached: 20, countChange: '+2', conversion: '70%', conversionChange: '+5个百分点', medianDays: '2天',
    })
    expect(rows[1]).toMatchObject({ conversion: '71%', conversionChange: '', medianDays: '3.3天', countChange: '持平' })
    expect(rows[2]).toMatchObject({ countChange: '-1', conversionChange: '持平' })
    expect(rows[7]).toMatchObject({ stage: 8, name: '异议处理与成交', conversion: '', conversionChange: '', medianDays: '—' })
  })
  test('summary and the chart data (reached, narrowing)', () => {
    expect(funnelSummary(funnel)).toEqual({
      contacts: 20, contactsChange: '+3', won: 1, lost: 0, closeRate: '100.0%', closeRateChange: '', comparedWith: '2026-11-17',
    })
    expect(funnelChartData(funnel).map((d) => d.value)).toEqual([20, 14, 10, 7, 5, 3, 2, 1])
    expect(funnelChartData(funnel)[3]!.stage).toBe('开启保险话题')
  })
  test('without an earlier snapshot there is no change text', () => {
    const rows = funnelRows({ ...funnel, changeVsLastWeek: null })
    expect(rows.every((r) => r.countChange === '' && r.conversionChange === '')).toBe(true)
    expect(funnelSummary({ ...funnel, changeVsLastWeek: null }).comparedWith).toBeNull()
  })
  test('trend: contacts and stage 4+ per day; close rate skips days without one', () => {
    const p = (day: string, contacts: number, closeRatePct: number | null) => ({
      day, contacts, stageCounts: funnel.stageCounts, conversionPct: funnel.conversionPct, closeRatePct,
    })
    const trend = [p('2026-11-23', 18, null), p('2026-11-24', 20, 50)]
    // Stage 4 and beyond: 2 + 2 + 1 + 1 + 1 = 7.
    expect(funnelTrendData(trend)).toEqual([
      { day: '11/23', series: '名单总数', value: 18 },
      { day: '11/23', series: '已开启保险话题', value: 7 },
      { day: '11/24', series: '名单总数', value: 20 },
      { day: '11/24', series: '已开启保险话题', value: 7 },
    ])
    expect(closeRateTrend(trend)).toEqual([{ day: '11/24', value: 50 }])
  })
})

describe('KYB134 (agent)', () => {
  const k = agentDashboard.kyb134
  test('KASH radar in K-A-S-H order', () => {
    expect(kashRadarData(k.kash)).toEqual([
      { dimension: '知识', score: 40 },
      { dimension: '态度', score: 66.7 },
      { dimension: '技能', score: 55 },
      { dimension: '习惯', score: 72 },
    ])
  })
  test('KASH rows: percentiles, parts, the MCIP focus marked', () => {
    const rows = kashRows(k.kash, k.mcip.focus)
    expect(rows.map((r) => [r.name, r.score, r.weakest])).toEqual([
      ['知识', 40, true],
      ['态度', 67, false],
      ['技能', 55, false],
      ['习惯', 72, false],
    ])
    expect(rows[0]!.teamText).toBe('超过团队 25% 的伙伴')
    expect(rows[0]!.companyText).toBe('超过公司 31% 的伙伴')
    expect(rows[0]!.parts).toEqual([
      { name: '学习广度', pct: 50 },
      { name: '学习深度', pct: 33 },
      { name: '分享覆盖', pct: 100 },
    ])
  })
  test('activity tiles and the last days of the chart', () => {
    expect(activityTiles(k.activity)).toEqual([
      { label: '活跃天数', value: '2/3', hint: '连续 1 天' },
      { label: '分享次数', value: '5', hint: '2 天有分享' },
      { label: '带来客户互动', value: '13' },
      { label: '跟进完成', value: '3/5', hint: '按时 60%' },
    ])
    expect(activityChartData(k.activity, 2)).toEqual([
      { day: '11/23', kind: '分享', value: 0 },
      { day: '11/23', kind: '客户互动', value: 1 },
      { day: '11/24', kind: '分享', value: 3 },
      { day: '11/24', kind: '客户互动', value: 7 },
    ])
  })
  test('the three assets and referral distribution', () => {
    expect(assetTiles(k.assets)).toEqual([
      { label: '客户价值', value: '870', hint: '20 位客户 · 人均 43.5' },
      { label: '保费预测', value: '¥12.3万', hint: '19 位跟进中 · 按阶段估算' },
      { label: '影响力中心', value: '1', hint: '推荐者占比 35%' },
    ])
    expect(referralBars(k.assets.sustainableDevelopment.referral)).toEqual([
      { name: '消极', count: 1 },
      { name: '无感', count: 12 },
      { name: '被动推荐', count: 5 },
      { name: '主动推荐', count: 2 },
    ])
  })
  test('MCIP card names the weak need families in Chinese', () => {
    const m = mcipCard(k.mcip)
    expect(m.title).toBe('本期提升重点：知识')
    expect(m.score).toBe(40)
    expect(m.weakNeeds).toEqual(['重疾', '年金'])
    expect(m.study).toEqual([{ itemId: 'i1', title: '重疾险怎么选', need: '重疾' }])
  })
})

describe('team (leader)', () => {
  test('ranking sorted by rank with a one-line summary per member', () => {
    const rows = rankingRows(teamDashboard.ranking)
    expect(rows.map((r) => [r.rank, r.name, r.kashMean])).toEqual([
      [1, '王晓梅', 61],
      [2, '李建国', 50.3],
    ])
    expect(rows[0]!.line).toBe('分享 19 · 活跃 9 天 · 客户 30 · 预测 ¥3.2万')
    expect(rows[0]!.layer).toBe('深度触网')
    expect(rows[0]!.scores.map((s) => s.score)).toEqual([51, 61, 66, 66])
    expect(rows[1]!.slippedWhy).toBe('活跃天数从 9 天降到 4 天；技能指数下降 8 分')
    expect(rankingChartData(teamDashboard.ranking)).toEqual([
      { name: '王晓梅', score: 61 },
      { name: '李建国', score: 50.3 },
    ])
    expect(memberKashChartData(teamDashboard.ranking)).toHaveLength(8)
  })
  test('OMIP: coaching first, ids turned into names', () => {
    const o = omipCard(teamDashboard.omip, teamDashboard.ranking)
    expect(o.teamFocus).toBe('团队共同短板：知识（平均 45.6 分）')
    expect(o.coaching).toEqual([{ rank: 1, agentId: 'a2', name: '李建国', dimension: '知识', score: 40, gap: 19.8, reason: '李建国的知识指数40.3分，距目标60分还差19.8分' }])
    expect(o.onTrack).toEqual(['王晓梅'])
    expect(o.byDimension).toEqual([
      { name: '知识', members: ['李建国'] },
      { name: '习惯', members: ['李建国', '王晓梅'] },
    ])
  })
  test('layers and unit assets', () => {
    expect(layerRows(teamDashboard.layers)).toEqual([
      { layer: 'offline', name: '不触网', count: 0, pct: '0%' },
      { layer: 'online', name: '触网', count: 1, pct: '50%' },
      { layer: 'deeply_online', name: '深度触网', count: 1, pct: '50%' },
    ])
    expect(layerRows({ offline: 0, online: 0, deeply_online: 0 })[0]!.pct).toBe('—')
    expect(unitAssetTiles(teamDashboard.assets)[2]).toEqual({ label: '保费预测', value: '¥9.6万' })
  })
})

describe('org (manager)', () => {
  test('children by premium forecast, each with where a tap goes', () => {
    const rows = childRows(orgDashboard.children)
    expect(rows.map((r) => [r.name, r.forecast, r.url])).toEqual([
      ['浦东精英一组', '¥10.0万', '/dashboard/team/index?teamId=team-1'],
      ['浦东精英二组', '¥2.0万', '/dashboard/team/index?teamId=team-2'],
    ])
    expect(rows[0]!.line).toBe('2 人 · 客户 10 · 价值 433 · 影响力中心 1 · 推荐者 25%')
    expect(childForecastChartData(orgDashboard.children)).toEqual({
      unitLabel: '万元',
      rows: [
        { unit: '浦东精英一组', value: 10 },
        { unit: '浦东精英二组', value: 2 },
      ],
    })
    // All under ¥10,000: yuan, so a new unit's forecast does not read 0.0.
    const small = orgDashboard.children.map((c, i) => ({ ...c, forecastFen: [355_000, 0][i] as number }))
    expect(childForecastChartData(small)).toEqual({
      unitLabel: '元',
      rows: [
        { unit: '浦东精英二组', value: 3550 },
        { unit: '浦东精英一组', value: 0 },
      ],
    })
  })
  test('drill-down urls by kind', () => {
    expect(drillUrl({ id: 'b 1', kind: 'branch' })).toBe('/dashboard/org/index?orgUnitId=b%201')
    expect(drillUrl({ id: 'x', kind: 'agent' })).toBe('/dashboard/agent/index?agentId=x')
  })
})

describe('deal index', () => {
  test('under the stage prior the card says 按阶段估算 and shows no reasons', () => {
    const d = dealIndexCard(dealPrior)
    expect(d).toMatchObject({ probability: '12%', probabilityPct: 12, sourceLabel: '按阶段估算', isPrior: true, evaluation: null, contributions: [], nextActions: [] })
  })
  test('a model prediction: largest contributions first, bars relative to the largest, next actions by gain', () => {
    const d = dealIndexCard(dealModel)
    expect(d.probability).toBe('46%')
    expect(d.sourceLabel).toBe('成交模型 v3')
    expect(d.evaluation).toBe('模型检验：AUC 0.81，留出 120 位已结束客户')
    expect(d.contributions.map((c) => [c.label, c.value, c.direction, c.widthPct])).toEqual([
      ['平均阅读深度', '0.88', 'up', 100],
      ['留资', '1', 'up', 50],
      ['距上次互动天数', '12', 'down', 33],
    ])
    expect(d.nextActions).toEqual([
      { action: '约一次面谈', gain: '+6.3个百分点', after: '52%' },
      { action: '分享一篇重疾文章', gain: '+4.3个百分点', after: '50%' },
    ])
  })
  test('a settled contact', () => {
    expect(dealIndexCard({ ...dealPrior, source: 'settled', isPrior: false, outcome: 'won', probability: 1 }).sourceLabel).toBe('已成交')
  })
})

describe('dashboard entries from GET /api/me', () => {
  test('agent: 我的成长 only', () => {
    expect(dashboardEntries({ roles: ['viewer', 'agent'], orgUnitId: 't1' }).map((e) => e.title)).toEqual(['我的成长'])
  })
  test('leader: 我的成长 and their team', () => {
    const e = dashboardEntries({ roles: ['viewer', 'leader'], orgUnitId: 't 1' })
    expect(e.map((x) => x.title)).toEqual(['我的成长', '团队看板'])
    expect(e[1]!.url).toBe('/dashboard/team/index?teamId=t%201')
  })
  test('manager: their unit; nobody else gets an entry', () => {
    expect(dashboardEntries({ roles: ['viewer', 'manager'], orgUnitId: 'b1' })).toEqual([
      { key: 'org', title: '机构看板', desc: '过程漏斗 · 九宫格 · 资产', url: '/dashboard/org/index?orgUnitId=b1' },
    ])
    expect(dashboardEntries({ roles: ['viewer', 'manager'] })).toEqual([])
    expect(dashboardEntries({ roles: ['viewer'] })).toEqual([])
    expect(dashboardEntries({ roles: ['viewer', 'operator'], orgUnitId: 'c1' })).toEqual([])
    expect(dashboardEntries(null)).toEqual([])
  })
  test('who has a follow-up list of their own', () => {
    expect(hasOwnFollowUps({ roles: ['viewer', 'manager'] })).toBe(false)
    expect(hasOwnFollowUps({ roles: ['viewer', 'leader'] })).toBe(true)
  })
})

describe('dashboard errors', () => {
  test('404 means no snapshot yet; 403 no permission; otherwise the message', async () => {
    expect(dashboardErrorText({ status: 404, message: 'snapshot not found' })).toMatch(/^暂无看板数据/)
    expect(dashboardErrorText({ status: 403 })).toBe('没有权限查看这个看板')
    expect(dashboardErrorText(new Error('网络不可用'))).toBe('网络不可用')
    await expect(loadDashboard(() => Promise.reject(Object.assign(new Error('x'), { status: 404 })))).rejects.toThrow(/暂无看板数据/)
    await expect(loadDashboard(() => Promise.resolve(7))).resolves.toBe(7)
  })
})

describe('study depth (POST /api/study)', () => {
  test('sends the deepest point once it passes 10 %, then only when it grows; a failed send is offered again', () => {
    const d = new StudyDepth()
    d.onScroll(0, 50, 1000) // 5 %
    expect(d.take()).toBeNull()
    d.onScroll(450, 50, 1000) // 50 %
    d.onScroll(0, 50, 1000) // scrolling back up keeps 50
    expect(d.depthPct).toBe(50)
    expect(d.take()).toBe(50)
    expect(d.take()).toBeNull()
    d.onScroll(950, 50, 1000)
    expect(d.take()).toBe(100)
    d.unsend(100)
    expect(d.take()).toBe(100)
    const short = new StudyDepth()
    short.onScroll(0, 800, 400) // the whole article fits on screen
    expect(short.take()).toBe(100)
  })
})

describe('the period forecast card', () => {
  const view: PeriodForecastView = {
    today: '2026-11-02', probabilitySource: 'stage_prior', modelVersion: null, sourceZh: '', expectedCloseRuleZh: '', openContacts: 4,
    periods: [
      { period: 'week', nameZh: '本周', fromDate: '2026-11-02', toDate: '2026-11-08', expectedFen: 60_000, expectedContacts: 1, actualFen: 200_000, actualPolicies: 1 },
      { period: 'month', nameZh: '本月', fromDate: '2026-11-01', toDate: '2026-11-30', expectedFen: 150_000, expectedContacts: 2, actualFen: 250_000, actualPolicies: 2 },
      { period: 'quarter', nameZh: '本季度', fromDate: '2026-10-01', toDate: '2026-12-31', expectedFen: 24_000_000, expectedContacts: 3, actualFen: 320_000, actualPolicies: 3 },
    ],
  }
  test('each period: expected premium, with what was signed beside it', () => {
    expect(periodForecastTiles(view)).toEqual([
      { label: '本周预计', value: '¥600', hint: '已签 ¥2,000 · 1 单' },
      { label: '本月预计', value: '¥1,500', hint: '已签 ¥2,500 · 2 单' },
      { label: '本季度预计', value: '¥24.0万', hint: '已签 ¥3,200 · 3 单' },
    ])
  })
  test('the source in plain words: stage or learned from past closes', () => {
    expect(forecastSourceText(view)).toBe('成交可能性按客户所处的销售阶段估算，按 4 位跟进中客户估算')
    expect(forecastSourceText({ ...view, probabilitySource: 'model', modelVersion: 'deal-1' })).toBe('成交可能性由公司过往成交客户学习得出，按 4 位跟进中客户估算')
  })
})
