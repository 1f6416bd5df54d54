import { GRID_CELLS, STAGES } from './domain';

describe('domain vocabulary', () => {
  it('has nine grid cells, trust band first', () => {
    expect(GRID_CELLS).toHaveLength(9);
    expect(GRID_CELLS[0]).toBe('low-low');
    expect(GRID_CELLS).toContain('high-low');
  });
  it('has eight stages', () => {
    expect(STAGES).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
