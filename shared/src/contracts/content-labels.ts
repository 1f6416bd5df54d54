/**
 * The words people read for the content codes, in one table each: the mini program's library and
 * the operator page (server/operator, which the server hands these tables as labels.js) show the same.
 */
import type { ContentMetric, ContentReviewStatus } from './content-platform';
import type { ContentKind, TagFamily } from './domain';

export const CONTENT_KIND_NAMES_ZH: Record<ContentKind, string> = { article: '文章', video: '视频', live: '直播', poster: '海报' };

export const CONTENT_STATUS_NAMES_ZH: Record<ContentReviewStatus, string> = {
  draft: '草稿', in_review: '审核中', approved: '已发布', rejected: '已驳回', retired: '已下架',
};

export const TAG_FAMILY_NAMES_ZH: Record<TagFamily, string> = { need: '需求', audience: '人群', life_event: '人生大事', stage: '销售阶段' };

/** Column headings of the content analytics, in CONTENT_METRICS' order. */
export const CONTENT_METRIC_NAMES_ZH: Record<ContentMetric, string> = {
  shares: '分享', forwards: '转发', opens: '打开', uniqueViewers: '独立访客', avgDepthPct: '平均深度%',
  medianDepthPct: '深度中位数%', completionPct: '完读率%', leads: '留资', stageMoves: '推动阶段',
};

/** The steps of a content item's history (its audit actions, after "content."). */
export const CONTENT_HISTORY_ACTION_NAMES_ZH = {
  created: '创建', edited: '编辑（新版本）', submitted: '提交审核', submission_blocked: '提交被拦截', approved: '审核通过并发布',
  rejected: '驳回', retired: '下架', visibility_changed: '修改可见范围',
} as const satisfies Record<string, string>;
