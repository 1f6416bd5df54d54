import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const CONTACT_RANK_INDEX = 'idx_contact_agent_rank';
const AGENT_TASKS_INDEX = 'idx_follow_up_task_agent_status';
const AGENT_TASKS_BEFORE = ['agent_id', 'status', 'due_at_ms'];

// The morning list ranks every task on it (an agent's list can hold a thousand) by the task's
// priority and due time and its contact's stage and outcome, in one query. Both sides now come
// from index ranges of the agent's own, instead of a random row per task and per contact (at
// 1,000,000 contacts on SQLite the task rows alone cost about 6 ms of the list's 8; on MariaDB each
// contact row is kilobytes of scoring state, mostly read from disk):
// - the agent's tasks index carries what the list selects and ranks by (InnoDB appends the id
//   anyway; SQLite needs it named);
// - the contact is found by (agent, id) in an index that holds the stage, outcome and opt-out: the
//   agent's thousand lookups land on the same few pages.
/**
 * SQLite plans by the statistics ANALYZE left, and a new index has none: on an analyzed database the
 * planner then takes idx_contact_agent_rank for about ten rows an agent, and reads the contact list's
 * count and the grid through it and the table (10,000,000 contacts: the first page went from 4 to
 * 20 ms). So the two new indexes are analyzed where the others were. InnoDB gathers its own.
 */
async function analyzeNewIndexes(queryRunner: QueryRunner): Promise<void> {
  if (queryRunner.connection.options.type !== 'better-sqlite3') return;
  const analyzed = await queryRunner.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'");
  if (analyzed.length === 0) return;
  await queryRunner.query(`ANALYZE ${CONTACT_RANK_INDEX}`);
  await queryRunner.query(`ANALYZE ${AGENT_TASKS_INDEX}`);
}

export class MorningListReads1767300000000 implements MigrationInterface {
  name = 'MorningListReads1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('contact', new TableIndex({ name: CONTACT_RANK_INDEX, columnNames: ['agent_id', 'id', 'stage', 'outcome', 'opted_out'] }));
    await queryRunner.dropIndex('follow_up_task', AGENT_TASKS_INDEX);
    await queryRunner.createIndex('follow_up_task', new TableIndex({
      name: AGENT_TASKS_INDEX, columnNames: [...AGENT_TASKS_BEFORE, 'created_at_ms', 'snoozed_until_ms', 'priority', 'contact_id', 'id'],
    }));
    await analyzeNewIndexes(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('follow_up_task', AGENT_TASKS_INDEX);
    await queryRunner.createIndex('follow_up_task', new TableIndex({ name: AGENT_TASKS_INDEX, columnNames: AGENT_TASKS_BEFORE }));
    await queryRunner.dropIndex('contact', CONTACT_RANK_INDEX);
  }
}
