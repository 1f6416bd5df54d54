import { CHANNELS_FINDER_ID, MOMENTS_COPY_MAX_CHARS, type ContentKind, type FieldError, type TagCode } from '@kejing/shared';
import { badRequest } from '../../lib/app-error';
import { hasArticleContent, sanitizeArticleHtml } from './sanitize-html';

/** The text of a new version, as the API, the importer and tests hand it in. */
export interface DraftInput {
  title: string;
  summary?: string | null;
  coverUrl?: string | null;
  bodyHtml?: string | null;
  videoUrl?: string | null;
  durationSec?: number | null;
  liveStartsAtMs?: number | null;
  liveEndsAtMs?: number | null;
  replayUrl?: string | null;
  /** A live's 视频号 id ("sph…"): where agents really go live, opened with wx.openChannelsLive. */
  channelsFinderId?: string | null;
  /** 朋友圈文案; null: made from the title and summary when shown. */
  momentsCopy?: string | null;
  tags: TagCode[];
}

/** A draft ready to store: HTML sanitised, blanks as null, tags once each. */
export type PreparedDraft = Required<{ [K in keyof DraftInput]: Exclude<DraftInput[K], undefined> }>;

const blank = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === '' ? null : value.trim());

/**
 * Sanitises and checks a draft for its kind: an article needs a body, a video its URL, a live
 * stream its start (and an end after it), a poster its image template.
 */
export function prepareDraft(kind: ContentKind, input: DraftInput): PreparedDraft {
  const sanitised = blank(input.bodyHtml) === null ? null : blank(sanitizeArticleHtml(input.bodyHtml as string));
  // An editor's empty paragraph ("<p><br></p>") is no body: an article without words or images is refused.
  const bodyHtml = sanitised !== null && hasArticleContent(sanitised) ? sanitised : null;
  const draft: PreparedDraft = {
    title: input.title.trim(),
    summary: blank(input.summary),
    coverUrl: blank(input.coverUrl),
    bodyHtml,
    videoUrl: blank(input.videoUrl),
    durationSec: input.durationSec ?? null,
    liveStartsAtMs: input.liveStartsAtMs ?? null,
    liveEndsAtMs: input.liveEndsAtMs ?? null,
    replayUrl: blank(input.replayUrl),
    channelsFinderId: kind === 'live' ? blank(input.channelsFinderId) : null,
    momentsCopy: blank(input.momentsCopy),
    tags: [...new Set(input.tags)],
  };
  const errors: FieldError[] = [];
  if (draft.title === '') errors.push({ field: 'title', reason: '请填写标题' });
  if (kind === 'article' && draft.bodyHtml === null) errors.push({ field: 'bodyHtml', reason: '文章需要正文（去掉不安全的内容后正文为空），请补充正文' });
  if (kind === 'video' && draft.videoUrl === null) errors.push({ field: 'videoUrl', reason: '视频需要填写视频地址' });
  if (kind === 'live' && draft.liveStartsAtMs === null) errors.push({ field: 'liveStartsAt', reason: '直播需要填写开始时间' });
  if (draft.liveStartsAtMs !== null && draft.liveEndsAtMs !== null && draft.liveEndsAtMs <= draft.liveStartsAtMs) {
    errors.push({ field: 'liveEndsAt', reason: '直播结束时间应晚于开始时间' });
  }
  if (draft.channelsFinderId !== null && !CHANNELS_FINDER_ID.test(draft.channelsFinderId)) {
    errors.push({ field: 'channelsFinderId', reason: '视频号ID以 sph 开头，请从视频号助手复制' });
  }
  if (draft.momentsCopy !== null && Array.from(draft.momentsCopy).length > MOMENTS_COPY_MAX_CHARS) {
    errors.push({ field: 'momentsCopy', reason: `朋友圈文案最多 ${MOMENTS_COPY_MAX_CHARS} 字` });
  }
  if (kind === 'poster' && draft.coverUrl === null) errors.push({ field: 'coverUrl', reason: '海报需要上传图片' });
  if (errors.length > 0) throw badRequest(errors);
  return draft;
}

/** True when a stored version already says exactly this (a re-import then makes no new version). */
export function sameText(a: PreparedDraft, b: PreparedDraft): boolean {
  return (Object.keys(a) as (keyof PreparedDraft)[]).every((key) =>
    key === 'tags' ? [...a.tags].sort().join() === [...b.tags].sort().join() : a[key] === b[key]);
}
