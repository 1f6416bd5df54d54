import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, IsUrl, Length, Matches, Max, Min, IsUUID } from 'class-validator';
import { CONTENT_KINDS, ContentKind, TAG_CODE_PATTERN, TagCode } from '@kejing/shared';
import { Optional } from '../../middleware/validate';

/** An already-approved content item, for bootstrapping before the review workflow is used. */
export class CreateApprovedContentDto {
  @IsIn(CONTENT_KINDS) kind!: ContentKind;
  @IsString() @Length(1, 200) title!: string;
  @Optional() @IsString() @Length(0, 500) summary?: string;
  @Optional() @IsUrl({ require_tld: false }) coverUrl?: string;
  @Optional() @IsString() @Length(0, 60_000) bodyHtml?: string;
  @Optional() @IsUrl({ require_tld: false }) videoUrl?: string;
  @Optional() @IsInt() @Min(0) @Max(86_400) durationSec?: number;
  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Matches(TAG_CODE_PATTERN, { each: true }) tags!: TagCode[];
  @Optional() @IsArray() @IsUUID('all', { each: true }) visibleOrgUnitIds?: string[];
}
