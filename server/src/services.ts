import type { DataSource } from 'typeorm';
import { AppConfig, poolDefaults, retentionDefaults } from './config/load-config';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import { PhoneCrypto } from './lib/phone-crypto';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { SessionGuard } from './modules/auth/session-guard';
import { SessionTokens } from './modules/auth/session-tokens';
import { VerifiedPhones } from './modules/auth/verified-phones';
import { ContactResolver } from './modules/contacts/contact-resolver';
import { ContactsService } from './modules/contacts/contacts.service';
import { ContactBookService } from './modules/contacts/contact-book.service';
import { ContactNotesService } from './modules/contacts/contact-notes.service';
import { contactImportKind } from './modules/contacts/contact-import.kind';
import { ContactMergeService } from './modules/contacts/contact-merge.service';
import { contactNotesMergeStep, contactPhonesMergeStep, referredContactsMergeStep } from './modules/contacts/contact-merge-steps';
import { SharedPersonsService } from './modules/contacts/shared-persons.service';
import { touchpointMergeStep } from './modules/events/touchpoint-merge-step';
import { ImportsService } from './modules/imports/imports.service';
import { consentMergeStep, leadMergeStep } from './modules/leads/lead-merge-step';
import { stageChangeMergeStep } from './modules/scoring/stage-change-merge-step';
import { scoreStateMergeStep } from './modules/scoring/score-states';
import { forwardedShareMergeStep } from './modules/shares/share-merge-step';
import { taskMergeStep } from './modules/tasks/task-merge-step';
import { noticeMergeStep } from './modules/notifications/notice-merge-step';
import { customerMessageMergeStep } from './modules/card/customer-message-merge-step';
import { ComplianceService } from './modules/content/compliance.service';
import { ContentAnalyticsService } from './modules/content/content-analytics.service';
import { ContentAuthoringService } from './modules/content/content-authoring.service';
import { ContentService } from './modules/content/content.service';
import { TagsService } from './modules/tags/tags.service';
import { ContactChanges } from './modules/events/contact-changes';
import { TouchpointTransactions } from './modules/events/touchpoint-transactions';
import { EventStore } from './modules/events/event-store';
import { EventWriter } from './modules/events/event-writer';
import { IngestionService } from './modules/events/ingestion.service';
import { LeadsService } from './modules/leads/leads.service';
import { OrgService } from './modules/org/org.service';
import { ShareTokenSigner } from './modules/shares/share-token';
import { SharesService } from './modules/shares/shares.service';
import { PosterCodes } from './modules/shares/poster-codes';
import { ShareArrivals } from './modules/shares/share-arrivals';
import { StaffService } from './modules/staff/staff.service';
import { WeChatClient } from './wechat/wechat-client';
import { RadarService } from './modules/radar/radar.service';
import { ScorerService } from './modules/scoring/scorer.service';
import { ScoringWorker } from './modules/scoring/scoring-worker';
import { FollowUpRulesService } from './modules/tasks/follow-up-rules.service';
import { TasksService } from './modules/tasks/tasks.service';
import { MorningListService } from './modules/tasks/morning-list.service';
import { RemindersService } from './modules/tasks/reminders.service';
import { DashboardsService } from './modules/dashboards/dashboards.service';
import { Kyb134InputsService } from './modules/dashboards/kyb134-inputs.service';
import { PastOutcomesService } from './modules/deal-index/past-outcomes.service';
import { PeriodForecastService } from './modules/dashboards/period-forecast.service';
import { SnapshotService } from './modules/dashboards/snapshot.service';
import { DealIndexService } from './modules/deal-index/deal-index.service';
import { PrivacyService } from './modules/privacy/privacy.service';
import { HandoverService } from './modules/handover/handover.service';
import { PoolService } from './modules/handover/pool.service';
import { PersonaTemplatesService } from './modules/card/persona-templates.service';
import { openidOfStaff } from './modules/auth/queries/openid';
import { CardReachService } from './modules/card/card-reach.service';
import { CustomerMessagesService } from './modules/card/customer-messages.service';
import { NOTIFICATION_DEFAULTS, NotificationsService } from './modules/notifications/notifications.service';
import { noticesFromScoring } from './modules/notifications/scoring-notices';
import { DiskUploadStore, MemoryUploadStore } from './modules/uploads/upload-store';
import { UploadsService } from './modules/uploads/uploads.service';
import { PoliciesService } from './modules/policies/policies.service';
import { policyImportKind } from './modules/policies/policy-import.kind';
import { ReferralsService } from './modules/referrals/referrals.service';

/** The settings services need: a subset of AppConfig, so tests can build them without a file. */
export type ServiceConfig = Pick<AppConfig, 'wechat' | 'session' | 'shareSecret' | 'phoneEncryptionKey' | 'phoneHashKey' | 'adminBootstrapToken' | 'ingest' | 'scoring'>
  // Optional so tests opt in: no rateLimits means no limits; no retention means the defaults of config/default.json.
  & Partial<Pick<AppConfig, 'rateLimits' | 'retention' | 'contentReview' | 'trustProxyHops' | 'notifications' | 'pool'>>
  // null keeps uploads in memory (tests); main passes a directory under DATA_DIR.
  & { uploadsDir?: string | null };

