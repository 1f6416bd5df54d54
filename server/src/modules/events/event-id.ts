import { randomFillSync } from 'node:crypto';

/**
 * time: UUIDv7, the time first (InnoDB, MariaDB, MySQL, SQLite: appends at the index's end).
 * spread: the same 48 bits of time and 74 random bits with the random bits first (a version-8
 * UUID), so that on a distributed store that splits keys into ranges (TiDB) concurrent inserts
 * land on every range instead of all on the last one (docs/scale-out.md). Set once per process.
 */
export type EventIdLayout = 'time' | 'spread';
let layout: EventIdLayout = 'time';

export function setEventIdLayout(chosen: EventIdLayout): void {
  layout = chosen;
}

const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let next = POOL_IDS;

/**
 * A time-ordered UUID (version 7, RFC 9562): 48 bits of Unix milliseconds, then 74 random bits.
 * Touchpoint rows are keyed by it so that InnoDB's clustered index grows at its right-hand end,
 * as an append log should, instead of at a random page per row: with random (v4) keys every
 * insert touches a random leaf, and once the table outgrows the buffer pool each one can cost a
 * page read. Still a UUID, still unguessable enough for an internal row id, and unique without
 * coordination (74 random bits per millisecond).
 */
export function eventId(nowMs: number = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const at = next * 16;
  next += 1;
  if (layout === 'spread') {
    // Random bytes 0–9 (version and variant bits in their places), the time in bytes 10–15.
    pool.writeUIntBE(nowMs, at + 10, 6);
    pool[at + 6] = 0x80 | ((pool[at + 6] as number) & 0x0f);
  } else {
    pool.writeUIntBE(nowMs, at, 6);
    pool[at + 6] = 0x70 | ((pool[at + 6] as number) & 0x0f);
  }
  pool[at + 8] = 0x80 | ((pool[at + 8] as number) & 0x3f);
  const hex = pool.toString('hex', at, at + 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
