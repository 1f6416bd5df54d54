import type { QueryRunner, Table } from 'typeorm';

/**
 * Creates tables in order; on MySQL/MariaDB converts each to utf8mb4 so that names with 4-byte
 * characters (emoji, rare hanzi) are stored intact. SQLite stores UTF-8 anyway.
 */
export async function createTablesUtf8mb4(queryRunner: QueryRunner, tables: Table[]): Promise<void> {
  const mysql = queryRunner.connection.options.type !== 'better-sqlite3';
  for (const table of tables) {
    await queryRunner.createTable(table, true);
    if (mysql) await queryRunner.query(`ALTER TABLE \`${table.name}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
}
