import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { User } from '../modules/auth/user.entity';
import { VerifiedPhone } from '../modules/auth/verified-phone.entity';
import { Contact } from '../modules/contacts/contact.entity';
import { ContactNote } from '../modules/contacts/contact-note.entity';
import { ContactPhone } from '../modules/contacts/contact-phone.entity';
import { ContactMerge, ContactMergeRow } from '../modules/contacts/contact-merge.entity';
import { ImportJob } from '../modules/imports/import-job.entity';
import { ImportRow } from '../modules/imports/import-row.entity';
import { ContentItem } from '../modules/content/content-item.entity';
import { ContentVersionTag } from '../modules/content/content-tag.entity';
import { ContentVersion } from '../modules/content/content-version.entity';
import { TouchpointEvent } from '../modules/events/touchpoint-event.entity';
import { Consent } from '../modules/leads/consent.entity';
import { Lead } from '../modules/leads/lead.entity';
import { OrgUnit } from '../modules/org/org-unit.entity';
import { Share } from '../modules/shares/share.entity';
import { StaffMember } from '../modules/staff/staff-member.entity';
import { FollowUpTask } from '../modules/tasks/follow-up-task.entity';
import { JobCursor } from '../jobs/job-cursor.entity';
import { JobDay, JobPart } from '../jobs/job-lease.entity';
import { ComplianceWord } from '../modules/content/compliance-word.entity';
import { Tag } from '../modules/tags/tag.entity';
import { ContactStageChange } from '../modules/scoring/contact-stage-change.entity';
import { ContactScoreState } from '../modules/scoring/contact-score-state.entity';
import { FollowUpRuleSet } from '../modules/tasks/follow-up-rule-set.entity';
import { AgentContentStudy } from '../modules/dashboards/agent-content-study.entity';
import { FunnelSnapshotRow } from '../modules/dashboards/funnel-snapshot.entity';
import { Kyb134AgentDay } from '../modules/dashboards/kyb134-agent-day.entity';
import { MorningListOpen } from '../modules/dashboards/morning-list-open.entity';
import { DealModelRow } from '../modules/deal-index/deal-model.entity';
import { DealTrainingRun } from '../modules/deal-index/deal-training-run.entity';
import { DealPastOutcome } from '../modules/deal-index/deal-past-outcome.entity';
import { ContactHandover } from '../modules/handover/contact-handover.entity';
import { PersonaTemplateRow } from '../modules/card/persona-template.entity';
import { AgentNotice } from '../modules/notifications/agent-notice.entity';
import { NoticeGrant } from '../modules/notifications/notice-grant.entity';
import { NoticeSetting } from '../modules/notifications/notice-setting.entity';
import { AgentReach } from '../modules/card/agent-reach.entity';
import { CustomerMessage } from '../modules/card/customer-message.entity';
import { UploadedFile } from '../modules/uploads/uploaded-file.entity';
import { Policy } from '../modules/policies/policy.entity';
import { AnonymousShareOpen } from '../modules/shares/anonymous-share-open.entity';

/** The explicit entity list: nothing is discovered by globbing. */
export const ENTITIES = [
  OrgUnit, User, StaffMember, ContentItem, ContentVersion, ContentVersionTag, Share, Contact,
  TouchpointEvent, Consent, Lead, FollowUpTask, AuditEntry, JobCursor, ContactStageChange, ContactScoreState, FollowUpRuleSet, Tag, ComplianceWord,
  MorningListOpen, AgentContentStudy, Kyb134AgentDay, FunnelSnapshotRow, DealModelRow, DealTrainingRun, DealPastOutcome, VerifiedPhone,
  ContactPhone, ContactNote,
  ContactHandover, PersonaTemplateRow,
  ImportJob, ImportRow, ContactMerge, ContactMergeRow,
  Policy,
  JobDay, JobPart,
  AgentNotice, NoticeGrant, NoticeSetting, AgentReach, CustomerMessage, UploadedFile,
  AnonymousShareOpen,
];
