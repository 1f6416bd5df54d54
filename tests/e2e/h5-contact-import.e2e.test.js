// Import and merge in real Chromium on the H5 build and the real server (demo data): the agent
// imports 50 contacts from an .xlsx file (made here with exceljs; one duplicate of a number the
// agent already holds and two bad rows), sees the rows reported by line, then merges a reader
// into one of the imported contacts from the contact page and undoes it. Screenshots land in
// test-artifacts/e2e/ (contact-import-*.png).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { contactsWorkbook: workbook } = require('./contact-workbook');
const path = require('node:path');
const { ARTIFACTS, PHONE, wholePageShot, serverAndChromium } = require('./browser');

const running = serverAndChromium();

/** What the agent sees at 390×844 with `locator` scrolled into view (the contact page is long). */
async function screenAt(page, locator, name) {
  await locator.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

test('agent imports 50 contacts from .xlsx (one duplicate, two bad rows by line), then merges a reader into one and undoes it', async () => {
  const errors = [];
  const ctx = await running.browser.newContext(PHONE);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', async (res) => {
    if (res.url().includes('/api/') && res.status() >= 400) errors.push(`${res.status()} ${res.url()} ${await res.text().catch(() => '')}`);
  });
  try {
    // A contact the agent already holds, whose number the file repeats on line 11.
    await page.goto(`${running.server.base}/?devCode=demo-agent-1#/pages/contacts/index`);
    await page.locator('#contact-import').waitFor({ timeout: 20_000 });
    const login = await fetch(`${running.server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'demo-agent-1' }) });
    const { token } = await login.json();
    const held = await fetch(`${running.server.base}/api/contacts`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ remarkName: '老客户老王', phones: [{ phone: '13900000001', basis: 'in_person' }] }),
    });
    assert.equal(held.status, 201);
    await wholePageShot(page, 'contact-import-00-contacts-entry');

    await page.locator('#contact-import').click();
    await page.locator('#import-pick').waitFor({ timeout: 15_000 });
    await wholePageShot(page, 'contact-import-01-pick');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#import-pick').click()]);
    await chooser.setFiles({ name: '我的客户.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook() });
    await page.getByText('列对应').waitFor({ timeout: 15_000 });
    const mappingText = await page.locator('.page').last().innerText();
    for (const s of ['我的客户.xlsx', '共 50 行', '导入客户1', '开始导入 50 行']) assert.ok(mappingText.includes(s), `preview shows ${s}`);
    await wholePageShot(page, 'contact-import-02-preview-mapping');

    await page.locator('#import-start').click();
    await page.getByText('导入完成').waitFor({ timeout: 30_000 });
    const result = await page.locator('.page').last().innerText();
    for (const s of ['第11行 · 重复', '老客户老王', '第21行 · 有误', '手机号不是11位', '第31行 · 有误', '姓名为空']) assert.ok(result.includes(s), `result shows ${s}: ${result}`);
    assert.match(await page.locator('#count-created').innerText(), /47/);
    await wholePageShot(page, 'contact-import-03-result');

    // Merge: open 导入客户1, pick another contact (a reader from the demo) and merge it in.
    await page.goto(`${running.server.base}/#/pages/contacts/index`);
    await page.locator('#contact-search input, input#contact-search').first().fill('导入客户1');
    await page.locator('.contact-row__name', { hasText: /^导入客户1$/ }).first().click();
    await page.locator('#contact-merge').waitFor({ timeout: 15_000 });
    await page.locator('#merge-open').click();
    const pick = page.locator('[id^=merge-pick-]').first();
    await pick.waitFor({ timeout: 10_000 });
    await screenAt(page, page.locator('#contact-merge'), 'contact-import-04-merge-picker');
    const mergedName = (await pick.innerText()).replace('并入此客户', '').trim();
    await pick.click();
    await page.getByText('合并客户', { exact: true }).last().waitFor();
    await page.getByText('确定', { exact: true }).last().click();
    await page.getByText(`已合并「${mergedName}」`).waitFor({ timeout: 15_000 });
    await screenAt(page, page.locator('#contact-merge'), 'contact-import-05-merged');
    await screenAt(page, page.locator('.contact__name'), 'contact-import-05b-merged-top');

    await page.locator('[id^=merge-undo-]').first().click();
    await page.getByText('确定', { exact: true }).last().click();
    await page.locator('[id^=merge-undo-]').waitFor({ state: 'detached', timeout: 15_000 });
    await screenAt(page, page.locator('#contact-merge'), 'contact-import-06-undone');

    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});
