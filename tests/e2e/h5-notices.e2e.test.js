// Being reached and being told, in real Chromium on the H5 build and the real server (demo data,
// local fake WeChat): the agent sets the card's phone and uploads a QR code; a customer opens a
// share, taps 咨询顾问 (打电话 / 加微信 / 留言) and leaves a message; the agent sees 消息 with its
// unread badge on 今日, the message in the list, and the WeChat reminder settings. Screenshots
// land in test-artifacts/e2e/ (notices-*.png).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO } = require('./server-process');
const { PHONE, wholePageShot, serverAndChromium } = require('./browser');

const CUSTOMER_CODE = `e2e-notice-customer-${Date.now().toString(36)}`;
// Any real PNG serves as the QR code image here.
const QR_PNG = path.join(REPO, 'miniapp', 'src', 'assets', 'tab', 'card-active.png');

const running = serverAndChromium();

async function api(method, url, token, body, headers = {}) {
  const res = await fetch(`${running.server.base}${url}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

test('a customer reaches the agent through 咨询顾问 and the agent is told in 消息', async () => {
  const errors = [];
  const watch = (p, who) => {
    p.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
    p.on('response', async (res) => {
      if (res.url().includes('/api/') && res.status() >= 400) errors.push(`${who}: ${res.status()} ${res.url()} ${await res.text().catch(() => '')}`);
    });
  };
  // The agent's card: phone shown to customers, a QR code uploaded.
  const agentToken = (await api('POST', '/api/auth/login', null, { code: 'demo-agent-1' })).token;
  const qr = await api('POST', '/api/uploads', agentToken, fs.readFileSync(QR_PNG), { 'content-type': 'image/png' });
  await api('PUT', '/api/card/reach', agentToken, { phone: '13800138000', phonePublic: true, wechatQrUploadId: qr.uploadId, wechatQrKind: 'wechat' });
  const article = (await api('GET', '/api/content?kind=article', agentToken)).items[0];
  const { shareId } = await api('POST', '/api/shares', agentToken, { contentVersionId: article.versionId, channel: 'friend' });

  // The customer: 咨询顾问 opens the panel; 加微信 shows the QR code; 留言 sends.
  const customerCtx = await running.browser.newContext(PHONE);
  const customer = await customerCtx.newPage();
  watch(customer, 'customer');
  await customer.goto(`${running.server.base}/?devCode=${CUSTOMER_CODE}#/customer/read/index?s=${encodeURIComponent(shareId)}`);
  await customer.locator('#consult').waitFor({ timeout: 20_000 });
  // The first-open privacy notice sits over the foot of the article until read and dismissed.
  await customer.locator('#privacy-notice-ok').click();
  await customer.locator('#consult').click();
  await customer.locator('#consult-panel #consult-call').waitFor({ timeout: 10_000 });
  await customer.locator('#consult-wechat').click();
  await customer.locator('#consult-qr').waitFor({ timeout: 10_000 });
  await customer.locator('#consult-message').click();
  await customer.locator('#consult-text textarea, textarea#consult-text').first().fill('孩子5岁，少儿重疾和医疗险怎么搭配？');
  const sent = customer.waitForResponse((r) => r.url().endsWith('/api/card/messages') && r.request().method() === 'POST');
  await customer.locator('#consult-send').click();
  assert.equal((await sent).status(), 201);
  await customer.locator('#consult-sent').waitFor({ timeout: 10_000 });
  await customer.locator('#consult-panel').scrollIntoViewIfNeeded();
  await customer.waitForTimeout(400);
  await customer.screenshot({ path: path.join(REPO, 'test-artifacts', 'e2e', 'notices-01-reader-consult.png') });

  // The agent: 今日 shows 消息 with the unread badge.
  const agentCtx = await running.browser.newContext(PHONE);
  const agent = await agentCtx.newPage();
  watch(agent, 'agent');
  await agent.goto(`${running.server.base}/?devCode=demo-agent-1#/pages/today/index`);
  await agent.locator('#notice-badge').waitFor({ timeout: 20_000 });
  assert.ok(Number(await agent.locator('#notice-badge').innerText()) >= 1);
  await agent.waitForTimeout(400);
  await agent.screenshot({ path: path.join(REPO, 'test-artifacts', 'e2e', 'notices-02-today-badge.png') });

  // 消息: the customer's message, unread, marked as only in the app when no grant was made.
  await agent.locator('#notice-entry').click();
  const message = agent.locator('.notice', { hasText: '孩子5岁，少儿重疾和医疗险怎么搭配？' }).first();
  await message.waitFor({ timeout: 15_000 });
  assert.match(await message.innerText(), /留言/);
  await wholePageShot(agent, 'notices-03-list');

  // The settings page: templates (the fake WeChat's), quiet hours, cap.
  await agent.locator('#notice-settings').click();
  await agent.locator('#subscribe').waitFor({ timeout: 15_000 });
  assert.match(await agent.locator('#template-activity').innerText(), /新线索 · 高意向 · 转介绍/);
  await wholePageShot(agent, 'notices-04-settings');

  // 名片: the reach editor with the uploaded QR code.
  await agent.goto(`${running.server.base}/?devCode=demo-agent-1#/pages/card/index`);
  await agent.locator('#reach-qr').waitFor({ timeout: 20_000 });
  await wholePageShot(agent, 'notices-05-card-reach');

  assert.deepEqual(errors, []);
});
