import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const GRID_INDEX = 'idx_contact_agent_grid';
const CELL_INDEX = 'idx_contact_agent_cell';

// Reads at scale (issue 15): an agent's contact count and grid read only this index, never the
// rows. The agent's contacts arrive over years, so in a big table each sits on its own page: the
// count and the grid used to fetch 2,000 rows from 2,000 pages (about 56 ms at 10,000,000
// contacts on SQLite) to see whether each was merged away or opted out. The id ends it because the
// contact list counts DISTINCT ids (InnoDB has the key in every index anyway; SQLite does not). It starts with agent and
// cell, so it also serves what idx_contact_agent_cell served (the list filtered by cell), which goes.
export class ReadsAtScale1766500000000 implements MigrationInterface {
  name = 'ReadsAtScale1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('contact', new TableIndex({ name: GRID_INDEX, columnNames: ['agent_id', 'cell', 'stage', 'opted_out', 'merged_into_contact_id', 'id'] }));
    await queryRunner.dropIndex('contact', CELL_INDEX);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('contact', new TableIndex({ name: CELL_INDEX, columnNames: ['agent_id', 'cell'] }));
    await queryRunner.dropIndex('contact', GRID_INDEX);
  }
}
