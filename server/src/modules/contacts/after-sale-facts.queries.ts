import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';
import { addressNameOf, type FamilyMember, type Gender, type TagCode } from '@kejing/shared';
import { Contact } from './contact.entity';

/** What the after-sale planner knows of a contact from the contact book and the scorer. */
export interface AfterSaleFacts {
  contactId: string;
  agentId: string;
  name: string;
  gender: Gender | null;
  birthday: string | null;
  familyMembers: FamilyMember[];
  agentTags: string[];
  interestTags: { tag: TagCode; weight: number }[];
  optedOut: boolean;
}

/** The facts of some contacts, for the daily job's after-sale planner (老客长存). */
export async function afterSaleFactsOf(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<AfterSaleFacts[]> {
  if (contactIds.length === 0) return [];
  // A contact merged into another lives on in the survivor: nothing to plan for it.
  const rows = await db.getRepository(Contact).find({ where: { id: In([...contactIds]), mergedIntoContactId: IsNull() }, order: { id: 'ASC' } });
  // A contact in the pool (公海) has no agent to plan for until someone takes it.
  return rows.flatMap((c) => (c.agentId === null ? [] : [{
    contactId: c.id, agentId: c.agentId, name: addressNameOf(c), gender: c.gender, birthday: c.birthday, familyMembers: c.familyMembers ?? [],
    agentTags: c.agentTags ?? [], interestTags: c.interestTags ?? [], optedOut: c.optedOut,
  }]));
}
