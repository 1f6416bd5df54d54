import { randomBytes, randomUUID } from 'node:crypto';
import { ManualClock } from '../../lib/clock';
import { openTestDatabase, TestDatabase } from '../../testing/test-database';
import { SESSION_EPOCH_CACHE_MS, SessionGuard } from './session-guard';
import { SessionTokens } from './session-tokens';
import { User } from './user.entity';

const NOW = Date.UTC(2026, 10, 2, 1, 0, 0);

describe('SessionGuard', () => {
  let db: TestDatabase;
  let clock: ManualClock;
  let guard: SessionGuard;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => {
    clock = new ManualClock(NOW);
    guard = new SessionGuard(db.dataSource, clock, new SessionTokens({ secret: randomBytes(32).toString('base64'), ttlSeconds: 3600, issuer: 'kejing', audience: 'test' }));
  });

  const newUser = async () => {
    const id = randomUUID();
    await db.dataSource.getRepository(User).insert({ id, openid: `openid-${id}`, unionid: null, createdAtMs: NOW });
    return id;
  };

  it('reads the epoch once, then checks from memory without a promise until the cache runs out', async () => {
    const userId = await newUser();
    const first = guard.check(userId, 0);
    expect(first).toBeInstanceOf(Promise);
    await first;
    expect(guard.check(userId, 0)).toBeUndefined();
    clock.advance(SESSION_EPOCH_CACHE_MS);
    expect(guard.check(userId, 0)).toBeInstanceOf(Promise);
  });

  it('ends every session issued before: the old epoch is refused at once, the new one passes', async () => {
    const userId = await newUser();
    await guard.check(userId, 0);
    await guard.endSessions(userId);
    await expect(Promise.resolve(guard.check(userId, 0))).rejects.toMatchObject({ status: 401 });
    await expect(guard.currentEpoch(userId)).resolves.toBe(1);
    await expect(Promise.resolve(guard.check(userId, 1))).resolves.toBeUndefined();
  });

  it('refuses every token of a user who no longer exists (erased)', async () => {
    await expect(Promise.resolve(guard.check(randomUUID(), 0))).rejects.toMatchObject({ status: 401 });
  });

  it('does not cache an epoch read while the sessions were being ended', async () => {
    const userId = await newUser();
    const inFlight = Promise.resolve(guard.check(userId, 0)).catch(() => undefined);
    await guard.endSessions(userId);
    await inFlight;
    // Whatever the in-flight read saw, the next check reads again and sees the ending.
    await expect(Promise.resolve(guard.check(userId, 0))).rejects.toMatchObject({ status: 401 });
  });
});
