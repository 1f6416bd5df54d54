import type { DataSource, EntityManager } from 'typeorm';
import { User } from '../user.entity';

/** The WeChat openid of a signed-in user, or null (an unknown user). */
export async function openidOfUser(db: DataSource | EntityManager, userId: string): Promise<string | null> {
  return (await db.getRepository(User).findOneBy({ id: userId }))?.openid ?? null;
}
