import { AppError } from '../../lib/app-error';
import { CONTENT_STATUSES, nextStatus, requireTransition, WORKFLOW_ACTIONS } from './content-workflow';

describe('the compliance workflow', () => {
  // Every (state, action) pair, unpublished and published: the allowed ones listed, all others refused.
  const allowed = new Map<string, string>([
    ['draft edit', 'draft'], ['draft submit', 'in_review'],
    ['in_review approve', 'approved'], ['in_review reject', 'rejected'],
    ['approved edit', 'draft'], ['approved retire', 'retired'],
    ['rejected edit', 'draft'], ['rejected retire', 'retired'],
  ]);
  const publishedOnly = new Map<string, string>([['draft retire', 'retired'], ['in_review retire', 'retired']]);
  const cases = CONTENT_STATUSES.flatMap((from) => WORKFLOW_ACTIONS.flatMap((action) => [false, true].map((published) => [from, action, published] as const)));

  it.each(cases)('from %s, %s (a version published: %s)', (from, action, published) => {
    const key = `${from} ${action}`;
    const expected = allowed.get(key) ?? (published ? publishedOnly.get(key) : undefined) ?? null;
    expect(nextStatus(action, from, published)).toBe(expected);
    if (expected === null) {
      expect(() => requireTransition(action, from, published)).toThrow(AppError);
    }
  });

  it('refuses with 409 and says what was tried from where', () => {
    expect(() => requireTransition('approve', 'draft', false)).toThrow(expect.objectContaining({ status: 409, code: 'illegal_transition', message: '内容当前是“草稿”，不能审核通过，请刷新后查看最新状态' }));
  });

  it('lets nothing out of retired', () => {
    for (const action of WORKFLOW_ACTIONS) expect(nextStatus(action, 'retired', true)).toBeNull();
  });
});
