import { BindDto, LoginDto } from '../modules/auth/auth.dto';
import { CreateApprovedContentDto } from '../modules/admin/admin.dto';
import { ContactNoteDto, CreateContactDto, ListContactsQuery, LogActionDto, RevealPhoneDto, UpdateContactDto } from '../modules/contacts/contact.dto';
import { SubmitLeadDto } from '../modules/leads/lead.dto';
import { CreateShareDto, ForwardShareDto } from '../modules/shares/share.dto';
import { CreateOrgUnitDto, CreateStaffDto, UpdateCardDto } from '../modules/staff/staff.dto';
import { SnoozeTaskDto } from '../modules/tasks/task.dto';
import { ComputeSnapshotsDto, DashboardQuery, FunnelQuery, RecordStudyDto } from '../modules/dashboards/dashboards.dto';
import { GiveConsentDto } from '../modules/privacy/privacy.dto';
import { ContentDraftDto, ContentVisibilityDto, CreateContentDto, CreateForbiddenWordDto, RejectContentDto, RetireContentDto } from '../modules/content/content-operator.dto';
import { CreateTagDto, RenameTagDto } from '../modules/tags/tag.dto';

type Dto = new () => object;

/** What the OpenAPI document says about one route beyond what the router and permissions know. */
export interface RouteDoc {
  summary: string;
  tag: string;
  /** A class-validator DTO, or the name of a hand-written schema in EXTRA_SCHEMAS. */
  body?: Dto | string;
  query?: Dto | { name: string; description: string }[];
  /** The success status and the contract type (shared/src/contracts) it returns. */
  success: { status: number; returns: string };
  /** Errors besides the ones every route of its kind can give (400/401/403/404/413/429/503 are added from the route's shape). */
  errors?: Record<number, string>;
}

const PAGE_QUERY = [
  { name: 'page', description: 'page number from 1' },
  { name: 'pageSize', description: 'items per page, at most 100' },
];

const ANALYTICS_QUERY = [
  { name: 'orgUnitId', description: 'only what agents under this branch or team did' },
  { name: 'from', description: 'ISO time, inclusive' },
  { name: 'to', description: 'ISO time, exclusive' },
];

