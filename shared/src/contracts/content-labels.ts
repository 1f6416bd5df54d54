/**
 * The words people read for the content codes, in one table each: the mini program's library and
 * the operator page (server/operator, which the server hands these tables as labels.js) show the same.
 */
import type { ContentMetric, ContentReviewStatus } from './content-platform';
import type { ContentKind, Role, TagFamily } from './domain';

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

/**
 * The fields of a content version as operators know them: the operator page names a field from
 * here when the server or the page refuses it ("封面：…"), never by its API name.
 */
export const CONTENT_FIELD_NAMES_ZH = {
  kind: '类型', title: '标题', summary: '摘要', coverUrl: '封面', bodyHtml: '正文', videoUrl: '视频地址', durationSec: '时长',
  liveStartsAt: '开播时间', liveEndsAt: '结束时间', replayUrl: '回放', channelsFinderId: '视频号ID', tags: '标签', momentsCopy: '朋友圈文案',
  reason: '原因', visibility: '可见范围', orgUnitIds: '可见机构', visibleFrom: '生效时间', visibleUntil: '截止时间',
  word: '禁用词', category: '类别', family: '标签类别', code: '代码', name: '名称', parentCode: '上级标签', file: '文件',
} as const satisfies Record<string, string>;

/** A live stream's state as the reader sees it (ContentVersionView.liveStatus). */
export const LIVE_STATUS_NAMES_ZH = { scheduled: '未开播', live: '直播中', ended: '已结束' } as const satisfies Record<string, string>;

/** Staff roles as people read them (both consoles say who is logged in by these). */
export const STAFF_ROLE_NAMES_ZH: Record<Role, string> = {
  agent: '营销员', leader: '团队长', manager: '机构管理者', operator: '内容运营', admin: '管理员', viewer: '访客',
};

/** Why a forbidden word is on the list (its category); an unknown category reads as 其他. */
export const FORBIDDEN_WORD_CATEGORY_NAMES_ZH = {
  guaranteed_returns: '承诺收益', misleading: '误导宣传', superlative: '绝对化用语', disparaging: '贬低同业', operator: '运营添加',
} as const satisfies Record<string, string>;
