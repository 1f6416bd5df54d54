import { route, RouteDef } from '../../http/route';
import { SHARERS } from '../../permissions/access';
import type { Services } from '../../services';
import { RadarQuery } from './radar.dto';

export function radarRoutes(s: Pick<Services, 'radar'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/radar', access: SHARERS, summary: '谁看了我: who opened what, how far they read, what they did next', tag: 'radar',
      query: RadarQuery, responds: 'RadarItemView[]',
      handler: ({ query, actor }) => s.radar.radar(actor, query.since === undefined ? null : Date.parse(query.since)),
    }),
  ];
}