export interface Services {
  config: ServiceConfig;
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  tokens: SessionTokens;
  sessions: SessionGuard;
  verifiedPhones: VerifiedPhones;
  changes: ContactChanges;
  writer: EventWriter;
  touchpoints: TouchpointTransactions;
  org: OrgService;
  staff: StaffService;
  auth: AuthService;
  content: ContentService;
  tags: TagsService;
  compliance: ComplianceService;
  contentAuthoring: ContentAuthoringService;
  contentAnalytics: ContentAnalyticsService;
  contactResolver: ContactResolver;
  arrivals: ShareArrivals;
  shares: SharesService;
  posterCodes: PosterCodes;
  ingestion: IngestionService;
  leads: LeadsService;
  contacts: ContactsService;
  contactBook: ContactBookService;
  contactNotes: ContactNotesService;
  contactMerge: ContactMergeService;
  sharedPersons: SharedPersonsService;
  imports: ImportsService;
  audit: AuditService;
  followUpRules: FollowUpRulesService;
  scorer: ScorerService;
  scoringWorker: ScoringWorker;
  tasks: TasksService;
  morningList: MorningListService;
  reminders: RemindersService;
  radar: RadarService;
  dealIndex: DealIndexService;
  snapshots: SnapshotService;
  dashboards: DashboardsService;
  periodForecast: PeriodForecastService;
  pastOutcomes: PastOutcomesService;
  kyb134Inputs: Kyb134InputsService;
  privacy: PrivacyService;
  handover: HandoverService;
  pool: PoolService;
  personaTemplates: PersonaTemplatesService;
  notifications: NotificationsService;
  uploads: UploadsService;
  cardReach: CardReachService;
  customerMessages: CustomerMessagesService;
  policies: PoliciesService;
  referrals: ReferralsService;
}

