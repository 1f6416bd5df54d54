import type { DataSource } from 'typeorm';
import { type ReferralNodeView, type ReferralTreeView, shownNameOf } from '@kejing/shared';
import type { StaffActor } from '../../permissions/actor';
import type { ContactsService } from '../contacts/contacts.service';
import { descendantsOf, ReferralRow, referralRowsOf, referrersOf } from '../contacts/referral-chain.queries';
import { engagedContactIds } from '../scoring/scoring-inputs';

/** 新客开来: who brought whom, as the agent sees it on a contact. */
export class ReferralsService {
  constructor(private readonly dataSource: DataSource, private readonly contacts: Pick<ContactsService, 'findInScope'>) {}

  /** The chain above the contact and everyone below it; only the contact's own agent's contacts (a forward stays with one agent). */
  async treeOf(actor: StaffActor, contactId: string): Promise<ReferralTreeView> {
    const contact = await this.contacts.findInScope(actor, contactId);
    const sameAgent = (rows: ReferralRow[]) => rows.filter((r) => r.agentId === contact.agentId);
    const upIds = await referrersOf(this.dataSource, [contact.id]);
    const up = sameAgent(await referralRowsOf(this.dataSource, upIds));
    const upById = new Map(up.map((r) => [r.id, r]));
    const broughtBy = upIds.filter((id) => upById.has(id)).reverse().map((id) => ({ contactId: id, name: shownNameOf(upById.get(id) as ReferralRow) }));
    const below = sameAgent(await descendantsOf(this.dataSource, [contact.id]));
    const engaged = await engagedContactIds(this.dataSource, [contact.id, ...below.map((r) => r.id)]);
    const children = new Map<string, ReferralRow[]>();
    for (const row of below) {
      const list = children.get(row.referredByContactId ?? '') ?? [];
      list.push(row);
      children.set(row.referredByContactId ?? '', list);
    }
    const node = (row: ReferralRow): ReferralNodeView => ({
      contactId: row.id, name: shownNameOf(row), referralClass: row.referralClass, engaged: engaged.has(row.id),
      children: (children.get(row.id) ?? []).sort((a, b) => shownNameOf(a).localeCompare(shownNameOf(b)) || a.id.localeCompare(b.id)).map(node),
    });
    return {
      broughtBy,
      tree: node(contact),
      descendants: below.length,
      engagedDescendants: below.filter((r) => engaged.has(r.id)).length,
    };
  }
}
