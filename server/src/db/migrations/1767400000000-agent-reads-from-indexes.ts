import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const GRID_INDEX = 'idx_contact_agent_grid';
const RANK_INDEX = 'idx_contact_agent_rank';
const STAGE_INDEX = 'idx_contact_agent_stage';
const TOUCH_INDEX = 'idx_contact_agent_touch';

const BEFORE = {
  [GRID_INDEX]: ['agent_id', 'cell', 'stage', 'opted_out', 'merged_into_contact_id', 'id'],
  [RANK_INDEX]: ['agent_id', 'id', 'stage', 'outcome', 'opted_out'],
  [STAGE_INDEX]: ['agent_id', 'stage'],
  [TOUCH_INDEX]: ['agent_id', 'last_touch_at_ms'],
};
const AFTER = {
  // The daily KYB134 snapshot reads every contact of every agent (cell, stage, outcome, referral
  // class, centre of influence): from this index, not the rows (a tenth of the bytes). The grid's
  // prefix is unchanged, and the columns added change rarely, so the scorer's writes cost the same.
  [GRID_INDEX]: [...BEFORE[GRID_INDEX], 'outcome', 'referral_class', 'centre_of_influence', 'created_at_ms'],
  // The morning list ranks by the budget too: it comes with the stage, not from a lookup per contact in the lead table.
  [RANK_INDEX]: [...BEFORE[RANK_INDEX], 'budget_fen'],
  // The contact list's page is found in the index, in order, and only its 20 rows are read: before,
  // MariaDB read every row of the filter (or, unfiltered, every row up to the page) to see whether
  // it was merged away and to sort it. The id ends both (SQLite does not append the key; InnoDB does anyway).
  [STAGE_INDEX]: ['agent_id', 'stage', 'merged_into_contact_id', 'last_touch_at_ms', 'id'],
  [TOUCH_INDEX]: ['agent_id', 'merged_into_contact_id', 'last_touch_at_ms', 'id'],
};

/** The daily job's whole-table reads that now read an index range (the take-back of claimed contacts; the deal index's won and lost). */
const DAILY_INDEXES = [
  new TableIndex({ name: 'idx_contact_claimed', columnNames: ['claimed_at_ms'] }),
  new TableIndex({ name: 'idx_contact_outcome', columnNames: ['outcome'] }),
];

async function replaceIndexes(queryRunner: QueryRunner, columns: Record<string, string[]>): Promise<void> {
  for (const [name, columnNames] of Object.entries(columns)) {
    await queryRunner.dropIndex('contact', name);
    await queryRunner.createIndex('contact', new TableIndex({ name, columnNames }));
  }
}

/** As in 1767300000000: on an analyzed SQLite database a new index without statistics misleads the planner. */
async function analyzeNewIndexes(queryRunner: QueryRunner): Promise<void> {
  if (queryRunner.connection.options.type !== 'better-sqlite3') return;
  const analyzed = await queryRunner.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'");
  if (analyzed.length === 0) return;
  for (const name of [...Object.keys(AFTER), ...DAILY_INDEXES.map((index) => index.name)]) await queryRunner.query(`ANALYZE ${name}`);
}

// Reads at scale (issue 15.3, 15.4): an agent's morning list and contact list on MariaDB, and the daily job's snapshot, take-back and deal index, from index
// ranges of their own. The contact keeps its latest lead budget (leads/queries/contact-budgets.ts).
export class AgentReadsFromIndexes1767400000000 implements MigrationInterface {
  name = 'AgentReadsFromIndexes1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A plain ADD COLUMN: instant on both stores (TypeORM's addColumn copies the whole table on SQLite).
    await queryRunner.query('ALTER TABLE contact ADD COLUMN budget_fen bigint NULL');
    await queryRunner.query(
      `UPDATE contact SET budget_fen = (
         SELECT l.budget_fen FROM lead l WHERE l.contact_id = contact.id AND l.budget_fen IS NOT NULL ORDER BY l.created_at_ms DESC, l.id DESC LIMIT 1
       ) WHERE id IN (SELECT contact_id FROM lead WHERE budget_fen IS NOT NULL)`,
    );
    await replaceIndexes(queryRunner, AFTER);
    for (const index of DAILY_INDEXES) await queryRunner.createIndex('contact', index);
    await analyzeNewIndexes(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of DAILY_INDEXES) await queryRunner.dropIndex('contact', index.name as string);
    await replaceIndexes(queryRunner, BEFORE);
    await queryRunner.dropColumn('contact', 'budget_fen');
  }
}
