import { route, RouteDef } from '../../http/route';
import { RATE_LIMITED, VIEWERS } from '../../permissions/access';
import type { Services } from '../../services';
import { BindDto, LoginDto } from './auth.dto';

export function authRoutes(s: Pick<Services, 'auth'>): RouteDef[] {
  return [
    route({
      method: 'post', path: '/api/auth/login', access: 'public', summary: 'Silent WeChat login with the wx.login code', tag: 'auth', body: LoginDto, responds: 'SessionView',
      errors: { 401: 'invalid or used code', 403: 'the WeChat identity belongs to a deactivated staff member (staff_deactivated)', 429: `WeChat rate limited the app, or ${RATE_LIMITED}`, 502: 'WeChat answered with something unreadable', 503: 'WeChat unreachable' },
      handler: ({ body }) => s.auth.login(body.code),
    }),
    route({
      method: 'post', path: '/api/auth/bind', access: VIEWERS, summary: 'Bind this WeChat identity to a staff member with a one-time invite code', tag: 'auth',
      body: BindDto, responds: 'SessionView', errors: { 403: 'the staff member was deactivated (staff_deactivated)', 409: 'already bound' },
      handler: ({ body, userId }) => s.auth.bind(userId, body.inviteCode),
    }),
    route({
      method: 'get', path: '/api/me', access: VIEWERS, summary: 'Who the session belongs to: roles and, for agents, the card', tag: 'auth', responds: 'MeView',
      handler: ({ userId }) => s.auth.me(userId),
    }),
  ];
}
