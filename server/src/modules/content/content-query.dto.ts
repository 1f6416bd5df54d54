import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { CONTENT_KINDS, CONTENT_METRICS, TAG_CODE_PATTERN, TAG_FAMILIES } from '@kejing/shared';
import type { ContentKind, ContentMetric, ContentReviewStatus, TagFamily } from '@kejing/shared';
import { IsCount, IsTime, PageQuery } from '../../http/query';
import { CONTENT_STATUSES } from './content-workflow';
import { Optional } from '../../middleware/validate';

const oneOf = (values: readonly string[]) => ({ message: `应为以下之一：${values.join('、')}` });
const TEXT = { message: '最多 100 个字' };
const TAG = { message: '应为标签，例如 need:critical_illness' };

/** GET /api/content: approved content visible to the caller. */
export class ContentListQuery extends PageQuery {
  @Optional() @IsString(TEXT) @MaxLength(100, TEXT) @JSONSchema({ description: 'words in the title, the summary or a tag name, synonyms included (重疾 finds 重大疾病); every word must match' }) q?: string;
  @Optional() @IsString(TAG) @Matches(TAG_CODE_PATTERN, TAG) tag?: string;
  @Optional() @IsIn(CONTENT_KINDS, oneOf(CONTENT_KINDS)) kind?: ContentKind;
}

/** GET /api/operator/content: every item, by review status, kind, title text or tag. */
export class OperatorContentQuery extends PageQuery {
  @Optional() @IsIn(CONTENT_STATUSES, oneOf(CONTENT_STATUSES)) status?: ContentReviewStatus;
  @Optional() @IsIn(CONTENT_KINDS, oneOf(CONTENT_KINDS)) kind?: ContentKind;
  @Optional() @IsString(TEXT) @MaxLength(100, TEXT) @JSONSchema({ description: 'text in the title' }) q?: string;
  @Optional() @IsString(TAG) @Matches(TAG_CODE_PATTERN, TAG) @JSONSchema({ description: 'a tag the latest version carries' }) tag?: string;
}

const ORG_UNIT = { message: '应为组织编号，请从组织树选择' };

/** ?orgUnitId=&from=&to= — common to every analytics query: what agents under a unit did, in a time window. */
export class AnalyticsQuery {
  @Optional() @IsString(ORG_UNIT) @Matches(/^[0-9a-f-]{36}$/i, ORG_UNIT) @JSONSchema({ description: 'only what agents under this branch or team did' }) orgUnitId?: string;
  @Optional() @IsTime('ISO time, inclusive') from?: string;
  @Optional() @IsTime('ISO time, exclusive') to?: string;
}

/** GET /api/operator/analytics/content: items ranked by a metric. */
export class ContentRankingQuery extends AnalyticsQuery {
  @Optional() @IsString({ message: '应为阶段标签，例如 stage:3' }) @Matches(TAG_CODE_PATTERN, { message: '应为阶段标签，例如 stage:3' })
  @JSONSchema({ description: 'only items whose current version carries it' }) tag?: string;
  @Optional() @IsIn(CONTENT_KINDS, oneOf(CONTENT_KINDS)) kind?: ContentKind;
  @Optional() @IsIn(CONTENT_METRICS, oneOf(CONTENT_METRICS)) @JSONSchema({ description: 'the metric to rank by (default stageMoves)' }) sort?: ContentMetric;
  @Optional() @IsCount(1_000_000, 'leave out items with fewer unique viewers') minViewers?: string;
  @Optional() @IsCount(500, 'default 50') limit?: string;
}

/** GET /api/operator/analytics/tags: tags ranked by a metric. */
export class TagRankingQuery extends AnalyticsQuery {
  @Optional() @IsIn(TAG_FAMILIES, oneOf(TAG_FAMILIES)) family?: TagFamily;
  @Optional() @IsIn(CONTENT_METRICS, oneOf(CONTENT_METRICS)) @JSONSchema({ description: 'the metric to rank by (default uniqueViewers)' }) sort?: ContentMetric;
  @Optional() @IsCount(500, 'default 100') limit?: string;
}

/** The filter an AnalyticsQuery names, times as epoch ms. */
export const analyticsFilterOf = (query: AnalyticsQuery) => ({
  ...(query.orgUnitId ? { orgUnitId: query.orgUnitId } : {}),
  fromMs: query.from === undefined ? undefined : Date.parse(query.from),
  toMs: query.to === undefined ? undefined : Date.parse(query.to),
});
