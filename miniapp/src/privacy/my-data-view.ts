/**
 * 我的信息, shaped for the screen: what is held about the person, per adviser, in words; what
 * withdrawing a consent does; what erasing removed. Plain functions of the API's answers.
 */
import type { ConsentView, DeletionView, PersonalDataExport } from '@kejing/shared'

export interface HeldSummary {
  contactId: string
  agentName: string
  /** What the adviser's record calls them. */
  shownAs: string
  since: string
  lines: string[]
}

const day = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** A phone shown on the person's own screen, the middle hidden from anyone looking over their shoulder. */
export const shoulderMask = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone)

/** Per adviser: since when, and each kind of record with how many. */
export function heldSummaries(data: PersonalDataExport): HeldSummary[] {
  return data.contacts.map((c) => {
    const lines: string[] = []
    if (c.touchpoints.length > 0) lines.push(`阅读和互动记录 ${c.touchpoints.length} 条（打开、阅读进度、转发、咨询等）`)
    for (const lead of c.leads) {
      lines.push(`您留下的信息：${lead.name}，${shoulderMask(lead.phone)}${lead.needs.length > 0 ? `，关心 ${lead.needs.length} 项保障` : ''}（${day(lead.createdAt)}）`)
    }
    if (c.messages.length > 0) lines.push(`您给顾问的留言 ${c.messages.length} 条`)
    if (c.phones.length > 0) lines.push(`顾问记下的手机号 ${c.phones.length} 个`)
    if (c.notes.length > 0) lines.push(`顾问的跟进记录 ${c.notes.length} 条`)
    if (c.tasks.length > 0) lines.push(`顾问的跟进事项 ${c.tasks.length} 条`)
    lines.push(`顾问看到的评分：信任 ${c.scores.trust}、意向 ${c.scores.intent}${c.optedOut ? '（您已选择不接收个性化跟进，评分已清零）' : ''}`)
    return { contactId: c.contactId, agentName: c.agentName, shownAs: c.displayName, since: day(c.createdAt), lines }
  })
}

/** Whether the person has opted out (any adviser's record says so: the switch sets all of them). */
export const isOptedOut = (data: PersonalDataExport): boolean => data.contacts.length > 0 && data.contacts.every((c) => c.optedOut)

export const CONSENT_NAMES: Record<ConsentView['kind'], string> = { contact_details: '留资授权（姓名、手机号）', health: '健康相关需求授权' }

/** What withdrawing does, said before it is done. */
export function withdrawWarning(consent: ConsentView): string {
  return consent.kind === 'health'
    ? '撤回后，您留下的健康相关需求（如医疗、重疾）会被删除，顾问不再看到。'
    : '撤回后，凭这次授权留下的姓名和手机号会被删除，顾问不再能联系您。'
}

/** What erasing removed, in one line. */
export function deletionSummary(view: DeletionView): string {
  const d = view.deleted
  const parts = [
    d.contacts > 0 ? `${d.contacts} 位顾问处的档案` : '', d.touchpoints > 0 ? `${d.touchpoints} 条阅读互动记录` : '', d.leads > 0 ? `${d.leads} 条留资` : '', d.messages > 0 ? `${d.messages} 条留言` : '',
    d.notes > 0 ? `${d.notes} 条跟进记录` : '', d.tasks > 0 ? `${d.tasks} 条跟进事项` : '',
  ].filter((p) => p !== '')
  return parts.length > 0 ? `已删除：${parts.join('、')}。` : '我们没有保存您的信息，无需删除。'
}
