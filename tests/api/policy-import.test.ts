import ExcelJS from 'exceljs';
import type { ContactDetailView, ImportJobView, ImportPreviewView, PolicyView } from '@kejing/shared';
import { bearer, buildWorld, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

const HEADERS = ['客户姓名', '客户手机', '产品名称', '险种', '保险公司', '保单号', '被保险人', '年缴保费(元)', '缴费方式', '缴费年期', '生效日期', '下次缴费日'];
type Cell = string | number | Date | null;

/** An .xlsx as an insurer's export would have it: one header row, then `rows`; dates as real date cells. */
async function xlsx(rows: Cell[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('保单');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}
/** Phone number i of this test's own range. */
const phoneOf = (i: number) => `1360000${String(i).padStart(4, '0')}`;
const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe('importing existing clients\' policies from .xlsx (导入保单)', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer(world.people[key].token);
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const rows = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;
  const count = async (sql: string, params: unknown[] = []) => Number((await rows(sql, params))[0].n);
  const addContact = async (body: object) => (await t.http.post('/api/contacts').set(as('a')).send(body).expect(201)).body as ContactDetailView;
  const detail = async (contactId: string) => (await t.http.get(`/api/contacts/${contactId}`).set(as('a')).expect(200)).body as ContactDetailView;
  const policiesOf = async (contactId: string) => (await t.http.get(`/api/contacts/${contactId}/policies`).set(as('a')).expect(200)).body as PolicyView[];
  const upload = async (contentBase64: string) =>
    (await t.http.post('/api/imports').set(as('a')).send({ kind: 'policies', fileName: '保单清单.xlsx', contentBase64 }).expect(201)).body as ImportPreviewView;
  async function finished(jobId: string): Promise<ImportJobView> {
    for (let i = 0; i < 200; i += 1) {
      const job = (await t.http.get(`/api/imports/${jobId}`).set(as('a')).expect(200)).body as ImportJobView;
      if (job.status === 'done') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }
  const commit = async (preview: ImportPreviewView) => {
    await t.http.post(`/api/imports/${preview.jobId}/commit`).set(as('a')).send({ mapping: preview.suggestedMapping }).expect(202);
    return finished(preview.jobId);
  };
  const agentPolicies = () => count('SELECT COUNT(*) AS n FROM policy WHERE agent_id = ?', [world.people.a.staffId]);
  const agentSales = () => count("SELECT COUNT(*) AS n FROM touchpoint_event WHERE agent_id = ? AND type = 'policy_signed'", [world.people.a.staffId]);

  let sheet: string;
  let first: ImportPreviewView;
  const clients: Record<string, ContactDetailView> = {};

  it('records 12 rows: the good ones as policies with their sale touchpoints, a repeated number, an unknown client, a bad premium and an ambiguous name reported by line', async () => {
    clients.zhang = await addContact({ remarkName: '张姐', phones: [{ phone: phoneOf(1), basis: 'in_person' }], familyMembers: [{ name: '小宝', relation: 'child', birthday: '2016-01-10', gender: 'male' }] });
    clients.li = await addContact({ remarkName: '李哥', phones: [{ phone: phoneOf(2), basis: 'in_person' }] });
    clients.wang = await addContact({ remarkName: '王阿姨' });
    clients.zhao = await addContact({ remarkName: '赵总', phones: [{ phone: phoneOf(4), basis: 'in_person' }] });
    const twinA = await addContact({ remarkName: '刘伟' });
    await addContact({ remarkName: '刘伟' });
    // Another agent's client of the same name is not the agent's to import for.
    await t.http.post('/api/contacts').set(as('b')).send({ remarkName: '孙姐' }).expect(201);
    const trustBefore = (await detail(clients.zhang.contactId)).trust;

    const good = (name: string, phone: string | null, number: string, over: Partial<Record<number, Cell>> = {}): Cell[] => {
      const row: Cell[] = [name, phone, '守护重疾', '重疾', '客经人寿', number, null, 5000, '年交', 20, day('2023-03-15'), null];
      for (const [i, v] of Object.entries(over)) row[Number(i)] = v ?? null;
      return row;
    };
    sheet = await xlsx([
      good('张姐', phoneOf(1), 'PI2023000001'), // 2: by phone
      good('张姐', phoneOf(1), 'PI2023000002', { 2: '成长医疗', 3: '医疗', 6: '小宝', 7: '1,280', 8: '年缴', 9: '1年' }), // 3: the child insured
      good('', phoneOf(2), 'PI2023000003', { 3: '寿险', 7: 12000, 8: '趸交', 9: null }), // 4: by phone alone, single premium
      good('王阿姨', null, 'PI2023000004', { 3: '意外', 10: '2024/6/1', 11: '2027-06-01' }), // 5: by name alone, typed dates
      good('赵总', `+86 ${phoneOf(4)}`, 'PI2023000005', { 3: '年金', 7: 100000, 8: '月交', 9: 10 }), // 6
      good('李哥（错写的名字）', phoneOf(2), 'PI2023000006', { 3: '养老' }), // 7: the phone wins over a misspelt name
      good('赵总', null, 'PI2023000007', { 3: '教育金' }), // 8
      good('王阿姨', null, 'PI2023000008', { 2: '安心意外', 3: '意外', 7: 300 }), // 9
      good('张姐', phoneOf(1), 'pi2023000001'), // 10: line 2's number again
      good('孙姐', phoneOf(99), 'PI2023000010'), // 11: nobody the agent holds
      good('李哥', phoneOf(2), 'PI2023000011', { 7: '-100' }), // 12: a bad premium
      good('刘伟', null, 'PI2023000012'), // 13: two clients of that name
    ]);
    const preview = first = await upload(sheet);
    expect(preview.kind).toBe('policies');
    expect(preview.totalRows).toBe(12);
    const mapped = Object.fromEntries(preview.suggestedMapping.map((m) => [m.column, m.header]));
    expect(mapped).toEqual(expect.objectContaining({
      clientName: 0, clientPhone: 1, productName: 2, need: 3, insurer: 4, policyNumber: 5, insured: 6, annualPremiumYuan: 7, paymentFrequency: 8,
      paymentTermYears: 9, effectiveDate: 10, nextPremiumDate: 11, signedDate: null,
    }));

    const job = await commit(preview);
    expect(job.counts).toEqual({ created: 8, duplicate: 1, flagged: 0, bad: 3 });
    expect(job.problems).toEqual([
      { line: 10, outcome: 'duplicate', reason: expect.stringMatching(/0001.*已登记过，未重复创建/) },
      { line: 11, outcome: 'bad', reason: expect.stringMatching(/找不到客户「孙姐」.*请先在客户里添加/) },
      { line: 12, outcome: 'bad', reason: expect.stringContaining('年缴保费须为正数（元）') },
      { line: 13, outcome: 'bad', reason: expect.stringContaining('名为「刘伟」的客户不止一位：请填写客户手机以区分') },
    ]);
    // Nothing half-written: eight policies, eight sales, none for the reported rows.
    expect(await agentPolicies()).toBe(8);
    expect(await agentSales()).toBe(8);
    expect(await count('SELECT COUNT(*) AS n FROM policy WHERE contact_id = ?', [twinA.contactId])).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'policy.create' AND actor_id = ?", [world.people.a.staffId])).toBe(8);

    // Trust counts the policies held, at once (not at the worker's next turn).
    const zhang = await detail(clients.zhang.contactId);
    expect(zhang.trust).toBeGreaterThan(trustBefore);
    expect(zhang.explanations.map((c) => c.reason)).toContain('已持有2张保单');
    expect(zhang.stage).toBe(8);
  });

  it('stores each policy as one recorded by hand: the number masked and encrypted, the insured from the family, the schedule derived, signed on its effective day', async () => {
    const zhang = await policiesOf(clients.zhang.contactId);
    expect(zhang.map((p) => [p.productName, p.policyNumberMasked, p.insured, p.annualPremiumFen, p.paymentFrequency, p.paymentTermYears])).toEqual(expect.arrayContaining([
      ['守护重疾', '****0001', { relation: 'self', name: '张姐' }, 500_000, 'annual', 20],
      ['成长医疗', '****0002', { relation: 'child', name: '小宝' }, 128_000, 'annual', 1],
    ]));
    const first = zhang.find((p) => p.policyNumberMasked === '****0001') as PolicyView;
    expect(first).toEqual(expect.objectContaining({ need: 'critical_illness', effectiveDate: '2023-03-15', signedDate: '2023-03-15', nextPremiumDate: '2027-03-15', status: 'active' }));
    expect(JSON.stringify(await rows('SELECT * FROM policy WHERE agent_id = ?', [world.people.a.staffId]))).not.toContain('2023000001');
    const revealed = (await t.http.post(`/api/policies/${first.policyId}/reveal-number`).set(as('a')).expect(200)).body as { policyNumber: string };
    expect(revealed.policyNumber).toBe('PI2023000001');

    const li = await policiesOf(clients.li.contactId);
    expect(li.map((p) => [p.need, p.paymentFrequency, p.paymentTermYears, p.nextPremiumDate]).sort()).toEqual([
      ['life', 'single', 1, null], ['retirement', 'annual', 20, '2027-03-15'],
    ]);
    const wang = await policiesOf(clients.wang.contactId);
    expect(wang.map((p) => [p.effectiveDate, p.nextPremiumDate, p.annualPremiumFen]).sort()).toEqual([['2023-03-15', '2027-03-15', 30_000], ['2024-06-01', '2027-06-01', 500_000]]);
    // Old sales stay in their own month: nothing of the import counts as this month's premium.
    const actuals = (await t.http.get('/api/policies/actuals').set(as('a')).expect(200)).body as { policies: number };
    expect(actuals.policies).toBe(0);
  });

  it('refuses a second commit of the job (409) and, for the same sheet imported again, reports every row as before without doubling a policy or a sale', async () => {
    await t.http.post(`/api/imports/${first.jobId}/commit`).set(as('a')).send({ mapping: first.suggestedMapping }).expect(409);

    const again = await commit(await upload(sheet));
    expect(again.counts).toEqual({ created: 0, duplicate: 9, flagged: 0, bad: 3 });
    expect(again.problems.filter((p) => p.outcome === 'duplicate').map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await agentPolicies()).toBe(8);
    expect(await agentSales()).toBe(8);
  });

  it('takes over a job whose process stopped after its rows were stored, recording no row twice', async () => {
    await t.db.dataSource.query(`UPDATE import_job SET status = 'running', lease_until_ms = ? WHERE id = ?`, [t.clock.nowMs() - 1, first.jobId]);
    const resumed = await finished(first.jobId);
    expect(resumed.counts).toEqual({ created: 8, duplicate: 1, flagged: 0, bad: 3 });
    expect(await agentPolicies()).toBe(8);
    expect(await agentSales()).toBe(8);
  });

  it('reports a family member not in the client\'s profile and a client without name or phone by line', async () => {
    const workbook = await xlsx([
      ['张姐', phoneOf(1), '守护重疾', '重疾', '客经人寿', 'PI2023000020', '大宝', 5000, '年交', 20, day('2023-03-15'), null],
      ['', '', '守护重疾', '重疾', '客经人寿', 'PI2023000021', null, 5000, '年交', 20, day('2023-03-15'), null],
    ]);
    const job = await commit(await upload(workbook));
    expect(job.problems).toEqual([
      { line: 2, outcome: 'bad', reason: expect.stringContaining('被保险人「大宝」不是客户本人，也不在客户档案的家庭成员里') },
      { line: 3, outcome: 'bad', reason: expect.stringContaining('客户姓名和客户手机都为空') },
    ]);
    expect(await agentPolicies()).toBe(8);
  });
});
