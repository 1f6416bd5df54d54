import { readBirthday, readContactRow } from './contact-import.kind';
import { suggestMapping } from '../imports/imports.service';

const cells = (patch: Record<string, string>) => ({
  remarkName: '王姐', phone: '', gender: '', birthday: '', note: '', agentTags: '', wechatFriend: '', policiesHeld: '', relationship: '', wechatId: '', ...patch,
});

describe('reading a contact row of a spreadsheet', () => {
  it.each<[string, string, string | null]>([
    ['ISO', '1985-03-08', '1985-03-08'],
    ['slashes without zeros', '1985/3/8', '1985-03-08'],
    ['dots', '1985.03.08', '1985-03-08'],
    ['Chinese', '1985年3月8日', '1985-03-08'],
    ['eight digits', '19850308', '1985-03-08'],
    ['an Excel day number', '31114', '1985-03-08'],
    ['empty', '', null],
  ])('reads a birthday written as %s', (_name, text, expected) => {
    expect(readBirthday(text)).toEqual(expected);
  });

  it.each(['1985-02-30', '1985-13-01', '明年', '1850-01-01'])('refuses the birthday %s with a reason in Chinese', (text) => {
    expect(readBirthday(text)).toEqual({ error: expect.stringContaining('生日') });
  });

  it.each<[string, Record<string, string>, string]>([
    ['no name', { remarkName: '' }, '姓名为空'],
    ['a name over 30 characters', { remarkName: '名'.repeat(31) }, '姓名超过30个字'],
    ['a landline', { phone: '021-12345678' }, '手机号不是11位'],
    ['a gender other than 男/女', { gender: '未知' }, '性别「未知」只能填 男 或 女'],
    ['a WeChat-friend answer that is not yes or no', { wechatFriend: '也许' }, '微信好友「也许」只能填 是 或 否'],
    ['a fractional policy count', { policiesHeld: '1.5' }, '持有保单数「1.5」应为0到99的整数'],
    ['a tag over 12 characters', { agentTags: '这是一个非常非常长的客户标签' }, '每个标签最多12个字'],
  ])('refuses a row with %s, saying why', (_name, patch, reason) => {
    expect(readContactRow(cells(patch))).toEqual({ error: expect.stringContaining(reason) });
  });

  it('reads phones as people type them, genders in words, yes/no, counts and tags split on Chinese and Western separators', () => {
    expect(readContactRow(cells({ phone: '+86 138-1234-5678', gender: '女士', wechatFriend: '是', policiesHeld: '2', agentTags: 'P100，宝妈、P100 企业主' }))).toEqual({
      row: expect.objectContaining({ phone: '13812345678', gender: 'female', wechatFriend: true, policiesHeld: 2, agentTags: ['P100', '宝妈', '企业主'] }),
    });
  });
});

describe('suggesting a column mapping from the headers', () => {
  const columns = [
    { key: 'remarkName', label: '姓名', aliases: ['客户姓名', '名字'], required: true },
    { key: 'phone', label: '手机', aliases: ['手机号', '电话'] },
    { key: 'note', label: '备注', aliases: [] },
  ];
  it('prefers an exact header over one that merely contains the name, and uses each header once', () => {
    expect(suggestMapping(columns, ['客户姓名（必填）', '手机号', '姓名'])).toEqual([
      { column: 'remarkName', header: 2 }, { column: 'phone', header: 1 }, { column: 'note', header: null },
    ]);
  });
  it('ignores spaces, case, brackets and required marks', () => {
    expect(suggestMapping(columns, [' 名字 *', '电 话'])).toEqual([
      { column: 'remarkName', header: 0 }, { column: 'phone', header: 1 }, { column: 'note', header: null },
    ]);
  });
});
