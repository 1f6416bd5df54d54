import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  arrivalChannel, sharePath, type GlanceShareRequest, type GlanceShareView, type OpenShareView, type ShareChannel, type ShareCreatedView, type ShareMoreView, type ShareTeaserView,
} from '@kejing/shared';
import { MoreThanOrEqual } from 'typeorm';
import { AnonymousShareOpen } from './anonymous-share-open.entity';
import { AppError } from '../../lib/app-error';
import { npsQuestionDue } from '../events/nps-after-service.queries';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { ContentService } from '../content/content.service';
import { presentContentVersion } from '../content/content.presenter';
import type { StaffService } from '../staff/staff.service';
import { invalidShare, type ShareArrivals } from './share-arrivals';
import { Share } from './share.entity';
import type { SharePayload, ShareTokenSigner } from './share-token';

/**
 * A share's scene, for a mini program code: its row id without the dashes. 32 characters is
 * WeChat's limit for a scene, and a signed share id is longer; the id is random, so a scene cannot
 * be guessed, and the server signs the share id again when the scene comes back.
 */
export const shareScene = (share: Pick<Share, 'id'>) => share.id.replace(/-/g, '');
const SCENE = /^[0-9a-f]{32}$/;
/** How many of the agent's other shares the retired-share page offers, and how far back it looks for them. */
const MORE_SHOWN = 4;
const MORE_LOOKED_AT = 60;

/**
 * Anonymous opens counted per share per day, at most: beyond it the page is still shown but no more
 * are stored, so a script replaying one share cannot fill the table (the per-IP limit comes first).
 */
