import { entriesUpTo, stageAt } from './stage-history';
import { history } from './test-fixtures';
import { DAY_MS } from './day';

describe('a contact’s stage at a moment', () => {
  const stored = history('c1', [[1, 0], [3, 4], [2, 40]]);
  // Stored newest first: the reader must sort.
  const reversed = { ...stored, stageEnteredAt: [...stored.stageEnteredAt].reverse() };

  it.each([
    ['before the contact existed', -1, null],
    ['on the day it entered stage 1', 0, 1],
    ['at the very instant of an entry', 4 * DAY_MS, 3],
    ['a moment before that entry', 4 * DAY_MS - 1, 1],
    ['after a step back', 50 * DAY_MS, 2],
  ])('%s', (_name, asOfMs, expected) => {
    expect(stageAt(stored, asOfMs)).toBe(expected);
    expect(stageAt(reversed, asOfMs)).toBe(expected);
  });

  it('lists the entries up to a moment, oldest first, whatever the stored order', () => {
    expect(entriesUpTo(reversed, 10 * DAY_MS)).toEqual([
      { stage: 1, atMs: 0 },
      { stage: 3, atMs: 4 * DAY_MS },
    ]);
  });
});
