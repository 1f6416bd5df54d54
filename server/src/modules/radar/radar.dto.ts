import { IsTime } from '../../http/query';
import { Optional } from '../../middleware/validate';

/** GET /api/radar?since= */
export class RadarQuery {
  @Optional() @IsTime('ISO time: only activity after it') since?: string;
}
