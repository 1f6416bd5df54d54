/**
 * The raw material of the daily snapshot, read for a chunk of agents at a time with a handful of
 * grouped queries (never one query per agent): activity per day, content studied and shared,
 * contacts with their budgets, and each contact's stage path from contact_stage_change.
 */
import type { DataSource } from 'typeorm';
import {
  type AgentDayActivity, type ContactAssetInput, type ContactStageHistory, type ContentCandidate, type ContentStudyRecord,
  CUSTOMER_TOUCHPOINT_TYPES, type DealOutcome, type GridCellCode, type ReferralClass, type Stage, type TagCode,
} from '@kejing/shared';
import { CHINA_OFFSET_MS, chinaDayOf, DAY_MS } from '../../lib/china-day';

/** An agent (or leader, who also shares and owns contacts) and where they sit in the org tree. */
export interface AgentOrg {
  agentId: string;
  name: string;
  /** The agent's own org unit, normally a team. */
  teamId: string;
  branchId: string | null;
  companyId: string;
}

/** The window the snapshot measures: whole China days, and the instant it is taken at. */
export interface SnapshotWindow {
  firstDay: string;
  lastDay: string;
  days: number;
  fromMs: number;
  /** min(now, end of lastDay). */
  asOfMs: number;
}

/** A contact as the asset figures need it, before P(close) is attached. */
export type ContactRow = Omit<ContactAssetInput, 'closeProbability'>;

export interface ChunkInputs {
  activity: Map<string, AgentDayActivity[]>;
  content: Map<string, ContentStudyRecord[]>;
  /** Items the agent studied (read past the Knowledge threshold is decided later), for MCIP. */
  studiedItems: Map<string, Set<string>>;
  contacts: Map<string, ContactRow[]>;
  histories: Map<string, ContactStageHistory[]>;
}

/** Published content: version → item and tags, and the latest approved version per item. */
export interface ContentCatalog {
  versions: Map<string, { itemId: string; tags: TagCode[] }>;
  candidates: ContentCandidate[];
  tagsByItem: Map<string, TagCode[]>;
}

type Num = number | string;
const isSqlite = (db: DataSource) => db.options.type === 'better-sqlite3';
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** SQL for the China day number of an epoch-ms column (integer division differs per dialect). */
function dayNumberSql(db: DataSource, column: string): string {
  return isSqlite(db) ? `((${column} + ${CHINA_OFFSET_MS}) / ${DAY_MS})` : `((${column} + ${CHINA_OFFSET_MS}) DIV ${DAY_MS})`;
}
const dayOfNumber = (n: Num) => new Date(Number(n) * DAY_MS).toISOString().slice(0, 10);

/** Every serving agent and leader (a leaver drops out of the team's figures from the day they left), ordered by org path so teams come together; optionally one company only. */
export async function loadAgents(db: DataSource, companyId?: string): Promise<AgentOrg[]> {
  const rows: { id: string; name: string; org_unit_id: string; path: string }[] = await db.query(
    `SELECT s.id, s.name, s.org_unit_id, u.path FROM staff_member s INNER JOIN org_unit u ON u.id = s.org_unit_id
      WHERE s.role IN ('agent', 'leader') AND s.deactivated_at_ms IS NULL ${companyId ? 'AND u.path LIKE ?' : ''} ORDER BY u.path, s.id`,
    companyId ? [`/${companyId}/%`] : [],
  );
  return rows.map((r) => {
    const segments = r.path.split('/').filter(Boolean);
    return { agentId: r.id, name: r.name, teamId: r.org_unit_id, branchId: segments[1] ?? null, companyId: segments[0] ?? r.org_unit_id };
  });
}

