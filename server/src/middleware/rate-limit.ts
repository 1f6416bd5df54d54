import type { Context, Middleware, Next } from 'koa';
import ratelimit from 'koa-ratelimit';
import type Redis from 'ioredis';
import type { RateLimitConfig } from '../config/load-config';
import type { SessionTokens } from '../modules/auth/session-tokens';
import type { Clock } from '../lib/clock';

/** Where counters live: one process's memory (embedded default) or Redis (several processes). */
export type RateLimitStore = { kind: 'memory'; map: Map<string, unknown> } | { kind: 'redis'; client: Redis };

export interface RateLimitDeps {
  config: RateLimitConfig;
  store: RateLimitStore;
  tokens: SessionTokens;
  clock: Clock;
  onStoreError?: (error: unknown) => void;
}

type KeyOf = (ctx: Context) => string | null;

interface Limit {
  name: string;
  method: string;
  path: string;
  max: number;
  key: KeyOf;
}

/** The session's user id, without failing: a bad token is auth's to refuse (401), not ours. */
function userKey(deps: RateLimitDeps): KeyOf {
  return (ctx) => {
    const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
    if (!match) return null;
    try {
      return deps.tokens.verify(match[1] as string, deps.clock.nowMs()).userId;
    } catch {
      return null;
    }
  };
}

const ipKey: KeyOf = (ctx) => ctx.ip || null;

/** A lead names its share in the body; a batch of events is keyed by its first event's share. */
const shareKey: KeyOf = (ctx) => {
  const body = ctx.request.body as { shareId?: unknown; events?: { shareId?: unknown }[] } | undefined;
  const shareId = body?.shareId ?? (Array.isArray(body?.events) ? body?.events[0]?.shareId : undefined);
  return typeof shareId === 'string' && shareId.length > 0 && shareId.length <= 200 ? shareId : null;
};

function limitsOf(deps: RateLimitDeps): Limit[] {
  const { config } = deps;
  const user = userKey(deps);
  return [
    { name: 'login-ip', method: 'POST', path: '/api/auth/login', max: config.login.perIp, key: ipKey },
    { name: 'events-user', method: 'POST', path: '/api/events', max: config.events.perUser, key: user },
    { name: 'events-ip', method: 'POST', path: '/api/events', max: config.events.perIp, key: ipKey },
    { name: 'events-share', method: 'POST', path: '/api/events', max: config.events.perShare, key: shareKey },
    { name: 'leads-user', method: 'POST', path: '/api/leads', max: config.leads.perUser, key: user },
    { name: 'leads-ip', method: 'POST', path: '/api/leads', max: config.leads.perIp, key: ipKey },
    { name: 'leads-share', method: 'POST', path: '/api/leads', max: config.leads.perShare, key: shareKey },
    // Anonymous opens (no user to count by): the events' own limits per IP and per share.
    { name: 'glance-ip', method: 'POST', path: '/api/shares/glance', max: config.events.perIp, key: ipKey },
    { name: 'glance-share', method: 'POST', path: '/api/shares/glance', max: config.events.perShare, key: shareKey },
  ].filter((l) => l.max > 0);
}

/**
 * koa-ratelimit's memory driver never deletes a counter: one per IP, user and share seen would
 * stay for the life of the process. A counter whose window has ended is only ever replaced by a
 * fresh one, so dropping it changes no decision. `reset` is the driver's own field (seconds).
 */
export function dropEndedCounters(map: Map<string, unknown>, nowMs: number): number {
  let dropped = 0;
  for (const [key, counter] of map) {
    const reset = (counter as { reset?: unknown } | undefined)?.reset;
    if (typeof reset === 'number' && reset * 1000 < nowMs) {
      map.delete(key);
      dropped += 1;
    }
  }
  return dropped;
}

/**
 * Rate limits for the endpoints anyone with WeChat can hit (login, events, lead forms): per user,
 * per IP and per share, each its own koa-ratelimit counter. Runs after the body parser (the share
 * is in the body) and before the router. A refusal is 429 with Retry-After in whole seconds (≥ 1)
 * and the API's error body; the request never reaches the database.
 */
export function rateLimits(deps: RateLimitDeps): Middleware {
  const limiters = limitsOf(deps).map((limit) => {
    const counter = ratelimit({
      ...(deps.store.kind === 'memory'
        ? { driver: 'memory' as const, db: deps.store.map as Map<string, never> }
        : { driver: 'redis' as const, db: deps.store.client }),
      namespace: `kejing:rl:${limit.name}`,
      duration: deps.config.windowMs,
      max: limit.max,
      id: (ctx: Context) => limit.key(ctx) ?? false,
      disableHeader: false,
    });
    return { limit, counter };
  });
  if (deps.store.kind === 'memory') {
    const map = deps.store.map;
    // The driver times windows with the wall clock, not the injectable one. unref: it must not keep a process alive.
    setInterval(() => dropEndedCounters(map, Date.now()), deps.config.windowMs).unref();
  }
  return async function limitRequests(ctx: Context, next: Next): Promise<void> {
    const applicable = limiters.filter(({ limit }) => limit.method === ctx.method && limit.path === ctx.path);
    for (const { counter } of applicable) {
      let passed = false;
      try {
        await counter(ctx, async () => {
          passed = true;
        });
      } catch (error) {
        // Fail open: a counter store that is down must not take ingestion down with it.
        deps.onStoreError?.(error);
        passed = true;
      }
      if (!passed) {
        const resetSec = Number(ctx.response.get('X-RateLimit-Reset'));
        const retryAfter = Math.max(1, Number.isFinite(resetSec) ? Math.ceil(resetSec - Date.now() / 1000) : 1);
        ctx.status = 429;
        ctx.set('Retry-After', String(retryAfter));
        ctx.body = { error: { code: 'rate_limited', message: `操作太频繁了，请 ${retryAfter} 秒后再试` } };
        return;
      }
    }
    await next();
  };
}
