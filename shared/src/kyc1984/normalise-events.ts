/** Turns any batch of events into the one canonical history the scorer reads. */
import { compareStrings } from './compare';
import type { ScoringEvent } from './types';

/**
 * Keeps events that happened by `nowMs`, counts each id once and sorts by (occurredAtMs, id):
 * the same set of events in any order, with any retries, yields the same history.
 */
export function normaliseEvents(events: readonly ScoringEvent[], nowMs: number): ScoringEvent[] {
  const byId = new Map<string, ScoringEvent>();
  for (const event of events) {
    // A future or undated event cannot have moved the contact yet.
    if (!Number.isFinite(event.occurredAtMs) || event.occurredAtMs > nowMs) continue;
    const kept = byId.get(event.id);
    // Stryker disable next-line EqualityOperator: records that compare equal have the same canonical JSON, so either is the same record
    if (kept === undefined || compareDuplicates(event, kept) < 0) byId.set(event.id, event);
  }
  return [...byId.values()].sort(compareEvents);
}

/** Chronological order with the id as tie-breaker. */
export function compareEvents(a: ScoringEvent, b: ScoringEvent): number {
  if (a.occurredAtMs !== b.occurredAtMs) return a.occurredAtMs - b.occurredAtMs;
  return compareStrings(a.id, b.id);
}

// Two records with one id should not differ; if they do, the choice must not depend on input order.
function compareDuplicates(a: ScoringEvent, b: ScoringEvent): number {
  if (a.occurredAtMs !== b.occurredAtMs) return a.occurredAtMs - b.occurredAtMs;
  return compareStrings(canonicalJson(a), canonicalJson(b));
}

function canonicalJson(value: unknown): string {
  // Stryker disable next-line StringLiteral: JSON strings are self-delimiting, and the lists here hold only strings, so the order is the same without the comma
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Stryker disable next-line ConditionalExpression: no field of a ScoringEvent is null, so `typeof value === 'object'` alone decides
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareStrings(a, b));
    // Stryker disable next-line StringLiteral: every entry starts with its quoted name, so the order is the same without the comma
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
