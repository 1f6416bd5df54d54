import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, isURL, IsUUID, Length, Matches, Max, Min, ValidateBy, ValidateIf,
} from 'class-validator';
import {
  CHANNELS_FINDER_ID, CONTENT_KINDS, type ContentDraftRequest, type ContentKind, type ContentVisibilityRequest, type CreateContentRequest,
  type CreateForbiddenWordRequest, type RejectContentRequest, type RetireContentRequest, type TagCode,
  MOMENTS_COPY_MAX_CHARS, TAG_CODE_PATTERN,
} from '@kejing/shared';
import { Optional, Nested } from '../../middleware/validate';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
/** An upload served by this API, named by path: what imports store, and what the operator page keeps, so it works from any host the API is reached by. */
const UPLOAD_PATH = /^\/api\/uploads\/[0-9a-f]{64}$/;

/** A cover, video or replay: a full http(s) URL, or an upload's path on this API. */
const IsMediaUrl = (): PropertyDecorator => ValidateBy({
  name: 'isMediaUrl',
  validator: { validate: (value: unknown) => typeof value === 'string' && (UPLOAD_PATH.test(value) || isURL(value, URL_OPTIONS)) },
});

export class ContentVisibilityDto implements ContentVisibilityRequest {
  @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) orgUnitIds!: string[];
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsISO8601({ strict: true }) visibleFrom?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsISO8601({ strict: true }) visibleUntil?: string | null;
}

export class ContentDraftDto implements ContentDraftRequest {
  @IsString() @Length(1, 200) title!: string;
  @Optional() @IsString() @Length(0, 500) summary?: string;
  @Optional() @IsMediaUrl() @Length(1, 500) coverUrl?: string;
  @Optional() @IsString() @Length(0, 60_000) bodyHtml?: string;
  @Optional() @IsMediaUrl() @Length(1, 500) videoUrl?: string;
  @Optional() @IsInt() @Min(0) @Max(86_400) durationSec?: number;
  @Optional() @IsISO8601({ strict: true }) liveStartsAt?: string;
  @Optional() @IsISO8601({ strict: true }) liveEndsAt?: string;
  @Optional() @IsMediaUrl() @Length(1, 500) replayUrl?: string;
  @Optional() @IsString() @Matches(CHANNELS_FINDER_ID, { message: '视频号ID以 sph 开头，请从视频号助手复制' }) channelsFinderId?: string;
  @Optional() @IsString() @Length(0, MOMENTS_COPY_MAX_CHARS, { message: `朋友圈文案最多 ${MOMENTS_COPY_MAX_CHARS} 字` }) momentsCopy?: string;
  @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) @Matches(TAG_CODE_PATTERN, { each: true, message: '标签应为“类别:编码”，例如 need:critical_illness，请从标签树选择' })
  tags!: TagCode[];
}

export class CreateContentDto extends ContentDraftDto implements CreateContentRequest {
  @IsIn(CONTENT_KINDS) kind!: ContentKind;
  @Optional() @Nested(() => ContentVisibilityDto) visibility?: ContentVisibilityDto;
}

export class RejectContentDto implements RejectContentRequest {
  @IsString() @Length(1, 500) reason!: string;
}

export class RetireContentDto implements RetireContentRequest {
  @Optional() @IsString() @Length(1, 500) reason?: string;
}

export class CreateForbiddenWordDto implements CreateForbiddenWordRequest {
  @IsString() @Length(1, 100) word!: string;
  @Optional() @IsString() @Matches(/^[a-z_]{1,32}$/, { message: '类别应为 1–32 个小写字母或 _' }) category?: string;
}

const ms = (iso: string | null | undefined) => (iso === undefined || iso === null ? null : Date.parse(iso));

/** The draft as the service takes it: ISO times become epoch milliseconds. */
export function draftInputOf(dto: ContentDraftDto) {
  return {
    title: dto.title, summary: dto.summary, coverUrl: dto.coverUrl, bodyHtml: dto.bodyHtml, videoUrl: dto.videoUrl, durationSec: dto.durationSec,
    liveStartsAtMs: ms(dto.liveStartsAt), liveEndsAtMs: ms(dto.liveEndsAt), replayUrl: dto.replayUrl, channelsFinderId: dto.channelsFinderId, momentsCopy: dto.momentsCopy, tags: dto.tags,
  };
}

export function visibilityInputOf(dto: ContentVisibilityDto) {
  return { orgUnitIds: dto.orgUnitIds, visibleFromMs: ms(dto.visibleFrom), visibleUntilMs: ms(dto.visibleUntil) };
}
