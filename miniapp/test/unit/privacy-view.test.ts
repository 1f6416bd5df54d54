import type { PersonalDataExport } from '@kejing/shared'
import { deletionSummary, heldSummaries, isOptedOut, shoulderMask, withdrawWarning } from '../../src/privacy/my-data-view'
import { PRIVACY_NOTICE_VERSION, rememberPrivacyNoticeSeen, shouldShowPrivacyNotice } from '../../src/privacy/privacy-notice'

const memory = () => {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }
}

const exportFixture: PersonalDataExport = {
  exportedAt: '2026-11-02T01:00:00.000Z',
  contacts: [{
    contactId: 'c1', agentName: '王晓梅', displayName: '林女士', createdAt: '2026-10-30T02:00:00.000Z', optedOut: false,
    scores: { trust: 42, intent: 55, cell: 'mid-mid', stage: 5, referralClass: 'indifferent' },
    leads: [{ leadId: 'l1', name: '林女士', phone: '13812341234', phoneSource: 'wechat', budgetFen: 800000, insuredPerson: '本人', needs: ['critical_illness'], createdAt: '2026-10-31T02:00:00.000Z' }],
    consents: [], touchpoints: [{ type: 'open', occurredAt: '2026-10-30T02:00:00.000Z', depthPct: null, dwellMs: null }, { type: 'read_progress', occurredAt: '2026-10-30T02:01:00.000Z', depthPct: 80, dwellMs: 60000 }],
    tasks: [{ action: '回电', status: 'open', dueAt: '2026-11-02T03:00:00.000Z', note: null }], notes: [], phones: [], messages: [],
  }],
  verifiedPhones: [{ phone: '13812341234', verifiedAt: '2026-10-31T02:00:00.000Z' }],
}

describe('the first-open notice', () => {
  it('shows once per person and version: after 知道了 it stays away, a new text shows once more', () => {
    const storage = memory()
    expect(shouldShowPrivacyNotice(storage)).toBe(true)
    rememberPrivacyNoticeSeen(storage)
    expect(shouldShowPrivacyNotice(storage)).toBe(false)
    storage.setItem('kejing.privacyNotice', 'an-older-text')
    expect(shouldShowPrivacyNotice(storage)).toBe(true)
    expect(PRIVACY_NOTICE_VERSION).not.toBe('an-older-text')
  })
})

describe('我的信息 in words', () => {
  it('says per adviser what is held, with the phone half hidden', () => {
    const [held] = heldSummaries(exportFixture)
    expect(held).toMatchObject({ agentName: '王晓梅', shownAs: '林女士', since: '2026年10月30日' })
    expect(held?.lines).toEqual([
      '阅读和互动记录 2 条（打开、阅读进度、转发、咨询等）',
      '您留下的信息：林女士，138****1234，关心 1 项保障（2026年10月31日）',
      '顾问的跟进事项 1 条',
      '顾问看到的评分：信任 42、意向 55',
    ])
    expect(shoulderMask('13812341234')).toBe('138****1234')
  })

  it('is opted out only when every adviser\'s record is', () => {
    expect(isOptedOut(exportFixture)).toBe(false)
    expect(isOptedOut({ ...exportFixture, contacts: exportFixture.contacts.map((c) => ({ ...c, optedOut: true })) })).toBe(true)
    expect(isOptedOut({ ...exportFixture, contacts: [] })).toBe(false)
  })

  it('warns what a withdrawal removes, and sums up an erasure', () => {
    const consent = { consentId: 'k', contactId: 'c1', textVersion: 'v', purpose: 'p', givenAt: '', withdrawnAt: null }
    expect(withdrawWarning({ ...consent, kind: 'health' })).toContain('健康相关需求')
    expect(withdrawWarning({ ...consent, kind: 'contact_details' })).toContain('姓名和手机号会被删除')
    expect(deletionSummary({ requestId: 'r', deleted: { contacts: 2, leads: 1, consents: 1, touchpoints: 9, tasks: 0, stageChanges: 3, notes: 0, phones: 0, messages: 0, notices: 0, policies: 0 } }))
      .toBe('已删除：2 位顾问处的档案、9 条阅读互动记录、1 条留资。')
    expect(deletionSummary({ requestId: 'r', deleted: { contacts: 0, leads: 0, consents: 0, touchpoints: 0, tasks: 0, stageChanges: 0, notes: 0, phones: 0, messages: 0, notices: 0, policies: 0 } }))
      .toBe('我们没有保存您的信息，无需删除。')
  })
})
