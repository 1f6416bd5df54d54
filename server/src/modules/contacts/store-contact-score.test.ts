import type { ContactScore } from '@kejing/shared';
import { insertBareContact } from '../../testing/seed-rows';
import { openTestDatabase, TestDatabase } from '../../testing/test-database';
import { lockContactsToScore } from './queries/contacts-to-score';
import { storeContactScore, storedFiguresOf } from './store-contact-score';

/** A stage-3 contact in the middle cell, last touched at 5,000. */
const score = (over: Partial<ContactScore> = {}): ContactScore => ({
  trust: 50, intent: 40, trustBand: 'mid', intentBand: 'mid', cell: 'mid-mid', stage: 3, outcome: 'open', referralClass: 'indifferent',
  centreOfInfluence: false, optedOut: false, interestTags: [{ tag: 'need:medical', weight: 1 }], contributions: [],
  stageEvidence: [{ stage: 3, eventId: 'e1', atMs: 4_000, reason: '读完一篇文章' }], lastTouchAtMs: 5_000, ...over,
});

describe('storing a score on the contact', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  const newContact = () => insertBareContact(db.dataSource);
  /** Stores `next` over what the row holds, as the scorer does under its lock; returns the UPDATE it ran. */
  async function store(contactId: string, next: ContactScore, scoredAtMs: number): Promise<string> {
    return db.dataSource.transaction(async (manager) => {
      const [locked] = await lockContactsToScore(manager, [contactId]);
      const statements: string[] = [];
      const query = manager.query.bind(manager);
      jest.spyOn(manager, 'query').mockImplementation((sql: string, parameters?: Parameters<typeof query>[1]) => (statements.push(sql), query(sql, parameters)));
      await storeContactScore(manager, contactId, next, scoredAtMs, scoredAtMs + 86_400_000, locked?.stored ?? null);
      return statements.join('\n');
    });
  }
  const storedOf = async (contactId: string) => (await lockContactsToScore(db.dataSource.manager, [contactId]))[0]?.stored;

  it('reads back as the figures scored, the first time and after every later scoring', async () => {
    const contactId = await newContact();
    const scorings = [
      score(),
      score({ trust: 48, intent: 38 }),
      score({ trust: 70, trustBand: 'high', cell: 'high-mid', stage: 4, lastTouchAtMs: 9_000, stageEvidence: [{ stage: 4, eventId: 'e2', atMs: 9_000, reason: '咨询' }] }),
      score({ stage: 8, outcome: 'won', referralClass: 'active_promoter', centreOfInfluence: true, lastTouchAtMs: 12_000, interestTags: [] }),
      score({ lastTouchAtMs: null }),
    ];
    for (const [i, next] of scorings.entries()) {
      await store(contactId, next, 10_000 + i);
      expect(await storedOf(contactId)).toEqual(storedFiguresOf(next));
    }
  });

  it('a rescoring that moves no indexed figure leaves the indexed columns out of its UPDATE', async () => {
    const contactId = await newContact();
    await store(contactId, score(), 10_000);
    const update = await store(contactId, score({ trust: 47, intent: 36 }), 20_000);
    expect(update).toMatch(/trust = \?, intent = \?/);
    for (const column of ['cell', 'stage', 'outcome', 'referral_class', 'centre_of_influence', 'last_touch_at_ms']) expect(update).not.toMatch(new RegExp(`\\b${column} = `));
  });

  it('sets exactly the indexed columns whose value changed', async () => {
    const contactId = await newContact();
    await store(contactId, score(), 10_000);
    const update = await store(contactId, score({ stage: 4, lastTouchAtMs: 6_000 }), 20_000);
    expect(update).toMatch(/\bstage = \?/);
    expect(update).toMatch(/\blast_touch_at_ms = \?/);
    for (const column of ['cell', 'outcome', 'referral_class', 'centre_of_influence']) expect(update).not.toMatch(new RegExp(`\\b${column} = `));
  });

  it('a contact never scored gets every column', async () => {
    const contactId = await newContact();
    const update = await store(contactId, score(), 10_000);
    for (const column of ['cell', 'stage', 'outcome', 'referral_class', 'centre_of_influence', 'last_touch_at_ms']) expect(update).toMatch(new RegExp(`\\b${column} = \\?`));
  });
});
