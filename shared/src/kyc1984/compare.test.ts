import { compareStrings } from './compare';

describe('locale-free string order', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['Z', 'a', -1], // code units, not a locale's collation
    ['重疾', '医疗', 1],
    ['', 'a', -1],
  ])('%p against %p is %p', (a, b, expected) => {
    expect(compareStrings(a, b)).toBe(expected);
  });
});
