import type { NoticeView } from '@kejing/shared';
import type { AgentNotice } from './agent-notice.entity';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentNotice(n: AgentNotice): NoticeView {
  return {
    noticeId: n.id, kind: n.kind, title: n.title, body: n.body, contactId: n.contactId, page: n.page,
    createdAt: new Date(n.createdAtMs).toISOString(), readAt: iso(n.readAtMs), push: n.pushState,
  };
}
