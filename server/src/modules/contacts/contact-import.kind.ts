import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CONTACT_LIMITS, Gender, MAINLAND_MOBILE_PATTERN, shownNameOf } from '@kejing/shared';
import type { Clock } from '../../lib/clock';
import type { PhoneCrypto } from '../../lib/phone-crypto';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { ContactChanges } from '../events/contact-changes';
import type { ImportKind } from '../imports/import-kind';
import { leadWithPhoneElsewhere } from '../leads/lead.queries';
import { Contact } from './contact.entity';
import { ContactNote } from './contact-note.entity';
import { ContactPhone } from './contact-phone.entity';

/** A contact as one row of the agent's spreadsheet says it. */
export interface ContactImportRow {
  remarkName: string;
  phone: string | null;
  gender: Gender | null;
  birthday: string | null;
  note: string | null;
  agentTags: string[];
  wechatFriend: boolean;
  policiesHeld: number;
  relationship: string | null;
  wechatId: string | null;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const YES = ['是', '有', 'y', 'yes', 'true', '1', '√', '✓', '好友', '已加'];
const NO = ['否', '无', '没有', 'n', 'no', 'false', '0', '×', '未加', ''];
const GENDER_WORDS: Record<string, Gender> = { 男: 'male', 先生: 'male', m: 'male', male: 'male', 女: 'female', 女士: 'female', f: 'female', female: 'female' };

/** A phone as people type it in a sheet: spaces, dashes, +86 or 86 in front. */
function readPhone(text: string): string | null | { error: string } {
  if (text === '') return null;
  const digits = text.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return MAINLAND_MOBILE_PATTERN.test(digits) ? digits : { error: '手机号不是11位中国大陆手机号' };
}

/** YYYY-MM-DD from 1985-03-08, 1985/3/8, 1985.3.8, 1985年3月8日, 19850308, or an Excel day number. */
export function readBirthday(text: string): string | null | { error: string } {
  if (text === '') return null;
  let y: number, m: number, d: number;
  const parts = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (parts) [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  else if (/^\d{4,5}$/.test(text)) {
    // A date cell saved as a plain number: days since Excel's 1899-12-30.
    const date = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else return { error: `生日「${text.slice(0, 20)}」不是日期（例：1985-03-08）` };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { error: `生日「${text.slice(0, 20)}」不是有效日期` };
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The checks on one row; the first problem found is the reason given for its line. */
export function readContactRow(cells: Readonly<Record<string, string>>): { row: ContactImportRow } | { error: string } {
  const name = cells.remarkName;
  if (name === '') return { error: '姓名为空' };
  if (name.length > CONTACT_LIMITS.nameMax || CONTROL.test(name)) return { error: `姓名超过${CONTACT_LIMITS.nameMax}个字或含有不可见字符` };
  const phone = readPhone(cells.phone);
  if (phone !== null && typeof phone === 'object') return phone;
  let gender: Gender | null = null;
  if (cells.gender !== '') {
    gender = GENDER_WORDS[cells.gender.toLowerCase()] ?? null;
    if (!gender) return { error: `性别「${cells.gender.slice(0, 10)}」只能填 男 或 女` };
  }
  const birthday = readBirthday(cells.birthday);
  if (birthday !== null && typeof birthday === 'object') return birthday;
  const agentTags = [...new Set(cells.agentTags.split(/[,，、;；|\s]+/).map((t) => t.trim()).filter((t) => t !== ''))];
  if (agentTags.length > CONTACT_LIMITS.agentTagsMax) return { error: `标签最多${CONTACT_LIMITS.agentTagsMax}个` };
  if (agentTags.some((t) => t.length > CONTACT_LIMITS.agentTagMax || CONTROL.test(t))) return { error: `每个标签最多${CONTACT_LIMITS.agentTagMax}个字` };
  const friend = cells.wechatFriend.toLowerCase();
  if (!YES.includes(friend) && !NO.includes(friend)) return { error: `微信好友「${cells.wechatFriend.slice(0, 10)}」只能填 是 或 否` };
  let policiesHeld = 0;
  if (cells.policiesHeld !== '') {
    policiesHeld = Number(cells.policiesHeld);
    if (!Number.isInteger(policiesHeld) || policiesHeld < 0 || policiesHeld > CONTACT_LIMITS.policiesHeldMax) {
      return { error: `持有保单数「${cells.policiesHeld.slice(0, 10)}」应为0到${CONTACT_LIMITS.policiesHeldMax}的整数` };
    }
  }
  if (cells.relationship.length > CONTACT_LIMITS.relationshipMax) return { error: `关系最多${CONTACT_LIMITS.relationshipMax}个字` };
  if (cells.note.length > CONTACT_LIMITS.noteMax) return { error: `备注最多${CONTACT_LIMITS.noteMax}个字` };
  if (cells.wechatId.length > CONTACT_LIMITS.wechatIdMax) return { error: `微信号最多${CONTACT_LIMITS.wechatIdMax}个字符` };
  return {
    row: {
      remarkName: name, phone, gender, birthday, note: cells.note || null, agentTags, wechatFriend: YES.includes(friend), policiesHeld,
      relationship: cells.relationship || null, wechatId: cells.wechatId || null,
    },
  };
}

/**
 * Contacts from the agent's spreadsheet (P100, a phone book export, a former CRM): one contact per
 * good row, source 批量导入. A number the agent already holds is a duplicate (reported, not
 * created twice); a number another agent of the company holds is created and flagged (撞单),
 * which managers find in GET /api/contacts/shared-persons. Never merged silently.
 */
export function contactImportKind(deps: {
  clock: Clock; phoneCrypto: PhoneCrypto; audit: AuditService; changes: ContactChanges; rescore: (ids: string[]) => Promise<unknown>;
}): ImportKind<ContactImportRow> {
  const { clock, phoneCrypto, audit, changes, rescore } = deps;

  /** The agent's contact holding this number (entered or left in a lead form), if any. */
  async function heldBy(manager: EntityManager, agentId: string, hash: string): Promise<Contact | null> {
    const entered = await manager.getRepository(ContactPhone).findOneBy({ agentId, phoneHash: hash });
    const contactId = entered?.contactId ?? (await leadWithPhoneElsewhere(manager, agentId, hash, ''))?.contactId;
    if (!contactId) return null;
    const contact = await manager.getRepository(Contact).findOneBy({ id: contactId });
    // A contact merged away is its survivor now.
    return contact?.mergedIntoContactId ? manager.getRepository(Contact).findOneBy({ id: contact.mergedIntoContactId }) : contact;
  }

  /** Whether another agent of the actor's company holds the number (entered by them, or proved by their reader). */
  async function heldInCompany(manager: EntityManager, actor: StaffActor, hash: string): Promise<boolean> {
    const company = `/${actor.orgPath.split('/')[1] ?? ''}/%`;
    const [row] = await manager.query(
      `SELECT COUNT(*) AS n FROM staff_member s INNER JOIN org_unit u ON u.id = s.org_unit_id
       WHERE u.path LIKE ? AND s.id <> ? AND (
         EXISTS (SELECT 1 FROM contact_phone p WHERE p.agent_id = s.id AND p.phone_hash = ?)
         OR EXISTS (SELECT 1 FROM contact c INNER JOIN verified_phone v ON v.user_id = c.viewer_user_id WHERE c.agent_id = s.id AND v.phone_hash = ?))`,
      [company, actor.staffId, hash, hash],
    ) as { n: number | string }[];
    return Number(row.n) > 0;
  }

  return {
    kind: 'contacts',
    roles: ['agent', 'leader'],
    columns: [
      { key: 'remarkName', label: '姓名', aliases: ['名字', '客户姓名', '备注名', '客户', '联系人', 'name'], required: true },
      { key: 'phone', label: '手机', aliases: ['手机号', '手机号码', '电话', '联系电话', '移动电话', 'mobile', 'phone'] },
      { key: 'gender', label: '性别', aliases: ['gender', 'sex'] },
      { key: 'birthday', label: '生日', aliases: ['出生日期', '出生年月日', 'birthday'] },
      { key: 'note', label: '备注', aliases: ['说明', '跟进记录', 'note', 'remark'] },
      { key: 'agentTags', label: '标签', aliases: ['客户标签', 'tags', 'tag'] },
      { key: 'wechatFriend', label: '微信好友', aliases: ['是否微信好友', '已加微信', '微信好友关系'] },
      { key: 'policiesHeld', label: '持有保单数', aliases: ['保单数', '保单数量', '已有保单', '持有保单'] },
      { key: 'relationship', label: '关系', aliases: ['与我关系', '认识途径'] },
      { key: 'wechatId', label: '微信号', aliases: ['微信', 'wechat'] },
    ],
    readRow: readContactRow,
    async commitRow(manager, actor, row, { jobId }) {
      const hash = row.phone ? phoneCrypto.hash(row.phone) : null;
      if (hash) {
        const holder = await heldBy(manager, actor.staffId, hash);
        if (holder) return { outcome: 'duplicate', reason: `与已有客户「${shownNameOf(holder)}」手机号相同，未重复创建`, recordId: holder.id };
      }
      const id = randomUUID();
      const now = clock.nowMs();
      await manager.insert(Contact, {
        id, agentId: actor.staffId, viewerUserId: null, displayName: row.remarkName, remarkName: row.remarkName, gender: row.gender, birthday: row.birthday,
        wechatId: row.wechatId, relationship: row.relationship, agentTags: row.agentTags.length > 0 ? row.agentTags : null, wechatFriend: row.wechatFriend,
        policiesHeld: row.policiesHeld, source: 'import', referredByContactId: null, firstShareId: null, createdAtMs: now,
      });
      if (row.phone && hash) {
        await manager.insert(ContactPhone, {
          id: randomUUID(), contactId: id, agentId: actor.staffId, phoneCipher: phoneCrypto.encrypt(row.phone), phoneHash: hash,
          last4Hash: phoneCrypto.hashLast4(row.phone), basis: 'phone_book', position: 0, createdAtMs: now,
        });
      }
      if (row.note) await manager.insert(ContactNote, { id: randomUUID(), contactId: id, authorId: actor.staffId, body: row.note, createdAtMs: now, updatedAtMs: now });
      await audit.record({ actorId: actor.staffId, action: 'contact.create', subjectType: 'contact', subjectId: id, detail: { source: 'import', jobId } }, manager);
      if (hash && await heldInCompany(manager, actor, hash)) {
        return { outcome: 'flagged', reason: '已创建；该客户也在本公司其他营销员名下（撞单），已提示主管', recordId: id };
      }
      return { outcome: 'created', recordId: id };
    },
    // Stage 1 for WeChat friends and trust for policies held are scored now, not at the worker's next turn.
    async afterChunk(_actor, createdIds) {
      try {
        await rescore(createdIds);
      } catch {
        // Committed; the worker scores them from the notice below.
      }
      changes.publish(createdIds);
    },
  };
}
