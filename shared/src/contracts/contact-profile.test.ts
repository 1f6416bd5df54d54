import { addressNameOf, anonymousNameOf, shownNameOf } from './contact-profile';

describe('the name a contact is greeted and shown by', () => {
  const visitor = anonymousNameOf('f8cc0000-0000-4000-8000-000000000000');
  it.each<[string, { remarkName: string | null; realName: string | null; displayName: string }, string, string]>([
    ['the remark name wins over everything', { remarkName: '张姐', realName: '张丽', displayName: visitor }, '张姐', '张姐'],
    ['the real name when no remark', { remarkName: null, realName: '张丽', displayName: visitor }, '张丽', '张丽'],
    ['the name from the lead form next', { remarkName: '  ', realName: null, displayName: '李先生' }, '李先生', '李先生'],
    ['never the viewer placeholder: no name at all', { remarkName: null, realName: null, displayName: visitor }, '', visitor],
  ])('%s', (_name, contact, address, shown) => {
    expect(addressNameOf(contact)).toBe(address);
    expect(shownNameOf(contact)).toBe(shown);
  });

  it('the placeholder reads 微信访客 and the id\'s first four characters', () => {
    expect(visitor).toBe('微信访客F8CC');
  });
});
