import { randomUUID } from 'node:crypto';
import { chinaDayOf, DAY_MS } from '../lib/china-day';
import type { DataSource } from 'typeorm';
import type { Services } from '../services';
import { User } from '../modules/auth/user.entity';
import { StaffMember } from '../modules/staff/staff-member.entity';
import { Share } from '../modules/shares/share.entity';
import type { NewTouchpoint } from '../modules/events/touchpoint-row';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actorForStaff, ContentImporter, staffActorFor } from '../modules/content/content-import';


/** The demo library, kept as Markdown like any team's content (content/demo at the repository root). */
export const DEMO_CONTENT_DIR = join(__dirname, '..', '..', '..', 'content', 'demo');

/** Logins for the demo people: on H5, open the app with ?devCode=<code> to be that person. */
export const DEMO_LOGINS = {
  agent: 'demo-agent-1',
  secondAgent: 'demo-agent-2',
  leader: 'demo-leader-1',
  manager: 'demo-manager-1',
  operator: 'demo-operator-1',
} as const;

async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(StaffMember).count()) === 0;
}

/** A bound staff member: the fake WeChat maps code X to openid "openid-X". */
async function bindDemoStaff(s: Services, staffId: string, code: string): Promise<void> {
  const user = s.dataSource.getRepository(User).create({ id: randomUUID(), openid: `openid-${code}`, unionid: null, createdAtMs: s.clock.nowMs() });
  await s.dataSource.getRepository(User).save(user);
  await s.dataSource.getRepository(StaffMember).update({ id: staffId }, { userId: user.id, inviteCodeHash: null, inviteExpiresAtMs: null });
}

/**
 * Loads a living demo into an empty database: a company, a branch, two teams, agents with
 * cards, approved tagged content, and customers who have opened, read and left leads over the
 * past two weeks. Idempotent: it does nothing when staff already exist.
 */
export async function loadDemo(s: Services): Promise<boolean> {
  if (!(await isEmpty(s.dataSource))) return false;
  const now = s.clock.nowMs();
  const company = await s.org.create({ kind: 'company', name: '客经人寿保险股份有限公司' });
  const branch = await s.org.create({ kind: 'branch', name: '上海分公司', parentId: company.id });
  const teamA = await s.org.create({ kind: 'team', name: '浦东精英一组', parentId: branch.id });
  const teamB = await s.org.create({ kind: 'team', name: '浦东精英二组', parentId: branch.id });
  const people: [keyof typeof DEMO_LOGINS | null, string, 'agent' | 'leader' | 'manager' | 'operator', string][] = [
    ['agent', '王晓梅', 'agent', teamA.id],
    ['secondAgent', '李建国', 'agent', teamA.id],
    [null, '张丽', 'agent', teamB.id],
    [null, '陈志强', 'agent', teamB.id],
    ['leader', '刘芳', 'leader', teamA.id],
    ['manager', '赵明', 'manager', branch.id],
    ['operator', '孙悦', 'operator', company.id],
  ];
  const staffIds: Record<string, string> = {};
  for (const [login, name, role, orgUnitId] of people) {
    const created = await s.staff.create({ name, role, orgUnitId, employeeNo: `E${1000 + Object.keys(staffIds).length}`, licenceNo: `0201${Math.floor(1e8 + Object.keys(staffIds).length * 7919)}` });
    staffIds[name] = created.staffId;
    if (login) await bindDemoStaff(s, created.staffId, DEMO_LOGINS[login]);
  }
  const mainAgent = staffIds['王晓梅'] as string;
  // The card is text customers read: it passes the same compliance check as anyone's. Her photo
  // ships with the demo library and is stored as any upload (the other agents show the generated
  // initial avatar, as a newcomer's card does); she shows her phone, so her posters carry it.
  const mainActor = await staffActorFor(s.dataSource, mainAgent);
  const photo = await s.uploads.storeImage(mainAgent, readFileSync(join(DEMO_CONTENT_DIR, 'images', 'avatar-wangxiaomei.png')));
  await s.staff.updateCard(mainActor, {
    intro: '十年保险从业经验，专注家庭保障规划。用心做好每一份保单。', personaTemplate: 'family_guardian',
    photoUrl: photo.url,
  });
  await s.cardReach.update(mainActor, { phone: '13800138000', phonePublic: true });
  // The library goes through the same review as any content: the demo operator approves it,
  // after the forbidden-word list and WeChat's check (the local fake in the embedded default).
  const operator = await actorForStaff(s.dataSource, staffIds['孙悦'] as string);
  const imported = await new ContentImporter(s.dataSource, s.contentAuthoring, s.uploads).importFolder(DEMO_CONTENT_DIR, { mode: 'approve', actor: operator });
  for (const failed of imported.filter((r) => r.outcome === 'failed')) s.logger.warn('demo content not imported', { file: failed.file, error: failed.error ?? '' });
  const versions = imported
    .filter((r) => r.status === 'approved' && r.versionId)
    .map((r) => ({ versionId: r.versionId as string, tags: r.tags ?? [] }));
  // Most customers are 王晓梅's (the agent a newcomer logs in as); a few are her colleagues', so
  // the team and branch dashboards compare people.
  const owners = [...Array(8).fill(mainAgent), staffIds['李建国'], staffIds['李建国'], staffIds['张丽'], staffIds['张丽']] as string[];
  await loadDemoCustomers(s, owners, versions, now);
  // Score the histories and store the last two weeks of KYB134 / funnel snapshots, as the
  // nightly job would have, so the dashboards have trends on first start.
  await s.scoringWorker.drain();
  for (let back = 14; back >= 0; back -= 1) await s.snapshots.computeDay(chinaDayOf(now - back * DAY_MS));
  s.logger.info('demo loaded', { agents: 4, content: versions.length, customers: owners.length });
  return true;
}

