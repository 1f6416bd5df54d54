/** What a touchpoint says about the content behind it: how deep, and which needs. */
import type { NeedCode, TagCode } from '../contracts';
import type { ScoringConfig } from './config';
import type { ScoringEvent } from './types';

/** Chinese names of the seeded need families, for reasons and messages. */
export const NEED_NAMES_ZH: Record<NeedCode, string> = {
  critical_illness: '重疾',
  medical: '医疗',
  accident: '意外',
  life: '寿险',
  annuity: '年金',
  education: '教育金',
  retirement: '养老',
  legacy: '财富传承',
};

/** Chinese name of a need code; an operator-added code is shown as written. */
export function needNameZh(code: string): string {
  return (NEED_NAMES_ZH as Record<string, string>)[code] ?? code;
}

/** Need codes among the tags ("need:medical" → "medical"), in tag order, without repeats. */
export function needCodesOf(tags: readonly TagCode[]): string[] {
  const codes: string[] = [];
  for (const tag of tags) {
    if (!tag.startsWith('need:')) continue;
    const code = tag.slice('need:'.length);
    if (code !== '' && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

/**
 * How much of the item the touchpoint consumed, 0..100, or null if it does not say.
 * read_complete without a depth means the end was reached; a live stream counts by dwell time.
 */
export function depthOf(event: ScoringEvent, config: ScoringConfig): number | null {
  switch (event.type) {
    case 'read_progress':
      return clampPct(event.depthPct ?? 0);
    case 'read_complete':
      return clampPct(event.depthPct ?? 100);
    case 'video_progress':
      return clampPct(event.videoPct ?? 0);
    case 'live_leave':
      return clampPct(((event.dwellMs ?? 0) / config.liveFullDwellMs) * 100);
    default:
      return null;
  }
}

/** Identifies the item behind an event, so repeated reports on one item can be recognised. */
export function contentKeyOf(event: ScoringEvent): string {
  return event.contentId ?? `event:${event.id}`;
}

function clampPct(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}
