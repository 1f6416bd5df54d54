// koa-ratelimit 6 ships no types; this is the part of its options we use.
declare module 'koa-ratelimit' {
  import type { Context, Middleware } from 'koa';
  interface RateLimitOptions {
    driver: 'memory' | 'redis';
    /** A Map for the memory driver, an ioredis client for the redis driver. */
    db: unknown;
    namespace?: string;
    duration: number;
    max: number;
    id: (ctx: Context) => string | false;
    disableHeader?: boolean;
    errorMessage?: string;
    status?: number;
    throw?: boolean;
  }
  function ratelimit(options: RateLimitOptions): Middleware;
  export = ratelimit;
}
