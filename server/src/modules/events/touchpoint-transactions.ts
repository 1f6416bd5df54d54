import type { DataSource, EntityManager } from 'typeorm';
import type { ContactChanges } from './contact-changes';
import { TouchpointEvent } from './touchpoint-event.entity';
import { NewTouchpoint, touchpointRow } from './touchpoint-row';

/** Records a touchpoint in the transaction it was given to. */
export type RecordTouchpoint = (touchpoint: NewTouchpoint, receivedAtMs: number) => Promise<void>;

/**
 * How another module records touchpoints inside its own transaction (the lead form stores the lead,
 * its consents and the lead_submit touchpoint at once): the rows are made by events/ and stored with
 * the rest, and their contacts are announced to the scorer only after the commit, as the group
 * commit announces ingested ones. Nothing is announced for a transaction that rolled back.
 */
export class TouchpointTransactions {
  constructor(private readonly dataSource: DataSource, private readonly changes: ContactChanges) {}

  async run<T>(work: (manager: EntityManager, record: RecordTouchpoint) => Promise<T>): Promise<T> {
    const touched = new Set<string>();
    const result = await this.dataSource.transaction((manager) => work(manager, async (touchpoint, receivedAtMs) => {
      await manager.insert(TouchpointEvent, touchpointRow(touchpoint, receivedAtMs));
      touched.add(touchpoint.contactId);
    }));
    this.changes.publish(touched);
    return result;
  }
}
