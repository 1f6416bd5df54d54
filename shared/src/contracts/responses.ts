/**
 * Every success body the API sends, by the name its schema has in docs/openapi.json. A route
 * declares one of these names (or `Name[]`); the handler's return type is the entry's type, and
 * `npm run openapi -w server` generates the schema from this interface (ts-json-schema-generator),
 * so the document and the code cannot describe different bodies.
 */
import type { FollowUpRule } from '../kyc1984/follow-up-rules';
import type { MeView, SessionView } from './auth';
import type { AgentCardView, AgentReachView, MessageLeftView, ReaderReachView, UploadedImageView, UploadedVideoView } from './card';
import type { MarkedReadView, NoticeListView, NotificationSettingsView, UnreadCountView } from './notifications';
import type { ContactDetailView, ContactSummaryView, GridCountsView } from './contacts';
import type { ContentSummaryView, ContentVersionView } from './content';
import type { IngestEventsResponse } from './events';
import type { ApiErrorBody, Page } from './http';
import type { LeadView } from './leads';
import type { OrgUnitView, StaffCreatedView } from './org';
import type {
  DeactivatedStaffView, HandoverResultView, OverdueFollowUpsView, PersonaTemplateView, PoolContactView, PoolMoveView, StaffMemberView,
} from './staff-lifecycle';
import type { ConsentView, DeletionView, OptOutView, PersonalDataExport } from './privacy';
import type { RadarItemView } from './radar';
import type { GlanceShareView, OpenShareView, ShareCreatedView, ShareMoreView } from './shares';
import type { MorningListPage, TaskView } from './tasks';
import type { ContactNoteView, RevealedPhoneView } from './contact-profile';
import type { ContactMergeView, SharedPersonView } from './contact-merge';
import type { ImportJobView, ImportPreviewView } from './imports';
import type { PolicyView, PremiumActualsView, ReferralTreeView, RevealedPolicyNumberView } from './policies';
import type {
  ContentMetricsView, ContentRankingRowView, ForbiddenWordView, OperatorContentDetailView, OperatorContentSummaryView, TagRankingRowView, TagTreeView, TagView,
} from './content-platform';
import type {
  AgentDashboardView, DealIndexView, PastOutcomesImportView, PeriodForecastView, FunnelTrendView, OrgDashboardView, RecordStudyView, SnapshotSummaryView, TeamDashboardView,
} from './dashboards';

/** GET /health: 200 while the database answers, 503 (same body) when it does not. */
export interface HealthView {
  status: 'ok' | 'degraded' | 'unavailable';
  database: { state: 'up' | 'down' | 'slow'; kind: string; latencyMs: number };
}
/** POST /api/contacts/:id/actions — false when the clientEventId was stored before. */
export interface LoggedActionView {
  stored: boolean;
}
/** GET and PUT /api/follow-up-rules */
export interface FollowUpRuleSetView {
  rules: readonly FollowUpRule[];
  version: string;
}
/** GET /api/operator/analytics/content/:itemId — the item's figures in all and per version. */
export interface ContentItemAnalyticsView extends ContentRankingRowView {
  versions: { versionId: string; versionNo: number; metrics: ContentMetricsView }[];
}

export interface ResponseBodies {
  HealthView: HealthView;
  SessionView: SessionView;
  MeView: MeView;
  OrgUnitView: OrgUnitView;
  StaffCreatedView: StaffCreatedView;
  AgentCardView: AgentCardView;
  StaffMemberView: StaffMemberView;
  DeactivatedStaffView: DeactivatedStaffView;
  HandoverResultView: HandoverResultView;
  PoolContactView: PoolContactView;
  PoolMoveView: PoolMoveView;
  OverdueFollowUpsView: OverdueFollowUpsView;
  PersonaTemplateView: PersonaTemplateView;
  AgentReachView: AgentReachView;
  ReaderReachView: ReaderReachView;
  MessageLeftView: MessageLeftView;
  UploadedImageView: UploadedImageView;
  UploadedVideoView: UploadedVideoView;
  NoticeListView: NoticeListView;
  UnreadCountView: UnreadCountView;
  NotificationSettingsView: NotificationSettingsView;
  MarkedReadView: MarkedReadView;
  ContentSummaryView: ContentSummaryView;
  'Page<ContentSummaryView>': Page<ContentSummaryView>;
  ContentVersionView: ContentVersionView;
  ShareCreatedView: ShareCreatedView;
  OpenShareView: OpenShareView;
  GlanceShareView: GlanceShareView;
  ShareMoreView: ShareMoreView;
  IngestEventsResponse: IngestEventsResponse;
  LeadView: LeadView;
  'Page<ContactSummaryView>': Page<ContactSummaryView>;
  ContactSummaryView: ContactSummaryView;
  GridCountsView: GridCountsView;
  ContactDetailView: ContactDetailView;
  LoggedActionView: LoggedActionView;
  /** POST /api/contacts/:id/reveal-phone and /api/contacts/:id/leads/:leadId/reveal-phone */
  RevealedPhoneView: RevealedPhoneView;
  ContactNoteView: ContactNoteView;
  ImportPreviewView: ImportPreviewView;
  ImportJobView: ImportJobView;
  ContactMergeView: ContactMergeView;
  SharedPersonView: SharedPersonView;
  PolicyView: PolicyView;
  RevealedPolicyNumberView: RevealedPolicyNumberView;
  PremiumActualsView: PremiumActualsView;
  ReferralTreeView: ReferralTreeView;
  TaskView: TaskView;
  MorningListPage: MorningListPage;
  FollowUpRuleSetView: FollowUpRuleSetView;
  RadarItemView: RadarItemView;
  ConsentView: ConsentView;
  OptOutView: OptOutView;
  PersonalDataExport: PersonalDataExport;
  DeletionView: DeletionView;
  TagTreeView: TagTreeView;
  TagView: TagView;
  'Page<OperatorContentSummaryView>': Page<OperatorContentSummaryView>;
  OperatorContentDetailView: OperatorContentDetailView;
  ForbiddenWordView: ForbiddenWordView;
  ContentRankingRowView: ContentRankingRowView;
  ContentItemAnalyticsView: ContentItemAnalyticsView;
  TagRankingRowView: TagRankingRowView;
  AgentDashboardView: AgentDashboardView;
  PeriodForecastView: PeriodForecastView;
  PastOutcomesImportView: PastOutcomesImportView;
  TeamDashboardView: TeamDashboardView;
  OrgDashboardView: OrgDashboardView;
  FunnelTrendView: FunnelTrendView;
  SnapshotSummaryView: SnapshotSummaryView;
  RecordStudyView: RecordStudyView;
  DealIndexView: DealIndexView;
}

/** What the OpenAPI writer makes schemas of: every success body, and the one error body every route answers errors with. */
export interface DocumentedBodies extends ResponseBodies {
  ApiError: ApiErrorBody;
}
