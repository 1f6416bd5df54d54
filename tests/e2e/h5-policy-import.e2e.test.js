// 导入保单 in real Chromium on the H5 build and the real server (demo data): the agent opens the
// import page for policies from 客户, imports an .xlsx (made here with exceljs) of their clients'
// policies with one repeated number and one unknown client, and sees those rows reported by line.
// Screenshots land in test-artifacts/e2e/ (policy-import-*.png).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const ExcelJS = require('exceljs');
const { PHONE, wholePageShot, serverAndChromium } = require('./browser');

const running = serverAndChromium();

async function policiesWorkbook() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('保单');
  sheet.addRow(['客户姓名', '客户手机', '产品名称', '险种', '保险公司', '保单号', '被保险人', '年缴保费(元)', '缴费方式', '缴费年期', '生效日期']);
  const effective = new Date(Date.UTC(2023, 2, 15));
  sheet.addRow(['保单老客甲', '13900000011', '守护重疾', '重疾', '客经人寿', 'E2E2023000001', null, 5000, '年交', 20, effective]);
  sheet.addRow(['保单老客乙', null, '成长医疗', '医疗', '客经人寿', 'E2E2023000002', null, 1280, '年交', 1, effective]);
  sheet.addRow(['保单老客甲', '13900000011', '安心意外', '意外', '客经财险', 'E2E2023000001', null, 300, '年交', 1, effective]);
  sheet.addRow(['不认识的人', '13900000099', '守护重疾', '重疾', '客经人寿', 'E2E2023000004', null, 5000, '年交', 20, effective]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('agent imports their clients\' policies from .xlsx via 导入保单 on 客户 (a repeated number and an unknown client reported by line)', async () => {
  const errors = [];
  const ctx = await running.browser.newContext(PHONE);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', async (res) => {
    if (res.url().includes('/api/') && res.status() >= 400) errors.push(`${res.status()} ${res.url()} ${await res.text().catch(() => '')}`);
  });
  try {
    await page.goto(`${running.server.base}/?devCode=demo-agent-1#/pages/contacts/index`);
    await page.locator('#policy-import').waitFor({ timeout: 20_000 });
    const login = await fetch(`${running.server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'demo-agent-1' }) });
    const { token } = await login.json();
    for (const body of [{ remarkName: '保单老客甲', phones: [{ phone: '13900000011', basis: 'in_person' }] }, { remarkName: '保单老客乙' }]) {
      const res = await fetch(`${running.server.base}/api/contacts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      assert.equal(res.status, 201);
    }
    await wholePageShot(page, 'policy-import-00-contacts-entry');

    await page.locator('#policy-import').click();
    await page.locator('#import-pick').waitFor({ timeout: 15_000 });
    assert.ok((await page.locator('.page').last().innerText()).includes('从表格导入老客户的保单'));
    await wholePageShot(page, 'policy-import-01-pick');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#import-pick').click()]);
    await chooser.setFiles({ name: '保单清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await policiesWorkbook() });
    await page.getByText('列对应').waitFor({ timeout: 15_000 });
    await page.locator('#import-start').click();
    await page.getByText('导入完成').waitFor({ timeout: 30_000 });
    const result = await page.locator('.page').last().innerText();
    for (const s of ['第4行 · 重复', '已登记过', '第5行 · 有误', '找不到客户「不认识的人」']) assert.ok(result.includes(s), `result shows ${s}: ${result}`);
    assert.match(await page.locator('#count-created').innerText(), /2/);
    await wholePageShot(page, 'policy-import-02-result');
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});