/** One entry per route; the OpenAPI test fails when a route has none or an entry has no route. */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /health': { summary: 'Liveness and the database state (503 when the database is unreachable)', tag: 'system', success: { status: 200, returns: 'HealthView' } },
  'POST /api/auth/login': {
    summary: 'Silent WeChat login with the wx.login code', tag: 'auth', body: LoginDto, success: { status: 200, returns: 'SessionView' },
    errors: { 401: 'invalid or used code', 429: 'WeChat rate limited the app', 502: 'WeChat answered with something unreadable', 503: 'WeChat unreachable' },
  },
  'POST /api/auth/bind': { summary: 'Bind this WeChat identity to a staff member with a one-time invite code', tag: 'auth', body: BindDto, success: { status: 200, returns: 'SessionView' }, errors: { 409: 'already bound' } },
  'GET /api/me': { summary: 'Who the session belongs to: roles and, for agents, the card', tag: 'auth', success: { status: 200, returns: 'MeView' } },
  'GET /api/admin/org-units': { summary: 'The organisation tree (the bootstrap token may call it until an admin is bound)', tag: 'admin', success: { status: 200, returns: 'OrgUnitView[]' } },
  'POST /api/admin/org-units': { summary: 'Create a company, branch or team (the bootstrap token may call it until an admin is bound)', tag: 'admin', body: CreateOrgUnitDto, success: { status: 201, returns: 'OrgUnitView' } },
  'POST /api/admin/staff': {
    summary: 'Create a staff member and their one-time invite code (the bootstrap token may create an admin, until an admin is bound)', tag: 'admin', body: CreateStaffDto,
    success: { status: 201, returns: 'StaffCreatedView' },
  },
  'POST /api/admin/content': { summary: 'Create an approved content item (bootstrap; the review workflow is under /api/operator)', tag: 'admin', body: CreateApprovedContentDto, success: { status: 201, returns: 'ContentSummaryView' } },
  'GET /api/content': {
    summary: 'Approved content visible to the caller', tag: 'content',
    query: [{ name: 'q', description: 'text in title or summary' }, { name: 'tag', description: 'a tag like need:critical_illness' }, { name: 'kind', description: 'article, video, live or poster' }, ...PAGE_QUERY],
    success: { status: 200, returns: 'Page<ContentSummaryView>' },
  },
  'GET /api/content/versions/:versionId': { summary: 'Preview one approved version', tag: 'content', success: { status: 200, returns: 'ContentVersionView' }, errors: { 403: 'not approved' } },
  'POST /api/shares': { summary: 'Share an approved version: returns the signed share id and the mini-program path', tag: 'shares', body: CreateShareDto, success: { status: 201, returns: 'ShareCreatedView' }, errors: { 403: 'not approved' } },
  'GET /api/shares/:shareId/poster-code': { summary: "The mini program code (小程序码) for one of the agent's own shares, made by WeChat: a PNG or JPEG image", tag: 'shares', success: { status: 200, returns: 'an image (image/png or image/jpeg)' }, errors: { 404: 'not one of your shares', 502: 'WeChat refused (e.g. the reader page is not in the published mini program)' } },
  'GET /api/shares/scenes/:scene': { summary: 'The signed share id behind the scene of a scanned mini program code', tag: 'shares', success: { status: 200, returns: 'ShareCreatedView' }, errors: { 404: 'no share has this scene' } },
  'POST /api/shares/:shareId/open': { summary: 'A viewer opens a share: the pinned version, the agent card, and their contact', tag: 'shares', success: { status: 200, returns: 'OpenShareView' }, errors: { 404: 'forged, tampered or unknown share id', 410: 'content retired' } },
  'POST /api/shares/:shareId/forward': { summary: 'A viewer forwards: a child share that credits the referral', tag: 'shares', body: ForwardShareDto, success: { status: 201, returns: 'ShareCreatedView' } },
  'POST /api/events': {
    summary: 'Batch of touchpoints; each stored once by clientEventId, acknowledged only after commit', tag: 'events', body: 'IngestEventsRequest',
    success: { status: 200, returns: 'IngestEventsResponse' }, errors: { 413: 'over 100 events, 500 KB per batch or 32 KB per event', 503: 'database unavailable; retry after Retry-After' },
  },
  'POST /api/leads': {
    summary: 'The lead form (留资), with explicit consent; the phone typed, or verified by WeChat from a getPhoneNumber code (phoneCode)', tag: 'leads', body: SubmitLeadDto,
    success: { status: 201, returns: 'LeadView' },
    errors: { 422: 'the WeChat phone number is not a mainland mobile', 429: 'WeChat rate limited the app', 502: 'WeChat answered with something unreadable', 503: 'WeChat unreachable' },
  },
  'GET /api/contacts': {
    summary: 'Contacts in scope: search (q: name, remark, real name, own tag, a phone\'s last 4 or 11 digits) and filters by cell, stage, referral class, source, last touch, tag',
    tag: 'contacts', query: ListContactsQuery, success: { status: 200, returns: 'Page<ContactSummaryView>' },
  },
  'POST /api/contacts': {
    summary: 'Add a contact by hand (remark name required); phones encrypted; audited', tag: 'contacts', body: CreateContactDto,
    success: { status: 201, returns: 'ContactDetailView' }, errors: { 409: 'a phone is already held by another of the agent\'s contacts (named in the error)' },
  },
  'PUT /api/contacts/:contactId': {
    summary: 'Edit what the agent knows (partial; null clears; never owner, stage or scores); phones by id kept, by number added, left out removed; audited',
    tag: 'contacts', body: UpdateContactDto, success: { status: 200, returns: 'ContactDetailView' },
    errors: { 403: 'not the contact\'s own agent', 409: 'a phone is already held by another of the agent\'s contacts (named in the error)' },
  },
  'POST /api/contacts/:contactId/reveal-phone': {
    summary: 'The full phone to call: the entered phone named, else the first entered, else the latest lead\'s; owning agent only; audited',
    tag: 'contacts', body: RevealPhoneDto, success: { status: 200, returns: 'RevealedPhoneView' }, errors: { 404: 'not your contact, or no phone (code no_phone)' },
  },
  'POST /api/contacts/:contactId/notes': {
    summary: 'Write a note on the contact (shown in its timeline and in the person\'s export); audited', tag: 'contacts', body: ContactNoteDto,
    success: { status: 201, returns: 'ContactNoteView' }, errors: { 403: 'not the contact\'s own agent' },
  },
  'PUT /api/contacts/:contactId/notes/:noteId': {
    summary: 'Edit a note (its author only); audited', tag: 'contacts', body: ContactNoteDto, success: { status: 200, returns: 'ContactNoteView' },
    errors: { 403: 'not the note\'s author' },
  },
  'DELETE /api/contacts/:contactId/notes/:noteId': {
    summary: 'Delete a note (its author only); audited', tag: 'contacts', success: { status: 204, returns: 'nothing' }, errors: { 403: 'not the note\'s author' },
  },
  'GET /api/contacts/grid': { summary: 'Counts per grid cell and per stage', tag: 'contacts', success: { status: 200, returns: 'GridCountsView' } },
  'GET /api/contacts/:contactId': { summary: 'A contact with scores, explanations, timeline, leads and open tasks', tag: 'contacts', success: { status: 200, returns: 'ContactDetailView' } },
  'POST /api/contacts/:contactId/actions': { summary: 'Log an offline action (call, visit, proposal, signed …)', tag: 'contacts', body: LogActionDto, success: { status: 201, returns: '{ stored: boolean }' } },
  'POST /api/contacts/:contactId/leads/:leadId/reveal-phone': { summary: 'The full phone number, for the owning agent; audited', tag: 'contacts', success: { status: 200, returns: '{ phone: string }' } },
  'GET /api/card': { summary: 'The agent\'s card', tag: 'card', success: { status: 200, returns: 'AgentCardView' } },
  'PUT /api/card': { summary: 'Edit the agent\'s card', tag: 'card', body: UpdateCardDto, success: { status: 200, returns: 'AgentCardView' } },
  'GET /api/tasks/today': { summary: 'The morning list, ranked by deal likelihood × expected value × urgency', tag: 'tasks', success: { status: 200, returns: 'TaskView[]' } },
  'POST /api/tasks/:taskId/done': { summary: 'Mark a follow-up done', tag: 'tasks', success: { status: 200, returns: 'TaskView' }, errors: { 409: 'already closed' } },
  'POST /api/tasks/:taskId/dismiss': { summary: 'Dismiss a follow-up', tag: 'tasks', success: { status: 200, returns: 'TaskView' }, errors: { 409: 'already closed' } },
  'POST /api/tasks/:taskId/snooze': { summary: 'Snooze a follow-up until a time', tag: 'tasks', body: SnoozeTaskDto, success: { status: 200, returns: 'TaskView' }, errors: { 409: 'already closed' } },
  'GET /api/follow-up-rules': { summary: 'The follow-up rules in force', tag: 'tasks', success: { status: 200, returns: '{ rules: FollowUpRule[]; version: string }' } },
  'PUT /api/follow-up-rules': { summary: 'Publish a new rule set (validated whole; a bad rule is refused with index, field and reason)', tag: 'tasks', body: 'FollowUpRuleSetRequest', success: { status: 200, returns: '{ rules: FollowUpRule[]; version: string }' } },
  'GET /api/privacy/me/consents': { summary: 'The consents this person gave, with text version, purpose and withdrawal', tag: 'privacy', success: { status: 200, returns: 'ConsentView[]' } },
  'POST /api/privacy/me/consents': { summary: 'Give a consent (e.g. the separate one health needs need)', tag: 'privacy', body: GiveConsentDto, success: { status: 201, returns: 'ConsentView' } },
  'POST /api/privacy/me/consents/:consentId/withdraw': { summary: 'Withdraw a consent: health needs or the lead it allowed are erased', tag: 'privacy', success: { status: 200, returns: 'ConsentView' } },
  'POST /api/privacy/me/opt-out': { summary: 'Opt out of personalised scoring and messages', tag: 'privacy', success: { status: 200, returns: 'OptOutView' } },
  'DELETE /api/privacy/me/opt-out': { summary: 'Opt back in', tag: 'privacy', success: { status: 200, returns: 'OptOutView' } },
  'GET /api/privacy/me/export': { summary: 'Everything stored about this person (by WeChat identity, and by phones WeChat verified as theirs); audited', tag: 'privacy', success: { status: 200, returns: 'PersonalDataExport' } },
  'DELETE /api/privacy/me': { summary: 'Erase this person at every agent (by WeChat identity, and by phones WeChat verified as theirs) and end every session of theirs; audited', tag: 'privacy', success: { status: 200, returns: 'DeletionView' } },
  'GET /api/privacy/contacts/:contactId/export': { summary: 'Export the person behind a contact (operators: whole person, full phone; others: in scope, masked); audited', tag: 'privacy', success: { status: 200, returns: 'PersonalDataExport' } },
  'DELETE /api/privacy/contacts/:contactId': { summary: 'Erase the person behind a contact on their request; audited', tag: 'privacy', success: { status: 200, returns: 'DeletionView' } },
  'GET /api/tags': { summary: 'The tag tree (标签体系): one root list per family, children under parents', tag: 'content', success: { status: 200, returns: 'TagTreeView' } },
  'GET /operator': { summary: 'The operators\' desktop page (内容运营台): static HTML using the operator API with a pasted token', tag: 'operator', success: { status: 200, returns: 'text/html' } },
  'GET /operator/:asset': { summary: 'The operator page\'s script and stylesheet', tag: 'operator', success: { status: 200, returns: 'text/javascript or text/css' } },
  'GET /api/operator/content': {
    summary: 'Every content item with its latest version and review status', tag: 'operator',
    query: [{ name: 'status', description: 'draft, in_review, approved, rejected or retired' }, { name: 'kind', description: 'article, video, live or poster' },
      { name: 'q', description: 'text in the title' }, { name: 'tag', description: 'a tag the latest version carries' }, ...PAGE_QUERY],
    success: { status: 200, returns: 'Page<OperatorContentSummaryView>' },
  },
  'POST /api/operator/content': { summary: 'Create an item: version 1 as a draft (article HTML sanitised)', tag: 'operator', body: CreateContentDto, success: { status: 201, returns: 'OperatorContentDetailView' } },
  'GET /api/operator/content/:itemId': { summary: 'An item: latest version, every version\'s review, and the audit trail', tag: 'operator', success: { status: 200, returns: 'OperatorContentDetailView' } },
  'PUT /api/operator/content/:itemId': {
    summary: 'Edit: a new immutable version as a draft; the published version stays shared until another is approved', tag: 'operator', body: ContentDraftDto,
    success: { status: 200, returns: 'OperatorContentDetailView' }, errors: { 409: 'in review or retired' },
  },
  'PUT /api/operator/content/:itemId/visibility': { summary: 'Who sees the item (branches/teams; none = company) and when', tag: 'operator', body: ContentVisibilityDto, success: { status: 200, returns: 'OperatorContentDetailView' }, errors: { 409: 'retired' } },
  'POST /api/operator/content/:itemId/submit': {
    summary: 'Submit the latest draft for review: forbidden words, then WeChat msgSecCheck; only a pass goes through', tag: 'operator',
    success: { status: 200, returns: 'OperatorContentDetailView' },
    errors: { 403: 'no WeChat identity to check the text for', 409: 'not a draft', 422: 'forbidden words (listed in details) or WeChat did not pass the text', 502: 'WeChat answered with something unreadable', 503: 'WeChat unreachable' },
  },
  'POST /api/operator/content/:itemId/approve': { summary: 'Approve the version in review: agents now share it', tag: 'operator', success: { status: 200, returns: 'OperatorContentDetailView' }, errors: { 409: 'not in review, or you wrote or submitted this version (four eyes: another operator approves)' } },
  'POST /api/operator/content/:itemId/reject': { summary: 'Reject the version in review, with the reason', tag: 'operator', body: RejectContentDto, success: { status: 200, returns: 'OperatorContentDetailView' }, errors: { 409: 'not in review' } },
  'POST /api/operator/content/:itemId/retire': { summary: 'Retire for good: no more shares, old shares answer 410', tag: 'operator', body: RetireContentDto, success: { status: 200, returns: 'OperatorContentDetailView' }, errors: { 409: 'never reviewed, or retired already' } },
  'GET /api/operator/content/:itemId/versions/:versionId': { summary: 'Preview any version as a reader sees it', tag: 'operator', success: { status: 200, returns: 'ContentVersionView' } },
  'GET /api/operator/forbidden-words': { summary: 'The forbidden-word list that blocks submission', tag: 'operator', success: { status: 200, returns: 'ForbiddenWordView[]' } },
  'POST /api/operator/forbidden-words': { summary: 'Add a forbidden word; audited', tag: 'operator', body: CreateForbiddenWordDto, success: { status: 201, returns: 'ForbiddenWordView' }, errors: { 409: 'on the list already' } },
  'DELETE /api/operator/forbidden-words/:wordId': { summary: 'Remove a forbidden word; audited', tag: 'operator', success: { status: 204, returns: 'nothing' } },
  'GET /api/operator/org-units': { summary: 'The organisation tree, to choose visibility', tag: 'operator', success: { status: 200, returns: 'OrgUnitView[]' } },
  'POST /api/operator/tags': { summary: 'Add a tag to the tree (not to the stage family); audited', tag: 'operator', body: CreateTagDto, success: { status: 201, returns: 'TagView' }, errors: { 409: 'the tag exists' } },
  'PUT /api/operator/tags/:code': { summary: 'Rename a tag for display; its code (what content and contacts refer to) stays; audited', tag: 'operator', body: RenameTagDto, success: { status: 200, returns: 'TagView' }, errors: { 404: 'no such tag' } },
  'GET /api/operator/analytics/content': {
    summary: 'Items ranked by a metric ("what works for stage 3 in this branch": tag=stage:3&orgUnitId=…)', tag: 'operator',
    query: ANALYTICS_QUERY.concat([{ name: 'tag', description: 'only items whose current version carries it' }, { name: 'kind', description: 'article, video, live or poster' },
      { name: 'sort', description: 'shares, forwards, opens, uniqueViewers, avgDepthPct, medianDepthPct, completionPct, leads or stageMoves (default)' },
      { name: 'minViewers', description: 'leave out items with fewer unique viewers' }, { name: 'limit', description: 'at most 500, default 50' }]),
    success: { status: 200, returns: 'ContentRankingRowView[]' },
  },
  'GET /api/operator/analytics/content/:itemId': { summary: 'One item\'s figures, in all and per version', tag: 'operator', query: ANALYTICS_QUERY, success: { status: 200, returns: 'ContentRankingRowView & { versions }' } },
  'GET /api/operator/analytics/tags': {
    summary: 'Tags ranked by a metric over every version that carried them', tag: 'operator',
    query: ANALYTICS_QUERY.concat([{ name: 'family', description: 'need, audience, life_event or stage' }, { name: 'sort', description: 'a metric (default uniqueViewers)' }, { name: 'limit', description: 'at most 500, default 100' }]),
    success: { status: 200, returns: 'TagRankingRowView[]' },
  },
  'GET /api/radar': { summary: '谁看了我: who opened what, how far they read, what they did next', tag: 'radar', query: [{ name: 'since', description: 'ISO time: only activity after it' }], success: { status: 200, returns: 'RadarItemView[]' } },
  // KYB134, the process funnel and the deal index (issue 6)
  'GET /api/dashboards/agent/me': { summary: 'My KYB134 (activity, layer, assets, KASH with percentiles) with my MCIP and funnel', tag: 'dashboards', query: DashboardQuery, success: { status: 200, returns: 'AgentDashboardView' } },
  'GET /api/dashboards/agents/:agentId': { summary: 'One agent\'s KYB134, MCIP and funnel (self, own team, own subtree)', tag: 'dashboards', query: DashboardQuery, success: { status: 200, returns: 'AgentDashboardView' } },
  'GET /api/dashboards/team/:teamId': { summary: 'A team: ranking, who slipped since last week, OMIP coaching list, funnel and assets', tag: 'dashboards', query: DashboardQuery, success: { status: 200, returns: 'TeamDashboardView' } },
  'GET /api/dashboards/org/:orgUnitId': { summary: 'A company, branch or team: funnel, 9-cell heat map, layers and assets across its child units', tag: 'dashboards', query: DashboardQuery, success: { status: 200, returns: 'OrgDashboardView' } },
  'GET /api/dashboards/funnel': { summary: 'One agent\'s or org unit\'s process funnel with change against last week and the daily trend', tag: 'dashboards', query: FunnelQuery, success: { status: 200, returns: 'FunnelTrendView' } },
  'POST /api/dashboards/snapshots': { summary: 'Compute and store the day\'s KYB134 and funnel snapshots now', tag: 'dashboards', body: ComputeSnapshotsDto, success: { status: 201, returns: 'SnapshotSummaryView' } },
  'POST /api/study': { summary: 'The agent read a content item themselves (KYB134 Knowledge)', tag: 'dashboards', body: RecordStudyDto, success: { status: 201, returns: 'RecordStudyView' } },
  'GET /api/contacts/:contactId/deal-index': { summary: '成交指数: P(close) from the model, or the stage prior (said so), with top contributions and next actions', tag: 'contacts', success: { status: 200, returns: 'DealIndexView' } },
};

