import { createHmac, timingSafeEqual } from 'node:crypto';
import { SHARE_CHANNELS, ShareChannel } from '@kejing/shared';

/** What a share id names. Signed, so a viewer cannot change agent, version, channel or parent. */
export interface SharePayload {
  shareId: string;
  agentId: string;
  contentVersionId: string;
  channel: ShareChannel;
  parentShareId: string | null;
}

const uuidToB64 = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
const b64ToUuid = (b64: string): string | null => {
  const hex = Buffer.from(b64, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Compact enough for a mini-program path: "1.<share>.<agent>.<version>.<channel>.<parent>.<mac>",
 * uuids as 22-character base64url, the MAC a 128-bit truncated HMAC-SHA256.
 */
export class ShareTokenSigner {
  constructor(private readonly secret: string) {}

  sign(payload: SharePayload): string {
    for (const id of [payload.shareId, payload.agentId, payload.contentVersionId]) {
      if (!UUID.test(id)) throw new Error('share token ids must be lower-case uuids');
    }
    const body = [
      '1',
      uuidToB64(payload.shareId),
      uuidToB64(payload.agentId),
      uuidToB64(payload.contentVersionId),
      String(SHARE_CHANNELS.indexOf(payload.channel)),
      payload.parentShareId ? uuidToB64(payload.parentShareId) : '-',
    ].join('.');
    return `${body}.${this.mac(body)}`;
  }

  /** The payload, or null for anything forged, tampered or malformed. */
  verify(token: string): SharePayload | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const cut = token.lastIndexOf('.');
    if (cut < 0) return null;
    const body = token.slice(0, cut);
    const given = Buffer.from(token.slice(cut + 1), 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const [version, share, agent, contentVersion, channelIndex, parent] = body.split('.');
    if (version !== '1' || !share || !agent || !contentVersion || !channelIndex || !parent) return null;
    const channel = SHARE_CHANNELS[Number(channelIndex)];
    const shareId = b64ToUuid(share);
    const agentId = b64ToUuid(agent);
    const contentVersionId = b64ToUuid(contentVersion);
    const parentShareId = parent === '-' ? null : b64ToUuid(parent);
    if (!channel || !shareId || !agentId || !contentVersionId || (parent !== '-' && !parentShareId)) return null;
    return { shareId, agentId, contentVersionId, channel, parentShareId };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest().subarray(0, 16).toString('base64url');
  }
}
