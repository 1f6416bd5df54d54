import type { DataSource, EntityManager } from 'typeorm';
import type { LeadView } from '@kejing/shared';
import { Lead } from '../lead.entity';
import { presentLead } from '../lead.presenter';

/** The contact's lead forms as the contact's page shows them, newest first. */
export async function leadViewsOf(db: DataSource | EntityManager, contactId: string): Promise<LeadView[]> {
  const leads = await db.getRepository(Lead).find({ where: { contactId }, order: { createdAtMs: 'DESC' } });
  return leads.map(presentLead);
}
