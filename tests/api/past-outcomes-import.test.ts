import type { ContactDetailView, PastOutcomesImportView } from '@kejing/shared';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { bearer, buildWorld, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/**
 * A company imports past outcomes of its contacts so the deal index trains from day one: the
 * manager of 上海分公司 (m1) imports by contact id or phone; lines outside their branch, unknown,
 * malformed or settled in Kejing come back by line with a Chinese reason; the training run counts
 * the imported outcomes beside Kejing's own, each contact once, and an import again replaces.
 */
describe('past outcomes imported for the deal index', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  const add = async (who: string, remarkName: string, phone?: string) =>
    ((await t.http.post('/api/contacts').set(as(who)).send({ remarkName, ...(phone ? { phones: [{ phone, basis: 'in_person' }] } : {}) }).expect(201)).body as ContactDetailView).contactId;
  const importCsv = async (csv: string, who = 'm1', status = 200) => (await t.http.post('/api/deal-index/past-outcomes').set(as(who)).send({ csv }).expect(status)).body;

  let a1: string; let a2: string; let a3: string; let c1: string; let d1: string; let settled: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    a1 = await add('a', '甲');
    a2 = await add('a', '乙', '13900001111');
    a3 = await add('a', '丙');
    c1 = await add('c', '丁');
    d1 = await add('d', '戊'); // 北京分公司: outside m1's branch
    settled = await add('a', '己');
    await t.http.post(`/api/contacts/${settled}/actions`).set(as('a')).send({ clientEventId: '7f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f', type: 'closed_lost' }).expect(201);
    await t.services.writer.drain();
    await t.services.scoringWorker.drain();
  }, 60_000);
  afterAll(() => t.close());

  it('an agent may not import outcomes; a header without 结果 imports nothing (400, in Chinese)', async () => {
    await importCsv('客户编号,结果,日期', 'a', 403);
    const res = await importCsv(`客户编号,日期\n${a1},2026-01-01`, 'm1', 400);
    expect(res.error.details).toEqual([{ field: 'csv.outcome', label: '结果', reason: '表头缺少“结果”列' }]);
    expect((await t.services.dealIndex.train()).readiness.n).toBe(1); // only the contact lost in Kejing
  });

  it('good lines are stored and every bad line comes back by line with its reason', async () => {
    const csv = [
      '客户编号,手机号,结果,日期,保费',
      `${a1},,成交,2026-03-01,5000`,
      ',13900001111,未成交,2026-04-02,',
      `${c1},,won,2026-05-03,12000.50`,
      `${d1},,lost,2026-05-04,`,
      ',13700000000,lost,2026-05-05,',
      `${a3},,maybe,2026-05-06,`,
      `${settled},,won,2026-05-07,`,
      `${a3},,lost,2099-01-01,`,
    ].join('\n');
    const view = await importCsv(csv) as PastOutcomesImportView;
    expect(view).toMatchObject({ accepted: 3, replaced: 0 });
    expect(view.problems).toEqual([
      { line: 5, field: 'contactId', reasonZh: '找不到该客户编号（或不在您的管理范围内）' },
      { line: 6, field: 'phone', reasonZh: '找不到该手机号的客户（或不在您的管理范围内）' },
      { line: 7, field: 'outcome', reasonZh: '结果须是“成交”或“未成交”（won / lost）' },
      { line: 8, field: 'outcome', reasonZh: '该客户在客经里已有成交结果，以客经的记录为准' },
      { line: 9, field: 'date', reasonZh: '日期不能晚于今天' },
    ]);
    const audit = await t.services.dataSource.getRepository(AuditEntry).findOneByOrFail({ action: 'deal_past_outcomes.import', subjectId: view.importId });
    expect(audit.detail).toEqual({ accepted: 3, replaced: 0, rejected: 5, won: 2 });
    expect(a2).toBeTruthy();
  });

  it('training counts the imported outcomes beside Kejing\'s own: 1 lost in Kejing + 2 won + 1 lost imported', async () => {
    const summary = await t.services.dealIndex.train();
    expect(summary.readiness).toMatchObject({ n: 4, won: 2, lost: 2 });
  });

  it('importing a contact again replaces its outcome: still counted once', async () => {
    const view = await importCsv(`contact_id,outcome,date\n${a1},lost,2026-03-02`) as PastOutcomesImportView;
    expect(view).toMatchObject({ accepted: 1, replaced: 1, problems: [] });
    expect((await t.services.dealIndex.train()).readiness).toMatchObject({ n: 4, won: 1, lost: 3 });
  });
});
