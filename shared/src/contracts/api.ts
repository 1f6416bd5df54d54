/**
 * The wire format: request and response bodies of the HTTP API under /api.
 * Times are ISO-8601 strings; money is in fen (integer); percentages are 0..100.
 */
import type {
  Band,
  ContentKind,
  DealOutcome,
  GridCellCode,
  ReferralClass,
  Role,
  ShareChannel,
  Stage,
  TagCode,
} from './domain';
import type { AgentTouchpointType, CustomerTouchpointType, TouchpointType } from './touchpoint';
import type { ContactProfileView, ContactSource } from './contact-profile';

/** Every error body: a stable code, a message for people, and per-field details for a 400. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: FieldError[] };
}
export interface FieldError {
  field: string;
  reason: string;
  /** Position in a batch, when the error is about one item of it. */
  index?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- auth -------------------------------------------------------------------
/** POST /api/auth/login — the code from wx.login. */
export interface LoginRequest {
  code: string;
}
export interface SessionView {
  token: string;
  expiresAt: string;
  user: MeView;
}
/** POST /api/auth/bind — an agent binds their WeChat identity with a one-time invite code. */
export interface BindRequest {
  inviteCode: string;
}
/** GET /api/me */
export interface MeView {
  userId: string;
  roles: Role[];
  agent?: AgentCardView;
  orgUnitId?: string;
}

// ---- organisation (admin) ---------------------------------------------------
export type OrgUnitKind = 'company' | 'branch' | 'team';
export interface CreateOrgUnitRequest {
  kind: OrgUnitKind;
  name: string;
  parentId?: string;
}
export interface OrgUnitView {
  id: string;
  kind: OrgUnitKind;
  name: string;
  parentId: string | null;
}
/** POST /api/admin/staff — creates an agent (or leader/manager/operator) and an invite code. */
export interface CreateStaffRequest {
  name: string;
  role: Exclude<Role, 'viewer'>;
  orgUnitId: string;
  employeeNo?: string;
  licenceNo?: string;
}
export interface StaffCreatedView {
  staffId: string;
  agentId?: string;
  inviteCode: string;
  inviteExpiresAt: string;
}

// ---- agent card ---------------------------------------------------------------
export interface AgentCardView {
  agentId: string;
  name: string;
  photoUrl: string | null;
  licenceNo: string | null;
  companyName: string;
  intro: string | null;
  personaTemplate: string | null;
}
/** PUT /api/card */
export interface UpdateCardRequest {
  name?: string;
  photoUrl?: string;
  intro?: string;
  personaTemplate?: string;
}

// ---- content ----------------------------------------------------------------
export interface ContentSummaryView {
  itemId: string;
  versionId: string;
  kind: ContentKind;
  title: string;
  summary: string | null;
  coverUrl: string | null;
  tags: TagCode[];
  publishedAt: string | null;
}
export interface ContentVersionView extends ContentSummaryView {
  /** Sanitised HTML for articles. */
  bodyHtml: string | null;
  videoUrl: string | null;
  durationSec: number | null;
  liveStartsAt: string | null;
  liveStatus: 'scheduled' | 'live' | 'ended' | null;
  replayUrl: string | null;
}

// ---- shares -----------------------------------------------------------------
/** POST /api/shares — an agent shares an approved content version. */
export interface CreateShareRequest {
  contentVersionId: string;
  channel: ShareChannel;
}
export interface ShareCreatedView {
  /** Signed share id: names agent, version, channel and parent; cannot be forged. */
  shareId: string;
  /** Mini-program path to put in onShareAppMessage / the poster QR code. */
  path: string;
}
/** POST /api/shares/:shareId/open — a viewer opens a share. */
export interface OpenShareView {
  shareId: string;
  content: ContentVersionView;
  agent: AgentCardView;
  contactId: string;
}
/** POST /api/shares/:shareId/forward — a viewer forwards: a child share is created. */
export interface ForwardShareRequest {
  channel: ShareChannel;
}

// ---- events -----------------------------------------------------------------
/** One touchpoint as the mini program reports it. */
export interface TouchpointEventInput {
  /** UUID made on the device when the event was created; a retry reuses it. */
  clientEventId: string;
  type: CustomerTouchpointType;
  shareId: string;
  /** Device clock when the event happened (epoch ms). */
  createdAtDeviceMs: number;
  /** Max scroll depth reached, 0..100 (read_progress, read_complete). */
  depthPct?: number;
  /** Active dwell time, not counting time in background (ms). */
  dwellMs?: number;
  /** Video: furthest position watched and its share of the duration. */
  videoPositionSec?: number;
  videoPct?: number;
  /** nps_answer: 0..10. */
  npsScore?: number;
}
/** POST /api/events */
export interface IngestEventsRequest {
  /** Device clock when the batch was sent (epoch ms), to correct clock skew. */
  sentAtDeviceMs: number;
  events: TouchpointEventInput[];
}
export interface IngestEventsResponse {
  stored: number;
  duplicates: number;
  invalid: FieldError[];
}

