import { randomUUID } from 'node:crypto';
import { openTestDatabase, TestDatabase } from '../../testing/test-database';
import { ContactChanges } from './contact-changes';
import { TouchpointTransactions } from './touchpoint-transactions';

describe('TouchpointTransactions', () => {
  let db: TestDatabase;
  let announced: string[][];
  let touchpoints: TouchpointTransactions;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => {
    announced = [];
    const changes = new ContactChanges();
    changes.subscribe((ids) => announced.push(ids));
    touchpoints = new TouchpointTransactions(db.dataSource, changes);
  });

  const touchpoint = (contactId: string) => ({
    clientEventId: randomUUID(), contactId, agentId: randomUUID(), shareId: null, contentVersionId: null, type: 'lead_submit' as const, occurredAtMs: 1_000,
  });
  const rowsOf = async (contactId: string) => Number((await db.dataSource.query('SELECT COUNT(*) AS n FROM touchpoint_event WHERE contact_id = ?', [contactId]))[0].n);

  it('stores the touchpoints with the rest of the transaction and announces their contacts once, after the commit', async () => {
    const contact = randomUUID();
    let announcedInside = -1;
    await touchpoints.run(async (_manager, record) => {
      await record(touchpoint(contact), 2_000);
      await record(touchpoint(contact), 2_000);
      announcedInside = announced.length;
    });
    expect(announcedInside).toBe(0);
    expect(announced).toEqual([[contact]]);
    expect(await rowsOf(contact)).toBe(2);
  });

  it('announces nothing and stores nothing when the transaction rolls back', async () => {
    const contact = randomUUID();
    await expect(touchpoints.run(async (_manager, record) => {
      await record(touchpoint(contact), 2_000);
      throw new Error('the lead could not be stored');
    })).rejects.toThrow('the lead could not be stored');
    expect(announced).toEqual([]);
    expect(await rowsOf(contact)).toBe(0);
  });
});
