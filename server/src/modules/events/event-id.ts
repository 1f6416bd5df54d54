import { randomFillSync } from 'node:crypto';

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
  pool.writeUIntBE(nowMs, at, 6);
  pool[at + 6] = 0x70 | ((pool[at + 6] as number) & 0x0f);
  pool[at + 8] = 0x80 | ((pool[at + 8] as number) & 0x3f);
  const hex = pool.toString('hex', at, at + 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
