import type {
  ConsentView,
  CreateReminderRequest,
  DeletionView,
  OptOutView,
  PersonalDataExport,
  SnoozeTaskRequest,
  AgentCardView,
  PersonaTemplateView,
  PoolContactView,
  PoolMoveView,
  AgentDashboardView,
  PeriodForecastView,
  DealIndexView,
  FunnelTrendView,
  OrgDashboardView,
  RecordStudyRequest,
  RecordStudyView,
  TeamDashboardView,
  ContactDetailView,
  ContactMergeView,
  ImportCommitRequest,
  ImportJobView,
  ImportPreviewView,
  ImportUploadRequest,
  ContactNoteView,
  ContactSource,
  ContactSummaryView,
  CreateContactRequest,
  RevealedPhoneView,
  UpdateContactRequest,
  ContentKind,
  ContentSummaryView,
  ContentVersionView,
  GridCellCode,
  GridCountsView,
  LeadView,
  LogActionRequest,
  MeView,
  OpenShareView,
  ShareMoreView,
  Page,
  RadarItemView,
  ReferralClass,
  SessionView,
  ShareChannel,
  ShareCreatedView,
  Stage,
  SubmitLeadRequest,
  TaskView,
  MorningListPage,
  MorningListQuery,
  UpdateCardRequest,
  AgentReachView,
  MarkedReadView,
  MessageLeftView,
  NoticeListView,
  NotificationSettingsView,
  ReaderReachView,
  RecordGrantsRequest,
  UnreadCountView,
  UpdateNotificationSettingsRequest,
  UpdateReachRequest,
  CreatePolicyRequest,
  PolicyView,
  ReferralTreeView,
  UpdatePolicyRequest,
} from '@kejing/shared'
import type { ApiClient } from './client'

export interface ContentQuery {
  q?: string
  tag?: string
  kind?: ContentKind
  page?: number
  pageSize?: number
}

export interface ContactQuery {
  /** Name, remark, own tag, or a phone's last 4 digits. */
  q?: string
  cell?: GridCellCode
  stage?: Stage
  referral?: ReferralClass
  source?: ContactSource
  lastTouchWithinDays?: number
  silentForDays?: number
  tag?: string
  agentTag?: string
  page?: number
}

const seg = encodeURIComponent

