import type { DataSource } from 'typeorm';
import { AppError } from '../../lib/app-error';
import type { ContactResolver } from '../contacts/contact-resolver';
import { Share } from './share.entity';
import type { SharePayload, ShareTokenSigner } from './share-token';

export const invalidShare = () => new AppError(404, 'share_invalid');

/** A viewer who came through a share: the share's row and the contact (agent, viewer) it resolved to. */
export interface ShareArrival {
  share: Share;
  contactId: string;
}

/** Verified share ids remembered (a signature that checked once always checks: the secret is fixed). */
const VERIFIED_LIMIT = 50_000;
const SHARES_LIMIT = 50_000;

/**
 * The one way a share id becomes an arrival (opening, forwarding, the lead form, a consent, every
 * ingested event): the signature checked, the share row found and matched to what was signed, the
 * contact of (agent, viewer) found or created. Verified ids and share rows are cached here (both are
 * immutable); the contact ids are cached by the contacts' own resolver. Ingestion's hot path asks
 * `known` first, which answers from the caches alone without awaiting.
 */
export class ShareArrivals {
  private readonly verified = new Map<string, SharePayload>();
  private readonly rows = new Map<string, Share>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: ShareTokenSigner,
    private readonly contacts: ContactResolver,
  ) {}

  /** The payload of a signed share id; null for anything forged or tampered. */
  verify(token: string): SharePayload | null {
    const known = this.verified.get(token);
    if (known) return known;
    const payload = this.signer.verify(token);
    // Forged ids are never remembered.
    if (payload) {
      if (this.verified.size >= VERIFIED_LIMIT) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, payload);
    }
    return payload;
  }

  /** The share row behind a signed id, or 404 for a forged id or one whose row does not match what was signed. */
  async load(token: string): Promise<{ share: Share; payload: SharePayload }> {
    const payload = this.verify(token);
    const share = payload ? await this.findShare(payload.shareId) : null;
    if (!payload || !share || !matches(share, payload)) throw invalidShare();
    return { share, payload };
  }

  /** The arrival through a signed share id, or 404 as `load` answers. */
  async arrive(token: string, viewerUserId: string): Promise<ShareArrival> {
    const { share } = await this.load(token);
    return { share, contactId: await this.contactOf(share, viewerUserId) };
  }

  /** As `arrive`, null for an invalid id instead of an error (ingestion reports it per event). */
  async tryArrive(token: string, viewerUserId: string): Promise<ShareArrival | null> {
    const payload = this.verify(token);
    const share = payload ? await this.findShare(payload.shareId) : null;
    if (!payload || !share || !matches(share, payload)) return null;
    return { share, contactId: await this.contactOf(share, viewerUserId) };
  }

  /**
   * The arrival from the caches alone: undefined when the share or the contact is not cached yet
   * (`tryArrive` then), null for a forged id. Synchronous, because nearly every event finds both cached.
   */
  known(token: string, viewerUserId: string): ShareArrival | null | undefined {
    const payload = this.verify(token);
    if (!payload) return null;
    const share = this.rows.get(payload.shareId);
    if (!share || !matches(share, payload)) return undefined;
    const contactId = this.contacts.cachedContactId(share.agentId, viewerUserId);
    return contactId ? { share, contactId } : undefined;
  }

  /** A share row by its id (cached: share rows never change, except a forwarder's erasure, see `forget`). */
  async findShare(shareId: string): Promise<Share | null> {
    const cached = this.rows.get(shareId);
    if (cached) return cached;
    const share = await this.dataSource.getRepository(Share).findOneBy({ id: shareId });
    if (share) {
      if (this.rows.size > SHARES_LIMIT) this.rows.clear();
      this.rows.set(shareId, share);
    }
    return share;
  }

  /** After an erasure: the erased contacts are not found again, and no cached share names them as forwarders. */
  forget(contacts: { id: string; viewerUserId: string | null }[]): void {
    // Cached under every agent the viewer reached it through (a handed-over contact, under the old agent too).
    for (const c of contacts) if (c.viewerUserId) this.contacts.forgetViewer(c.viewerUserId);
    const erased = new Set(contacts.map((c) => c.id));
    for (const [id, share] of this.rows) if (share.forwardedByContactId && erased.has(share.forwardedByContactId)) this.rows.delete(id);
  }

  private async contactOf(share: Share, viewerUserId: string): Promise<string> {
    const { contactId } = await this.contacts.resolve({
      agentId: share.agentId, viewerUserId, shareId: share.id, forwardedByContactId: share.forwardedByContactId,
    });
    return contactId;
  }
}

const matches = (share: Share, payload: SharePayload) => share.agentId === payload.agentId && share.contentVersionId === payload.contentVersionId;
