import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notFound } from '../../lib/app-error';
import type { Context } from 'koa';
import { route, RouteDef } from '../../http/route';

// server/operator/, reached the same way from src/modules/operator and dist/modules/operator.
const PAGE_DIR = join(__dirname, '..', '..', '..', 'operator');
// A Map, not an object literal: a name like "valueOf" or "constructor" must not find Object.prototype's.
const ASSETS = new Map<string, string>([
  ['index.html', 'text/html; charset=utf-8'],
  ['operator.js', 'text/javascript; charset=utf-8'],
  ['operator.css', 'text/css; charset=utf-8'],
]);
// The page runs only its own script and talks only to this origin; previews of article HTML
// (already sanitised on the server) cannot run script even if something slipped through.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; media-src https: http:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function serve(name: string) {
  const type = ASSETS.get(name);
  if (!type) throw notFound('page');
  return { type, body: readFileSync(join(PAGE_DIR, name)) };
}

/** The operators' desktop pages (内容运营台): static HTML + JS that uses the operator API. */
export function operatorPageRoutes(): RouteDef[] {
  const send = (ctx: Context, name: string) => {
    const { type, body } = serve(name);
    ctx.set('Content-Security-Policy', CSP);
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = type;
    return Promise.resolve(body);
  };
  const tag = 'operator';
  return [
    route({
      method: 'get', path: '/operator', access: 'public', summary: 'The operators\' desktop page (内容运营台): static HTML using the operator API with a pasted token', tag,
      responds: { media: ['text/html'], returns: 'text/html' },
      handler: ({ ctx }) => send(ctx, 'index.html'),
    }),
    route({
      method: 'get', path: '/operator/:asset', access: 'public', summary: 'The operator page\'s script and stylesheet', tag,
      responds: { media: ['text/javascript', 'text/css'], returns: 'text/javascript or text/css' },
      handler: ({ ctx, params }) => send(ctx, params.asset),
    }),
  ];
}
