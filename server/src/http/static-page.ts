import { readFileSync } from 'node:fs';
import type { Context } from 'koa';
import { join } from 'node:path';
import { notFound } from '../lib/app-error';
import { route, RouteDef } from './route';

/** A desktop page served by the server: index.html, one script and one stylesheet from a folder under server/. */
export interface StaticPage {
  /** The page's path, e.g. "/operator"; its assets are under "/operator/". */
  path: string;
  /** The folder under server/ holding index.html, `<script>` and `<stylesheet>`. */
  folder: string;
  script: string;
  stylesheet: string;
  /** The Content-Security-Policy the page runs under. */
  csp: string;
  tag: string;
  summary: string;
}

/** The routes of a static desktop page: its HTML and its two assets, never anything else from the folder. */
export function staticPageRoutes(page: StaticPage): RouteDef[] {
  // server/<folder>/, reached the same way from src/http and dist/http.
  const dir = join(__dirname, '..', '..', page.folder);
  // A Map, not an object literal: a name like "valueOf" or "constructor" must not find Object.prototype's.
  const assets = new Map<string, string>([
    ['index.html', 'text/html; charset=utf-8'],
    [page.script, 'text/javascript; charset=utf-8'],
    [page.stylesheet, 'text/css; charset=utf-8'],
  ]);
  const send = (ctx: Context, name: string) => {
    const type = assets.get(name);
    if (!type) throw notFound('page');
    const body = readFileSync(join(dir, name));
    ctx.set('Content-Security-Policy', page.csp);
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = type;
    return Promise.resolve(body);
  };
  return [
    route({
      method: 'get', path: page.path, access: 'public', summary: page.summary, tag: page.tag,
      responds: { media: ['text/html'], returns: 'text/html' },
      handler: ({ ctx }) => send(ctx, 'index.html'),
    }),
    route({
      method: 'get', path: `${page.path}/:asset`, access: 'public', summary: `The ${page.path.slice(1)} page's script and stylesheet`, tag: page.tag,
      responds: { media: ['text/javascript', 'text/css'], returns: 'text/javascript or text/css' },
      handler: ({ ctx, params }) => send(ctx, params.asset),
    }),
  ];
}