/** Approved content, for Knowledge (tags of what was shared and studied) and MCIP's suggestions. */
export async function loadContentCatalog(db: DataSource): Promise<ContentCatalog> {
  const rows: { id: string; item_id: string; version_no: Num; title: string; tags: string | null; status: string }[] = await db.query(
    'SELECT id, item_id, version_no, title, tags, status FROM content_version',
  );
  const versions = new Map<string, { itemId: string; tags: TagCode[] }>();
  const latest = new Map<string, { versionNo: number; title: string; tags: TagCode[] }>();
  for (const r of rows) {
    const tags = r.tags ? (JSON.parse(r.tags) as TagCode[]) : [];
    versions.set(r.id, { itemId: r.item_id, tags });
    if (r.status !== 'approved') continue;
    const seen = latest.get(r.item_id);
    if (!seen || seen.versionNo < Number(r.version_no)) latest.set(r.item_id, { versionNo: Number(r.version_no), title: r.title, tags });
  }
  const candidates = [...latest.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([itemId, v]) => ({ itemId, title: v.title, tags: v.tags }));
  const tagsByItem = new Map<string, TagCode[]>([...latest.entries()].map(([itemId, v]) => [itemId, v.tags]));
  for (const v of versions.values()) if (!tagsByItem.has(v.itemId)) tagsByItem.set(v.itemId, v.tags);
  return { versions, candidates, tagsByItem };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Everything the KYB134 figures and the funnel need for these agents over the window. */
export async function loadChunkInputs(db: DataSource, agentIds: string[], window: SnapshotWindow, catalog: ContentCatalog): Promise<ChunkInputs> {
  const ids = placeholders(agentIds.length);
  const { fromMs, asOfMs } = window;
  const day = (col: string) => dayNumberSql(db, col);

  // ---- activity per agent and day -------------------------------------------------
  const byAgentDay = new Map<string, AgentDayActivity>();
  const cell = (agentId: string, d: string): AgentDayActivity => {
    const key = `${agentId}|${d}`;
    let a = byAgentDay.get(key);
    if (!a) {
      a = { agentId, day: d, shares: 0, touchpointsProduced: 0, tasksDone: 0, tasksDue: 0, tasksDoneOnTime: 0, morningListOpened: false };
      byAgentDay.set(key, a);
    }
    return a;
  };
  const shares: { agent_id: string; d: Num; n: Num }[] = await db.query(
    `SELECT agent_id, ${day('created_at_ms')} AS d, COUNT(*) AS n FROM share
      WHERE agent_id IN (${ids}) AND forwarded_by_contact_id IS NULL AND created_at_ms >= ? AND created_at_ms <= ? GROUP BY agent_id, d`,
    [...agentIds, fromMs, asOfMs],
  );
  for (const r of shares) cell(r.agent_id, dayOfNumber(r.d)).shares += Number(r.n);
  const customerTypes = CUSTOMER_TOUCHPOINT_TYPES as readonly string[];
  const touches: { agent_id: string; d: Num; n: Num }[] = await db.query(
    `SELECT agent_id, ${day('occurred_at_ms')} AS d, COUNT(*) AS n FROM touchpoint_event
      WHERE agent_id IN (${ids}) AND occurred_at_ms >= ? AND occurred_at_ms <= ? AND type IN (${placeholders(customerTypes.length)})
      GROUP BY agent_id, d`,
    [...agentIds, fromMs, asOfMs, ...customerTypes],
  );
  for (const r of touches) cell(r.agent_id, dayOfNumber(r.d)).touchpointsProduced += Number(r.n);
  // A task counts as done on time when done by the end of the China day it fell due: the morning
  // list shows everything due today, so working it that day is on time.
  const due: { agent_id: string; d: Num; n: Num; on_time: Num }[] = await db.query(
    `SELECT agent_id, ${day('due_at_ms')} AS d, COUNT(*) AS n,
            SUM(CASE WHEN done_at_ms IS NOT NULL AND ${day('done_at_ms')} <= ${day('due_at_ms')} THEN 1 ELSE 0 END) AS on_time
       FROM follow_up_task WHERE agent_id IN (${ids}) AND due_at_ms >= ? AND due_at_ms <= ? GROUP BY agent_id, d`,
    [...agentIds, fromMs, asOfMs],
  );
  for (const r of due) {
    const a = cell(r.agent_id, dayOfNumber(r.d));
    a.tasksDue += Number(r.n);
    a.tasksDoneOnTime += Number(r.on_time);
  }
  const done: { agent_id: string; d: Num; n: Num }[] = await db.query(
    `SELECT agent_id, ${day('done_at_ms')} AS d, COUNT(*) AS n FROM follow_up_task
      WHERE agent_id IN (${ids}) AND done_at_ms >= ? AND done_at_ms <= ? GROUP BY agent_id, d`,
    [...agentIds, fromMs, asOfMs],
  );
  for (const r of done) cell(r.agent_id, dayOfNumber(r.d)).tasksDone += Number(r.n);
  const mornings: { agent_id: string; day: string }[] = await db.query(
    `SELECT agent_id, day FROM morning_list_open WHERE agent_id IN (${ids}) AND day >= ? AND day <= ?`,
    [...agentIds, window.firstDay, window.lastDay],
  );
  for (const r of mornings) cell(r.agent_id, r.day).morningListOpened = true;
  const activity = new Map<string, AgentDayActivity[]>();
  for (const a of byAgentDay.values()) pushTo(activity, a.agentId, a);

  // ---- content studied and shared --------------------------------------------------
  const contentByAgent = new Map<string, Map<string, ContentStudyRecord>>();
  const record = (agentId: string, itemId: string): ContentStudyRecord => {
    let items = contentByAgent.get(agentId);
    if (!items) contentByAgent.set(agentId, (items = new Map()));
    let r = items.get(itemId);
    if (!r) items.set(itemId, (r = { itemId, tags: catalog.tagsByItem.get(itemId) ?? [], studiedDepthPct: 0, shares: 0 }));
    return r;
  };
  const sharedVersions: { agent_id: string; content_version_id: string; n: Num }[] = await db.query(
    `SELECT agent_id, content_version_id, COUNT(*) AS n FROM share
      WHERE agent_id IN (${ids}) AND forwarded_by_contact_id IS NULL AND created_at_ms >= ? AND created_at_ms <= ?
      GROUP BY agent_id, content_version_id`,
    [...agentIds, fromMs, asOfMs],
  );
  for (const r of sharedVersions) {
    const version = catalog.versions.get(r.content_version_id);
    if (version) record(r.agent_id, version.itemId).shares += Number(r.n);
  }
  const studied: { agent_id: string; item_id: string; depth: Num }[] = await db.query(
    `SELECT agent_id, item_id, MAX(depth_pct) AS depth FROM agent_content_study
      WHERE agent_id IN (${ids}) AND day >= ? AND day <= ? GROUP BY agent_id, item_id`,
    [...agentIds, window.firstDay, window.lastDay],
  );
  const studiedItems = new Map<string, Set<string>>();
  for (const r of studied) {
    record(r.agent_id, r.item_id).studiedDepthPct = Number(r.depth);
    const set = studiedItems.get(r.agent_id) ?? new Set<string>();
    set.add(r.item_id);
    studiedItems.set(r.agent_id, set);
  }
  const content = new Map([...contentByAgent].map(([agentId, items]) => [agentId, [...items.values()]]));

  // ---- contacts, budgets, stage paths ------------------------------------------------
  const contactRows: { id: string; agent_id: string; cell: string; stage: Num; outcome: string; referral_class: string; centre_of_influence: Num | boolean }[] =
    await db.query(
      `SELECT id, agent_id, cell, stage, outcome, referral_class, centre_of_influence FROM contact WHERE agent_id IN (${ids}) AND created_at_ms <= ? AND merged_into_contact_id IS NULL`,
      [...agentIds, asOfMs],
    );
  const budgets = new Map<string, { at: number; budget: number }>();
  const leadRows: { contact_id: string; budget_fen: Num; created_at_ms: Num }[] = await db.query(
    `SELECT contact_id, budget_fen, created_at_ms FROM lead WHERE agent_id IN (${ids}) AND budget_fen IS NOT NULL AND created_at_ms <= ?`,
    [...agentIds, asOfMs],
  );
  for (const r of leadRows) {
    const at = Number(r.created_at_ms);
    const seen = budgets.get(r.contact_id);
    if (!seen || seen.at < at) budgets.set(r.contact_id, { at, budget: Number(r.budget_fen) });
  }
  const contacts = new Map<string, ContactRow[]>();
  const outcomeOf = new Map<string, { outcome: DealOutcome; stage: Stage; agentId: string }>();
  for (const r of contactRows) {
    const stage = Number(r.stage) as Stage;
    const outcome = r.outcome as DealOutcome;
    outcomeOf.set(r.id, { outcome, stage, agentId: r.agent_id });
    pushTo(contacts, r.agent_id, {
      contactId: r.id, agentId: r.agent_id, cell: r.cell as GridCellCode, stage, outcome, referralClass: r.referral_class as ReferralClass,
      centreOfInfluence: Boolean(Number(r.centre_of_influence)), budgetFen: budgets.get(r.id)?.budget ?? null,
    });
  }
  const moves: { contact_id: string; to_stage: Num; at_ms: Num }[] = await db.query(
    `SELECT contact_id, to_stage, at_ms FROM contact_stage_change WHERE agent_id IN (${ids}) AND at_ms <= ? ORDER BY contact_id, at_ms, id`,
    [...agentIds, asOfMs],
  );
  const histories = new Map<string, ContactStageHistory[]>();
  let current = null as ContactStageHistory | null;
  for (const m of moves) {
    const owner = outcomeOf.get(m.contact_id);
    if (!owner) continue;
    if (current?.contactId !== m.contact_id) {
      current = { contactId: m.contact_id, stageEnteredAt: [], currentStage: owner.stage, outcome: owner.outcome };
      pushTo(histories, owner.agentId, current);
    }
    const stage = Number(m.to_stage) as Stage;
    // An outcome recorded at the same stage (8 → 8 won) is not a new stage entry.
    const last = current.stageEnteredAt[current.stageEnteredAt.length - 1];
    if (last?.stage !== stage) current.stageEnteredAt.push({ stage, atMs: Number(m.at_ms) });
  }
  return { activity, content, studiedItems, contacts, histories };
}

/** The window of `days` whole China days ending on `lastDay`, taken at min(now, end of lastDay). */
export function snapshotWindow(lastDay: string, days: number, nowMs: number): SnapshotWindow {
  const lastStart = Date.parse(`${lastDay}T00:00:00Z`) - CHINA_OFFSET_MS;
  const firstDay = chinaDayOf(lastStart - (days - 1) * DAY_MS);
  return { firstDay, lastDay, days, fromMs: lastStart - (days - 1) * DAY_MS, asOfMs: Math.min(nowMs, lastStart + DAY_MS - 1) };
}
