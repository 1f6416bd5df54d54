import type { RouteDef } from '../../http/route';
import { userIdOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { BindDto, LoginDto } from './auth.dto';

export function authRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'post', path: '/api/auth/login',
      handler: async (ctx) => {
        const { code } = await validated(LoginDto, ctx.request.body);
        ctx.body = await s.auth.login(code);
      },
    },
    {
      method: 'post', path: '/api/auth/bind',
      handler: async (ctx) => {
        const { inviteCode } = await validated(BindDto, ctx.request.body);
        ctx.body = await s.auth.bind(userIdOf(ctx), inviteCode);
      },
    },
    { method: 'get', path: '/api/me', handler: async (ctx) => void (ctx.body = await s.auth.me(userIdOf(ctx))) },
  ];
}
