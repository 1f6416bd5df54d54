import type { ContactDetailView, ContactSummaryView } from '@kejing/shared'

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()

export const summary = (id: string, name: string, patch: Partial<ContactSummaryView> = {}): ContactSummaryView => ({
  contactId: id, displayName: name, agentTags: [], source: 'manual', trust: 30, intent: 40, cell: 'low-mid', stage: 3, outcome: 'open',
  referralClass: 'indifferent', optedOut: false, lastTouchAt: ago(90), tags: [], ...patch,
})

/** 王姐: a contact the agent described, with a phone, a WeChat id, family, tags, one note of theirs and one of someone else's. */
export const wangJie: ContactDetailView = {
  ...summary('c1', '王姐', { agentTags: ['P100', '宝妈'] }),
  trustBand: 'low', intentBand: 'mid', referredByContactId: null,
  profile: {
    remarkName: '王姐', realName: '王丽', gender: 'female', birthday: '1985-03-08', wechatId: 'wangli_85', relationship: '大学同学', source: 'manual', referredBy: null,
    phones: [{ phoneId: 'p1', masked: '138****5678', basis: 'in_person' }],
    familyMembers: [{ name: '小宝', relation: 'child', birthday: '2018-06-01', gender: 'male' }],
    agentTags: ['P100', '宝妈'], wechatFriend: true, policiesHeld: 1,
  },
  explanations: [],
  timeline: [
    { eventId: 'n1', type: 'note', occurredAt: ago(10), contentTitle: null, depthPct: null, dwellMs: null, note: '孩子明年上小学，关注教育金', noteAuthorName: '李娜', mine: true },
    { eventId: 'n0', type: 'note', occurredAt: ago(20), contentTitle: null, depthPct: null, dwellMs: null, note: '组长补充：上次见面聊过', noteAuthorName: '组长', mine: false },
    { eventId: 'e1', type: 'read_progress', occurredAt: ago(60), contentTitle: '教育金怎么规划', depthPct: 80, dwellMs: 90_000, note: null },
  ],
  leads: [],
  openTasks: [],
  handedOverFrom: null,
}
