import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/** bigint comes back from mysql2 as a string; epoch milliseconds and fen amounts fit a JS number exactly. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/** An instant as epoch milliseconds (UTC); the column name says `_at_ms`. */
export function EpochMsColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): PropertyDecorator {
  return Column({ type: 'bigint', transformer: bigintAsNumber, ...options });
}

/** An amount of money in fen (分), as bigint; read back as a JS number like the instants above. */
export function FenColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): PropertyDecorator {
  return Column({ type: 'bigint', transformer: bigintAsNumber, ...options });
}

/** A UUID stored as text so that SQLite and MySQL agree. */
export function UuidColumn(options: Omit<ColumnOptions, 'type' | 'length'> = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: 36, ...options });
}

/** JSON kept as text: portable, and only ever read whole. */
export function JsonColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return Column({ type: 'simple-json', ...options });
}
