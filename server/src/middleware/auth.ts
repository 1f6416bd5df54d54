import { timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { DataSource } from 'typeorm';
import type { Role, StaffRole } from '@kejing/shared';
import { AppError, forbidden, unauthorized } from '../lib/app-error';
import type { Clock } from '../lib/clock';
import { BOOTSTRAP_ADMIN, StaffActor } from '../permissions/actor';
import type { SessionGuard } from '../modules/auth/session-guard';
import type { SessionTokens } from '../modules/auth/session-tokens';
import { anyAdminBound, staffWithUnitPathOfUser } from '../modules/staff/queries/staff-members';
import { staffDeactivated } from '../modules/staff/staff.service';

export interface AuthState {
  userId?: string;
  actor?: StaffActor;
}

function bearer(ctx: Context): string | null {
  const header = ctx.get('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? (match[1] as string) : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthDeps {
  tokens: SessionTokens;
  sessions: SessionGuard;
  clock: Clock;
  dataSource: DataSource;
  adminBootstrapToken: string;
}

export interface AuthOptions {
  /** The route is one binding the first admin needs, which the bootstrap token opens until an admin is bound. */
  bootstrap?: boolean;
}

/** Requires a valid session; staff roles (if given) also require a bound staff member with one of them. */
export function requireAuth(deps: AuthDeps, roles?: readonly Role[], options: AuthOptions = {}) {
  const staffRoles = roles?.filter((r): r is StaffRole => r !== 'viewer');
  const viewersAllowed = !roles || roles.includes('viewer');
  // Not async: a viewer's request (every tracked event) passes without a promise of its own while its session epoch is in memory.
  return function authenticate(ctx: Context, next: Next): Promise<void> {
    const token = bearer(ctx);
    if (!token) throw unauthorized();
    const state = ctx.state as AuthState;
    if (sameSecret(token, deps.adminBootstrapToken)) {
      if (!options.bootstrap) throw new AppError(401, 'bootstrap_token_limited');
      return bootstrapOpen(deps.dataSource).then(() => {
        state.actor = BOOTSTRAP_ADMIN;
        return next();
      });
    }
    const { userId, epoch } = deps.tokens.verify(token, deps.clock.nowMs());
    state.userId = userId;
    const proceed = (): Promise<void> => (viewersAllowed ? next() : authenticateStaff(deps, staffRoles ?? [], userId, state).then(() => next()));
    const checked = deps.sessions.check(userId, epoch);
    return checked ? checked.then(proceed) : proceed();
  };
}

/**
 * The bootstrap token retires for good once any admin has bound WeChat: from then on admins log in
 * and create the rest. Read on every use (it is used a handful of times, ever), so every process
 * sees the binding at once.
 */
async function bootstrapOpen(dataSource: DataSource): Promise<void> {
  if (await anyAdminBound(dataSource)) throw new AppError(401, 'bootstrap_token_retired');
}

async function authenticateStaff(deps: AuthDeps, staffRoles: readonly StaffRole[], userId: string, state: AuthState): Promise<void> {
  const found = await staffWithUnitPathOfUser(deps.dataSource, userId);
  if (!found || !staffRoles.includes(found.staff.role)) throw forbidden('这项操作需要员工身份或更高的角色，如需开通请联系管理员');
  const { staff, orgPath } = found;
  // The leaver's tokens end with their session epoch; this holds for any token that slipped through another process's cache.
  if (staff.deactivatedAtMs !== null) throw staffDeactivated();
  state.actor = {
    kind: 'staff', userId, staffId: staff.id, role: staff.role, orgUnitId: staff.orgUnitId, orgPath: orgPath ?? '/', bootstrap: false,
  };
}
