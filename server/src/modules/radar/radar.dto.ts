import { IsOptional } from 'class-validator';
import { IsTime } from '../../http/query';

/** GET /api/radar?since= */
export class RadarQuery {
  @IsOptional() @IsTime('ISO time: only activity after it') since?: string;
}
