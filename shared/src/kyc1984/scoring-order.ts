import type { TouchpointType } from '../contracts/touchpoint';

/**
 * Which contacts the scorer takes first when more arrive than it scores at once. While a customer
 * reads or watches, the mini program reports progress every few seconds: one reader sends many,
 * and each only deepens a read already known. Everything else is a single act (an open, 咨询, a
 * lead, a forward, the agent's logged call) or a change of the contact itself, and may start a
 * follow-up the agent should see now, so it does not wait behind a thousand readers' progress.
 */
const PROGRESS_REPORTS: ReadonlySet<TouchpointType> = new Set<TouchpointType>(['read_progress', 'video_progress']);

export function isProgressReport(type: TouchpointType): boolean {
  return PROGRESS_REPORTS.has(type);
}

/**
 * Whether a contact with these new touchpoints is scored ahead of those waiting their turn. No
 * touchpoint at all means the contact changed otherwise (an opt-out, an edit), which is the agent's
 * or the customer's act too.
 */
export function scoresFirst(newTouchpointTypes: Iterable<TouchpointType>): boolean {
  let any = false;
  for (const type of newTouchpointTypes) {
    if (!isProgressReport(type)) return true;
    any = true;
  }
  return !any;
}
