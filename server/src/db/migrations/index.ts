import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { ScoringState1764100000000 } from './1764100000000-scoring-state';
import { ContentPlatform1764200000000 } from './1764200000000-content-platform';
import { Privacy1764700000000 } from './1764700000000-privacy';
import { Dashboards1764800000000 } from './1764800000000-dashboards';
import { VerifiedIdentity1765100000000 } from './1765100000000-verified-identity';
import { FollowUpPhrasesIntoForbiddenWords1765200000000 } from './1765200000000-follow-up-phrases-into-forbidden-words';
import { MultiProcess1765300000000 } from './1765300000000-multi-process';
import { ContactBook1765400000000 } from './1765400000000-contact-book';
import { TaskChannel1765500000000 } from './1765500000000-task-channel';
import { ContactImportMerge1765700000000 } from './1765700000000-contact-import-merge';
import { NoticesAndReach1765800000000 } from './1765800000000-notices-and-reach';
import { FollowUpMemory1765900000000 } from './1765900000000-follow-up-memory';
import { Policies1766000000000 } from './1766000000000-policies';
import { StaffLifecycle1766100000000 } from './1766100000000-staff-lifecycle';
import { DealPastOutcomes1766300000000 } from './1766300000000-deal-past-outcomes';
import { ContactScoreState1766400000000 } from './1766400000000-contact-score-state';
import { ReadsAtScale1766500000000 } from './1766500000000-reads-at-scale';
import { MomentsCopy1766700000000 } from './1766700000000-moments-copy';
import { AnonymousShareOpens1766900000000 } from './1766900000000-anonymous-share-opens';
import { ChannelsLive1767100000000 } from './1767100000000-channels-live';
import { ExplanationFromState1767200000000 } from './1767200000000-explanation-from-state';
import { MorningListReads1767300000000 } from './1767300000000-morning-list-reads';
import { AgentReadsFromIndexes1767400000000 } from './1767400000000-agent-reads-from-indexes';
import { UploadedFile1767500000000 } from './1767500000000-uploaded-file';

/** Every migration, oldest first (one a line, so branches that each add one merge cleanly). */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  ScoringState1764100000000,
  ContentPlatform1764200000000,
  Privacy1764700000000,
  Dashboards1764800000000,
  VerifiedIdentity1765100000000,
  FollowUpPhrasesIntoForbiddenWords1765200000000,
  MultiProcess1765300000000,
  ContactBook1765400000000,
  TaskChannel1765500000000,
  ContactImportMerge1765700000000,
  NoticesAndReach1765800000000,
  FollowUpMemory1765900000000,
  Policies1766000000000,
  StaffLifecycle1766100000000,
  DealPastOutcomes1766300000000,
  ContactScoreState1766400000000,
  ReadsAtScale1766500000000,
  MomentsCopy1766700000000,
  AnonymousShareOpens1766900000000,
  ChannelsLive1767100000000,
  ExplanationFromState1767200000000,
  MorningListReads1767300000000,
  AgentReadsFromIndexes1767400000000,
  UploadedFile1767500000000,
];
