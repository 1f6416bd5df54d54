/** The wire format of auth: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { AgentCardView } from './card';
import type { Role } from './domain';

/** POST /api/auth/login — the code from wx.login. */
export interface LoginRequest {
  code: string;
}
export interface SessionView {
  token: string;
  expiresAt: string;
  user: MeView;
}
/** POST /api/auth/bind — an agent binds their WeChat identity with a one-time invite code. */
export interface BindRequest {
  inviteCode: string;
}
/** GET /api/me */
export interface MeView {
  userId: string;
  roles: Role[];
  agent?: AgentCardView;
  orgUnitId?: string;
}
