import { randomUUID } from 'node:crypto';
import { bearer, buildWorld, openAndRead, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

// Version-7 UUIDs: 48 bits of milliseconds first, version nibble 7 (see events/event-id.ts).
const TIME_ORDERED = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('every touchpoint row is made one way (events/touchpoint-row)', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('a lead, an agent\'s logged action and an ingested read all get time-ordered ids and lower-case client ids', async () => {
    const { token, shareId, contactId } = await openAndRead(t, world, 'rows-customer');
    const leadClientId = randomUUID().toUpperCase();
    await t.http.post('/api/leads').set(bearer(token)).send({
      clientEventId: leadClientId, shareId, name: '唐女士', phone: '13911112222',
      consent: { given: true, textVersion: 'privacy-2026-01', purpose: '保险咨询与方案推荐' },
    }).expect(201);
    const actionClientId = randomUUID().toUpperCase();
    await t.http.post(`/api/contacts/${contactId}/actions`).set(bearer((world.people.a as { token: string }).token))
      .send({ clientEventId: actionClientId, type: 'call', note: '约了周六面谈' }).expect(201);
    const rows: { id: string; type: string; client_event_id: string; note: string | null }[] = await t.db.dataSource.query(
      'SELECT id, type, client_event_id, note FROM touchpoint_event WHERE contact_id = ? ORDER BY type', [contactId],
    );
    expect(rows.map((r) => r.type)).toEqual(expect.arrayContaining(['call', 'lead_submit', 'read_progress']));
    for (const row of rows) expect(row.id).toMatch(TIME_ORDERED);
    expect(rows.find((r) => r.type === 'lead_submit')?.client_event_id).toBe(leadClientId.toLowerCase());
    expect(rows.find((r) => r.type === 'call')).toMatchObject({ client_event_id: actionClientId.toLowerCase(), note: '约了周六面谈' });
  });
});
