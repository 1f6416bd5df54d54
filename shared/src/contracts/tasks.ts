/** The wire format of tasks: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { GridCellCode, Stage } from './domain';
import type { TouchpointType } from './touchpoint';

export type TaskStatus = 'open' | 'done' | 'snoozed' | 'dismissed';
/** How the agent carries a follow-up out, so the morning list offers it as the task's button. */
export const FOLLOW_UP_CHANNELS = ['call', 'message', 'meet', 'observe'] as const;
/** call 打电话, message 发微信, meet 约见面, observe 先留意（暂不打扰）. */
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];
export interface TaskView {
  taskId: string;
  contactId: string;
  contactName: string;
  cell: GridCellCode;
  stage: Stage;
  action: string;
  /** How the action is carried out: the morning list's button (拨打, 复制话术, 约见面, 知道了). */
  channel: FollowUpChannel;
  suggestedMessage: string;
  dueAt: string;
  priority: number;
  status: TaskStatus;
  /** The touchpoints that triggered this task. */
  because: { type: TouchpointType; at: string; contentTitle: string | null }[];
}
/** POST /api/tasks/:id/snooze */
export interface SnoozeTaskRequest {
  until: string;
}
