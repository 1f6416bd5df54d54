import type { DataSource } from 'typeorm';

/** The WeChat openid of the user a staff member is bound to, or null (not bound yet): where subscription messages go. */
export async function openidOfStaff(db: DataSource, staffId: string): Promise<string | null> {
  const rows = (await db.query('SELECT u.openid AS openid FROM staff_member s JOIN app_user u ON u.id = s.user_id WHERE s.id = ?', [staffId])) as { openid: string }[];
  return rows[0]?.openid ?? null;
}