const CUSTOMERS = ['林女士', '周先生', '吴女士', '郑先生', '黄女士', '何先生', '马女士', '罗先生', '高女士', '梁先生', '宋女士', '唐先生'];

async function loadDemoCustomers(s: Services, owners: string[], versions: { versionId: string }[], now: number): Promise<void> {
  const shares: Share[] = [];
  for (const agentId of new Set(owners)) {
    for (const [i, v] of versions.entries()) {
      shares.push(s.dataSource.getRepository(Share).create({
        id: randomUUID(), agentId, contentVersionId: v.versionId, channel: i % 3 === 0 ? 'moments' : 'friend', parentShareId: null,
        // An hour apart, all before the customers' first visits (13 days ago).
        forwardedByContactId: null, createdAtMs: now - 14 * DAY_MS + i * 3600_000,
      }));
    }
  }
  await s.dataSource.getRepository(Share).save(shares);
  const visits: Promise<unknown>[] = [];
  for (const [i, name] of CUSTOMERS.entries()) {
    const user = await s.dataSource.getRepository(User).save({ id: randomUUID(), openid: `openid-demo-customer-${i + 1}`, unionid: null, createdAtMs: now });
    const agentId = owners[i % owners.length] as string;
    const agentShares = shares.filter((sh) => sh.agentId === agentId);
    const share = agentShares[i % agentShares.length] as Share;
    const { contactId } = await s.contactResolver.resolve({ agentId, viewerUserId: user.id, shareId: share.id, forwardedByContactId: null });
    // The contact dates from the first visit (13 days ago at the earliest), not from today's load.
    await s.dataSource.query('UPDATE contact SET display_name = ?, created_at_ms = ? WHERE id = ?', [name, now - 13 * DAY_MS - i * 3600_000, contactId]);
    // Engagement falls off down the list, so the grid and the funnel show a spread.
    const visitCount = Math.max(1, 6 - Math.floor(i / 2));
    for (let v = 0; v < visitCount; v += 1) {
      const at = now - (13 - v * 2) * DAY_MS - i * 3600_000;
      const depth = Math.min(100, 30 + v * 20 + (i % 3) * 10);
      const base = { contactId, agentId, shareId: share.id, contentVersionId: share.contentVersionId };
      const visit: NewTouchpoint[] = [
        { ...base, clientEventId: randomUUID(), type: 'open', occurredAtMs: at },
        { ...base, clientEventId: randomUUID(), type: 'read_progress', occurredAtMs: at + 60_000, depthPct: depth, dwellMs: 30_000 + depth * 1000 },
      ];
      if (depth >= 90) visit.push({ ...base, clientEventId: randomUUID(), type: 'read_complete', occurredAtMs: at + 120_000, depthPct: 100, dwellMs: 150_000 });
      if (v === 2 && i % 2 === 0) visit.push({ ...base, clientEventId: randomUUID(), type: 'card_view', occurredAtMs: at + 130_000 });
      // Received when it happened, so the demo's history reads as if the customers had been live.
      visits.push(s.touchpoints.write(visit, at));
    }
  }
  await Promise.all(visits);
}