// ---- leads ------------------------------------------------------------------
export interface ConsentInput {
  /** Must be true: a lead without consent is refused and nothing is stored. */
  given: boolean;
  textVersion: string;
  purpose: string;
}
/** POST /api/leads — the lead form (留资). */
export interface SubmitLeadRequest {
  clientEventId: string;
  shareId: string;
  name: string;
  /** A typed mainland mobile number. Give this or phoneCode, not both. */
  phone?: string;
  /**
   * The code the mini program's getPhoneNumber button gives (e.detail.code): the server asks
   * WeChat for the number, so the lead's phone is verified as the sender's own.
   */
  phoneCode?: string;
  budgetFen?: number;
  insuredPerson?: string;
  needs?: string[];
  consent: ConsentInput;
  /** Required when needs include a HEALTH_NEEDS code: health data is sensitive (PIPL art. 28–29) and needs its own consent. */
  healthConsent?: ConsentInput;
}
/** Needs that reveal health, so a lead naming them needs a separate health consent. */
export const HEALTH_NEEDS: readonly string[] = ['medical', 'critical_illness'];
/** Where a lead's phone came from: WeChat's phone-number flow (verified as the sender's) or typed by hand. */
export type PhoneSource = 'wechat' | 'typed';
export interface LeadView {
  leadId: string;
  contactId: string;
  name: string;
  /** Masked (138****1234) unless revealed through the audited endpoint. */
  phone: string;
  phoneSource: PhoneSource;
  budgetFen: number | null;
  insuredPerson: string | null;
  needs: string[];
  createdAt: string;
}

// ---- contacts ---------------------------------------------------------------
export interface ScoreContributionView {
  dimension: 'trust' | 'intent';
  touchpointType: TouchpointType;
  points: number;
  at: string;
  reason: string;
}
export interface ContactSummaryView {
  contactId: string;
  /** The remark name (备注名) when the agent set one, else the real name, else the name they gave. */
  displayName: string;
  /** The agent's own tags (the interest tags from reading are `tags`). */
  agentTags: string[];
  source: ContactSource;
  trust: number;
  intent: number;
  cell: GridCellCode;
  stage: Stage;
  outcome: DealOutcome;
  referralClass: ReferralClass;
  optedOut: boolean;
  lastTouchAt: string | null;
  tags: { tag: TagCode; weight: number }[];
}
export interface ContactDetailView extends ContactSummaryView {
  trustBand: Band;
  intentBand: Band;
  referredByContactId: string | null;
  profile: ContactProfileView;
  explanations: ScoreContributionView[];
  timeline: TimelineItemView[];
  leads: LeadView[];
  openTasks: TaskView[];
}
export interface TimelineItemView {
  /** The touchpoint's id, or the note's for a note. */
  eventId: string;
  type: TouchpointType | 'note';
  occurredAt: string;
  contentTitle: string | null;
  depthPct: number | null;
  dwellMs: number | null;
  /** The agent's words: a note, or what was typed when logging an action. */
  note: string | null;
  /** Set on notes only: who wrote it, and whether the caller may edit or delete it. */
  noteAuthorName?: string;
  mine?: boolean;
}
/** POST /api/contacts/:id/actions — an agent logs an offline action. */
export interface LogActionRequest {
  clientEventId: string;
  type: AgentTouchpointType;
  note?: string;
  occurredAt?: string;
}
export interface GridCountsView {
  cells: Record<GridCellCode, number>;
  stages: Record<`${Stage}`, number>;
}

// ---- tasks ------------------------------------------------------------------
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

// ---- radar ------------------------------------------------------------------
/** GET /api/radar — who opened what (谁看了我), newest first. */
export interface RadarItemView {
  contactId: string;
  contactName: string;
  shareId: string;
  contentTitle: string;
  openedAt: string;
  maxDepthPct: number;
  dwellMs: number;
  nextActions: CustomerTouchpointType[];
}

// ---- personal data (PIPL) -----------------------------------------------------
/** contact_details: name and phone for a consultation; health: needs that reveal health. */
export type ConsentKind = 'contact_details' | 'health';
/** A consent the person gave, as they see it (GET /api/privacy/me/consents). */
export interface ConsentView {
  consentId: string;
  contactId: string;
  kind: ConsentKind;
  textVersion: string;
  purpose: string;
  givenAt: string;
  withdrawnAt: string | null;
}
/** POST /api/privacy/me/consents — give a consent (e.g. health) after the lead form. */
export interface GiveConsentRequest {
  shareId: string;
  kind: ConsentKind;
  textVersion: string;
  purpose: string;
}
/** POST /api/privacy/me/opt-out and DELETE /api/privacy/me/opt-out. */
export interface OptOutView {
  optedOut: boolean;
  contacts: number;
}
/** GET /api/privacy/me/export and GET /api/privacy/contacts/:id/export: one person's data. */
export interface PersonalDataExport {
  exportedAt: string;
  contacts: {
    contactId: string;
    agentName: string;
    displayName: string;
    createdAt: string;
    optedOut: boolean;
    scores: { trust: number; intent: number; cell: string; stage: number; referralClass: string };
    leads: { leadId: string; name: string; phone: string; phoneSource: PhoneSource; budgetFen: number | null; insuredPerson: string | null; needs: string[]; createdAt: string }[];
    consents: ConsentView[];
    touchpoints: { type: string; occurredAt: string; depthPct: number | null; dwellMs: number | null }[];
    tasks: { action: string; status: string; dueAt: string }[];
    /** What the agent wrote about the person (跟进记录). */
    notes: { body: string; createdAt: string; updatedAt: string }[];
    /** Phones the agent entered, with the basis for holding each (full or masked as the leads' are). */
    phones: { phone: string; basis: string }[];
  }[];
  /** Phones WeChat verified as the person's (in full for the person and privacy officers; none in an agent's masked export). */
  verifiedPhones: { phone: string; verifiedAt: string }[];
}
/** DELETE /api/privacy/me and DELETE /api/privacy/contacts/:id: what was erased. */
export interface DeletionView {
  requestId: string;
  deleted: { contacts: number; leads: number; consents: number; touchpoints: number; tasks: number; stageChanges: number; notes: number; phones: number };
}
