import { randomUUID } from 'node:crypto';
import { openTestDatabase, TestDatabase } from '../../testing/test-database';
import { ContactChanges, ScoringTurn } from './contact-changes';
import { EventStore } from './event-store';
import { EventWriter } from './event-writer';
import { TouchpointTransactions } from './touchpoint-transactions';

describe('TouchpointTransactions', () => {
  let db: TestDatabase;
  let announced: string[][];
  let turns: [string[], ScoringTurn][];
  let touchpoints: TouchpointTransactions;
  let writer: EventWriter;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => {
    announced = [];
    turns = [];
    const changes = new ContactChanges();
    changes.subscribe((ids, turn) => {
      announced.push(ids);
      turns.push([ids, turn]);
    });
    writer = new EventWriter(new EventStore(db.dataSource), { maxRows: 100, maxInFlight: 1, timeoutMs: 5_000 });
    touchpoints = new TouchpointTransactions(db.dataSource, changes, writer);
  });
  afterEach(() => writer.drain());

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

  it('announces the contacts a transaction marked as touched (a deletion) after the commit, and not on rollback', async () => {
    const kept = randomUUID();
    const rolledBack = randomUUID();
    await touchpoints.run(async (_manager, _record, touched) => touched([kept, kept]));
    await expect(touchpoints.run(async (_manager, _record, touched) => {
      touched([rolledBack]);
      throw new Error('the deletion failed');
    })).rejects.toThrow('the deletion failed');
    expect(announced).toEqual([[kept]]);
  });

  it('stores group-committed touchpoints once by client id and announces only what a commit stored', async () => {
    const contact = randomUUID();
    const first = touchpoint(contact);
    expect(await touchpoints.write([first], 2_000)).toEqual({ stored: 1, duplicates: 0 });
    expect(announced).toEqual([[contact]]);
    expect(await touchpoints.write([{ ...first, clientEventId: first.clientEventId.toUpperCase() }], 3_000)).toEqual({ stored: 0, duplicates: 1 });
    expect(await rowsOf(contact)).toBe(1);
  });

  it('announces a commit\'s contacts with only reading progress to be scored in turn, and those who acted first', async () => {
    const [reader, consulting, agentLogged] = [randomUUID(), randomUUID(), randomUUID()];
    await touchpoints.write([
      { ...touchpoint(reader), type: 'read_progress', depthPct: 40 },
      { ...touchpoint(reader), type: 'video_progress', videoPct: 10 },
      { ...touchpoint(consulting), type: 'read_progress', depthPct: 80 },
      { ...touchpoint(consulting), type: 'consult_tap' },
      { ...touchpoint(agentLogged), type: 'call' },
    ], 2_000);
    expect(turns).toEqual([[[consulting, agentLogged], 'first'], [[reader], 'in_turn']]);
  });

  it('announces the contacts of a transaction run inside another module (a lead, a deletion) first', async () => {
    const contact = randomUUID();
    await touchpoints.run(async (_manager, record) => record({ ...touchpoint(contact), type: 'read_progress' }, 2_000));
    expect(turns).toEqual([[[contact], 'first']]);
  });
});
