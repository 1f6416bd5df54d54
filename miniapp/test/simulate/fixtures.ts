import { morningListSection, type MorningListPage, type MorningListSection, type OpenShareView, type SessionView, type TaskView } from '@kejing/shared'

export const viewerSession: SessionView = {
  token: 'viewer-token',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { userId: 'viewer-1', roles: ['viewer'] },
}

export const agentSession: SessionView = {
  token: 'agent-token',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { userId: 'agent-user-1', roles: ['agent'] },
}

export const openShare: OpenShareView = {
  shareId: 'share-1',
  contactId: 'contact-1',
  askNps: false,
  agent: {
    agentId: 'agent-1',
    name: '李娜',
    photoUrl: null,
    licenceNo: '00012345678901234567',
    companyName: '中国平安人寿保险股份有限公司',
    intro: '专注家庭保障规划',
    personaTemplate: 'professional',
  },
  content: {
    itemId: 'item-1',
    versionId: 'ver-1',
    kind: 'article',
    title: '重疾险怎么选：三分钟看懂',
    summary: '从保额、病种到等待期',
    coverUrl: null,
    tags: ['need:critical_illness'],
    publishedAt: '2026-11-20T02:00:00.000Z',
    bodyHtml: '<p>重疾险的核心是保额。</p><p>第二段。</p>',
    videoUrl: null,
    durationSec: null,
    liveStartsAt: null,
    liveEndsAt: null,
    liveStatus: null,
    replayUrl: null,
    channelsFinderId: null,
    momentsCopy: '【重疾险怎么选：三分钟看懂】从保额、病种到等待期。\n分享一篇我觉得有用的文章，有疑问随时问我。',
  },
}

const HOUR = 3_600_000

/** A live on 视频号 (or not), started an hour ago, ending in an hour. */
export const liveShare = (channelsFinderId: string | null) => ({
  ...openShare,
  content: {
    ...openShare.content,
    kind: 'live' as const,
    title: '直播：银发族的健康与养老规划',
    bodyHtml: null,
    liveStartsAt: new Date(Date.now() - HOUR).toISOString(),
    liveEndsAt: new Date(Date.now() + HOUR).toISOString(),
    liveStatus: 'live' as const,
    channelsFinderId,
  },
})

/** The server's answer to GET /api/tasks/today: these tasks as one page, counted by the server's own section rule. */
export function morningListPage(tasks: TaskView[], more: { next?: string | null; total?: number; asOfMs?: number } = {}): MorningListPage {
  const asOfMs = more.asOfMs ?? Date.now()
  const sections: Record<MorningListSection, number> = { overdue: 0, today: 0, later: 0 }
  for (const task of tasks) sections[morningListSection(Date.parse(task.dueAt), asOfMs)] += 1
  return { tasks, total: more.total ?? tasks.length, sections, asOf: new Date(asOfMs).toISOString(), next: more.next ?? null }
}
