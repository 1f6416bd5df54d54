// Issue 16.1 in real Chromium on the H5 build: a customer opening a share whose article was
// retired sees 该内容已下架 with the agent's card, 咨询顾问 and the agent's other content; a forged
// link says 链接无效 with a way on; a wrong invite code is said, in Chinese, under its box.
// Screenshots at 390 and 320 wide land in test-artifacts/e2e/ (errors-*.png).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer } = require('./server-process');
const { H5_DIR, ARTIFACTS, PHONE, launchChromium } = require('./browser');

const NARROW = { ...PHONE, viewport: { width: 320, height: 640 } };

let server;
let browser;

before(async () => {
  // A busy machine may keep the local fake of WeChat waiting past the default timeout.
  server = await startServer({ h5Dir: H5_DIR, env: { WECHAT_TIMEOUT_MS: '60000' } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const api = (method, url, token, body) => server.api(method, url, token, body);
const tokenOf = async (code) => (await api('POST', '/api/auth/login', null, { code })).token;

/** The page at both widths, each from a fresh load: 390 (a common phone) and 320 (the narrowest). */
async function shotBoth(url, ready, name) {
  const texts = [];
  for (const [size, options] of [['390', PHONE], ['320', NARROW]]) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url);
    await page.locator(ready).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(ARTIFACTS, `errors-${name}-${size}.png`), fullPage: true });
    const text = await page.locator(ready).innerText();
    // Nothing wider than the phone: no sideways scrolling at 320.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await context.close();
    assert.deepEqual(problems, []);
    assert.ok(overflow <= 1, `${name} at ${size}: ${overflow}px wider than the screen`);
    texts.push(text);
  }
  return texts;
}

test('a retired share shows 该内容已下架 with the agent and their other content; a forged one 链接无效', async () => {
  const agent = await tokenOf('demo-agent-1');
  const operator = await tokenOf('demo-operator-1');
  const library = (await api('GET', '/api/content?pageSize=10', agent)).items.filter((i) => i.kind === 'article');
  assert.ok(library.length >= 3, 'the demo has three articles to share');
  const [retiring, ...others] = library;
  const shareOf = async (item) => (await api('POST', '/api/shares', agent, { contentVersionId: item.versionId, channel: 'friend' })).shareId;
  const oldShare = await shareOf(retiring);
  for (const item of others.slice(0, 2)) await shareOf(item);
  await api('POST', `/api/operator/content/${retiring.itemId}/retire`, operator, {});

  const reader = (s) => `${server.base}/?devCode=e2e-retired-${Date.now().toString(36)}#/customer/read/index?s=${encodeURIComponent(s)}`;
  const [wide, narrow] = await shotBoth(reader(oldShare), '#share-retired', 'retired-share');
  for (const text of [wide, narrow]) {
    assert.match(text, /该内容已下架/);
    assert.match(text, /咨询顾问/);
    assert.match(text, new RegExp(others[0].title.slice(0, 8)));
    assert.doesNotMatch(text, /重试|withdrawn/);
  }

  const forged = `${oldShare.slice(0, -4)}AAAA`;
  const [invalidWide] = await shotBoth(reader(forged), '#share-invalid', 'invalid-link');
  assert.match(invalidWide, /链接无效/);
  assert.match(invalidWide, /请让分享给您的顾问重新发送/);
});

test('a wrong invite code is said in Chinese under the box, with what to do', async () => {
  for (const [size, options] of [['390', PHONE], ['320', NARROW]]) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${server.base}/?devCode=e2e-invite-${size}-${Date.now().toString(36)}#/pages/today/index`);
    await page.locator('#invite-code').waitFor({ timeout: 30_000 });
    await page.locator('#invite-code input').fill('ABCDEFGH');
    await page.locator('#bind-submit').click();
    const error = page.locator('#invite-code-error');
    await error.waitFor({ timeout: 15_000 });
    assert.match(await error.innerText(), /邀请码不正确、已使用或已过期，请核对/);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(ARTIFACTS, `errors-invite-code-${size}.png`), fullPage: true });
    await context.close();
  }
});
