import { openTestDatabase, TestDatabase } from '../../testing/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('build exactly the schema the entities describe (nothing left for synchronize to do)', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can be reverted and re-applied', async () => {
    await db.dataSource.undoLastMigration();
    await db.dataSource.runMigrations();
    const tables = await db.dataSource.createQueryRunner().getTables(['touchpoint_event', 'contact']);
    expect(tables.map((t) => t.name).sort()).toEqual(['contact', 'touchpoint_event']);
  });
});
