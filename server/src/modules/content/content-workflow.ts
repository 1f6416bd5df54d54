import { AppError } from '../../lib/app-error';
import { CONTENT_STATUS_NAMES_ZH } from '@kejing/shared';
import type { ContentStatus } from './content-item.entity';

/** An action as an operator reads it in a refusal: 不能{提交审核}. */
const CONTENT_ACTION_ZH: Record<WorkflowAction, string> = { edit: '编辑', submit: '提交审核', approve: '审核通过', reject: '驳回', retire: '下架' };

/** What an operator can do to an item. Editing always makes a new draft version. */
export type WorkflowAction = 'edit' | 'submit' | 'approve' | 'reject' | 'retire';
export const WORKFLOW_ACTIONS: readonly WorkflowAction[] = ['edit', 'submit', 'approve', 'reject', 'retire'];
export const CONTENT_STATUSES: readonly ContentStatus[] = ['draft', 'in_review', 'approved', 'rejected', 'retired'];

/**
 * The compliance workflow (合规), on the status of the item's latest version:
 *
 *   draft ──submit──▶ in_review ──approve──▶ approved ──retire──▶ retired
 *                         └──────reject────▶ rejected ──retire──▶ retired
 *   edit: draft | approved | rejected ──▶ draft (a new version; a published one stays shared)
 *
 * Editing is refused while a version is in review, so a reviewer always decides on the text
 * they read. Retiring is also allowed from draft or in review when an earlier version is
 * published, because an operator must be able to withdraw live content at any moment.
 * Retired is terminal: nothing leaves it.
 */
const FROM: Record<WorkflowAction, readonly ContentStatus[]> = {
  edit: ['draft', 'approved', 'rejected'],
  submit: ['draft'],
  approve: ['in_review'],
  reject: ['in_review'],
  retire: ['approved', 'rejected'],
};
const TO: Record<WorkflowAction, ContentStatus> = { edit: 'draft', submit: 'in_review', approve: 'approved', reject: 'rejected', retire: 'retired' };

/** The status after an action, or null when the action is not allowed from here. */
export function nextStatus(action: WorkflowAction, from: ContentStatus, hasPublishedVersion: boolean): ContentStatus | null {
  if (FROM[action].includes(from)) return TO[action];
  if (action === 'retire' && hasPublishedVersion && (from === 'draft' || from === 'in_review')) return 'retired';
  return null;
}

/** nextStatus, or 409 naming the action and the state that refuses it. */
export function requireTransition(action: WorkflowAction, from: ContentStatus, hasPublishedVersion: boolean): ContentStatus {
  const to = nextStatus(action, from, hasPublishedVersion);
  if (to === null) {
    throw new AppError(409, 'illegal_transition', `内容当前是“${CONTENT_STATUS_NAMES_ZH[from]}”，不能${CONTENT_ACTION_ZH[action] ?? '这样操作'}，请刷新后查看最新状态`);
  }
  return to;
}
