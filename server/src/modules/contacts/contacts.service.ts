import { type DataSource, In } from 'typeorm';
import {
  BANDS, Band, ContactDetailView, ContactSummaryView, GRID_CELLS, GridCountsView, MAINLAND_MOBILE_PATTERN, Page, PAGE_SIZE_DEFAULT, STAGES,
} from '@kejing/shared';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PhoneCrypto } from '../../lib/phone-crypto';
import type { StaffActor } from '../../permissions/actor';
import { whereAgentInScope } from '../../permissions/scope-query';
import type { TouchpointTransactions } from '../events/touchpoint-transactions';
import type { StaffService } from '../staff/staff.service';
import { timelineOf } from '../events/queries/timeline';
import { leadPhoneHashMatches, leadPhoneLast4Matches } from '../leads/queries/lead-phone-match';
import { leadViewsOf } from '../leads/queries/lead-views';
import { openTasksOf } from '../tasks/queries/open-tasks';
import { explainStoredScore } from '../scoring/score-explanation';
import { Contact } from './contact.entity';
import { notesOfContacts, phonesOfContacts } from './contact-records.queries';
import {
  presentContactSummary, presentExplanations, presentNote, presentNoteInTimeline, presentPhone, presentProfile, presentTimelineItem,
} from './contact.presenter';
import type { ListContactsQuery, LogActionDto } from './contact.dto';

