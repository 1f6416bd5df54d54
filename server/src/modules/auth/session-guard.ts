import type { DataSource, EntityManager } from 'typeorm';
import { unauthorized } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { SessionTokens } from './session-tokens';
import { User } from './user.entity';

/**
 * How long this process trusts a user's session epoch before reading it again. Another process
 * that ends a user's sessions is seen here within this long; this process sees its own at once.
 */
export const SESSION_EPOCH_CACHE_MS = 5_000;
const CACHE_LIMIT = 50_000;

/**
 * Ends sessions before they expire. A user row holds a session epoch; every token carries the
 * epoch it was issued in; a token whose epoch is below the user's, or whose user is gone (erased),
 * is refused (401). Ending a user's sessions raises the epoch, so it ends every token at once,
 * on every device, without a list of tokens.
 *
 * Reading the epoch on every request would cost a query per tracked event, so each process keeps
 * it for SESSION_EPOCH_CACHE_MS; a check with the epoch in memory is synchronous.
 */
export class SessionGuard {
  private readonly epochs = new Map<string, { epoch: number | null; untilMs: number }>();
  /** Counts sessions ended here, so that a read begun before an ending does not cache what it read. */
  private endings = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly tokens: SessionTokens,
  ) {}

  /** Throws 401 when the session was ended; returns a promise only when the epoch must be read. */
  check(userId: string, tokenEpoch: number): void | Promise<void> {
    const nowMs = this.clock.nowMs();
    const known = this.epochs.get(userId);
    if (known && nowMs < known.untilMs && nowMs >= known.untilMs - SESSION_EPOCH_CACHE_MS) return this.compare(known.epoch, tokenEpoch);
    return this.read(userId, nowMs).then((epoch) => this.compare(epoch, tokenEpoch));
  }

  /**
   * Ends every session the user has (erasure; an agent leaving). Pass the transaction that makes
   * the change, then call `forgetLocally` once it committed. Without a transaction, both happen here.
   */
  async endSessions(userId: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).createQueryBuilder().update(User)
      .set({ sessionEpoch: () => 'session_epoch + 1' })
      .where('id = :userId', { userId })
      .execute();
    if (!manager) this.forgetLocally(userId);
  }

  /** After a change to the user's sessions (or the user's erasure) committed: this process re-reads at once. */
  forgetLocally(userId: string): void {
    this.endings += 1;
    this.epochs.delete(userId);
    this.tokens.forgetUser(userId);
  }

  /** The epoch a new session of the user starts in. */
  async currentEpoch(userId: string): Promise<number> {
    const epoch = await this.read(userId, this.clock.nowMs());
    if (epoch === null) throw unauthorized('该微信身份的数据已删除，请重新登录');
    return epoch;
  }

  private compare(current: number | null, tokenEpoch: number): void {
    if (current === null || tokenEpoch < current) throw unauthorized('登录已结束，请重新登录');
  }

  private async read(userId: string, nowMs: number): Promise<number | null> {
    const endingsBefore = this.endings;
    const row = await this.dataSource.getRepository(User).findOne({ select: { id: true, sessionEpoch: true }, where: { id: userId } });
    const epoch = row ? row.sessionEpoch : null;
    if (this.endings === endingsBefore) {
      if (this.epochs.size >= CACHE_LIMIT) this.epochs.delete(this.epochs.keys().next().value as string);
      this.epochs.set(userId, { epoch, untilMs: nowMs + SESSION_EPOCH_CACHE_MS });
    }
    return epoch;
  }
}
