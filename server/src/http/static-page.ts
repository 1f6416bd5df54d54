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
  /** Scripts the server makes rather than reads from the folder (e.g. the page's words from shared), by name. */
  generated?: ReadonlyMap<string, string>;
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
    const made = page.generated?.get(name);
    const type = made === undefined ? assets.get(name) : 'text/javascript; charset=utf-8';
    if (!type) throw notFound('page');
    const body = made ?? readFileSync(join(dir, name));
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

/**
 * What both consoles (内容运营台 /operator and 管理台 /admin) load from one place, /console/: their
 * shared helpers (console.js: building elements, calling the API, the message area) and stylesheet,
 * and the rich-text editor (Quill 2) served from node_modules as npm installed it, so no page needs
 * a CDN. Only the files named here are served; nothing else under node_modules is reachable.
 */
export function consoleAssetRoutes(): RouteDef[] {
  const own = join(__dirname, '..', '..', 'console');
  const files = new Map<string, { file: string; type: string }>([
    ['console.js', { file: join(own, 'console.js'), type: 'text/javascript; charset=utf-8' }],
    ['console.css', { file: join(own, 'console.css'), type: 'text/css; charset=utf-8' }],
    ['quill.js', { file: require.resolve('quill/dist/quill.js'), type: 'text/javascript; charset=utf-8' }],
    ['quill.snow.css', { file: require.resolve('quill/dist/quill.snow.css'), type: 'text/css; charset=utf-8' }],
  ]);
  return [
    route({
      method: 'get', path: '/console/:asset', access: 'public', tag: 'console',
      summary: 'What the operator page and the admin console share: their helpers and stylesheet, and the rich-text editor (Quill) from node_modules',
      responds: { media: ['text/javascript', 'text/css'], returns: 'text/javascript or text/css' },
      handler: ({ ctx, params }) => {
        const asset = files.get(params.asset);
        if (!asset) throw notFound('page');
        // Read once per request: the files are small and a deploy replaces them in place.
        ctx.set('Cache-Control', 'no-cache');
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.type = asset.type;
        return Promise.resolve(readFileSync(asset.file));
      },
    }),
  ];
}
