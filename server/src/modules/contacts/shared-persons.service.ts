import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { shownNameOf, SharedPersonView } from '@kejing/shared';
import type { StaffActor } from '../../permissions/actor';
import { canSeeAgentRecord } from '../../permissions/scope';
import type { StaffService } from '../staff/staff.service';

/**
 * What identifies a person across agents: a phone an agent entered (keyed hash), a phone WeChat
 * verified for the reader behind a contact, and the reader's WeChat unionid. Typed lead phones
 * are left out: anyone can type anyone's number.
 */
const PERSON_KEYS = `
  SELECT 'phone' AS kind, p.phone_hash AS person_key, p.contact_id AS contact_id FROM contact_phone p
  UNION SELECT 'phone', v.phone_hash, vc.id FROM contact vc INNER JOIN verified_phone v ON v.user_id = vc.viewer_user_id
  UNION SELECT 'unionid', u.unionid, uc.id FROM contact uc INNER JOIN app_user u ON u.id = uc.viewer_user_id WHERE u.unionid IS NOT NULL`;
const HOLDERS = `FROM (${PERSON_KEYS}) k
  INNER JOIN contact c ON c.id = k.contact_id
  INNER JOIN staff_member s ON s.id = c.agent_id
  INNER JOIN org_unit o ON o.id = s.org_unit_id
  WHERE c.merged_into_contact_id IS NULL AND o.path LIKE ?`;

interface HolderRow {
  kind: 'phone' | 'unionid';
  person_key: string;
  contact_id: string;
  agent_id: string;
  path: string;
  display_name: string;
  remark_name: string | null;
  real_name: string | null;
  stage: number | string;
  created_at_ms: number | string;
}

/**
 * One person across the company (issue 14.4): people held by more than one agent (撞单), as
 * the leader or manager of any of those agents sees them. Other agents never see this: an agent
 * knows only their own contacts.
 */
export class SharedPersonsService {
  constructor(private readonly dataSource: DataSource, private readonly staff: Pick<StaffService, 'namesOf'>) {}

  async list(actor: StaffActor): Promise<SharedPersonView[]> {
    const company = `/${actor.orgPath.split('/')[1] ?? ''}/%`;
    const keys = await this.dataSource.query(
      `SELECT k.kind AS kind, k.person_key AS person_key ${HOLDERS} GROUP BY k.kind, k.person_key HAVING COUNT(DISTINCT c.agent_id) > 1`, [company],
    ) as { kind: string; person_key: string }[];
    if (keys.length === 0) return [];
    const holders: HolderRow[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500).map((k) => k.person_key);
      holders.push(...await this.dataSource.query(
        `SELECT k.kind AS kind, k.person_key AS person_key, c.id AS contact_id, c.agent_id AS agent_id, o.path AS path, c.display_name AS display_name,
           c.remark_name AS remark_name, c.real_name AS real_name, c.stage AS stage, c.created_at_ms AS created_at_ms
         ${HOLDERS} AND k.person_key IN (${chunk.map(() => '?').join(',')})`, [company, ...chunk],
      ) as HolderRow[]);
    }
    const wanted = new Set(keys.map((k) => `${k.kind}:${k.person_key}`));
    const rows = holders.filter((h) => wanted.has(`${h.kind}:${h.person_key}`));
    const persons = groupByPerson(rows);
    const names = await this.staff.namesOf(rows.map((r) => r.agent_id));
    const views: SharedPersonView[] = [];
    for (const person of persons) {
      const contacts = [...new Map(person.rows.map((r) => [r.contact_id, r])).values()];
      const visible = contacts.filter((r) => canSeeAgentRecord(actor, { agentId: r.agent_id, orgPath: r.path }));
      if (visible.length === 0) continue;
      views.push({
        personKey: createHash('sha256').update(contacts.map((c) => c.contact_id).sort().join(',')).digest('hex').slice(0, 16),
        matchedBy: [...new Set(person.rows.map((r) => r.kind))].sort(),
        contacts: visible
          .sort((a, b) => Number(a.created_at_ms) - Number(b.created_at_ms))
          .map((r) => ({
            contactId: r.contact_id, agentId: r.agent_id, agentName: names.get(r.agent_id) ?? '',
            name: shownNameOf({ displayName: r.display_name, remarkName: r.remark_name, realName: r.real_name }),
            stage: Number(r.stage), createdAt: new Date(Number(r.created_at_ms)).toISOString(),
          })),
        heldElsewhere: contacts.length - visible.length,
      });
    }
    return views.sort((a, b) => a.contacts[0].createdAt.localeCompare(b.contacts[0].createdAt) || a.personKey.localeCompare(b.personKey));
  }
}

/** Rows sharing a contact belong to one person, so a phone match and a unionid match of the same contacts are one entry (union–find). */
function groupByPerson(rows: HolderRow[]): { rows: HolderRow[] }[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  const join = (a: string, b: string) => parent.set(find(a), find(b));
  for (const r of rows) {
    const key = `k:${r.kind}:${r.person_key}`;
    const contact = `c:${r.contact_id}`;
    if (!parent.has(key)) parent.set(key, key);
    if (!parent.has(contact)) parent.set(contact, contact);
    join(contact, key);
  }
  const groups = new Map<string, HolderRow[]>();
  for (const r of rows) {
    const root = find(`c:${r.contact_id}`);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  }
  return [...groups.values()].map((g) => ({ rows: g }));
}