export const ANONYMOUS_OPENS_PER_SHARE_PER_DAY = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Tracked shares: created by agents, opened and forwarded by viewers. */
export class SharesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly signer: ShareTokenSigner,
    private readonly content: ContentService,
    private readonly staff: StaffService,
    private readonly arrivals: ShareArrivals,
  ) {}

  async create(actor: StaffActor, contentVersionId: string, channel: ShareChannel): Promise<ShareCreatedView> {
    await this.content.shareableVersion(actor, contentVersionId);
    return this.insert({ agentId: actor.staffId, contentVersionId, channel, parentShareId: null, forwardedByContactId: null });
  }

  /** Verifies a share id's signature; null for anything forged or tampered. */
  verify(token: string): SharePayload | null {
    return this.arrivals.verify(token);
  }

  async open(viewerUserId: string, token: string, scene?: number): Promise<OpenShareView> {
    const { share, payload } = await this.arrivals.load(token);
    await this.recordGroupArrival(share, scene);
    const { item, version } = await this.content.findVersion(payload.contentVersionId);
    if (item.status === 'retired') throw new AppError(410, 'share_retired');
    const { contactId } = await this.arrivals.arrive(token, viewerUserId);
    return {
      shareId: token,
      content: presentContentVersion(item, version, this.clock.nowMs()),
      agent: await this.staff.card(share.agentId),
      contactId,
      askNps: await npsQuestionDue(this.dataSource, contactId, this.clock.nowMs()),
    };
  }

  /**
   * A reader without a login (single-page mode from Moments): the share's content and agent card, and
   * one anonymous open counted for the share (no person, no contact; the same clientEventId counts once).
   */
  async glance(request: GlanceShareRequest): Promise<GlanceShareView> {
    const { share, payload } = await this.arrivals.load(request.shareId);
    const { item, version } = await this.content.findVersion(payload.contentVersionId);
    if (item.status === 'retired') throw new AppError(410, 'share_retired');
    const now = this.clock.nowMs();
    const repo = this.dataSource.getRepository(AnonymousShareOpen);
    const today = await repo.countBy({ shareId: share.id, openedAtMs: MoreThanOrEqual(now - DAY_MS) });
    if (today < ANONYMOUS_OPENS_PER_SHARE_PER_DAY) {
      await repo.createQueryBuilder().insert().into(AnonymousShareOpen).orIgnore().values({
        clientEventId: request.clientEventId, shareId: share.id, agentId: share.agentId,
        channel: arrivalChannel(request.scene) ?? 'moments', scene: request.scene ?? null, openedAtMs: now,
      }).execute();
    }
    return { shareId: request.shareId, content: presentContentVersion(item, version, now), agent: await this.staff.card(share.agentId) };
  }

  /**
   * WeChat never tells the sharer whether a card went to a friend or a group; the reader's entry scene
   * does (1008, or 1044 with a shareTicket). A share sent as 好友 that is opened in a group becomes 群聊.
   */
  private async recordGroupArrival(share: Share, scene: number | undefined): Promise<void> {
    if (share.channel !== 'friend' || arrivalChannel(scene) !== 'group') return;
    await this.dataSource.getRepository(Share).update({ id: share.id, channel: 'friend' }, { channel: 'group' });
    // The cached row is the same object: later reads see the new channel without a query.
    share.channel = 'group';
  }

  /**
   * The sharing agent's card and a few of their other live shares, for a share whose content was
   * retired (or any valid one): only the agent's own shares, never a customer's forward, and only
   * content still visible to the agent. Reads only: no contact is made for asking.
   */
  async more(token: string): Promise<ShareMoreView> {
    const { share, payload } = await this.arrivals.load(token);
    const { item } = await this.content.findVersion(payload.contentVersionId);
    const [agent, orgPath] = await Promise.all([this.staff.card(share.agentId), this.staff.orgPathOf(share.agentId)]);
    const rows = await this.dataSource.getRepository(Share).createQueryBuilder('s')
      .where('s.agentId = :agentId AND s.parentShareId IS NULL AND s.forwardedByContactId IS NULL', { agentId: share.agentId })
      .orderBy('s.createdAtMs', 'DESC').addOrderBy('s.id', 'ASC')
      .take(MORE_LOOKED_AT)
      .getMany();
    const live = await this.content.liveSummaries([...new Set(rows.map((r) => r.contentVersionId))], orgPath);
    const more: ShareTeaserView[] = [];
    const seen = new Set([item.id]);
    for (const row of rows) {
      const summary = live.get(row.contentVersionId);
      if (!summary || seen.has(summary.itemId)) continue;
      seen.add(summary.itemId);
      more.push({ shareId: this.created(row).shareId, kind: summary.kind, title: summary.title, summary: summary.summary, coverUrl: summary.coverUrl });
      if (more.length === MORE_SHOWN) break;
    }
    return { retired: item.status === 'retired', agent, more };
  }

  /** A viewer forwards: a child share names the forwarding contact, so referrals are credited. */
  async forward(viewerUserId: string, token: string, channel: ShareChannel): Promise<ShareCreatedView> {
    const { share, contactId } = await this.arrivals.arrive(token, viewerUserId);
    return this.insert({
      agentId: share.agentId, contentVersionId: share.contentVersionId, channel, parentShareId: share.id, forwardedByContactId: contactId,
    });
  }

  /** The signed share id behind a scene read from a scanned mini program code. */
  async byScene(scene: string): Promise<ShareCreatedView> {
    if (!SCENE.test(scene)) throw invalidShare();
    const share = await this.arrivals.findShare(`${scene.slice(0, 8)}-${scene.slice(8, 12)}-${scene.slice(12, 16)}-${scene.slice(16, 20)}-${scene.slice(20)}`);
    if (!share) throw invalidShare();
    return this.created(share);
  }

  /** One of the agent's own shares; anyone else's answers 404, as an unknown one does. */
  async ownShare(actor: StaffActor, token: string): Promise<Share> {
    const { share } = await this.load(token);
    if (share.agentId !== actor.staffId) throw invalidShare();
    return share;
  }

  /** The share row behind a signed id (404 for a forged or mismatched one). */
  load(token: string): Promise<{ share: Share; payload: SharePayload }> {
    return this.arrivals.load(token);
  }

  /** The signed id of a share row, and the mini program path that opens it. */
  private created(share: Share): ShareCreatedView {
    const shareId = this.signer.sign({
      shareId: share.id, agentId: share.agentId, contentVersionId: share.contentVersionId, channel: share.channel, parentShareId: share.parentShareId,
    });
    return { shareId, path: sharePath(shareId) };
  }

  private async insert(fields: Omit<Share, 'id' | 'createdAtMs'>): Promise<ShareCreatedView> {
    const share = this.dataSource.getRepository(Share).create({ id: randomUUID(), ...fields, createdAtMs: this.clock.nowMs() });
    await this.dataSource.getRepository(Share).insert(share);
    return this.created(share);
  }
}

