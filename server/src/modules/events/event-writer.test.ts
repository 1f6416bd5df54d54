import { randomUUID } from 'node:crypto';
import { AppError } from '../../lib/app-error';
import { ALL_STORED, EventRow, StoredRows } from './event-store';
import { EventSink, EventWriter, EventWriterOptions } from './event-writer';

const row = (): EventRow => ({
  id: randomUUID(), clientEventId: randomUUID(), contactId: 'c', agentId: 'a', shareId: null, contentVersionId: null, type: 'read_progress',
  occurredAtMs: 1, receivedAtMs: 1, depthPct: 10, dwellMs: null, videoPct: null, videoPositionSec: null, npsScore: null, note: null,
});
const rows = (n: number) => Array.from({ length: n }, row);

interface Call {
  rows: EventRow[];
  succeed(stored?: StoredRows): void;
  fail(error: unknown): void;
}

/** A store whose commits finish when the test says so. */
function controlledSink(): EventSink & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    insertIgnoringReplays: (batch: EventRow[]) =>
      new Promise<StoredRows>((resolve, reject) => {
        calls.push({ rows: [...batch], succeed: (stored = ALL_STORED) => resolve(stored), fail: reject });
      }),
  };
}

const OPTIONS: EventWriterOptions = { maxRows: 1000, maxInFlight: 1, timeoutMs: 10_000 };
const tick = () => new Promise((r) => setImmediate(r));

/** The promise's state without waiting for it. */
function track<T>(p: Promise<T>) {
  const state: { settled: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } = { settled: 'pending' };
  p.then((value) => Object.assign(state, { settled: 'resolved', value }), (error) => Object.assign(state, { settled: 'rejected', error }));
  return state;
}

