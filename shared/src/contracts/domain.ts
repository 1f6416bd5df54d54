/** Primitive domain vocabulary shared by server, miniapp and the scoring rules (DOMAIN.md). */

export const ROLES = ['viewer', 'agent', 'leader', 'manager', 'operator', 'admin'] as const;
/** Who is acting: a viewer is anyone who opened a share; the rest are staff roles. */
export type Role = (typeof ROLES)[number];
/** The roles a staff member holds: every role but a customer's. */
export type StaffRole = Exclude<Role, 'viewer'>;

export const BANDS = ['low', 'mid', 'high'] as const;
/** A third of a score's range; cut points live in configuration (default 34/67). */
export type Band = (typeof BANDS)[number];

/** One of the nine grid cells, trust band first: "high-low" = high trust, low intent. */
export type GridCellCode = `${Band}-${Band}`;
export const GRID_CELLS: readonly GridCellCode[] = BANDS.flatMap((trust) =>
  BANDS.map((intent) => `${trust}-${intent}` as GridCellCode),
);

/** Sales stage 1..8 (有效名单 … 异议处理与成交). */
export type Stage = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
export const STAGES: readonly Stage[] = [1, 2, 3, 4, 5, 6, 7, 8];
export const STAGE_NAMES_ZH: Record<Stage, string> = {
  1: '有效名单',
  2: '约访名单',
  3: '有价值名单',
  4: '开启保险话题',
  5: '唤醒需求',
  6: '制作建议书',
  7: '递送建议书',
  8: '异议处理与成交',
};
/** Stage 8 ends in an outcome; before that a contact is still open. */
export type DealOutcome = 'open' | 'won' | 'lost';

export const REFERRAL_CLASSES = ['negative', 'indifferent', 'passive_promoter', 'active_promoter'] as const;
/** The 4-step referral scale (推荐指数). */
export type ReferralClass = (typeof REFERRAL_CLASSES)[number];

export const SHARE_CHANNELS = ['friend', 'group', 'moments', 'poster'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

export const CONTENT_KINDS = ['article', 'video', 'live', 'poster'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const TAG_FAMILIES = ['need', 'audience', 'life_event', 'stage'] as const;
export type TagFamily = (typeof TAG_FAMILIES)[number];
/** A tag code as operators write it: family, colon, then letters, digits, _ or - (at most 40): "need:critical_illness". */
export const TAG_CODE_PATTERN = new RegExp(`^(${TAG_FAMILIES.join('|')}):[\\w-]{1,40}$`);
/** A tag is written "family:code", e.g. "need:critical_illness", "stage:3". */
export type TagCode = `${TagFamily}:${string}`;

/** Need families from DOMAIN.md; operators may add more, these are the seeded defaults. */
export const NEED_CODES = [
  'critical_illness',
  'medical',
  'accident',
  'life',
  'annuity',
  'education',
  'retirement',
  'legacy',
] as const;
export type NeedCode = (typeof NEED_CODES)[number];

/**
 * The seeded tag tree's Chinese names (标签体系, DOMAIN.md). Operators may add tags; their names
 * come from GET /api/tags. Stage tags ("stage:3") are named by STAGE_NAMES_ZH.
 */
export const DEFAULT_TAG_NAMES_ZH: Readonly<Record<string, string>> = {
  'need:critical_illness': '重疾', 'need:medical': '医疗', 'need:accident': '意外', 'need:life': '寿险',
  'need:annuity': '年金', 'need:education': '教育金', 'need:retirement': '养老', 'need:legacy': '财富传承',
  'audience:young_mothers': '宝妈', 'audience:business_owners': '企业主', 'audience:white_collar': '白领',
  'audience:silver': '银发', 'audience:middle_class': '新中产', 'audience:new_citizens': '新市民',
  'life_event:marriage': '结婚', 'life_event:newborn': '添丁', 'life_event:new_home': '购房安家',
  'life_event:child_school': '孩子入学', 'life_event:retirement': '退休',
};
