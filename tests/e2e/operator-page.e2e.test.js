// End to end in real Chromium against the real server: the operator's desktop page (/operator).
// A content operator logs in with the demo's dev code, opens an item with its preview and audit
// history, and renames a tag — the display name changes, the code does not. Screenshots land in
// test-artifacts/e2e/.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer } = require('./server-process');
const { H5_DIR, ARTIFACTS, launchChromium } = require('./browser');

const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };

let server;
let browser;

before(async () => {
  server = await startServer({ h5Dir: H5_DIR });
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('an operator opens an item with its preview and history, then renames a tag (the code stays)', async () => {
  const page = await browser.newPage(DESKTOP);
  try {
    await page.goto(`${server.base}/operator`);
    await page.fill('#devcode', 'demo-operator-1');
    await page.click('#devlogin');
    await page.waitForSelector('#items tbody tr');
    const rows = await page.locator('#items tbody tr').count();
    assert.ok(rows > 0, 'the demo content is listed');

    await page.locator('#items tbody tr').first().click();
    await page.waitForSelector('#detail .preview');
    await page.waitForSelector('#detail .history li');
    // Every demo item went through review: created, submitted, approved — each with who and when.
    const history = await page.locator('#detail .history').innerText();
    assert.match(history, /创建 v1/);
    assert.match(history, /提交审核 v1/);
    assert.match(history, /审核通过并发布 v1/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'operator-01-detail.png') });

    await page.click('nav button[data-tab=tags]');
    await page.waitForSelector('#tag-tree li');
    page.once('dialog', (dialog) => dialog.accept('医疗保障'));
    await page.locator('#tag-tree li', { hasText: 'need:medical' }).first().locator('button', { hasText: '改名' }).first().click();
    await page.waitForFunction(() => document.querySelector('#tag-tree')?.textContent?.includes('医疗保障'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'operator-02-tag-renamed.png') });

    const token = await page.evaluate(() => sessionStorage.getItem('kejing-operator-token'));
    const tree = await (await fetch(`${server.base}/api/tags`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.deepEqual(tree.need.find((t) => t.code === 'need:medical')?.name, '医疗保障');
    assert.ok(!tree.need.some((t) => t.name === '医疗'), 'the old name is gone');
  } finally {
    await page.close();
  }
});
