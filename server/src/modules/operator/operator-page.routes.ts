import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notFound } from '../../lib/app-error';
import type { Context } from 'koa';
import {
  CONTENT_HISTORY_ACTION_NAMES_ZH, CONTENT_KIND_NAMES_ZH, CONTENT_METRIC_NAMES_ZH, CONTENT_METRICS, CONTENT_STATUS_NAMES_ZH, TAG_FAMILY_NAMES_ZH,
} from '@kejing/shared';
import { route, RouteDef } from '../../http/route';

// server/operator/, reached the same way from src/modules/operator and dist/modules/operator.
const PAGE_DIR = join(__dirname, '..', '..', '..', 'operator');
/**
 * The page's words and codes, from shared's tables: the page is plain script in the browser and
 * cannot import them, so the server hands them over as a script the page loads first.
 */
const LABELS_JS = `'use strict';
// Made by the server from @kejing/shared (contracts/content-labels.ts); edit the words there.
window.KEJING_LABELS = ${JSON.stringify({
  statuses: CONTENT_STATUS_NAMES_ZH, kinds: CONTENT_KIND_NAMES_ZH, tagFamilies: TAG_FAMILY_NAMES_ZH,
  metrics: CONTENT_METRICS.map((key) => [key, CONTENT_METRIC_NAMES_ZH[key]]), actions: CONTENT_HISTORY_ACTION_NAMES_ZH,
})};
`;
const fromDisk = (name: string) => () => readFileSync(join(PAGE_DIR, name));
// A Map, not an object literal: a name like "valueOf" or "constructor" must not find Object.prototype's.
const ASSETS = new Map<string, { type: string; body: () => Buffer | string }>([
  ['index.html', { type: 'text/html; charset=utf-8', body: fromDisk('index.html') }],
  ['operator.js', { type: 'text/javascript; charset=utf-8', body: fromDisk('operator.js') }],
  ['labels.js', { type: 'text/javascript; charset=utf-8', body: () => LABELS_JS }],
  ['operator.css', { type: 'text/css; charset=utf-8', body: fromDisk('operator.css') }],
]);
// The page runs only its own script and talks only to this origin; previews of article HTML
// (already sanitised on the server) cannot run script even if something slipped through.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; media-src https: http:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function serve(name: string) {
  const asset = ASSETS.get(name);
  if (!asset) throw notFound('page');
  return { type: asset.type, body: asset.body() };
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
