import { readdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, normalize } from 'node:path';
import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';
import type { DataSource } from 'typeorm';
import { CONTENT_KINDS, type ContentKind, type TagCode } from '@kejing/shared';
import { AppError } from '../../lib/app-error';
import type { StaffActor } from '../../permissions/actor';
import { allOrgUnits, orgUnitById, type OrgUnitRow } from '../org/queries/org-units';
import { staffMemberById } from '../staff/queries/staff-members';
import type { ContentAuthoringService, VisibilityInput } from './content-authoring.service';
import { DraftInput, prepareDraft, sameText } from './content-draft';
import type { ContentItem } from './content-item.entity';

// Raw HTML in Markdown is off: the files are content, not markup, and what comes out is
// sanitised again anyway. linkify turns bare URLs into links.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** One Markdown file, read: what to store and who sees it. */
export interface ContentFile {
  file: string;
  sourceKey: string;
  kind: ContentKind;
  draft: DraftInput;
  /** Org unit names or ids; empty = the whole company. */
  visibleTo: string[];
  visibleFromMs: number | null;
  visibleUntilMs: number | null;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'failed';
export interface ImportResult {
  file: string;
  sourceKey: string;
  outcome: ImportOutcome;
  itemId?: string;
  status?: string;
  /** The version agents share after the import (approve mode), else the latest version. */
  versionId?: string;
  tags?: TagCode[];
  error?: string;
}

export interface ImportOptions {
  /** draft: new text waits for review in the operator pages; approve: submitted (all checks) and approved by `actor`. */
  mode: 'draft' | 'approve';
  actor: StaffActor;
}

/** Where a file's local media (a cover, a video or a replay written as a path beside the Markdown) are stored and served. */
export interface ImportMediaStore {
  storeImage(ownerId: string, bytes: Buffer): Promise<{ url: string }>;
  storeVideo(ownerId: string, bytes: Buffer): Promise<{ url: string; durationSec: number | null }>;
}

/** A cover or video written as a URL (http, https or an upload already served at /api/uploads/…) is kept as is. */
const isServedUrl = (value: string) => /^https?:\/\//i.test(value) || value.startsWith('/api/uploads/');

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

function timeOf(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new Error(`${field} must be a date and time, e.g. 2026-12-01T20:00:00+08:00`);
  return ms;
}

function stringOf(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${field} must be text`);
  return String(value);
}

/**
 * Reads one file's front-matter and Markdown body. Recognised keys: title, kind, slug, summary,
 * cover (a URL, or an image file's path relative to the folder: stored as an upload), moments
 * (the 朋友圈文案 agents copy), tags ("family:code"), need / audience / life_event (codes), stage (1–8 or a list),
 * visibility ("company" or org unit names/ids), visible_from, visible_until, video {url,
 * duration}, live {channels (the 视频号 id), url, start, end, replay}; a video's url and a live's replay may be an MP4's
 * path relative to the folder, stored as an upload, its duration then read from the file when not given. The body becomes the item's sanitised HTML.
 */
export function parseContentFile(file: string, text: string): ContentFile {
  const { data, content } = matter(text);
  const fm = data as Record<string, unknown>;
  const title = stringOf(fm.title, 'title');
  if (!title) throw new Error('title is missing');
  const kind = (stringOf(fm.kind, 'kind') ?? 'article') as ContentKind;
  if (!CONTENT_KINDS.includes(kind)) throw new Error(`kind must be one of ${CONTENT_KINDS.join(', ')}`);
  const tags = [
    ...asList(fm.tags).map((t) => String(t)),
    ...(['need', 'audience', 'life_event'] as const).flatMap((family) => asList(fm[family]).map((code) => `${family}:${String(code)}`)),
    ...asList(fm.stage).map((s) => `stage:${String(s)}`),
  ] as TagCode[];
  const video = (fm.video ?? {}) as Record<string, unknown>;
  const live = (fm.live ?? {}) as Record<string, unknown>;
  const duration = video.duration ?? fm.duration;
  if (duration !== undefined && (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 0)) throw new Error('video duration must be whole seconds');
  const visibility = fm.visibility ?? 'company';
  const visibleTo = visibility === 'company' ? [] : asList(visibility).map((v) => String(v));
  const body = content.trim();
  return {
    file,
    sourceKey: stringOf(fm.slug, 'slug') ?? basename(file).replace(/\.md$/i, ''),
    kind,
    draft: {
      title,
      summary: stringOf(fm.summary, 'summary') ?? null,
      coverUrl: stringOf(fm.cover, 'cover') ?? null,
      momentsCopy: stringOf(fm.moments, 'moments') ?? null,
      bodyHtml: body === '' ? null : markdown.render(body),
      videoUrl: stringOf(video.url ?? live.url, 'video url') ?? null,
      durationSec: (duration as number | undefined) ?? null,
      liveStartsAtMs: timeOf(live.start, 'live start'),
      liveEndsAtMs: timeOf(live.end, 'live end'),
      replayUrl: stringOf(live.replay, 'live replay') ?? null,
      channelsFinderId: stringOf(live.channels, 'live channels') ?? null,
      tags,
    },
    visibleTo,
    visibleFromMs: timeOf(fm.visible_from, 'visible_from'),
    visibleUntilMs: timeOf(fm.visible_until, 'visible_until'),
  };
}

/** A staff member as an actor outside any request (the CLI, the demo loader), with their place in the org tree. */
export async function staffActorFor(dataSource: DataSource, staffId: string): Promise<StaffActor & { name: string }> {
  const staff = await staffMemberById(dataSource, staffId);
  if (!staff) throw new Error(`no staff member ${staffId}`);
  const unit = await orgUnitById(dataSource, staff.orgUnitId);
  return { kind: 'staff', userId: staff.userId, staffId: staff.id, role: staff.role, orgUnitId: staff.orgUnitId, orgPath: unit?.path ?? '/', bootstrap: false, name: staff.name };
}

/** The actor a command-line import acts as: an operator or admin. */
export async function actorForStaff(dataSource: DataSource, staffId: string): Promise<StaffActor> {
  const { name, ...actor } = await staffActorFor(dataSource, staffId);
  if (actor.role !== 'operator' && actor.role !== 'admin') throw new Error(`${name} is a ${actor.role}; imports act as an operator or admin`);
  return actor;
}

/** Imports Markdown files (one item each) into the content platform, file by file. */
export class ContentImporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authoring: ContentAuthoringService,
    /** Without it, a cover or video given as a local file fails that file's import. */
    private readonly media?: ImportMediaStore,
  ) {}

  /** Every *.md in the folder, in name order; one file failing does not stop the others. */
  async importFolder(folder: string, options: ImportOptions): Promise<ImportResult[]> {
    const files = readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.md')).sort();
    const results: ImportResult[] = [];
    for (const name of files) {
      const path = join(folder, name);
      try {
        const file = parseContentFile(name, readFileSync(path, 'utf8'));
        results.push(await this.importOne(await this.withLocalMedia(file, folder, options.actor), options));
      } catch (error) {
        results.push({ file: name, sourceKey: name.replace(/\.md$/i, ''), outcome: 'failed', error: describe(error) });
      }
    }
    return results;
  }

  async importOne(file: ContentFile, options: ImportOptions): Promise<ImportResult> {
    const visibility = await this.visibilityOf(file);
    const existing = await this.authoring.findBySourceKey(file.sourceKey);
    let outcome: ImportOutcome;
    let itemId: string;
    if (!existing) {
      itemId = (await this.authoring.create(options.actor, file.kind, file.draft, visibility, file.sourceKey)).id;
      outcome = 'created';
    } else {
      const { item, latest } = existing;
      itemId = item.id;
      if (item.kind !== file.kind) throw new Error(`${file.sourceKey} is a ${item.kind} already; a file cannot change its kind`);
      if (item.status === 'retired') throw new Error(`${file.sourceKey} was retired; give the file a new slug to publish it again`);
      outcome = sameText(prepareDraft(file.kind, file.draft), latest) ? 'unchanged' : 'updated';
      if (outcome === 'updated') await this.authoring.edit(options.actor, itemId, file.draft, { via: 'import' });
      if (!sameVisibility(item, visibility)) {
        await this.authoring.setVisibility(options.actor, itemId, visibility);
        if (outcome === 'unchanged') outcome = 'updated';
      }
    }
    if (options.mode === 'approve') await this.approve(options.actor, itemId);
    const detail = await this.authoring.detail(itemId);
    const current = options.mode === 'approve' ? detail.versions.find((v) => v.versionId === detail.publishedVersionId) : undefined;
    return {
      file: file.file, sourceKey: file.sourceKey, outcome, itemId, status: detail.status,
      versionId: current?.versionId ?? detail.latestVersionId, tags: detail.tags,
    };
  }

  /**
   * A cover, video or replay written as a path beside the Markdown (content/demo/images/…,
   * content/demo/videos/…) becomes an upload, so the library ships its own pictures and clips and
   * needs no outside host. Uploads are named by their bytes, so importing again gives the same URL
   * and no new version.
   */
  private async withLocalMedia(file: ContentFile, folder: string, actor: StaffActor): Promise<ContentFile> {
    const draft = { ...file.draft };
    const local = (field: string, value: string | null | undefined): Buffer | null => {
      if (!value || isServedUrl(value)) return null;
      const path = normalize(join(folder, value));
      if (isAbsolute(value) || !path.startsWith(normalize(folder))) throw new Error(`${field} ${value} must be a URL or a path inside the folder`);
      if (!this.media) throw new Error(`${field} ${value} is a local file; this import has no upload store to put it in`);
      return readFileSync(path);
    };
    const cover = local('cover', draft.coverUrl);
    if (cover && this.media) draft.coverUrl = (await this.media.storeImage(actor.staffId, cover)).url;
    const video = local(file.kind === 'live' ? 'live url' : 'video url', draft.videoUrl);
    if (video && this.media) {
      const stored = await this.media.storeVideo(actor.staffId, video);
      draft.videoUrl = stored.url;
      if (file.kind === 'video' && (draft.durationSec === null || draft.durationSec === undefined)) draft.durationSec = stored.durationSec;
    }
    const replay = local('live replay', draft.replayUrl);
    if (replay && this.media) draft.replayUrl = (await this.media.storeVideo(actor.staffId, replay)).url;
    return { ...file, draft };
  }

  /** Takes the latest version through review: submit (forbidden words, WeChat) and approve. */
  private async approve(actor: StaffActor, itemId: string): Promise<void> {
    let { status } = await this.authoring.detail(itemId);
    if (status === 'draft' || status === 'rejected') {
      if (status === 'rejected') throw new Error('the latest version was rejected; change the file to make a new version');
      await this.authoring.submit(actor, itemId, { via: 'import' });
      status = 'in_review';
    }
    if (status === 'in_review') await this.authoring.approve(actor, itemId, { via: 'import' });
  }

  /** Org unit names (or ids) from the file, as ids. */
  private async visibilityOf(file: ContentFile): Promise<VisibilityInput> {
    const units = file.visibleTo.length === 0 ? [] : await allOrgUnits(this.dataSource);
    const orgUnitIds = file.visibleTo.map((want) => {
      const found = units.filter((u) => u.id === want || u.name === want);
      if (found.length !== 1) throw new Error(found.length === 0 ? `visibility: no org unit named ${want}` : `visibility: ${want} names ${found.length} org units; use its id`);
      return (found[0] as OrgUnitRow).id;
    });
    return { orgUnitIds, visibleFromMs: file.visibleFromMs, visibleUntilMs: file.visibleUntilMs };
  }
}

function sameVisibility(item: ContentItem, v: VisibilityInput): boolean {
  return [...item.visibleOrgUnitIds].sort().join() === [...v.orgUnitIds].sort().join()
    && item.visibleFromMs === v.visibleFromMs && item.visibleUntilMs === v.visibleUntilMs;
}

function describe(error: unknown): string {
  if (error instanceof AppError) {
    const details = (error.details ?? []).map((d) => `${d.field}: ${d.reason}`).join('; ');
    return `${error.message}${details ? ` (${details})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
