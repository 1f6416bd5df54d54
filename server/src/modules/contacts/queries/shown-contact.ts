import type { DataSource, EntityManager } from 'typeorm';
import { Contact } from '../contact.entity';

/** What another module shows of a contact beside its own rows: the names, the grid cell and the stage. */
export type ShownContact = Pick<Contact, 'id' | 'displayName' | 'remarkName' | 'realName' | 'cell' | 'stage'>;

/** The contact as others show it; throws when it does not exist (callers hold an id they read from their own rows). */
export async function shownContactOf(db: DataSource | EntityManager, contactId: string): Promise<ShownContact> {
  const { id, displayName, remarkName, realName, cell, stage } = await db.getRepository(Contact).findOneByOrFail({ id: contactId });
  return { id, displayName, remarkName, realName, cell, stage };
}
