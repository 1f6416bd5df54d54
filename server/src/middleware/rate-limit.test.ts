import { dropEndedCounters } from './rate-limit';

describe('in-memory rate-limit counters', () => {
  it('drops counters whose window has ended and keeps those still counting', () => {
    const nowMs = 1_764_000_000_000;
    const map = new Map<string, unknown>([
      ['kejing:rl:events-ip:10.0.0.1', { id: '10.0.0.1', reset: (nowMs - 1) / 1000, remaining: 0, total: 60 }],
      ['kejing:rl:events-ip:10.0.0.2', { id: '10.0.0.2', reset: (nowMs + 30_000) / 1000, remaining: 12, total: 60 }],
      ['kejing:rl:events-user:u-1', { id: 'u-1', reset: (nowMs - 60_000) / 1000, remaining: 100, total: 120 }],
    ]);
    expect(dropEndedCounters(map, nowMs)).toBe(2);
    expect([...map.keys()]).toEqual(['kejing:rl:events-ip:10.0.0.2']);
  });

  it('leaves entries it does not recognise alone', () => {
    const map = new Map<string, unknown>([['something-else', { hits: 3 }], ['empty', undefined]]);
    expect(dropEndedCounters(map, Date.now())).toBe(0);
    expect(map.size).toBe(2);
  });
});
