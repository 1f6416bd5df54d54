import type { AuthDeps } from '../middleware/auth';
import { mountRoutes } from './mount-routes';
import type { RouteDef } from './route';

const auth = {} as AuthDeps; // no route below needs a session

describe('mounting routes', () => {
  it('refuses to start with a route that declares no access (a cast or plain JS got past the type)', () => {
    const route = { method: 'get', path: '/api/nobody-said', summary: 's', tag: 't', responds: 'nothing', status: 204, handler: async () => undefined } as unknown as RouteDef;
    expect(() => mountRoutes([route], auth)).toThrow('GET /api/nobody-said declares no access');
  });

  it('refuses two areas where one would hide the other', () => {
    const route = (path: string) => ({ method: 'get', path, access: 'public', summary: 's', tag: 't', responds: 'nothing', status: 204, handler: async () => undefined }) as RouteDef;
    expect(() => mountRoutes([route('/api'), route('/api/x')], auth)).toThrow('overlaps');
  });
});
