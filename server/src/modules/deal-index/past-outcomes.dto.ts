import { IsString, MaxLength } from 'class-validator';
import type { PastOutcomesImportRequest } from '@kejing/shared';

/** CSV text of past outcomes; 2 MB is some 40,000 lines. */
export class PastOutcomesImportDto implements PastOutcomesImportRequest {
  @IsString() @MaxLength(2_000_000) csv!: string;
}
