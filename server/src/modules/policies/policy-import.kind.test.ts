import { ManualClock } from '../../lib/clock';
import type { PhoneCrypto } from '../../lib/phone-crypto';
import { policyImportKind } from './policy-import.kind';

const kind = policyImportKind({
  clock: new ManualClock(Date.parse('2026-11-02T02:00:00Z')), phoneCrypto: {} as PhoneCrypto,
  policies: { recordImported: async () => ({ duplicateOf: null }), contactIdsOf: async () => [] }, touchpoints: { announce: () => undefined }, rescore: async () => undefined,
});
const cells = (patch: Record<string, string>) => ({
  clientName: '王姐', clientPhone: '', productName: '守护重疾', need: '重疾', insurer: '客经人寿', policyNumber: 'P20230001', insured: '',
  annualPremiumYuan: '5000', paymentFrequency: '年交', paymentTermYears: '20', effectiveDate: '2023-03-15', signedDate: '', nextPremiumDate: '', ...patch,
});

describe('reading a policy row of a spreadsheet', () => {
  it('takes an old policy as signed on its effective day, and one not yet in effect as signed today', () => {
    expect(kind.readRow(cells({}))).toEqual({ row: expect.objectContaining({ policy: expect.objectContaining({ signedDate: '2023-03-15', annualPremiumFen: 500_000 }) }) });
    expect(kind.readRow(cells({ effectiveDate: '2026-12-01' }))).toEqual({ row: expect.objectContaining({ policy: expect.objectContaining({ signedDate: '2026-11-02' }) }) });
  });

  it('reads typed dates, premiums with separators and ¥, and 86-prefixed phones', () => {
    const read = kind.readRow(cells({ effectiveDate: '2023年3月5日', annualPremiumYuan: '¥12,000.50', clientPhone: '+86 136-0000-0001', paymentTermYears: '10年' }));
    expect(read).toEqual({ row: expect.objectContaining({ clientPhone: '13600000001', policy: expect.objectContaining({ effectiveDate: '2023-03-05', annualPremiumFen: 1_200_050, paymentTermYears: 10 }) }) });
  });

  it('names each wrong field in Chinese, once', () => {
    expect(kind.readRow(cells({ effectiveDate: '去年春天' }))).toEqual({ error: '生效日期格式为 YYYY-MM-DD' });
    expect(kind.readRow(cells({ annualPremiumYuan: '0', need: '理财' }))).toEqual({ error: expect.stringMatching(/^需求类别：.*；年缴保费须为正数（元）$/) });
    expect(kind.readRow(cells({ clientPhone: '12345' }))).toEqual({ error: '客户手机「12345」不是11位中国大陆手机号' });
    expect(kind.readRow(cells({ clientName: '' }))).toEqual({ error: '客户姓名和客户手机都为空：至少填一项，用来找到客户' });
  });
});
