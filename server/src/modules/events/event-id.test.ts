import { eventId, setEventIdLayout } from './event-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('eventId (UUID v7)', () => {
  it('is a lower-case version-7, variant-1 UUID carrying the time in its first 48 bits', () => {
    const at = Date.UTC(2026, 10, 2, 1, 0, 0);
    const id = eventId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by time across milliseconds, as text too', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => eventId(1_760_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat, within one millisecond or across the random pool refills', () => {
    const ids = Array.from({ length: 20_000 }, () => eventId(1_760_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });

  describe('spread (EVENT_ID_LAYOUT=spread, for TiDB)', () => {
    afterEach(() => setEventIdLayout('time'));

    it('puts the random bits first: ids of one millisecond start all over the key space, and still never repeat', () => {
      setEventIdLayout('spread');
      const ids = Array.from({ length: 20_000 }, () => eventId(1_760_000_000_000));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
      // 16 key ranges (the first hex digit), as TiDB's regions might split them: every one gets inserts.
      expect(new Set(ids.map((id) => id[0])).size).toBe(16);
      expect(parseInt(ids[0]!.slice(-12), 16)).toBe(1_760_000_000_000);
    });

    it('is the time-first UUIDv7 again once set back', () => {
      setEventIdLayout('spread');
      setEventIdLayout('time');
      expect(eventId(1_760_000_000_000)).toMatch(UUID_V7);
    });
  });
});
