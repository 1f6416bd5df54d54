import type { DataSource, EntityManager } from 'typeorm';
import { scoresFirst, type TouchpointType } from '@kejing/shared';
import type { ContactChanges } from './contact-changes';
import type { EventWriter, WriteResult } from './event-writer';
import { TouchpointEvent } from './touchpoint-event.entity';
import { NewTouchpoint, touchpointRow } from './touchpoint-row';

/** Records a touchpoint in the transaction it was given to. */
export type RecordTouchpoint = (touchpoint: NewTouchpoint, receivedAtMs: number) => Promise<void>;

/** Marks contacts whose touchpoints (or what the scorer reads of them) the transaction changed otherwise, e.g. by deleting. */
export type MarkTouched = (contactIds: Iterable<string>) => void;

/**
 * The one way touchpoints are written, and the one publisher of "these contacts have new
 * touchpoints" (the scorer listens): every notice goes out after its commit, never before, and
 * nothing is announced for a transaction that rolled back.
 * - `write`: through the group commit (ingestion, an agent's logged action, the demo), each touchpoint
 *   stored once by its client id; the writer's commits are announced, contacts with only progress
 *   reports to be scored in turn, the others first.
 * - `run`: inside another module's own transaction (the lead form stores the lead, its consents and
 *   the lead_submit touchpoint at once; retention deletes), announced after that commit.
 * - `recordIn`: inside a transaction the caller runs and announces itself (an import's chunk).
 * - `announce`: for a change already committed that the scorer reads besides touchpoints (an opt-out,
 *   a withdrawn consent, a field of the contact book).
 */
export class TouchpointTransactions {
  constructor(private readonly dataSource: DataSource, private readonly changes: ContactChanges, private readonly writer: EventWriter) {
    writer.onCommitted((rows) => {
      const types = new Map<string, TouchpointType[]>();
      for (const row of rows) {
        const seen = types.get(row.contactId);
        if (seen) seen.push(row.type);
        else types.set(row.contactId, [row.type]);
      }
      const first = new Set([...types].filter(([, t]) => scoresFirst(t)).map(([id]) => id));
      changes.publish(first, 'first');
      changes.publish([...types.keys()].filter((id) => !first.has(id)), 'in_turn');
    });
  }

  write(touchpoints: readonly NewTouchpoint[], receivedAtMs: number): Promise<WriteResult> {
    return this.writer.write(touchpoints.map((t) => touchpointRow(t, receivedAtMs)));
  }

  async run<T>(work: (manager: EntityManager, record: RecordTouchpoint, touched: MarkTouched) => Promise<T>): Promise<T> {
    const touched = new Set<string>();
    const result = await this.dataSource.transaction((manager) => work(
      manager,
      async (touchpoint, receivedAtMs) => {
        await manager.insert(TouchpointEvent, touchpointRow(touchpoint, receivedAtMs));
        touched.add(touchpoint.contactId);
      },
      (contactIds) => {
        for (const id of contactIds) touched.add(id);
      },
    ));
    this.changes.publish(touched);
    return result;
  }

  /**
   * A recorder for a transaction another machine runs (an import's chunk, one transaction for many
   * rows): the caller announces the contacts after that commit, as `run` would.
   */
  recordIn(manager: EntityManager): RecordTouchpoint {
    return async (touchpoint, receivedAtMs) => {
      await manager.insert(TouchpointEvent, touchpointRow(touchpoint, receivedAtMs));
    };
  }

  announce(contactIds: Iterable<string>): void {
    this.changes.publish(contactIds);
  }
}