const TIMELINE_LIMIT = 200;
const DAY_MS = 24 * 60 * 60 * 1000;
// LIKE with '!' as the escape character: the same on SQLite (no default escape) and MariaDB.
const likeContaining = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** Contacts as agents, leaders and managers see them; always within the actor's scope. */
export class ContactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly touchpoints: TouchpointTransactions,
    private readonly phoneCrypto: PhoneCrypto,
    private readonly staff: Pick<StaffService, 'namesOf'>,
  ) {}

  private scoped(actor: StaffActor) {
    // A contact merged into another is part of that one until the merge is undone: not listed, not opened.
    return whereAgentInScope(this.dataSource.getRepository(Contact).createQueryBuilder('contact'), actor, 'contact.agent_id')
      .andWhere('contact.merged_into_contact_id IS NULL');
  }

  async list(actor: StaffActor, query: ListContactsQuery): Promise<Page<ContactSummaryView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? PAGE_SIZE_DEFAULT;
    const qb = this.scoped(actor);
    if (query.cell) qb.andWhere('contact.cell = :cell', { cell: query.cell });
    if (query.stage) qb.andWhere('contact.stage = :stage', { stage: query.stage });
    if (query.referral) qb.andWhere('contact.referral_class = :referral', { referral: query.referral });
    // Interest tags are a small JSON list per contact; the quoted form cannot match a longer tag.
    if (query.tag) qb.andWhere('contact.interest_tags LIKE :tag', { tag: `%"tag":"${query.tag}"%` });
    // The agent's tags are a JSON list of strings: the quoted form matches a whole tag only.
    if (query.agentTag) qb.andWhere(`contact.agent_tags LIKE :agentTag ESCAPE '!'`, { agentTag: likeContaining(JSON.stringify(query.agentTag.trim())) });
    if (query.source) qb.andWhere('contact.source = :source', { source: query.source });
    const now = this.clock.nowMs();
    if (query.lastTouchWithinDays) qb.andWhere('contact.last_touch_at_ms >= :touchedSince', { touchedSince: now - query.lastTouchWithinDays * DAY_MS });
    if (query.silentForDays) {
      qb.andWhere('(contact.last_touch_at_ms IS NULL OR contact.last_touch_at_ms < :silentSince)', { silentSince: now - query.silentForDays * DAY_MS });
    }
    if (query.q) this.whereMatches(qb, query.q.trim());
    // The page's ids first, then its rows. Both keys descending: idx_contact_agent_touch (agent,
    // merged, last touch, id) or, filtered by stage, idx_contact_agent_stage then hold the page in
    // order, so the ids before it are skipped in the index and only the page's rows are read (reading
    // whole rows to skip them cost MariaDB p99 26.7 ms for page 50 of a stage at 10,000,000 contacts).
    const pageIds = qb.clone()
      .select('contact.id', 'id')
      .orderBy('contact.last_touch_at_ms', 'DESC')
      .addOrderBy('contact.id', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize);
    const [idRows, total] = await Promise.all([pageIds.getRawMany<{ id: string }>(), qb.getCount()]);
    const ids = idRows.map((r) => r.id);
    const rows = ids.length === 0 ? [] : await this.dataSource.getRepository(Contact).findBy({ id: In(ids) });
    const byId = new Map(rows.map((c) => [c.id, c]));
    const items = ids.flatMap((id) => {
      const contact = byId.get(id);
      return contact ? [presentContactSummary(contact)] : [];
    });
    return { items, total, page, pageSize };
  }

  /**
   * Free-text search within the actor's contacts (an agent has a few thousand at most, found by
   * idx_contact_agent_touch): names and the agent's tags by substring; 4 digits also match a
   * phone's last four and 11 digits a whole phone, through keyed hashes (no digits are stored).
   */
  private whereMatches(qb: ReturnType<ContactsService['scoped']>, q: string): void {
    const text = likeContaining(q);
    const clauses = [
      `contact.remark_name LIKE :qText ESCAPE '!'`, `contact.real_name LIKE :qText ESCAPE '!'`, `contact.display_name LIKE :qText ESCAPE '!'`,
    ];
    // Tags are searched inside their stored JSON list; text holding its punctuation would match between tags.
    if (!/["\\,[\]]/.test(q)) clauses.push(`contact.agent_tags LIKE :qText ESCAPE '!'`);
    const params: Record<string, string> = { qText: text };
    if (/^\d{4}$/.test(q)) {
      clauses.push('EXISTS (SELECT 1 FROM contact_phone qp WHERE qp.contact_id = contact.id AND qp.last4_hash = :qLast4)');
      // Leads keep their last four for the mask they predate this search with.
      clauses.push(leadPhoneLast4Matches('contact', 'qDigits'));
      params.qLast4 = this.phoneCrypto.hashLast4(q);
      params.qDigits = q;
    } else if (MAINLAND_MOBILE_PATTERN.test(q)) {
      clauses.push('EXISTS (SELECT 1 FROM contact_phone qp WHERE qp.contact_id = contact.id AND qp.phone_hash = :qHash)');
      clauses.push(leadPhoneHashMatches('contact', 'qHash'));
      params.qHash = this.phoneCrypto.hash(q);
    }
    qb.andWhere(`(${clauses.join(' OR ')})`, params);
  }

  /** A contact in scope, or 404 (never 403: the id's existence is not revealed). */
  async findInScope(actor: StaffActor, contactId: string): Promise<Contact> {
    const contact = await this.scoped(actor).andWhere('contact.id = :contactId', { contactId }).getOne();
    if (!contact) throw notFound('contact');
    return contact;
  }

  async detail(actor: StaffActor, contactId: string): Promise<ContactDetailView> {
    const contact = await this.findInScope(actor, contactId);
    const timeline = await timelineOf(this.dataSource, contactId, TIMELINE_LIMIT);
    const leads = await leadViewsOf(this.dataSource, contactId);
    const openTasks = await openTasksOf(this.dataSource, contact);
    const [notes, phones, referredBy] = await Promise.all([
      notesOfContacts(this.dataSource, [contact.id]),
      phonesOfContacts(this.dataSource, [contact.id]),
      contact.referredByContactId ? this.dataSource.getRepository(Contact).findOneBy({ id: contact.referredByContactId }) : null,
    ]);
    const from = contact.handedOverFromAgentId;
    const authors = await this.staff.namesOf([...notes.map((n) => n.authorId), ...(from ? [from] : [])]);
    const noteItems = notes.map((n) => presentNoteInTimeline(presentNote(n, authors.get(n.authorId) ?? '', actor.staffId)));
    // Newest first, notes among touchpoints by time; the note written last wins a tie (it is the agent's latest word).
    const merged = [...timeline.map(presentTimelineItem), ...noteItems]
      .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || Number(b.type === 'note') - Number(a.type === 'note'))
      .slice(0, TIMELINE_LIMIT);
    const band = (cellPart: string | undefined): Band => (BANDS as readonly string[]).includes(cellPart ?? '') ? (cellPart as Band) : 'low';
    const [trustBand, intentBand] = contact.cell.split('-');
    return {
      ...presentContactSummary(contact),
      trustBand: band(trustBand),
      intentBand: band(intentBand),
      referredByContactId: contact.referredByContactId,
      profile: presentProfile(contact, phones.map((p) => presentPhone(p, this.phoneCrypto.decrypt(p.phoneCipher))), referredBy),
      explanations: presentExplanations(await explainStoredScore(this.dataSource, contact)),
      timeline: merged,
      leads,
      openTasks,
      handedOverFrom: from && contact.handedOverAtMs !== null ? { agentName: authors.get(from) ?? '', at: new Date(contact.handedOverAtMs).toISOString() } : null,
    };
  }

  async gridCounts(actor: StaffActor): Promise<GridCountsView> {
    const byCell: { cell: string; n: number | string }[] = await this.scoped(actor)
      .select('contact.cell', 'cell').addSelect('COUNT(*)', 'n').andWhere('contact.opted_out = :no', { no: false })
      .groupBy('contact.cell').getRawMany();
    const byStage: { stage: number | string; n: number | string }[] = await this.scoped(actor)
      .select('contact.stage', 'stage').addSelect('COUNT(*)', 'n').andWhere('contact.opted_out = :no', { no: false })
      .groupBy('contact.stage').getRawMany();
    const cells = Object.fromEntries(GRID_CELLS.map((c) => [c, 0])) as GridCountsView['cells'];
    for (const row of byCell) if (row.cell in cells) cells[row.cell as keyof typeof cells] = Number(row.n);
    const stages = Object.fromEntries(STAGES.map((s) => [String(s), 0])) as GridCountsView['stages'];
    for (const row of byStage) stages[String(row.stage) as keyof typeof stages] = Number(row.n);
    return { cells, stages };
  }

  /** An offline action the agent logged (call, visit, proposal, close …): a touchpoint like any other. */
  async logAction(actor: StaffActor, contactId: string, action: LogActionDto): Promise<{ stored: boolean }> {
    const contact = await this.findInScope(actor, contactId);
    if (contact.agentId !== actor.staffId) throw new AppError(403, 'not_owner', '只有客户的专属营销员可以记录跟进动作');
    const now = this.clock.nowMs();
    const occurredAtMs = action.occurredAt ? Date.parse(action.occurredAt) : now;
    if (occurredAtMs > now + 60_000) throw new AppError(400, 'field_invalid', '发生时间不能晚于现在', [{ field: 'occurredAt', reason: '不能晚于现在' }]);
    const result = await this.touchpoints.write([{
      clientEventId: action.clientEventId, contactId, agentId: contact.agentId, shareId: null, contentVersionId: null,
      type: action.type, occurredAtMs, note: action.note ?? null,
    }], now);
    return { stored: result.stored === 1 };
  }
}
