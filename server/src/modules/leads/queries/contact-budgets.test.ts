import { insertBareContact, insertLeadForm } from '../../../testing/seed-rows';
import { openTestDatabase, TestDatabase } from '../../../testing/test-database';
import { refreshContactBudgets } from './contact-budgets';

describe('the budget kept on the contact', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  const newContact = () => insertBareContact(db.dataSource);
  const lead = (contactId: string, budgetFen: number | null, createdAtMs: number, id?: string): Promise<string> =>
    insertLeadForm(db.dataSource, { contactId, budgetFen, createdAtMs, id });
  const budgetOf = async (contactId: string): Promise<number | null> => {
    const [row] = await db.dataSource.query('SELECT budget_fen FROM contact WHERE id = ?', [contactId]);
    return row.budget_fen === null ? null : Number(row.budget_fen);
  };

  it('is the latest lead form’s that named one; a later form without one leaves it standing', async () => {
    const contactId = await newContact();
    await lead(contactId, 3_000_00, 1_000);
    await lead(contactId, 8_000_00, 3_000);
    await lead(contactId, null, 5_000);
    await refreshContactBudgets(db.dataSource, [contactId]);
    expect(await budgetOf(contactId)).toBe(8_000_00);
  });

  it('is null for a contact whose forms named none, and another contact’s leads do not count', async () => {
    const [quiet, other] = [await newContact(), await newContact()];
    await lead(quiet, null, 1_000);
    await lead(other, 9_000_00, 2_000);
    await refreshContactBudgets(db.dataSource, [quiet]);
    expect(await budgetOf(quiet)).toBeNull();
    expect(await budgetOf(other)).toBeNull(); // not refreshed: only the contacts named are touched
  });

  it('falls back to the form before when the latest is erased, and to none when all are', async () => {
    const contactId = await newContact();
    const older = await lead(contactId, 2_000_00, 1_000);
    const newer = await lead(contactId, 6_000_00, 2_000);
    await refreshContactBudgets(db.dataSource, [contactId]);
    expect(await budgetOf(contactId)).toBe(6_000_00);
    await db.dataSource.query(`DELETE FROM ${db.dataSource.driver.escape('lead')} WHERE id = ?`, [newer]);
    await refreshContactBudgets(db.dataSource, [contactId]);
    expect(await budgetOf(contactId)).toBe(2_000_00);
    await db.dataSource.query(`DELETE FROM ${db.dataSource.driver.escape('lead')} WHERE id = ?`, [older]);
    await refreshContactBudgets(db.dataSource, [contactId]);
    expect(await budgetOf(contactId)).toBeNull();
  });

  it('settles two forms of the same millisecond the same way every time (the greater id)', async () => {
    const contactId = await newContact();
    await lead(contactId, 1_000_00, 7_000, '00000000-0000-4000-8000-000000000001');
    await lead(contactId, 4_000_00, 7_000, '00000000-0000-4000-8000-000000000002');
    await refreshContactBudgets(db.dataSource, [contactId]);
    expect(await budgetOf(contactId)).toBe(4_000_00);
  });

  it('refreshes more contacts than one statement holds', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 501; i += 1) ids.push(await newContact());
    const last = ids[ids.length - 1];
    await lead(last, 5_500_00, 1_000);
    await lead(ids[0], 1_500_00, 1_000);
    await refreshContactBudgets(db.dataSource, ids);
    expect([await budgetOf(ids[0]), await budgetOf(ids[250]), await budgetOf(last)]).toEqual([1_500_00, null, 5_500_00]);
  });
});
