import { parsePastOutcomes } from './past-outcomes';

const ID = '0b6f9c1e-2d3a-4b5c-8d7e-1f2a3b4c5d6e';

describe('reading past outcomes from CSV', () => {
  it('reads Chinese or English headers in any order, by contact id or phone, premium in yuan to fen', () => {
    const { rows, problems } = parsePastOutcomes(`日期,结果,客户编号,手机号,保费\n2026-03-01,成交,${ID},,5000.5\n2025-12-31,未成交,,13812345678,\n`, '2026-11-02');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, contactId: ID, phone: null, won: true, date: '2026-03-01', premiumFen: 500_050 },
      { line: 3, contactId: null, phone: '13812345678', won: false, date: '2025-12-31', premiumFen: null },
    ]);
  });

  it.each([
    [`${ID},maybe,2026-01-01,`, 'outcome', '结果须是“成交”或“未成交”（won / lost）'],
    [`${ID},won,2026-02-30,`, 'date', '日期须是YYYY-MM-DD格式的真实日期'],
    [`${ID},won,2026-11-03,`, 'date', '日期不能晚于今天'],
    [`${ID},won,2026-01-01,-5`, 'premium', '保费须是不小于0的金额（元，最多两位小数）'],
    [`not-an-id,won,2026-01-01,`, 'contactId', '客户编号格式不对'],
    [`,won,2026-01-01,`, 'contactId', '缺少客户编号或手机号'],
  ])('a bad line is reported by its line number with a reason: %s', (line, field, reasonZh) => {
    const { rows, problems } = parsePastOutcomes(`contact_id,outcome,date,premium\n${ID},lost,2026-01-01,\n${line}`, '2026-11-02');
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(problems).toEqual([{ line: 3, field, reasonZh }]);
  });

  it('the same contact twice: the later line is refused, naming the earlier', () => {
    const { rows, problems } = parsePastOutcomes(`手机号,结果,日期\n13812345678,won,2026-01-01\n13812345678,lost,2026-02-01`, '2026-11-02');
    expect(rows).toHaveLength(1);
    expect(problems).toEqual([{ line: 3, field: 'phone', reasonZh: '与第2行是同一位客户' }]);
  });

  it('a header without the outcome or date column refuses the whole file at line 1', () => {
    expect(parsePastOutcomes(`客户编号,保费\n${ID},100`, '2026-11-02')).toEqual({
      rows: [], problems: [{ line: 1, field: 'outcome', reasonZh: '表头缺少“结果”列' }, { line: 1, field: 'date', reasonZh: '表头缺少“日期”列' }],
    });
  });
});
