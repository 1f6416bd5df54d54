import type { DataSource, EntityManager } from 'typeorm';
import { Tag } from '../tag.entity';

/** Every tag's Chinese name by its code, operators' own tags included (what content search matches against). */
export async function tagNamesByCode(db: DataSource | EntityManager): Promise<Record<string, string>> {
  const tags = await db.getRepository(Tag).find({ select: { code: true, name: true } });
  return Object.fromEntries(tags.map((t) => [t.code, t.name]));
}
