// After the sale in real Chromium on the H5 build and the real server (demo data): the agent
// records a policy for a client's child through the form and sees it on the contact page (number
// masked); a client's friends and friends' friends who came through forwards show as the
// referral tree; after the agent's visit the client is asked the NPS question on the reader page.
// Screenshots land in test-artifacts/e2e/ (policies-*.png).
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');
const { PHONE, wholePageShot, serverAndChromium } = require('./browser');

const running = serverAndChromium();

/** The API as a WeChat user logged in with `code` (the embedded default's fake WeChat). */
async function as(code) {
  const session = await (await fetch(`${running.server.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json();
  const call = async (method, path, body) => {
    const res = await fetch(`${running.server.base}${path}`, {
      method, headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { call };
}

/** A reader opens a share and reads most of it; returns a share of their own to forward. */
async function readerOf(shareId, code) {
  const reader = await as(code);
  const { contactId } = await reader.call('POST', `/api/shares/${encodeURIComponent(shareId)}/open`);
  await reader.call('POST', '/api/events', { sentAtDeviceMs: Date.now(), events: [{ clientEventId: randomUUID(), type: 'read_progress', shareId, depthPct: 80, dwellMs: 60_000, createdAtDeviceMs: Date.now() }] });
  const child = await reader.call('POST', `/api/shares/${encodeURIComponent(shareId)}/forward`, { channel: 'friend' });
  return { contactId, childShareId: child.shareId };
}

test('the agent records a policy, sees the referral tree, and the client is asked the NPS question after a visit', async () => {
  const errors = [];
  const ctx = await running.browser.newContext(PHONE);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', async (res) => {
    if (res.url().includes('/api/') && res.status() >= 400 && !res.url().includes('/deal-index')) errors.push(`${res.status()} ${res.url()} ${await res.text().catch(() => '')}`);
  });
  const agent = await as('demo-agent-1');
  const contact = await agent.call('POST', '/api/contacts', {
    remarkName: '周姐', birthday: '1986-04-12', familyMembers: [{ name: '乐乐', relation: 'child', birthday: '2019-05-01', gender: 'female' }],
  });

  // 登记保单 from the contact page, for the child.
  await page.goto(`${running.server.base}/?devCode=demo-agent-1#/agent/contact/index?id=${contact.contactId}`);
  await page.locator('#policy-add').waitFor({ timeout: 20_000 });
  await page.locator('#policy-add').click();
  await page.locator('#policy-save').waitFor({ timeout: 15_000 });
  const fill = async (id, text) => page.locator(`#${id} input, input#${id}`).first().fill(text);
  await fill('policy-product', '乐乐少儿重疾');
  await fill('policy-insurer', '客经人寿');
  await fill('policy-number', 'EDU2026000888');
  await fill('policy-premium', '12000');
  await fill('policy-term', '10');
  // H5's picker is a wheel: drag it up one row (本人 → 乐乐（子女）), then 确定; a drag the wheel missed is tried again.
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.locator('#policy-insured').click();
    const wheel = page.locator('.weui-picker:visible .weui-picker__mask').first();
    await wheel.waitFor({ timeout: 5_000 });
    await page.waitForTimeout(500); // the slide-up animation
    const box = await wheel.boundingBox();
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(x, y - i * 4);
      await page.waitForTimeout(20);
    }
    await page.mouse.up();
    await page.waitForTimeout(600);
    await page.locator('.weui-picker:visible .weui-picker__action').last().click();
    await page.waitForTimeout(400);
    if ((await page.locator('#policy-insured').innerText()).includes('乐乐')) break;
  }
  await page.locator('#policy-insured', { hasText: '乐乐' }).waitFor({ timeout: 5_000 });
  await wholePageShot(page, 'policies-01-form');
  await page.locator('#policy-save').click();
  await page.locator('#policies').getByText('乐乐少儿重疾').waitFor({ timeout: 15_000 });
  const listed = await page.locator('#policies').innerText();
  for (const s of ['保单（1）', '乐乐少儿重疾', '被保险人 子女乐乐', '保单号 ****0888', '¥12,000/年']) assert.ok(listed.includes(s), `the policy shows ${s}: ${listed}`);
  assert.ok(!listed.includes('EDU2026000888'), 'the full policy number is not on the page');
  await wholePageShot(page, 'policies-02-contact-with-policy');

  // 新客开来: a reader's friend and the friend's friend came through forwards.
  const content = await agent.call('GET', '/api/content?pageSize=5');
  const article = content.items.find((i) => i.kind === 'article') ?? content.items[0];
  const share = await agent.call('POST', '/api/shares', { contentVersionId: article.versionId, channel: 'friend' });
  const first = await readerOf(share.shareId, 'e2e-referrer');
  const second = await readerOf(first.childShareId, 'e2e-friend');
  await readerOf(second.childShareId, 'e2e-friends-friend');
  await agent.call('PUT', `/api/contacts/${first.contactId}`, { remarkName: '老客户赵姐' });
  await agent.call('PUT', `/api/contacts/${second.contactId}`, { remarkName: '赵姐的同事小孙' });
  await page.goto(`${running.server.base}/?devCode=demo-agent-1#/agent/contact/index?id=${first.contactId}`);
  await page.locator('#referrals').waitFor({ timeout: 20_000 });
  const tree = await page.locator('#referrals').innerText();
  assert.match(tree, /带来 2 位新客户，其中 2 位已互动/);
  assert.ok(tree.includes('赵姐的同事小孙'), tree);
  await page.locator('#referrals').scrollIntoViewIfNeeded();
  await wholePageShot(page, 'policies-03-referral-tree');

  // After a visit, the client is asked the NPS question on the reader page and answers 10.
  await agent.call('POST', `/api/contacts/${first.contactId}/actions`, { clientEventId: randomUUID(), type: 'visit', note: '上门送保单' });
  const customerCtx = await running.browser.newContext(PHONE);
  const customer = await customerCtx.newPage();
  customer.on('pageerror', (e) => errors.push(`customer: ${e.message}`));
  const events = [];
  customer.on('request', (req) => {
    if (req.url().endsWith('/api/events') && req.method() === 'POST') events.push(...JSON.parse(req.postData() || '{}').events);
  });
  await customer.goto(`${running.server.base}/?devCode=e2e-referrer#/customer/read/index?s=${encodeURIComponent(share.shareId)}`);
  await customer.locator('#nps').waitFor({ timeout: 20_000 });
  // A first open on this device shows what is recorded and why, over the page's foot: read and closed first.
  const notice = customer.locator('#privacy-notice-ok');
  if (await notice.isVisible().catch(() => false)) await notice.click();
  await customer.locator('#nps').scrollIntoViewIfNeeded();
  await wholePageShot(customer, 'policies-04-reader-nps');
  await customer.locator('#nps-10').click();
  await customer.locator('#nps-thanks').waitFor({ timeout: 5_000 });
  await customer.waitForTimeout(2500);
  assert.ok(events.some((e) => e.type === 'nps_answer' && e.npsScore === 10), `the answer was sent: ${JSON.stringify(events.map((e) => e.type))}`);
  await wholePageShot(customer, 'policies-05-reader-nps-thanks');
  assert.deepEqual(errors, []);
  await customerCtx.close();
  await ctx.close();
});
