/** Factories for the KYC1984 tests (not exported from the package): events with sane defaults. */
import type { TagCode, TouchpointType } from '../contracts';
import { MS_PER_DAY, MS_PER_HOUR } from './config';
import type { ContactContext, ScoringEvent } from './types';

/** Midnight, China time, of 2024-03-01 (epoch ms): day 0 of the test calendar. */
export const DAY0_MS = 1_709_222_400_000; // 2024-03-01T00:00:00+08:00

/** An instant on test day `day` at `hour` o'clock China time. */
export function at(day: number, hour = 10, minute = 0): number {
  return DAY0_MS + day * MS_PER_DAY + hour * MS_PER_HOUR + minute * 60_000;
}

let counter = 0;

/** A touchpoint; id and time default to something unique and plausible. */
export function buildEvent(type: TouchpointType, overrides: Partial<ScoringEvent> = {}): ScoringEvent {
  counter += 1;
  return { id: `e${String(counter).padStart(5, '0')}`, type, occurredAtMs: at(0), contentTags: [], ...overrides };
}

/** Need-tagged article content. */
export const CRITICAL_ILLNESS: TagCode[] = ['need:critical_illness', 'audience:young_parents'];

/** A contact who has not opted out and referred nobody. */
export function buildContext(overrides: Partial<ContactContext> = {}): ContactContext {
  return { optedOut: false, engagedReferrals: 0, ...overrides };
}