/** Wires every service once; the composition root for app and jobs alike. */
export function buildServices(config: ServiceConfig, dataSource: DataSource, clock: Clock, logger: Logger): Services {
  const tokens = new SessionTokens(config.session);
  const sessions = new SessionGuard(dataSource, clock, tokens);
  const changes = new ContactChanges();
  const sqlite = dataSource.options.type === 'better-sqlite3';
  const writer = new EventWriter(new EventStore(dataSource), {
    maxRows: config.ingest.flushMaxRows,
    maxInFlight: sqlite ? 1 : config.ingest.flushMaxInFlight,
    timeoutMs: config.ingest.dbTimeoutMs,
  });
  const touchpoints = new TouchpointTransactions(dataSource, changes, writer);
  const phoneCrypto = new PhoneCrypto(config.phoneEncryptionKey, config.phoneHashKey);
  const audit = new AuditService(dataSource, clock);
  const org = new OrgService(dataSource, clock);
  const wechat = new WeChatClient(config.wechat);
  // Built before everything that publishes text to customers: each door passes the one check.
  const compliance = new ComplianceService(dataSource, clock, wechat, audit);
  const staff = new StaffService(dataSource, clock, org, compliance, audit);
  const auth = new AuthService(dataSource, clock, logger, wechat, tokens, sessions, staff);
  const content = new ContentService(dataSource, clock, compliance, audit);
  const tags = new TagsService(dataSource, clock, audit);
  // The four-eyes rule holds unless a configuration turns it off (a team with one operator).
  const contentAuthoring = new ContentAuthoringService(dataSource, clock, audit, tags, compliance, { fourEyes: config.contentReview?.fourEyes ?? true });
  const contentAnalytics = new ContentAnalyticsService(dataSource, tags);
  const contactResolver = new ContactResolver(dataSource, clock);
  const signer = new ShareTokenSigner(config.shareSecret);
  const arrivals = new ShareArrivals(dataSource, signer, contactResolver);
  const shares = new SharesService(dataSource, clock, signer, content, staff, arrivals);
  const posterCodes = new PosterCodes(shares, wechat);
  const ingestion = new IngestionService(arrivals, touchpoints);
  const verifiedPhones = new VerifiedPhones(dataSource, clock, wechat, phoneCrypto);
  const contacts = new ContactsService(dataSource, clock, touchpoints, phoneCrypto, staff);
  const followUpRules = new FollowUpRulesService(dataSource, clock, audit, compliance);
  const scorer = new ScorerService(dataSource, clock, logger, followUpRules);
  // The callers below change a contact's facts or history other than by new touchpoints (a merge
  // moves touchpoints): the history is replayed, which is rare, rather than folded into the state.
  const rescore = (ids: string[]) => scorer.scoreContacts(ids, { replay: true });
  // One person, one contact: each module that keeps rows by contact moves its own (a new module adds its step here, one line).
  const contactMerge = new ContactMergeService(dataSource, clock, logger, audit, contacts, contactResolver, touchpoints, [
    touchpointMergeStep, leadMergeStep, consentMergeStep, taskMergeStep, stageChangeMergeStep, contactNotesMergeStep, contactPhonesMergeStep,
    referredContactsMergeStep, forwardedShareMergeStep, noticeMergeStep, customerMessageMergeStep, scoreStateMergeStep,
  ], rescore);
  const leads = new LeadsService(dataSource, clock, arrivals, phoneCrypto, touchpoints, verifiedPhones,
    (verified) => contactMerge.mergeOnVerifiedPhone(verified));
  const sharedPersons = new SharedPersonsService(dataSource, staff);
  const policies = new PoliciesService(dataSource, clock, phoneCrypto, audit, contacts, touchpoints, rescore);
  // Tabular import: each kind of record that comes in rows is registered here (a new kind adds one line).
  const imports = new ImportsService(dataSource, clock, logger, audit, [
    contactImportKind({ clock, phoneCrypto, audit, touchpoints, rescore }),
    policyImportKind({ clock, phoneCrypto, policies, touchpoints, rescore }),
  ]);
  const contactBook = new ContactBookService(dataSource, clock, phoneCrypto, audit, contacts, touchpoints, rescore);
  const referrals = new ReferralsService(dataSource, contacts);
  const contactNotes = new ContactNotesService(dataSource, clock, audit, contacts, contactBook, staff);
  // A contact who acts waits at most for the batch in progress: 25 contacts kept a 咨询's p99 at 305 ms
  // against 759 ms with 100 at 2,000 events/s, and scored as many per second (bench/event-to-task.js).
  // Draining a backlog (the daily job's first step) goes 200 at a time: at 25 a transaction the
  // commits were a quarter of the daily job's time on SQLite (bench/scoring-bench.js).
  const scoringWorker = new ScoringWorker(dataSource, scorer, logger, { pollMs: config.scoring.pollMs, batchSize: 25, drainBatchSize: 200 });
  // notifications is made further down; a reminder comes due only once the services are running.
  const reminders = new RemindersService(dataSource, clock, logger, { notify: (agentId, kind, input) => notifications.notify(agentId, kind, input) });
  const radar = new RadarService(dataSource);
  const dealIndex = new DealIndexService(dataSource, clock, logger, contacts);
  const pastOutcomes = new PastOutcomesService(dataSource, clock, phoneCrypto, audit);
  const snapshots = new SnapshotService(dataSource, clock, logger, () => dealIndex.stagePriors(),
    (ids, asOfMs) => dealIndex.modelProbabilities(ids, asOfMs));
  const dashboards = new DashboardsService(dataSource, snapshots);
  const periodForecast = new PeriodForecastService(dataSource, clock, () => dealIndex.stagePriors(),
    (ids, asOfMs) => dealIndex.modelProbabilities(ids, asOfMs), (actor, period) => policies.actuals(actor, period));
  const kyb134Inputs = new Kyb134InputsService(dataSource, clock);
  const tasks = new TasksService(dataSource, clock, (due) => reminders.announceDue(due));
  const morningList = new MorningListService(
    dataSource, clock, kyb134Inputs, (ids) => dealIndex.modelLikelihoods(ids), async () => (await dealIndex.activeModel()) !== null,
  );
  const privacy = new PrivacyService(dataSource, clock, audit, phoneCrypto, arrivals, touchpoints, config.retention ?? retentionDefaults(),
    verifiedPhones, sessions, rescore);
  const handover = new HandoverService(dataSource, clock, staff, org, sessions, audit);
  const pool = new PoolService(dataSource, clock, staff, org, handover, config.pool ?? poolDefaults());
  const personaTemplates = new PersonaTemplatesService(dataSource, clock, compliance, audit);
  const notifications = new NotificationsService(dataSource, clock, logger, wechat, (staffId) => openidOfStaff(dataSource, staffId), config.notifications ?? NOTIFICATION_DEFAULTS);
  scorer.onScored = noticesFromScoring(dataSource, notifications, logger);
  const uploads = new UploadsService(dataSource, clock, config.uploadsDir ? new DiskUploadStore(config.uploadsDir) : new MemoryUploadStore());
  const cardReach = new CardReachService(dataSource, clock, audit, uploads, shares, staff);
  const customerMessages = new CustomerMessagesService(dataSource, clock, arrivals, notifications);
  return {
    notifications, uploads, cardReach, customerMessages, handover, pool, personaTemplates,
    config, dataSource, clock, logger, tokens, sessions, verifiedPhones, changes, writer, touchpoints, org, staff, auth, content, tags, compliance, contentAuthoring, contentAnalytics, contactResolver, arrivals, shares, posterCodes, ingestion, leads, contacts, contactBook, contactNotes, contactMerge, sharedPersons, imports, audit,
    followUpRules, scorer, scoringWorker, tasks, morningList, reminders, radar, privacy,
    dealIndex, snapshots, dashboards, periodForecast, pastOutcomes, kyb134Inputs, policies, referrals,
  };
}
