import { timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { DataSource } from 'typeorm';
import type { Role } from '@kejing/shared';
import { forbidden, unauthorized } from '../lib/app-error';
import type { Clock } from '../lib/clock';
import { BOOTSTRAP_ADMIN, StaffActor } from '../permissions/actor';
import type { SessionTokens } from '../modules/auth/session-tokens';
import { StaffMember, StaffRole } from '../modules/staff/staff-member.entity';
import { OrgUnit } from '../modules/org/org-unit.entity';

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
  clock: Clock;
  dataSource: DataSource;
  adminBootstrapToken: string;
}

/** Requires a valid session; staff roles (if given) also require a bound staff member with one of them. */
export function requireAuth(deps: AuthDeps, roles?: readonly Role[]) {
  const staffRoles = roles?.filter((r): r is StaffRole => r !== 'viewer');
  const viewersAllowed = !roles || roles.includes('viewer');
  // Not async: a viewer's request (every tracked event) passes without a promise of its own.
  return function authenticate(ctx: Context, next: Next): Promise<void> {
    const token = bearer(ctx);
    if (!token) throw unauthorized();
    const state = ctx.state as AuthState;
    if (staffRoles?.includes('admin') && sameSecret(token, deps.adminBootstrapToken)) {
      state.actor = BOOTSTRAP_ADMIN;
      return next();
    }
    const { userId } = deps.tokens.verify(token, deps.clock.nowMs());
    state.userId = userId;
    if (viewersAllowed) return next();
    return authenticateStaff(deps, staffRoles ?? [], userId, state).then(() => next());
  };
}

async function authenticateStaff(deps: AuthDeps, staffRoles: readonly StaffRole[], userId: string, state: AuthState): Promise<void> {
  const staff = await deps.dataSource.getRepository(StaffMember).findOneBy({ userId });
  if (!staff || !staffRoles.includes(staff.role)) throw forbidden('this needs a staff role you do not have');
  const unit = await deps.dataSource.getRepository(OrgUnit).findOneBy({ id: staff.orgUnitId });
  state.actor = {
    kind: 'staff', userId, staffId: staff.id, role: staff.role, orgUnitId: staff.orgUnitId, orgPath: unit?.path ?? '/', bootstrap: false,
  };
}