/** Schemas of bodies that are not DTO classes (checked by hand on the hot path, or free-form). */
export const EXTRA_SCHEMAS: Record<string, object> = {
  IngestEventsRequest: {
    type: 'object', required: ['sentAtDeviceMs', 'events'], additionalProperties: false,
    properties: {
      sentAtDeviceMs: { type: 'integer', description: 'device clock when the batch was sent (epoch ms)' },
      events: {
        type: 'array', maxItems: 100,
        items: {
          type: 'object', required: ['clientEventId', 'type', 'shareId', 'createdAtDeviceMs'], additionalProperties: false,
          properties: {
            clientEventId: { type: 'string', format: 'uuid' },
            type: { type: 'string', enum: ['open', 'read_progress', 'read_complete', 'video_progress', 'live_join', 'live_leave', 'card_view', 'consult_tap', 'forward', 'nps_answer'] },
            shareId: { type: 'string' },
            createdAtDeviceMs: { type: 'integer' },
            depthPct: { type: 'number', minimum: 0, maximum: 100 },
            dwellMs: { type: 'number', minimum: 0 },
            videoPositionSec: { type: 'number', minimum: 0 },
            videoPct: { type: 'number', minimum: 0, maximum: 100 },
            npsScore: { type: 'number', minimum: 0, maximum: 10 },
          },
        },
      },
    },
  },
  FollowUpRuleSetRequest: { type: 'object', required: ['rules'], properties: { rules: { type: 'array', items: { type: 'object', description: 'FollowUpRule (shared/src/kyc1984/follow-up-rules.ts)' } } } },
};
