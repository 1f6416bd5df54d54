/**
 * Past outcomes of a company's contacts, imported by an admin or manager so the deal index learns
 * from day one (training reads them beside the outcomes recorded in Kejing, deal-history-loader).
 * Good lines are stored, each bad one comes back with its line and a reason; the import is audited.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { parsePastOutcomes, type PastOutcomeProblem, type PastOutcomesImportView } from '@kejing/shared';
import { badRequest } from '../../lib/app-error';
import { chinaDayOf } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { PhoneCrypto } from '../../lib/phone-crypto';
import type { StaffActor } from '../../permissions/actor';
import { whereAgentInScope } from '../../permissions/scope-query';
import type { AuditService } from '../audit/audit.service';
import { DealPastOutcome } from './deal-past-outcome.entity';

export class PastOutcomesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly phoneCrypto: PhoneCrypto,
    private readonly audit: AuditService,
  ) {}

  /** POST /api/deal-index/past-outcomes */
  async import(actor: StaffActor, csv: string): Promise<PastOutcomesImportView> {
    const nowMs = this.clock.nowMs();
    const { rows, problems } = parsePastOutcomes(csv, chinaDayOf(nowMs));
    const header = problems.filter((p) => p.line === 1);
    if (header.length > 0) throw badRequest(header.map((p) => ({ field: `csv.${p.field}`, reason: p.reasonZh })), '表头不对，没有导入任何一行');
    const found = await this.contactsInScope(actor, rows.map((r) => r.contactId).filter((id): id is string => id !== null));
    const byPhone = await this.contactsByPhone(actor, rows.map((r) => r.phone).filter((p): p is string => p !== null));
    const accepted: DealPastOutcome[] = [];
    const taken = new Set<string>();
    for (const row of rows) {
      const bad = (field: string, reasonZh: string) => problems.push({ line: row.line, field, reasonZh });
      let contactId: string | undefined;
      if (row.contactId) {
        if (!found.has(row.contactId)) { bad('contactId', '找不到该客户编号（或不在您的管理范围内）'); continue; }
        contactId = row.contactId;
      } else {
        const ids = byPhone.get(row.phone as string) ?? [];
        if (ids.length === 0) { bad('phone', '找不到该手机号的客户（或不在您的管理范围内）'); continue; }
        if (ids.length > 1) { bad('phone', '该手机号对应多位客户，请改用客户编号'); continue; }
        contactId = ids[0] as string;
      }
      if (found.get(contactId) === 'settled') { bad('outcome', '该客户在客经里已有成交结果，以客经的记录为准'); continue; }
      if (taken.has(contactId)) { bad('contactId', '与前面某行是同一位客户'); continue; }
      taken.add(contactId);
      accepted.push({ contactId, won: row.won, outcomeDate: row.date, premiumFen: row.premiumFen, importedByStaffId: actor.staffId, importedAtMs: nowMs });
    }
    problems.sort((a, b) => a.line - b.line);
    const batchId = randomUUID();
    let replaced = 0;
    await this.dataSource.transaction(async (manager) => {
      const ids = accepted.map((a) => a.contactId);
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        replaced += (await manager.delete(DealPastOutcome, { contactId: In(part) })).affected ?? 0;
      }
      for (let i = 0; i < accepted.length; i += 200) await manager.insert(DealPastOutcome, accepted.slice(i, i + 200));
      await this.audit.record({
        actorId: actor.staffId, action: 'deal_past_outcomes.import', subjectType: 'deal_past_outcome', subjectId: batchId,
        detail: { accepted: accepted.length, replaced, rejected: problems.length, won: accepted.filter((a) => a.won).length },
      }, manager);
    });
    return { importId: batchId, accepted: accepted.length, replaced, problems: problems.map((p: PastOutcomeProblem) => ({ ...p })) };
  }

  /** Contact ids in the actor's scope, each marked settled when Kejing already holds its outcome. */
  private async contactsInScope(actor: StaffActor, ids: readonly string[]): Promise<Map<string, 'open' | 'settled'>> {
    const out = new Map<string, 'open' | 'settled'>();
    for (let i = 0; i < ids.length; i += 500) {
      const qb = this.dataSource.createQueryBuilder().select(['c.id AS id', 'c.outcome AS outcome']).from('contact', 'c')
        .where('c.id IN (:...ids)', { ids: ids.slice(i, i + 500) }).andWhere('c.merged_into_contact_id IS NULL');
      for (const r of await whereAgentInScope(qb, actor, 'c.agent_id').getRawMany<{ id: string; outcome: string }>()) {
        out.set(r.id, r.outcome === 'open' ? 'open' : 'settled');
      }
    }
    return out;
  }

  /** Contacts in the actor's scope holding each phone (by its keyed hash). */
  private async contactsByPhone(actor: StaffActor, phones: readonly string[]): Promise<Map<string, string[]>> {
    const phoneOf = new Map(phones.map((p) => [this.phoneCrypto.hash(p), p]));
    const out = new Map<string, string[]>();
    const hashes = [...phoneOf.keys()];
    for (let i = 0; i < hashes.length; i += 500) {
      const qb = this.dataSource.createQueryBuilder().select(['DISTINCT p.contact_id AS contact_id', 'p.phone_hash AS phone_hash'])
        .from('contact_phone', 'p').innerJoin('contact', 'c', 'c.id = p.contact_id')
        .where('p.phone_hash IN (:...hashes)', { hashes: hashes.slice(i, i + 500) }).andWhere('c.merged_into_contact_id IS NULL');
      for (const r of await whereAgentInScope(qb, actor, 'c.agent_id').getRawMany<{ contact_id: string; phone_hash: string }>()) {
        const phone = phoneOf.get(r.phone_hash) as string;
        out.set(phone, [...(out.get(phone) ?? []), r.contact_id]);
      }
    }
    return out;
  }
}
