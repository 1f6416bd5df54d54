import { In, IsNull, type EntityManager } from 'typeorm';
import type { HandoverMove, HandoverStep } from '../handover/handover-step';
import { ContactPhone } from './contact-phone.entity';
import { Contact } from './contact.entity';

/**
 * The contacts module's part of a handover: the contact rows change agent (or go to a pool) and
 * say whom they came from; the phones the agent entered go with them. Notes, touchpoints and leads
 * hang off the contact id, so the receiver sees the whole history without their rows moving.
 */
export const contactsHandoverStep: HandoverStep = {
  name: 'contacts',

  async blocked(manager: EntityManager, move: HandoverMove): Promise<Map<string, string>> {
    const blocked = new Map<string, string>();
    if (!move.toAgentId || move.contactIds.length === 0) return blocked;
    // The receiver already serves the same WeChat reader, or has entered the same phone: one
    // person, two records. Merging is the contact book's decision, never a silent side effect.
    const contacts = await manager.getRepository(Contact).find({ select: { id: true, viewerUserId: true }, where: { id: In(move.contactIds) } });
    const viewers = contacts.filter((c) => c.viewerUserId).map((c) => c.viewerUserId as string);
    if (viewers.length > 0) {
      const held = await manager.getRepository(Contact).find({ select: { viewerUserId: true }, where: { agentId: move.toAgentId, viewerUserId: In(viewers) } });
      const heldViewers = new Set(held.map((c) => c.viewerUserId));
      for (const c of contacts) if (c.viewerUserId && heldViewers.has(c.viewerUserId)) blocked.set(c.id, '接收人已有此客户（同一微信用户），请先合并');
    }
    const phones = await manager.getRepository(ContactPhone).find({ select: { contactId: true, phoneHash: true }, where: { contactId: In(move.contactIds) } });
    if (phones.length > 0) {
      const heldPhones = await manager.getRepository(ContactPhone).find({ select: { phoneHash: true }, where: { agentId: move.toAgentId, phoneHash: In(phones.map((p) => p.phoneHash)) } });
      const held = new Set(heldPhones.map((p) => p.phoneHash));
      for (const p of phones) if (held.has(p.phoneHash) && !blocked.has(p.contactId)) blocked.set(p.contactId, '接收人已有此客户（同一手机号），请先合并');
    }
    return blocked;
  },

  async move(manager: EntityManager, move: HandoverMove): Promise<number> {
    if (move.contactIds.length === 0) return 0;
    const fromSomeone = move.fromAgentId !== null;
    // Only where the contacts still are: a contact claimed or moved meanwhile is not counted (the caller rolls back).
    const result = await manager.update(Contact, { id: In(move.contactIds), agentId: fromSomeone ? (move.fromAgentId as string) : IsNull() }, {
      agentId: move.toAgentId,
      poolOrgUnitId: move.toAgentId ? null : move.poolOrgUnitId,
      // From a pool, the contact keeps naming the agent it last had.
      ...(fromSomeone ? { handedOverFromAgentId: move.fromAgentId, handedOverAtMs: move.atMs } : {}),
      claimedAtMs: move.toAgentId && move.fromPool ? move.atMs : null,
    });
    // In a pool the phones keep their last agent; they move on with the contact to whoever takes it.
    if (move.toAgentId) await manager.update(ContactPhone, { contactId: In(move.contactIds) }, { agentId: move.toAgentId });
    return result.affected ?? move.contactIds.length;
  },
};
