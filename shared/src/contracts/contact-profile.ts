/**
 * The contact book (客户档案, issue 13): what the agent knows about a person beside what the
 * scorer infers from reading. Limits and labels live here so the form and the API agree.
 */

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_ZH: Record<Gender, string> = { male: '男', female: '女' };

/** Why the agent may hold a phone number (the basis PIPL asks for). */
export const PHONE_BASES = ['in_person', 'lead_form', 'business_card', 'referral', 'phone_book', 'other'] as const;
export type PhoneBasis = (typeof PHONE_BASES)[number];
export const PHONE_BASIS_ZH: Record<PhoneBasis, string> = {
  in_person: '客户当面提供', lead_form: '客户留资', business_card: '名片', referral: '转介绍人提供', phone_book: '手机通讯录', other: '其他',
};

/** How the contact came to the agent. */
export const CONTACT_SOURCES = ['share', 'forward', 'manual', 'import', 'pool'] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];
export const CONTACT_SOURCE_ZH: Record<ContactSource, string> = {
  share: '打开分享', forward: '好友转发', manual: '手动添加', import: '批量导入', pool: '公海分配',
};

export const FAMILY_RELATIONS = ['spouse', 'child', 'parent', 'parent_in_law', 'sibling', 'grandparent', 'other'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];
export const FAMILY_RELATION_ZH: Record<FamilyRelation, string> = {
  spouse: '配偶', child: '子女', parent: '父母', parent_in_law: '配偶父母', sibling: '兄弟姐妹', grandparent: '祖父母', other: '其他',
};

export const CONTACT_LIMITS = {
  nameMax: 30,
  wechatIdMax: 40,
  relationshipMax: 20,
  phonesMax: 5,
  familyMembersMax: 10,
  agentTagsMax: 20,
  agentTagMax: 12,
  noteMax: 2000,
  policiesHeldMax: 99,
  searchMax: 40,
  lastTouchDaysMax: 3650,
} as const;

/** A WeChat id as WeChat allows it: a letter first, then letters, digits, _ or -, 6–20 long; older ids may be a phone or QQ number. */
export const WECHAT_ID_PATTERN = /^([A-Za-z][A-Za-z0-9_-]{5,19}|\d{5,15})$/;
/** A calendar date, YYYY-MM-DD. */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Someone in the contact's family the agent may one day insure. */
export interface FamilyMember {
  name: string;
  relation: FamilyRelation;
  /** YYYY-MM-DD, or null when unknown. */
  birthday: string | null;
  gender: Gender | null;
}

/** A phone the agent entered, masked (138****1234); the full number only through reveal-phone. */
export interface ContactPhoneView {
  phoneId: string;
  masked: string;
  basis: PhoneBasis;
}

export interface ContactProfileView {
  remarkName: string | null;
  realName: string | null;
  gender: Gender | null;
  birthday: string | null;
  wechatId: string | null;
  /** How the agent knows them, in the agent's words (同事, 大学同学 …). */
  relationship: string | null;
  source: ContactSource;
  /** The contact whose forward brought this one in (转介绍), if any. */
  referredBy: { contactId: string; name: string } | null;
  phones: ContactPhoneView[];
  familyMembers: FamilyMember[];
  /** The agent's own tags, beside the interest tags from reading. */
  agentTags: string[];
  /** The agent has them as a WeChat friend: reachable (stage 1) without any read. */
  wechatFriend: boolean;
  /** Policies they hold today (until real policies exist). */
  policiesHeld: number;
}

/** A new phone ({phone, basis}) or one already held ({phoneId, basis}); a held phone left out is removed. */
export interface ContactPhoneInput {
  phoneId?: string;
  phone?: string;
  basis: PhoneBasis;
}

/** PUT /api/contacts/:contactId — only what the agent may set; null clears a field. Never owner, stage or scores. */
export interface UpdateContactRequest {
  remarkName?: string | null;
  realName?: string | null;
  gender?: Gender | null;
  birthday?: string | null;
  wechatId?: string | null;
  relationship?: string | null;
  phones?: ContactPhoneInput[];
  familyMembers?: FamilyMember[];
  agentTags?: string[];
  wechatFriend?: boolean;
  policiesHeld?: number;
}

/** POST /api/contacts — a person added by hand; the remark name is required. */
export interface CreateContactRequest extends Omit<UpdateContactRequest, 'remarkName' | 'phones'> {
  remarkName: string;
  phones?: { phone: string; basis: PhoneBasis }[];
}

/** POST /api/contacts/:contactId/reveal-phone — a phone of the agent's, or the latest lead's when none is named. */
export interface RevealPhoneRequest {
  phoneId?: string;
}
export interface RevealedPhoneView {
  phone: string;
  /** Where the number came from: one the agent entered, or the customer's lead form. */
  from: 'agent' | 'lead';
}

export interface ContactNoteRequest {
  body: string;
}
export interface ContactNoteView {
  noteId: string;
  contactId: string;
  body: string;
  authorName: string;
  /** Only the author edits or deletes a note. */
  mine: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * The name a suggested message greets the contact by: the agent's remark name, then the real
 * name, then the name they gave; never the placeholder a WeChat reader starts with. '' means
 * "no name known" (the message then opens with a plain greeting).
 */
export function addressNameOf(contact: { remarkName: string | null; realName: string | null; displayName: string }): string {
  for (const name of [contact.remarkName, contact.realName, contact.displayName]) {
    const trimmed = name?.trim() ?? '';
    if (trimmed !== '' && !isAnonymousName(trimmed)) return trimmed;
  }
  return '';
}

/** What a contact is shown as in lists: the remark name first, else the name they are known by. */
export function shownNameOf(contact: { remarkName: string | null; realName: string | null; displayName: string }): string {
  return contact.remarkName?.trim() || contact.realName?.trim() || contact.displayName;
}

/** A WeChat reader nobody has named yet is called 微信访客XXXX. */
export const ANONYMOUS_NAME_PREFIX = '微信访客';
export const anonymousNameOf = (contactId: string): string => `${ANONYMOUS_NAME_PREFIX}${contactId.slice(0, 4).toUpperCase()}`;
export const isAnonymousName = (name: string): boolean => name.startsWith(ANONYMOUS_NAME_PREFIX);
