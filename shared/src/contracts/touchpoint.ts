/** Touchpoints (触点): what a customer did, reported by the mini program. */
export const CUSTOMER_TOUCHPOINT_TYPES = [
  'open',
  'read_progress',
  'read_complete',
  'video_progress',
  'live_join',
  'live_leave',
  'card_view',
  'consult_tap',
  'forward',
  'lead_submit',
  'nps_answer',
] as const;
export type CustomerTouchpointType = (typeof CUSTOMER_TOUCHPOINT_TYPES)[number];

/** Touchpoints an agent logs by hand after an offline action. */
export const AGENT_TOUCHPOINT_TYPES = [
  'call',
  'visit',
  'proposal_made',
  'proposal_delivered',
  'objection',
  'policy_signed',
  'closed_lost',
  'anniversary_service',
] as const;
export type AgentTouchpointType = (typeof AGENT_TOUCHPOINT_TYPES)[number];

export type TouchpointType = CustomerTouchpointType | AgentTouchpointType;
export const TOUCHPOINT_TYPES: readonly TouchpointType[] = [
  ...CUSTOMER_TOUCHPOINT_TYPES,
  ...AGENT_TOUCHPOINT_TYPES,
];

export const TOUCHPOINT_NAMES_ZH: Record<TouchpointType, string> = {
  open: '打开',
  read_progress: '阅读',
  read_complete: '读完',
  video_progress: '观看视频',
  live_join: '进入直播',
  live_leave: '离开直播',
  card_view: '查看名片',
  consult_tap: '点击咨询',
  forward: '转发',
  lead_submit: '留资',
  nps_answer: '推荐评分',
  call: '电话',
  visit: '面谈',
  proposal_made: '制作建议书',
  proposal_delivered: '递送建议书',
  objection: '异议',
  policy_signed: '签单',
  closed_lost: '未成交',
  anniversary_service: '保单周年服务',
};
