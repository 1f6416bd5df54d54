import { In, type EntityManager } from 'typeorm';
import { Share } from './share.entity';

/** Before contacts are erased: the shares they forwarded no longer name them (the shares stay, unattributed). */
export async function forgetForwarder(manager: EntityManager, contactIds: readonly string[]): Promise<void> {
  await manager.update(Share, { forwardedByContactId: In([...contactIds]) }, { forwardedByContactId: null });
}
