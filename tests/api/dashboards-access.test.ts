import type { AgentDashboardView, DealIndexView, FunnelTrendView, OrgDashboardView, TeamDashboardView } from '@kejing/shared';
import { adminAuth, bearer, buildWorld, login, shareArticle, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/**
 * Who may read which dashboard. The world: company → branch b1 (teams x, y) and b2 (team z);
 * agents a, b in x, c in y, d in z; leaders lx, ly; managers m1 (b1), m2 (b2); operator op.
 * An id outside the caller's scope reads as 404 (its existence is not revealed); a role that
 * never may call the route gets 403.
 */
describe('dashboards: access', () => {
  let t: TestApp;
  let world: World;
  let contactOfA: string;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    const shareId = await shareArticle(t, world, 'a');
    const customer = (await login(t, 'access-customer')).token;
    contactOfA = (await t.http.post(`/api/shares/${encodeURIComponent(shareId)}/open`).set(bearer(customer)).expect(200)).body.contactId as string;
    await t.services.scoringWorker.drain();
    await t.http.post('/api/dashboards/snapshots').set(adminAuth(world)).send({}).expect(201);
  }, 60_000);
  afterAll(() => t.close());

  const as = (who: string) => (who === 'admin' ? adminAuth(world) : bearer((world.people[who] as { token: string }).token));
  const staffId = (who: string) => (world.people[who] as { staffId: string }).staffId;
  const unit = (name: string) =>
    ({ tx: world.teamIds[0], ty: world.teamIds[1], tz: world.teamIds[2], b1: world.branchIds[0], b2: world.branchIds[1], company: world.companyId })[name] as string;

  it.each([
    ['a', 200], ['lx', 200], ['m1', 403], ['op', 403],
  ])('GET /api/dashboards/agent/me as %s → %i', async (who, status) => {
    const res = await t.http.get('/api/dashboards/agent/me').set(as(who)).expect(status);
    if (status === 200) expect((res.body as AgentDashboardView).kyb134.agentId).toBe(staffId(who));
  });

  it.each([
    ['a', 'a', 200], ['a', 'b', 404], ['b', 'a', 404],
    ['lx', 'a', 200], ['lx', 'b', 200], ['lx', 'c', 404], ['ly', 'a', 404], ['ly', 'c', 200],
    ['m1', 'a', 200], ['m1', 'c', 200], ['m1', 'd', 404], ['m2', 'd', 200], ['m2', 'a', 404],
    ['admin', 'd', 200], ['op', 'a', 403],
  ])('GET /api/dashboards/agents/:agentId as %s for %s → %i', async (who, agent, status) => {
    const res = await t.http.get(`/api/dashboards/agents/${staffId(agent)}`).set(as(who)).expect(status);
    if (status === 200) expect((res.body as AgentDashboardView).kyb134.agentId).toBe(staffId(agent));
  });

  it('GET /api/dashboards/agents/:agentId for a manager (not an agent) or an unknown id → 404', async () => {
    await t.http.get(`/api/dashboards/agents/${staffId('m1')}`).set(as('admin')).expect(404);
    await t.http.get('/api/dashboards/agents/00000000-0000-4000-8000-00000000dead').set(as('admin')).expect(404);
  });

  it.each([
    ['lx', 'tx', 200], ['lx', 'ty', 404], ['ly', 'tx', 404], ['m1', 'tx', 200], ['m1', 'ty', 200], ['m1', 'tz', 404],
    ['m2', 'tz', 200], ['m2', 'tx', 404], ['admin', 'tz', 200], ['a', 'tx', 403], ['op', 'tx', 403],
    ['m1', 'b1', 404], // a branch is not a team
  ])('GET /api/dashboards/team/:teamId as %s for %s → %i', async (who, team, status) => {
    const res = await t.http.get(`/api/dashboards/team/${unit(team)}`).set(as(who)).expect(status);
    if (status === 200) expect((res.body as TeamDashboardView).teamId).toBe(unit(team));
  });

  it.each([
    ['m1', 'b1', 200], ['m1', 'b2', 404], ['m2', 'b2', 200], ['m2', 'b1', 404], ['m1', 'company', 404], ['m1', 'tx', 200],
    ['lx', 'tx', 200], ['lx', 'ty', 404], ['lx', 'b1', 404], ['admin', 'company', 200], ['a', 'tx', 403], ['op', 'company', 403],
  ])('GET /api/dashboards/org/:orgUnitId as %s for %s → %i', async (who, name, status) => {
    const res = await t.http.get(`/api/dashboards/org/${unit(name)}`).set(as(who)).expect(status);
    if (status === 200) expect((res.body as OrgDashboardView).orgUnitId).toBe(unit(name));
  });

  it.each([
    ['a', 'agentId', 'a', 200], ['a', 'agentId', 'b', 404], ['a', 'orgUnitId', 'tx', 404],
    ['lx', 'orgUnitId', 'tx', 200], ['lx', 'orgUnitId', 'ty', 404], ['lx', 'agentId', 'c', 404],
    ['m1', 'orgUnitId', 'b1', 200], ['m1', 'orgUnitId', 'b2', 404], ['m1', 'agentId', 'd', 404],
    ['m2', 'orgUnitId', 'b2', 200], ['m2', 'orgUnitId', 'tx', 404], ['admin', 'orgUnitId', 'company', 200], ['op', 'orgUnitId', 'company', 403],
  ])('GET /api/dashboards/funnel as %s with %s=%s → %i', async (who, param, target, status) => {
    const id = param === 'agentId' ? staffId(target) : unit(target);
    const res = await t.http.get('/api/dashboards/funnel').query({ [param]: id }).set(as(who)).expect(status);
    if (status === 200) expect((res.body as FunnelTrendView).groupId).toBe(id);
  });

  it('GET /api/dashboards/funnel needs exactly one of orgUnitId and agentId (400 with the field)', async () => {
    const none = await t.http.get('/api/dashboards/funnel').set(as('m1')).expect(400);
    expect(none.body.error.details[0].field).toBe('orgUnitId');
    await t.http.get('/api/dashboards/funnel').query({ orgUnitId: unit('b1'), agentId: staffId('a') }).set(as('m1')).expect(400);
    await t.http.get('/api/dashboards/funnel').query({ orgUnitId: unit('b1'), days: '500' }).set(as('m1')).expect(400);
  });

  it.each([
    ['a', 200], ['b', 404], ['lx', 200], ['ly', 404], ['m1', 200], ['m2', 404], ['admin', 200], ['op', 403],
  ])('GET /api/contacts/:contactId/deal-index as %s → %i', async (who, status) => {
    const res = await t.http.get(`/api/contacts/${contactOfA}/deal-index`).set(as(who)).expect(status);
    if (status === 200) expect((res.body as DealIndexView).contactId).toBe(contactOfA);
  });

  it.each([['a', 403], ['lx', 403], ['m1', 403], ['op', 403]])('POST /api/dashboards/snapshots as %s → %i', async (who, status) => {
    await t.http.post('/api/dashboards/snapshots').set(as(who)).send({}).expect(status);
  });

  it.each([['a', 201], ['lx', 201], ['m1', 403], ['op', 403]])('POST /api/study as %s → %i', async (who, status) => {
    await t.http.post('/api/study').set(as(who)).send({ contentVersionId: world.versionId, depthPct: 80 }).expect(status);
  });

  it('refuses a study report for an unknown version (404) or with a depth over 100 (400)', async () => {
    await t.http.post('/api/study').set(as('a')).send({ contentVersionId: '00000000-0000-4000-8000-00000000beef', depthPct: 50 }).expect(404);
    await t.http.post('/api/study').set(as('a')).send({ contentVersionId: world.versionId, depthPct: 101 }).expect(400);
  });

  it('rejects a malformed ?day= with 400 and reads a day without a snapshot as 404', async () => {
    await t.http.get('/api/dashboards/agent/me').query({ day: '2026-13-01' }).set(as('a')).expect(400);
    await t.http.get('/api/dashboards/agent/me').query({ day: '2020-01-01' }).set(as('a')).expect(404);
  });
});
