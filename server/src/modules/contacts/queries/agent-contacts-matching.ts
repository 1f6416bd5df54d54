import type { DataSource, EntityManager } from 'typeorm';
import { Contact } from '../contact.entity';
import { ContactPhone } from '../contact-phone.entity';

/**
 * The agent's own contacts a row of another kind's sheet names (a policy import's 客户手机 /
 * 客户姓名): the one holding the entered number if any (a merged-away contact is its survivor),
 * else those whose remark or real name is exactly the name. The caller decides what several mean.
 */
export async function agentContactsMatching(db: DataSource | EntityManager, agentId: string, by: { phoneHash: string | null; name: string }): Promise<Contact[]> {
  const contacts = db.getRepository(Contact);
  if (by.phoneHash) {
    const entered = await db.getRepository(ContactPhone).findOneBy({ agentId, phoneHash: by.phoneHash });
    let holder = entered ? await contacts.findOneBy({ id: entered.contactId }) : null;
    if (holder?.mergedIntoContactId) holder = await contacts.findOneBy({ id: holder.mergedIntoContactId });
    if (holder && holder.agentId === agentId) return [holder];
  }
  if (by.name === '') return [];
  return contacts.createQueryBuilder('c')
    .where('c.agent_id = :agentId AND c.merged_into_contact_id IS NULL', { agentId })
    .andWhere('(c.remark_name = :name OR c.real_name = :name)', { name: by.name })
    .orderBy('c.created_at_ms', 'ASC').limit(5).getMany();
}
