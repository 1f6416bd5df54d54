import { TOUCHPOINT_TYPES } from '../contracts/touchpoint';
import { isProgressReport, scoresFirst } from './scoring-order';

describe('which contacts the scorer takes first', () => {
  it('a read or a video in progress is a progress report; nothing else is', () => {
    const reports = TOUCHPOINT_TYPES.filter(isProgressReport);
    expect(reports).toEqual(['read_progress', 'video_progress']);
  });

  it.each([
    ['consult_tap'], ['lead_submit'], ['open'], ['forward'], ['read_complete'], ['card_view'], ['call'], ['policy_signed'],
  ] as const)('a contact with a new %s is scored first', (type) => {
    expect(scoresFirst(['read_progress', type, 'video_progress'])).toBe(true);
  });

  it('a contact whose new touchpoints are only progress reports waits its turn', () => {
    expect(scoresFirst(['read_progress', 'video_progress', 'read_progress'])).toBe(false);
  });

  it('a change that is not a touchpoint (an opt-out, an edited contact) is scored first', () => {
    expect(scoresFirst([])).toBe(true);
  });
});
