import { randomUUID } from 'node:crypto';
import type { AgentDashboardView, FunnelTrendView, OrgDashboardView, TeamDashboardView } from '@kejing/shared';
import { Contact } from '../../server/src/modules/contacts/contact.entity';
import { MorningListOpen } from '../../server/src/modules/dashboards/morning-list-open.entity';
import { AgentContentStudy } from '../../server/src/modules/dashboards/agent-content-study.entity';
import { TouchpointEvent } from '../../server/src/modules/events/touchpoint-event.entity';
import { Lead } from '../../server/src/modules/leads/lead.entity';
import { ContactStageChange } from '../../server/src/modules/scoring/contact-stage-change.entity';
import { Share } from '../../server/src/modules/shares/share.entity';
import { FollowUpTask } from '../../server/src/modules/tasks/follow-up-task.entity';
import { adminAuth, bearer, buildWorld, publishContent, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/**
 * KYB134 and the funnel on a fixture whose every figure was counted by hand (counts in the
 * comments). Rows are written straight into the tables the snapshot reads, at 12:00 China time
 * unless said, and the snapshot of 2026-11-01 is taken (window 2026-10-03 … 2026-11-01, 30 days),
 * plus the one of 2026-10-25 for "last week".
 */
const at = (day: string, hhmm = '12:00') => Date.parse(`${day}T${hhmm}:00+08:00`);
const DAY = '2026-11-01';
const LAST_WEEK = '2026-10-25';

describe('dashboards: every figure counted by hand', () => {
  let t: TestApp;
  let world: World;
  let medicalItemId: string;
  const id = (who: string) => (world.people[who] as { staffId: string }).staffId;
  const as = (who: string) => (who === 'admin' ? adminAuth(world) : bearer((world.people[who] as { token: string }).token));

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    medicalItemId = (await publishContent(t, world.people, {
      kind: 'article', title: '医疗险怎么选', summary: '百万医疗与中端医疗', bodyHtml: '<p>正文</p>', tags: ['need:medical'],
    })).itemId;
    const db = t.services.dataSource;
    const a = id('a');
    const b = id('b');
    const items: { itemId: string }[] = await db.query('SELECT item_id AS itemId FROM content_version WHERE id = ?', [world.versionId]);
    const articleItemId = (items[0] as { itemId: string }).itemId;

    // ---- agent a: shares 10-26 ×3, 10-27 ×1, 10-30 ×2 (6, on 3 days); a customer's forward on 10-30 is not a.s share
    const share = (day: string, forwardedBy: string | null = null) => ({
      id: randomUUID(), agentId: a, contentVersionId: world.versionId, channel: 'friend' as const, parentShareId: null, forwardedByContactId: forwardedBy, createdAtMs: at(day),
    });
    await db.getRepository(Share).insert([
      share('2026-10-26'), share('2026-10-26'), share('2026-10-26'), share('2026-10-27'), share('2026-10-30'), share('2026-10-30'),
      share('2026-10-30', randomUUID()),
    ]);

    // ---- a's contacts: cell, stage path ([stage, day]), outcome, referral
    const contact = (cid: string, agentId: string, cell: string, path: [number, string][], outcome: string, referralClass: string, coi = false) => ({
      cid, agentId, cell, path, outcome, referralClass, coi,
    });
    const c = {
      c1: contact(randomUUID(), a, 'mid-mid', [[1, '2026-09-20'], [2, '2026-10-10'], [3, '2026-10-13']], 'open', 'passive_promoter'),
      c2: contact(randomUUID(), a, 'low-low', [[1, '2026-10-20']], 'open', 'indifferent'),
      c3: contact(randomUUID(), a, 'high-mid', [[1, '2026-09-01'], [4, '2026-09-15'], [3, '2026-10-16']], 'open', 'active_promoter', true),
      c4: contact(randomUUID(), a, 'high-high', [[1, '2026-10-05'], [5, '2026-10-15'], [8, '2026-10-25']], 'won', 'indifferent'),
      c5: contact(randomUUID(), a, 'low-mid', [[1, '2026-09-01'], [8, '2026-09-25']], 'lost', 'negative'),
      c6: contact(randomUUID(), b, 'low-mid', [[1, '2026-10-28'], [2, '2026-10-30']], 'open', 'indifferent'),
    };
    for (const x of Object.values(c)) {
      const last = x.path[x.path.length - 1] as [number, string];
      await db.getRepository(Contact).insert({
        id: x.cid, agentId: x.agentId, viewerUserId: null, displayName: '客户', referredByContactId: null, firstShareId: null, trust: 50, intent: 50,
        cell: x.cell as Contact['cell'], stage: last[0] as Contact['stage'], outcome: x.outcome as Contact['outcome'], referralClass: x.referralClass as Contact['referralClass'],
        centreOfInfluence: x.coi, interestTags: null, optedOut: false, lastTouchAtMs: at(last[1]), scoredAtMs: at(last[1]),
        createdAtMs: at((x.path[0] as [number, string])[1]),
      });
      let from: number | null = null;
      for (const [i, [stage, day]] of x.path.entries()) {
        const outcome = i === x.path.length - 1 ? x.outcome : 'open';
        await db.getRepository(ContactStageChange).insert({
          id: randomUUID(), contactId: x.cid, agentId: x.agentId, fromStage: from as ContactStageChange['fromStage'], toStage: stage as ContactStageChange['toStage'],
          outcome: outcome as ContactStageChange['outcome'], eventId: null, contentVersionId: null, atMs: at(day),
        });
        from = stage;
      }
    }
    // Budgets: c1 10,000 yuan, c4 6,000 yuan (a's average premium = (1,000,000 + 600,000) / 2 = 800,000 fen).
    for (const [cid, budgetFen] of [[c.c1.cid, 1_000_000], [c.c4.cid, 600_000]] as const) {
      await db.getRepository(Lead).insert({
        id: randomUUID(), clientEventId: randomUUID(), contactId: cid, agentId: a, shareId: null, name: '客户', phoneCipher: 'x', phoneHash: randomUUID().replace(/-/g, ''),
        phoneLast4: '1234', phonePrefix3: '138', budgetFen, insuredPerson: '本人', needs: [], consentId: randomUUID(), createdAtMs: at('2026-10-14'),
      });
    }

    // ---- touchpoints a's shares produced: 10-26 four, 10-30 two (customer types); an agent-logged call is not one.
    const touch = (type: TouchpointEvent['type'], day: string) => ({
      id: randomUUID(), clientEventId: randomUUID(), contactId: c.c1.cid, agentId: a, shareId: null, contentVersionId: world.versionId, type,
      occurredAtMs: at(day), receivedAtMs: at(day), depthPct: null, dwellMs: null, videoPct: null, videoPositionSec: null, npsScore: null, note: null, scored: true,
    });
    await db.getRepository(TouchpointEvent).insert([
      touch('open', '2026-10-26'), touch('read_progress', '2026-10-26'), touch('read_progress', '2026-10-26'), touch('read_complete', '2026-10-26'),
      touch('open', '2026-10-30'), touch('card_view', '2026-10-30'), touch('call', '2026-10-30'),
    ]);

    // ---- a's follow-ups: due 10-27 done same day (on time); due 10-28 done 10-29 (late); due 10-29 still open;
    // due 11-05 (outside the window) done 10-31. Due in window 3, on time 1; done on 10-27, 10-29, 10-31.
    const task = (dueAtMs: number, doneAtMs: number | null) => ({
      id: randomUUID(), agentId: a, contactId: c.c1.cid, triggerKey: randomUUID(), ruleId: 'r', action: '跟进', suggestedMessage: '', dueAtMs, priority: 3,
      status: doneAtMs ? ('done' as const) : ('open' as const), snoozedUntilMs: null, doneAtMs, because: [], createdAtMs: dueAtMs - 3_600_000,
    });
    await db.getRepository(FollowUpTask).insert([
      task(at('2026-10-27', '10:00'), at('2026-10-27', '15:00')), task(at('2026-10-28', '10:00'), at('2026-10-29', '09:00')),
      task(at('2026-10-29', '10:00'), null), task(at('2026-11-05', '10:00'), at('2026-10-31', '11:00')),
    ]);

    // ---- morning list: a on 10-20, 10-28, 10-31, 11-01; b on 10-01 … 10-08 (8 days, of which 10-03 … 10-08 are in the window).
    const mornings = [
      ...['2026-10-20', '2026-10-28', '2026-10-31', '2026-11-01'].map((day) => ({ agentId: a, day, openedAtMs: at(day, '08:30') })),
      ...Array.from({ length: 8 }, (_, i) => `2026-10-0${i + 1}`).map((day) => ({ agentId: b, day, openedAtMs: at(day, '08:30') })),
    ];
    await db.getRepository(MorningListOpen).insert(mornings);
    // a studied the critical-illness article to 80 % on 10-28.
    await db.getRepository(AgentContentStudy).insert({ agentId: a, itemId: articleItemId, day: '2026-10-28', depthPct: 80, updatedAtMs: at('2026-10-28') });

    await t.http.post('/api/dashboards/snapshots').set(adminAuth(world)).send({ day: LAST_WEEK }).expect(201);
    await t.http.post('/api/dashboards/snapshots').set(adminAuth(world)).send({ day: DAY }).expect(201);
  }, 60_000);
  afterAll(() => t.close());

  it('agent a: activity, layer and streaks', async () => {
    const view = (await t.http.get('/api/dashboards/agent/me').set(as('a')).expect(200)).body as AgentDashboardView;
    const { activity } = view.kyb134;
    expect(view.kyb134.day).toBe(DAY);
    expect(activity).toMatchObject({ endDay: DAY, windowDays: 30 });
    expect(activity.daily).toHaveLength(30);
    // shares 3+1+2 = 6 on 3 days (the forward is the customer's); touchpoints 4+2 = 6 (the call is the agent's);
    // due 3 (10-27, 10-28, 10-29), on time 1; done 3 (10-27, 10-29, 10-31); morning list on 4 days.
    expect(activity.totals).toEqual({ shares: 6, touchpointsProduced: 6, tasksDone: 3, tasksDue: 3, tasksDoneOnTime: 1, morningListDays: 4, shareDays: 3 });
    // Active days: 10-20 (morning) and 10-26 … 11-01 (7 in a row) = 8; 8 ≥ ⌈0.25 × 30⌉ = 8 → online.
    expect(activity).toMatchObject({ activeDays: 8, longestStreak: 7, currentStreak: 7, layer: 'online', layerZh: '触网' });
    expect(activity.daily.find((d) => d.day === '2026-10-26')).toMatchObject({ shares: 3, touchpointsProduced: 4, active: true });
  });

  it('agent a: KASH, percentiles in team and company, and MCIP', async () => {
    const { kash, mcip } = ((await t.http.get('/api/dashboards/agent/me').set(as('a')).expect(200)).body as AgentDashboardView).kyb134;
    // Knowledge: studied 1 family (critical illness) → breadth 1/5; depth min(1, 1/3); shared 1 family → 1/5
    //   100 × (0.4 × 0.2 + 0.3 × 0.3333 + 0.3 × 0.2) = 24.0
    // Attitude: active 8/30, streak min(1, 7/5) = 1, on time 1/3 → 100 × (0.4 × 0.2667 + 0.2 + 0.4 × 0.3333) = 44.0
    // Skill: eligible c1, c2, c3, c4 (c5 was already at 8 on 10-03); moved c1, c4 → 50 % ≥ target 30 % → 1;
    //   forward steps in the window 20, 3, 10, 10 days → median 10 → speed (30 − 10) / 27 = 0.7407;
    //   100 × (0.6 × 1 + 0.4 × 0.7407) = 89.6
    // Habit: morning 4/30, share days 3/30, regularity 0 (daily shares 3,1,2 and 27 zeros: CV 3.27 ≥ 2)
    //   100 × (0.5 × 0.1333 + 0.25 × 0.1 + 0) = 9.2
    expect(kash.scores).toEqual({ knowledge: 24, attitude: 44, skill: 89.6, habit: 9.2 });
    // Team x = a, b (K 0, A 46.7, S 100, H 10), lx (all 0). Company adds c, d, ly (all 0): 6 agents.
    //   knowledge: a 24 vs [24, 0, 0] → (2 + ½) / 3 = 83.3; company (5 + ½) / 6 = 91.7
    //   attitude:  a 44 vs [44, 46.7, 0] → (1 + ½) / 3 = 50;   company (4 + ½) / 6 = 75
    //   skill:     a 89.6 vs [89.6, 100, 0] → 50;              company 75
    //   habit:     a 9.2 vs [9.2, 10, 0] → 50;                 company 75
    const pct = Object.fromEntries(kash.indices.map((i) => [i.dimension, [i.teamPercentile, i.companyPercentile]]));
    expect(pct).toEqual({ knowledge: [83.3, 91.7], attitude: [50, 75], skill: [50, 75], habit: [50, 75] });
    const skill = kash.indices.find((i) => i.dimension === 'skill');
    expect(skill?.components.find((x) => x.key === 'conversion')?.detail).toMatchObject({ moved: 2, eligible: 4 });
    expect(skill?.components.find((x) => x.key === 'speed')?.detail).toMatchObject({ forwardSteps: 4, medianDays: 10 });
    // MCIP: habit is weakest; its shortest components are regularity (0) then share days (0.1).
    expect(mcip).toMatchObject({ focus: 'habit', focusNameZh: '习惯', focusScore: 9.2 });
    expect(mcip.whyZh).toContain('近30天只有3天分享内容');
    expect(mcip.actionsZh).toHaveLength(3);
    // Least studied families (seeded order among the zeros): medical, accident → the medical article is suggested.
    expect(mcip.weakNeedFamilies).toEqual(['medical', 'accident']);
    expect(mcip.contentToStudy).toEqual([{ itemId: medicalItemId, title: '医疗险怎么选', needFamily: 'medical' }]);
  });

  it('agent a: the three assets', async () => {
    const { assets } = ((await t.http.get('/api/dashboards/agent/me').set(as('a')).expect(200)).body as AgentDashboardView).kyb134;
    // Value points: c1 mid-mid 2×2 = 4, c2 low-low 1, c3 high-mid 3×2 = 6, c4 won 9, c5 lost 0 → 20 over 4 → 5.0 each.
    expect(assets.customerValue).toMatchObject({ contacts: 5, valuePoints: 20, valuePerContact: 5 });
    expect(assets.customerValue.grid).toMatchObject({ 'mid-mid': 1, 'low-low': 1, 'high-mid': 1, 'high-high': 1, 'low-mid': 1, 'high-low': 0 });
    // Stage priors from the 2 closed contacts (1 won, both reached stage 8), shrunk with 10 pseudo-contacts:
    //   P(stage 1) = (1 + 10 × 0.02) / 12 = 0.1, P(stage 3) = (1 + 10 × 0.07) / 12 = 0.141667.
    // Forecast: c1 0.141667 × 1,000,000 + c2 0.1 × 800,000 + c3 0.141667 × 800,000 = 335,000 fen.
    expect(assets.premiumForecast).toEqual({ forecastFen: 335_000, openContacts: 3, fromBudget: 1, fromAverage: 2, averagePremiumFen: 800_000, probabilitySource: 'stage_prior', modelVersion: null });
    // Referral: negative c5, indifferent c2 c4, passive c1, active c3 (a centre of influence) → promoters 2/5 = 40 %.
    expect(assets.sustainableDevelopment).toEqual({
      referral: { negative: 1, indifferent: 2, passive_promoter: 1, active_promoter: 1 }, centresOfInfluence: 1, promoterPct: 40,
    });
  });

  it('agent a: the funnel, conversion, median days per stage, change against last week', async () => {
    const { funnel } = (await t.http.get('/api/dashboards/agent/me').set(as('a')).expect(200)).body as AgentDashboardView;
    // Now: c1 3, c2 1, c3 3 (stepped back from 4), c4 8, c5 8. Furthest: 3, 1, 4, 8, 8.
    expect(funnel).toMatchObject({ contacts: 5, won: 1, lost: 1, closeRatePct: 50 });
    expect(funnel?.stageCounts).toEqual({ 1: 1, 2: 0, 3: 2, 4: 0, 5: 0, 6: 0, 7: 0, 8: 2 });
    expect(funnel?.reached).toEqual({ 1: 5, 2: 4, 3: 4, 4: 3, 5: 2, 6: 2, 7: 2, 8: 2 });
    // 4/5, 4/4, 3/4, 2/3, then 2/2 three times.
    expect(funnel?.conversionPct).toEqual({ 1: 80, 2: 100, 3: 75, 4: 66.7, 5: 100, 6: 100, 7: 100 });
    // Finished stays: stage 1: c1 20, c3 14, c4 10, c5 24 → median 17; stage 2: c1 3; stage 4: c3 31; stage 5: c4 10.
    expect(funnel?.medianDaysInStage).toEqual({ 1: 17, 2: 3, 3: null, 4: 31, 5: 10, 6: null, 7: null, 8: null });
    // On 10-25 the same five contacts sat in the same stages (c4 entered 8 at noon that day).
    expect(funnel?.changeVsLastWeek).toMatchObject({ fromDay: LAST_WEEK, toDay: DAY, contacts: 0, won: 0, lost: 0 });
  });

  it('team x: ranking by mean KASH, who slipped since last week, OMIP, layers, funnel and assets', async () => {
    const view = (await t.http.get(`/api/dashboards/team/${world.teamIds[0]}`).set(as('lx')).expect(200)).body as TeamDashboardView;
    // Means: a (24 + 44 + 89.6 + 9.2) / 4 = 41.7; b (0 + 46.7 + 100 + 10) / 4 = 39.2; lx 0.
    expect(view.ranking.map((r) => [r.agentId, r.rank, r.kashMean])).toEqual([[id('a'), 1, 41.7], [id('b'), 2, 39.2], [id('lx'), 3, 0]]);
    // b: on 10-25 the morning list on 10-01 … 10-08 gave 8 active days (online); on 11-01 only 10-03 … 10-08 are in the window: 6 → offline.
    expect(view.comparedWithDay).toBe(LAST_WEEK);
    // The screen says 截至 when the figures were computed, not just the day (they are a snapshot).
    expect(Date.parse(view.computedAt ?? '')).not.toBeNaN();
    expect(view.slipped.map((r) => r.agentId)).toEqual([id('b')]);
    expect(view.slipped[0]?.slippedReasonsZh).toEqual(['活动分层从触网降为不触网']);
    // OMIP (target 60): lx habit 0 (gap 60, mean 0), b knowledge 0 (gap 60, mean 39.2), a habit 9.2 (gap 50.8).
    expect(view.omip.coaching.map((x) => [x.agentId, x.dimension, x.gap])).toEqual([[id('lx'), 'habit', 60], [id('b'), 'knowledge', 60], [id('a'), 'habit', 50.8]]);
    // Team means: habit (9.2 + 10 + 0) / 3 = 6.4 is the lowest.
    expect(view.omip.teamFocus).toEqual({ dimension: 'habit', meanScore: 6.4 });
    expect(view.layers).toEqual({ offline: 2, online: 1, deeply_online: 0 });
    // Team funnel: a's five and b's c6 (stage 2). Stage-1 stays add c6's 2 days: [20, 14, 10, 24, 2] → median 14.
    expect(view.funnel).toMatchObject({ contacts: 6, stageCounts: { 1: 1, 2: 1, 3: 2, 8: 2 }, conversionPct: { 1: 83.3 } });
    expect(view.funnel?.medianDaysInStage[1]).toBe(14);
    // Last week c6 did not exist yet: +1 contact, +1 in stage 2.
    expect(view.funnel?.changeVsLastWeek).toMatchObject({ contacts: 1, stageCounts: { 1: 0, 2: 1 } });
    // c6 at stage 2, no budget, b's average is the default 500,000: (1 + 10 × 0.04) / 12 × 500,000 = 58,333 → 335,000 + 58,333.
    expect(view.assets).toMatchObject({ agents: 3, contacts: 6, valuePoints: 22, forecastFen: 393_333, centresOfInfluence: 1 });
  });

  it('branch b1: heat map, layers, funnel and assets per team; the company adds up its branches', async () => {
    const view = (await t.http.get(`/api/dashboards/org/${world.branchIds[0]}`).set(as('m1')).expect(200)).body as OrgDashboardView;
    expect(view.heatMap).toEqual({ cells: { 'low-low': 1, 'low-mid': 2, 'low-high': 0, 'mid-low': 0, 'mid-mid': 1, 'mid-high': 0, 'high-low': 0, 'high-mid': 1, 'high-high': 1 }, total: 6 });
    // a online; b, lx (team x) and c, ly (team y) offline.
    expect(view.layers).toEqual({ offline: 4, online: 1, deeply_online: 0 });
    expect(Date.parse(view.computedAt ?? '')).not.toBeNaN();
    expect(view.funnel).toMatchObject({ groupKind: 'branch', contacts: 6, won: 1, lost: 1 });
    expect(view.funnel?.medianDaysInStage).toEqual({ 1: 14, 2: 3, 3: null, 4: 31, 5: 10, 6: null, 7: null, 8: null });
    const byTeam = Object.fromEntries(view.children.map((ch) => [ch.id, [ch.agents, ch.contacts, ch.valuePoints, ch.forecastFen]]));
    expect(byTeam).toEqual({ [world.teamIds[0]]: [3, 6, 22, 393_333], [world.teamIds[1]]: [2, 0, 0, 0] });
    const company = (await t.http.get(`/api/dashboards/org/${world.companyId}`).set(as('admin')).expect(200)).body as OrgDashboardView;
    expect(company.children.map((ch) => [ch.id, ch.contacts])).toEqual(expect.arrayContaining([[world.branchIds[0], 6], [world.branchIds[1], 0]]));
    expect(company.funnel).toMatchObject({ groupKind: 'company', contacts: 6 });
  });

  it('the funnel trend reads one point per stored snapshot day', async () => {
    const view = (await t.http.get('/api/dashboards/funnel').query({ orgUnitId: world.teamIds[0], days: '14' }).set(as('lx')).expect(200)).body as FunnelTrendView;
    expect(view.trend.map((p) => [p.day, p.contacts])).toEqual([[LAST_WEEK, 5], [DAY, 6]]);
    expect(view.current?.day).toBe(DAY);
  });

  it('opening the morning list and studying an article are recorded for tomorrow\'s Habit and Knowledge', async () => {
    await t.http.get('/api/tasks/today').set(as('b')).expect(200);
    await t.http.get('/api/tasks/today').set(as('b')).expect(200);
    await t.http.post('/api/study').set(as('b')).send({ contentVersionId: world.versionId, depthPct: 40 }).expect(201);
    const deeper = await t.http.post('/api/study').set(as('b')).send({ contentVersionId: world.versionId, depthPct: 90 }).expect(201);
    const shallower = await t.http.post('/api/study').set(as('b')).send({ contentVersionId: world.versionId, depthPct: 10 }).expect(201);
    expect(deeper.body.depthPct).toBe(90);
    expect(shallower.body.depthPct).toBe(90);
    const opens = await t.services.dataSource.getRepository(MorningListOpen).findBy({ agentId: id('b'), day: '2026-11-02' });
    expect(opens).toHaveLength(1);
  });
});