describe('EventWriter (group commit)', () => {
  it('commits when a slot is free at the end of the turn: one request alone is one commit with no added wait', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, OPTIONS);
    const a = rows(3);
    const reply = writer.write(a);
    await tick();
    expect(sink.calls).toHaveLength(1);
    expect(sink.calls[0]?.rows).toEqual(a);
    sink.calls[0]?.succeed();
    await expect(reply).resolves.toEqual({ stored: 3, duplicates: 0 });
  });

  it('does not answer a request before the commit that carries it returns', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, OPTIONS);
    const reply = track(writer.write(rows(1)));
    await tick();
    await tick();
    expect(reply.settled).toBe('pending');
    sink.calls[0]?.succeed();
    await tick();
    expect(reply.settled).toBe('resolved');
  });

  it('puts the requests of one event-loop turn into one commit', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, { ...OPTIONS, maxInFlight: 2 });
    const [a, b] = [rows(1), rows(2)];
    const replies = [writer.write(a), writer.write(b)];
    await tick();
    expect(sink.calls.map((c) => c.rows)).toEqual([[...a, ...b]]);
    sink.calls[0]?.succeed();
    await expect(Promise.all(replies)).resolves.toEqual([{ stored: 1, duplicates: 0 }, { stored: 2, duplicates: 0 }]);
  });

  it('puts requests that arrive during a commit into the next one, together', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, OPTIONS);
    const [a, b, c] = [rows(1), rows(2), rows(3)];
    const ra = writer.write(a);
    await tick();
    const rb = writer.write(b);
    const rc = writer.write(c);
    await tick();
    expect(sink.calls).toHaveLength(1); // b and c wait for the slot
    sink.calls[0]?.succeed();
    await ra;
    await tick();
    expect(sink.calls).toHaveLength(2);
    expect(sink.calls[1]?.rows).toEqual([...b, ...c]);
    sink.calls[1]?.succeed();
    await expect(rb).resolves.toEqual({ stored: 2, duplicates: 0 });
    await expect(rc).resolves.toEqual({ stored: 3, duplicates: 0 });
  });

  it('rejects every request a failed commit carried and acknowledges none of them', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, OPTIONS);
    const committed: EventRow[][] = [];
    writer.onCommitted((r) => committed.push(r));
    const first = writer.write(rows(1));
    await tick();
    const second = track(writer.write(rows(4)));
    const third = track(writer.write(rows(5)));
    sink.calls[0]?.succeed();
    await first;
    await tick();
    const failure = Object.assign(new Error('connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
    sink.calls[1]?.fail(failure);
    await tick();
    await tick();
    expect(second).toMatchObject({ settled: 'rejected', error: failure });
    expect(third).toMatchObject({ settled: 'rejected', error: failure });
    expect(committed.map((r) => r.length)).toEqual([1]); // only the first commit was announced
    // The writer carries on afterwards.
    const later = writer.write(rows(1));
    await tick();
    sink.calls[2]?.succeed();
    await expect(later).resolves.toEqual({ stored: 1, duplicates: 0 });
  });

  it('tells each request of a shared commit its own stored and duplicate counts, and announces only stored rows', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, OPTIONS);
    const announced: EventRow[] = [];
    writer.onCommitted((r) => announced.push(...r));
    const blocker = writer.write(rows(1));
    await tick();
    const [a, b] = [rows(3), rows(2)];
    const ra = writer.write(a);
    const rb = writer.write(b);
    sink.calls[0]?.succeed();
    await blocker;
    await tick();
    const a0 = a[0] as EventRow;
    const b1 = b[1] as EventRow;
    sink.calls[1]?.succeed(new Set([a0.id, b1.id]));
    await expect(ra).resolves.toEqual({ stored: 1, duplicates: 2 });
    await expect(rb).resolves.toEqual({ stored: 1, duplicates: 1 });
    expect(announced.slice(1)).toEqual([a0, b1]);
  });

  it('caps a commit at maxRows, but sends a single larger request whole', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, { ...OPTIONS, maxRows: 5 });
    const blocker = writer.write(rows(1));
    await tick();
    const replies = [writer.write(rows(3)), writer.write(rows(2)), writer.write(rows(1)), writer.write(rows(8))];
    sink.calls[0]?.succeed();
    await blocker;
    for (let i = 1; i <= 3; i++) {
      await tick();
      sink.calls[i]?.succeed();
    }
    await Promise.all(replies);
    expect(sink.calls.map((c) => c.rows.length)).toEqual([1, 5, 1, 8]);
  });

  it('runs up to maxInFlight commits at once', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, { ...OPTIONS, maxInFlight: 2 });
    const replies = [writer.write(rows(1))];
    await tick();
    replies.push(writer.write(rows(1)));
    await tick();
    replies.push(writer.write(rows(1)));
    await tick();
    expect(sink.calls).toHaveLength(2);
    expect(writer.load).toEqual({ inFlight: 2, queued: 1 });
    sink.calls[1]?.succeed();
    await replies[1];
    await tick();
    expect(sink.calls).toHaveLength(3);
    sink.calls[0]?.succeed();
    sink.calls[2]?.succeed();
    await Promise.all(replies);
    expect(writer.load).toEqual({ inFlight: 0, queued: 0 });
  });

  it('answers 503 when the commit takes longer than timeoutMs, and drops the rows of a request that timed out still queued', async () => {
    jest.useFakeTimers();
    try {
      const sink = controlledSink();
      const writer = new EventWriter(sink, { ...OPTIONS, timeoutMs: 100 });
      const stuck = track(writer.write(rows(1)));
      jest.advanceTimersByTime(1);
      const queued = track(writer.write(rows(2)));
      jest.advanceTimersByTime(100);
      await Promise.resolve();
      await Promise.resolve();
      expect(stuck.settled).toBe('rejected');
      expect(queued.settled).toBe('rejected');
      expect(stuck.error).toBeInstanceOf(AppError);
      expect(stuck.error).toMatchObject({ status: 503, code: 'database_unavailable', headers: { 'Retry-After': expect.any(String) } });
      // The stuck commit finishing late neither answers twice nor carries the timed-out queued rows.
      sink.calls[0]?.succeed();
      await Promise.resolve();
      await Promise.resolve();
      expect(sink.calls).toHaveLength(1);
      expect(stuck.settled).toBe('rejected');
    } finally {
      jest.useRealTimers();
    }
  });

  it('answers an empty write without touching the store', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, OPTIONS);
    await expect(writer.write([])).resolves.toEqual({ stored: 0, duplicates: 0 });
    expect(sink.calls).toHaveLength(0);
  });

  it('keeps answering when a listener throws', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, OPTIONS);
    writer.onCommitted(() => {
      throw new Error('scorer broke');
    });
    const seen: number[] = [];
    writer.onCommitted((r) => seen.push(r.length));
    const reply = writer.write(rows(2));
    await tick();
    sink.calls[0]?.succeed();
    await expect(reply).resolves.toEqual({ stored: 2, duplicates: 0 });
    expect(seen).toEqual([2]);
  });

  it('drains: waits for queued and in-flight commits, then refuses new writes with 503', async () => {
    const sink = controlledSink();
    const writer = new EventWriter(sink, OPTIONS);
    const a = writer.write(rows(1));
    await tick();
    const b = writer.write(rows(1));
    const drained = track(writer.drain());
    await expect(writer.write(rows(1))).rejects.toMatchObject({ status: 503, code: 'shutting_down' });
    sink.calls[0]?.succeed();
    await a;
    await new Promise((r) => setTimeout(r, 20));
    expect(drained.settled).toBe('pending');
    expect(sink.calls).toHaveLength(2);
    sink.calls[1]?.succeed();
    await b;
    await new Promise((r) => setTimeout(r, 20));
    expect(drained.settled).toBe('resolved');
  });

  describe('deadlocks (InnoDB 1213) and lock-wait timeouts (1205)', () => {
    const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });

    it('runs a deadlocked commit again and answers its requests once it commits', async () => {
      const sink = controlledSink();
      const writer = new EventWriter(sink, OPTIONS);
      const a = writer.write(rows(2));
      const b = writer.write(rows(3));
      await tick();
      sink.calls[0]?.fail(deadlock());
      const deadline = Date.now() + 2000;
      while (sink.calls.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(sink.calls[1]?.rows).toEqual(sink.calls[0]?.rows);
      sink.calls[1]?.succeed();
      await expect(a).resolves.toEqual({ stored: 2, duplicates: 0 });
      await expect(b).resolves.toEqual({ stored: 3, duplicates: 0 });
      expect(writer.totals.failedCommits).toBe(0);
    });

    it('answers 503 with Retry-After, not the driver error, when the commit keeps deadlocking', async () => {
      const sink: EventSink = { insertIgnoringReplays: () => Promise.reject(deadlock()) };
      const writer = new EventWriter(sink, OPTIONS);
      const error = await writer.write(rows(1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 503, code: 'database_busy', headers: { 'Retry-After': '1' } });
    });
  });
});