/** Every endpoint the mini program calls, typed by the shared contracts. */
export function createEndpoints(api: ApiClient) {
  return {
    me: () => api.request<MeView>('GET', '/api/me'),
    bind: async (inviteCode: string) => {
      const s = await api.request<SessionView>('POST', '/api/auth/bind', { body: { inviteCode } })
      api.setSession(s)
      return s
    },

    listContent: (q: ContentQuery) => api.request<Page<ContentSummaryView>>('GET', '/api/content', { query: { ...q } }),
    contentVersion: (versionId: string) => api.request<ContentVersionView>('GET', `/api/content/versions/${seg(versionId)}`),

    createShare: (contentVersionId: string, channel: ShareChannel) =>
      api.request<ShareCreatedView>('POST', '/api/shares', { body: { contentVersionId, channel } }),
    shareByScene: (scene: string) => api.request<ShareCreatedView>('GET', `/api/shares/scenes/${seg(scene)}`),
    // The agent's card and other live shares: what the reader offers when the content was retired.
    shareMore: (shareId: string) => api.request<ShareMoreView>('GET', `/api/shares/${seg(shareId)}/more`),
    openShare: (shareId: string) => api.request<OpenShareView>('POST', `/api/shares/${seg(shareId)}/open`, { retry: true }),
    forwardShare: (shareId: string, channel: ShareChannel) =>
      api.request<ShareCreatedView>('POST', `/api/shares/${seg(shareId)}/forward`, { body: { channel } }),

    // Idempotent by clientEventId, so safe to retry.
    submitLead: (req: SubmitLeadRequest) => api.request<LeadView>('POST', '/api/leads', { body: req, retry: true }),

    tasksToday: (q: MorningListQuery = {}) => api.request<MorningListPage>('GET', '/api/tasks/today', { query: { ...q } }),
    taskDone: (id: string) => api.request<unknown>('POST', `/api/tasks/${seg(id)}/done`),
    taskDismiss: (id: string) => api.request<unknown>('POST', `/api/tasks/${seg(id)}/dismiss`),
    /** Until a time, or to 明天 / 下周 (the server sets 09:00 China time). */
    taskSnooze: (id: string, to: SnoozeTaskRequest) => api.request<TaskView>('POST', `/api/tasks/${seg(id)}/snooze`, { body: to }),
    createReminder: (req: CreateReminderRequest) => api.request<TaskView>('POST', '/api/reminders', { body: req }),
    contactReminders: (contactId: string) => api.request<TaskView[]>('GET', `/api/contacts/${seg(contactId)}/reminders`),
    cancelReminder: (taskId: string) => api.request<unknown>('DELETE', `/api/reminders/${seg(taskId)}`),
    // The customer's own data (我的信息): what is held, export, opt-out, consents, erasure.
    myData: () => api.request<PersonalDataExport>('GET', '/api/privacy/me/export'),
    myConsents: () => api.request<ConsentView[]>('GET', '/api/privacy/me/consents'),
    withdrawConsent: (consentId: string) => api.request<ConsentView>('POST', `/api/privacy/me/consents/${seg(consentId)}/withdraw`),
    optOut: () => api.request<OptOutView>('POST', '/api/privacy/me/opt-out'),
    optIn: () => api.request<OptOutView>('DELETE', '/api/privacy/me/opt-out'),
    eraseMe: () => api.request<DeletionView>('DELETE', '/api/privacy/me'),

    radar: (since?: string) => api.request<RadarItemView[]>('GET', '/api/radar', { query: { since } }),

    contacts: (q: ContactQuery) => api.request<Page<ContactSummaryView>>('GET', '/api/contacts', { query: { ...q } }),
    grid: () => api.request<GridCountsView>('GET', '/api/contacts/grid'),
    contact: (id: string) => api.request<ContactDetailView>('GET', `/api/contacts/${seg(id)}`),
    logAction: (id: string, req: LogActionRequest) =>
      api.request<unknown>('POST', `/api/contacts/${seg(id)}/actions`, { body: req, retry: true }),
    createContact: (req: CreateContactRequest) => api.request<ContactDetailView>('POST', '/api/contacts', { body: req }),
    updateContact: (id: string, req: UpdateContactRequest) => api.request<ContactDetailView>('PUT', `/api/contacts/${seg(id)}`, { body: req }),
    // Audited on the server: called only when the agent taps 拨打.
    revealPhone: (id: string, phoneId?: string) =>
      api.request<RevealedPhoneView>('POST', `/api/contacts/${seg(id)}/reveal-phone`, { body: phoneId ? { phoneId } : {} }),
    addNote: (id: string, body: string) => api.request<ContactNoteView>('POST', `/api/contacts/${seg(id)}/notes`, { body: { body } }),
    editNote: (id: string, noteId: string, body: string) =>
      api.request<ContactNoteView>('PUT', `/api/contacts/${seg(id)}/notes/${seg(noteId)}`, { body: { body } }),
    deleteNote: (id: string, noteId: string) => api.request<unknown>('DELETE', `/api/contacts/${seg(id)}/notes/${seg(noteId)}`),

    // One person, one contact: merge another of the agent's contacts into this one; undoable for 7 days.
    mergeContact: (intoId: string, fromContactId: string) =>
      api.request<ContactMergeView>('POST', `/api/contacts/${seg(intoId)}/merge`, { body: { fromContactId } }),
    contactMerges: (id: string) => api.request<ContactMergeView[]>('GET', `/api/contacts/${seg(id)}/merges`),
    undoMerge: (mergeId: string) => api.request<ContactMergeView>('POST', `/api/contact-merges/${seg(mergeId)}/undo`),

    // Tabular import: upload (base64) → preview and mapping → commit → poll the job.
    uploadImport: (req: ImportUploadRequest) => api.request<ImportPreviewView>('POST', '/api/imports', { body: req }),
    commitImport: (jobId: string, req: ImportCommitRequest) => api.request<ImportJobView>('POST', `/api/imports/${seg(jobId)}/commit`, { body: req }),
    importJob: (jobId: string) => api.request<ImportJobView>('GET', `/api/imports/${seg(jobId)}`),
    // Policies (保单) and the referral tree (转介绍) on the contact page.
    policies: (contactId: string) => api.request<PolicyView[]>('GET', `/api/contacts/${seg(contactId)}/policies`),
    policy: (policyId: string) => api.request<PolicyView>('GET', `/api/policies/${seg(policyId)}`),
    // Idempotent by clientEventId (the policy_signed touchpoint), so safe to retry.
    createPolicy: (contactId: string, req: CreatePolicyRequest) =>
      api.request<PolicyView>('POST', `/api/contacts/${seg(contactId)}/policies`, { body: req, retry: true }),
    updatePolicy: (policyId: string, req: UpdatePolicyRequest) => api.request<PolicyView>('PUT', `/api/policies/${seg(policyId)}`, { body: req }),
    referrals: (contactId: string) => api.request<ReferralTreeView>('GET', `/api/contacts/${seg(contactId)}/referrals`),

    card: () => api.request<AgentCardView>('GET', '/api/card'),

    // Dashboards (KYB134, the process funnel, the deal index): the server applies the same scope.
    myDashboard: () => api.request<AgentDashboardView>('GET', '/api/dashboards/agent/me'),
    periodForecast: () => api.request<PeriodForecastView>('GET', '/api/dashboards/forecast'),
    agentDashboard: (agentId: string) => api.request<AgentDashboardView>('GET', `/api/dashboards/agents/${seg(agentId)}`),
    teamDashboard: (teamId: string) => api.request<TeamDashboardView>('GET', `/api/dashboards/team/${seg(teamId)}`),
    orgDashboard: (orgUnitId: string) => api.request<OrgDashboardView>('GET', `/api/dashboards/org/${seg(orgUnitId)}`),
    funnelTrend: (q: { orgUnitId: string } | { agentId: string }, days = 30) =>
      api.request<FunnelTrendView>('GET', '/api/dashboards/funnel', { query: { ...q, days } }),
    recordStudy: (req: RecordStudyRequest) => api.request<RecordStudyView>('POST', '/api/study', { body: req }),
    dealIndex: (contactId: string) => api.request<DealIndexView>('GET', `/api/contacts/${seg(contactId)}/deal-index`),
    updateCard: (req: UpdateCardRequest) => api.request<AgentCardView>('PUT', '/api/card', { body: req }),
    personaTemplates: () => api.request<PersonaTemplateView[]>('GET', '/api/card/persona-templates'),
    // The team pool (公海): the server says the daily claim limit when it is reached.
    pool: () => api.request<PoolContactView[]>('GET', '/api/pool'),
    claimFromPool: (contactId: string) => api.request<PoolMoveView>('POST', `/api/pool/${seg(contactId)}/claim`),
    reach: () => api.request<AgentReachView>('GET', '/api/card/reach'),
    updateReach: (req: UpdateReachRequest) => api.request<AgentReachView>('PUT', '/api/card/reach', { body: req }),
    readerReach: (shareId: string) => api.request<ReaderReachView>('GET', '/api/card/reader-reach', { query: { shareId } }),
    // Idempotent by clientMessageId, so safe to retry.
    leaveMessage: (shareId: string, clientMessageId: string, text: string) =>
      api.request<MessageLeftView>('POST', '/api/card/messages', { body: { shareId, clientMessageId, text }, retry: true }),

    notices: () => api.request<NoticeListView>('GET', '/api/notifications'),
    unreadNotices: () => api.request<UnreadCountView>('GET', '/api/notifications/unread-count'),
    markNoticeRead: (noticeId: string) => api.request<MarkedReadView>('POST', `/api/notifications/${seg(noticeId)}/read`),
    markAllNoticesRead: () => api.request<MarkedReadView>('POST', '/api/notifications/read-all'),
    noticeSettings: () => api.request<NotificationSettingsView>('GET', '/api/notifications/settings'),
    updateNoticeSettings: (req: UpdateNotificationSettingsRequest) => api.request<NotificationSettingsView>('PUT', '/api/notifications/settings', { body: req }),
    recordNoticeGrants: (req: RecordGrantsRequest) => api.request<NotificationSettingsView>('POST', '/api/notifications/grants', { body: req }),
  }
}

export type Endpoints = ReturnType<typeof createEndpoints>
