import { addMonths, deriveNextPremiumDate, maskPolicyNumber, validatePolicyRow } from './policies';

const row = {
  productName: '守护重疾', need: '重疾', insurer: '客经人寿', policyNumber: 'P2026000123', insuredRelation: '本人',
  annualPremiumYuan: '5000.5', paymentFrequency: '年交', paymentTermYears: '20', effectiveDate: '2026-03-15',
};

describe('policies: one row as a policy, and the next premium date', () => {
  it('reads a sheet row with Chinese labels and a premium in yuan, deriving the next premium date', () => {
    expect(validatePolicyRow(row, '2026-11-02')).toEqual({
      ok: true,
      policy: {
        productName: '守护重疾', need: 'critical_illness', insurer: '客经人寿', policyNumber: 'P2026000123', insuredRelation: 'self', annualPremiumFen: 500_050,
        paymentFrequency: 'annual', paymentTermYears: 20, effectiveDate: '2026-03-15', nextPremiumDate: '2027-03-15', signedDate: '2026-11-02',
      },
    });
  });

  it('names every bad field with a reason in Chinese', () => {
    const result = validatePolicyRow({ ...row, need: '彩票', policyNumber: '12', annualPremiumYuan: '-1', paymentFrequency: '每天', effectiveDate: '2026/03/15', insuredRelation: '子女' }, '2026-11-02');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['need', 'policyNumber', 'insuredName', 'annualPremiumFen', 'paymentFrequency', 'effectiveDate']);
    expect(result.errors[0]?.reason).toMatch(/需求类别/);
  });

  it('refuses a signing day in the future', () => {
    const result = validatePolicyRow({ ...row, signedDate: '2026-11-03' }, '2026-11-02');
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['signedDate']);
  });

  it.each<[string, 'single' | 'annual' | 'monthly' | 'semiannual', number, string, string | null]>([
    ['a single premium has none', 'single', 1, '2026-11-02', null],
    ['yearly, the next anniversary of the effective date', 'annual', 20, '2026-11-02', '2027-03-15'],
    ['yearly, on the due day itself', 'annual', 20, '2027-03-15', '2027-03-15'],
    ['yearly, none after the term ends (3 premiums: 2026, 2027, 2028)', 'annual', 3, '2028-03-16', null],
    ['monthly, the next month', 'monthly', 10, '2026-11-02', '2026-11-15'],
    ['half-yearly', 'semiannual', 10, '2026-11-02', '2027-03-15'],
  ])('%s', (_name, paymentFrequency, paymentTermYears, today, expected) => {
    expect(deriveNextPremiumDate({ effectiveDate: '2026-03-15', paymentFrequency, paymentTermYears }, today)).toBe(expected);
  });

  it('clamps a month-end date to the shorter month', () => {
    expect([addMonths('2026-01-31', 1), addMonths('2024-02-29', 12), addMonths('2026-11-30', 3)]).toEqual(['2026-02-28', '2025-02-28', '2027-02-28']);
  });

  it('masks a policy number to its last four', () => {
    expect(maskPolicyNumber('P2026000123')).toBe('****0123');
  });
});
