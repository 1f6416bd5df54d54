import type { HealthView } from '@kejing/shared';
import { route, RouteDef } from '../../http/route';
import type { Services } from '../../services';

const PROBE_TIMEOUT_MS = 1500;

/** 200 with the database's state when it answers, 503 when it does not (or not in time). */
export function healthRoutes(s: Pick<Services, 'dataSource'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/health', access: 'public', summary: 'Liveness and the database state (503 when the database is unreachable)', tag: 'system', responds: 'HealthView',
      alsoAnswers: { 503: 'the database does not answer: the same body, status unavailable' },
      handler: async ({ ctx }) => {
        const started = Date.now();
        let database: HealthView['database']['state'] = 'down';
        try {
          const probe = s.dataSource.query('SELECT 1');
          const outcome = await Promise.race([probe.then(() => 'up' as const), new Promise<'slow'>((r) => setTimeout(() => r('slow'), PROBE_TIMEOUT_MS).unref())]);
          probe.catch(() => undefined);
          database = outcome;
        } catch {
          database = 'down';
        }
        const latencyMs = Date.now() - started;
        ctx.status = database === 'down' ? 503 : 200;
        return { status: database === 'up' ? 'ok' : database === 'slow' ? 'degraded' : 'unavailable', database: { state: database, kind: s.dataSource.options.type, latencyMs } };
      },
    }),
  ];
}
