import { randomUUID } from 'node:crypto';
import type { TouchpointType } from '@kejing/shared';
import { createLogger } from '../../lib/logger';
import { openTestDatabase, TestDatabase } from '../../testing/test-database';
import { ContactChanges } from '../events/contact-changes';
import { TouchpointEvent } from '../events/touchpoint-event.entity';
import { touchpointRow } from '../events/touchpoint-row';
import type { ScoringOutcome } from './scorer.service';
import { ScoringWorker } from './scoring-worker';

/** A scorer that records each batch it is given and holds the first one until released. */
function recordingScorer() {
  const batches: string[][] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    batches,
    release: () => release(),
    scorer: {
      async scoreContacts(ids: string[]): Promise<ScoringOutcome[]> {
        batches.push(ids);
        if (batches.length === 1) await held;
        return [];
      },
    },
  };
}

describe('the scoring worker takes a contact who acted before those only reading', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());
  const logger = createLogger('error', () => undefined);

  it('a 咨询 announced while a batch of readers is scored is the next batch, ahead of the readers still waiting', async () => {
    const { batches, release, scorer } = recordingScorer();
    const changes = new ContactChanges();
    const worker = new ScoringWorker(db.dataSource, scorer, logger, { pollMs: 60_000, batchSize: 2 });
    worker.start(changes);
    changes.publish(['reader-1', 'reader-2', 'reader-3', 'reader-4', 'reader-5'], 'in_turn');
    changes.publish(['consulting'], 'first');
    changes.publish(['reader-6'], 'in_turn');
    release();
    await worker.drain();
    await worker.stop();
    expect(batches).toEqual([['reader-1', 'reader-2'], ['consulting'], ['reader-3', 'reader-4'], ['reader-5', 'reader-6']]);
  });

  it('a backlog drained for the daily job goes in large batches; live notices after it in small ones again', async () => {
    const { batches, release, scorer } = recordingScorer();
    const changes = new ContactChanges();
    const worker = new ScoringWorker(db.dataSource, scorer, logger, { pollMs: 60_000, batchSize: 2, drainBatchSize: 5 });
    worker.start(changes);
    changes.publish(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'], 'first');
    const drained = worker.drain();
    release();
    await drained;
    changes.publish(['c8', 'c9', 'c10'], 'first');
    await worker.stop(); // waits for the batches under way
    // The first batch was taken before the drain began; the drain took the rest at once.
    expect(batches).toEqual([['c1', 'c2'], ['c3', 'c4', 'c5', 'c6', 'c7'], ['c8', 'c9'], ['c10']]);
  });

  it('a reader who then acts moves up, and a later progress report does not move them back', async () => {
    const { batches, release, scorer } = recordingScorer();
    const changes = new ContactChanges();
    const worker = new ScoringWorker(db.dataSource, scorer, logger, { pollMs: 60_000, batchSize: 1 });
    worker.start(changes);
    changes.publish(['busy'], 'in_turn');
    changes.publish(['reader-1', 'reader-2', 'reader-3'], 'in_turn');
    changes.publish(['reader-3'], 'first');
    changes.publish(['reader-3'], 'in_turn');
    release();
    await worker.drain();
    await worker.stop();
    expect(batches).toEqual([['busy'], ['reader-3'], ['reader-1'], ['reader-2']]);
  });

  it('a worker that hears no notices (another process ingested) finds the contacts who acted first in the event table', async () => {
    const readers = [randomUUID(), randomUUID(), randomUUID()];
    const consulting = randomUUID();
    const row = (contactId: string, type: TouchpointType) => touchpointRow({
      clientEventId: randomUUID(), contactId, agentId: randomUUID(), shareId: null, contentVersionId: null, type, occurredAtMs: 1_000,
    }, 2_000);
    await db.dataSource.getRepository(TouchpointEvent).insert([
      ...readers.map((id) => row(id, 'read_progress')),
      row(readers[0] as string, 'video_progress'),
      row(consulting, 'read_progress'),
      row(consulting, 'consult_tap'),
    ]);
    const { batches, release, scorer } = recordingScorer();
    release();
    const worker = new ScoringWorker(db.dataSource, scorer, logger, { pollMs: 60_000, batchSize: 10 });
    await worker.drain();
    expect(batches[0]).toEqual([consulting]);
    expect(batches.slice(1).flat().sort()).toEqual([...readers].sort());
  });
});
