import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { MeView, Role, SessionView } from '@kejing/shared';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { WeChatClient } from '../../wechat/wechat-client';
import { staffDeactivated, type StaffService } from '../staff/staff.service';
import type { SessionGuard } from './session-guard';
import type { SessionTokens } from './session-tokens';
import { User } from './user.entity';

/** Silent WeChat login for everyone; staff additionally bind with an invite code. */
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly wechat: WeChatClient,
    private readonly tokens: SessionTokens,
    private readonly sessions: SessionGuard,
    private readonly staff: StaffService,
  ) {}

  async login(code: string): Promise<SessionView> {
    const identity = await this.wechat.codeToSession(code);
    const user = await this.findOrCreateUser(identity.openid, identity.unionid);
    // A leaver's WeChat identity stays bound to their staff row, so it can neither log in nor bind again.
    if ((await this.staff.findByUser(user.id))?.deactivatedAtMs) throw staffDeactivated();
    this.logger.info('login', { userId: user.id });
    return this.session(user.id, user.sessionEpoch);
  }

  async bind(userId: string, inviteCode: string): Promise<SessionView> {
    const staff = await this.staff.bind(userId, inviteCode);
    this.logger.info('staff bound', { userId, staffId: staff.id });
    return this.session(userId, await this.sessions.currentEpoch(userId));
  }

  /**
   * Ends every session the user has, on every device, at once (an agent leaving, after erasure).
   * This process refuses the old tokens from now on; other processes within SESSION_EPOCH_CACHE_MS.
   */
  async endSessions(userId: string): Promise<void> {
    await this.sessions.endSessions(userId);
    this.logger.info('sessions ended', { userId });
  }

  async me(userId: string): Promise<MeView> {
    const staff = await this.staff.findByUser(userId);
    if (!staff) return { userId, roles: ['viewer'] };
    const roles: Role[] = ['viewer', staff.role];
    const isAgent = staff.role === 'agent' || staff.role === 'leader';
    return { userId, roles, orgUnitId: staff.orgUnitId, ...(isAgent ? { agent: await this.staff.card(staff.id) } : {}) };
  }

  private async session(userId: string, epoch: number): Promise<SessionView> {
    const { token, expiresAtMs } = this.tokens.issue({ userId, epoch }, this.clock.nowMs());
    return { token, expiresAt: new Date(expiresAtMs).toISOString(), user: await this.me(userId) };
  }

  /** Insert-or-ignore then read: two first logins racing end with one user. */
  private async findOrCreateUser(openid: string, unionid: string | null): Promise<User> {
    const repo = this.dataSource.getRepository(User);
    const existing = await repo.findOneBy({ openid });
    if (existing) return existing;
    await repo
      .createQueryBuilder()
      .insert()
      .values({ id: randomUUID(), openid, unionid, createdAtMs: this.clock.nowMs() })
      .orIgnore()
      .execute();
    return repo.findOneByOrFail({ openid });
  }
}
