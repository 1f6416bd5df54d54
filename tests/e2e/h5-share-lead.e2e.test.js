// End to end in real Chromium against the H5 build served by the real server:
// an agent shares an article, a customer opens it, scrolls to the end and leaves a lead,
// and the agent's radar and Today list show it. Screenshots land in test-artifacts/e2e/.
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ARTIFACTS, PHONE, serverAndChromium } = require('./browser');

const CUSTOMER_CODE = `e2e-customer-${Date.now().toString(36)}`;
const LEAD_NAME = '周女士';

const running = serverAndChromium();

async function shot(page, name) {
  await page.waitForTimeout(300); // let fonts and transitions settle
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/**
 * Reloads until the text shows up: the radar polls, Today is computed after the lead. Two traps:
 * going to the same hash URL again does not reload the document (so the page would never fetch
 * afresh), and the H5 router keeps earlier pages in the DOM, hidden — the text may be there on a
 * hidden page first. So: a real reload each round, and only a visible match counts.
 */
async function reloadUntil(page, url, text, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  await page.goto(url);
  for (;;) {
    try {
      await page.getByText(text).filter({ visible: true }).first().waitFor({ timeout: 4000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    await page.reload();
  }
}

test('agent shares an article; the customer reads to the end and leaves a lead; radar and Today show it', async (t) => {
  const errors = [];
  const pages = [];
  // On failure, keep a picture of every page for the reader of the CI log.
  t.after(async () => {
    if (!failed) return;
    console.error('page errors and failed API calls:', errors);
    await Promise.all(pages.map((p, i) => p.screenshot({ path: path.join(ARTIFACTS, `failure-${i}.png`) }).catch(() => undefined)));
  });
  let failed = true;
  const agentCtx = await running.browser.newContext(PHONE);
  const agent = await agentCtx.newPage();
  pages.push(agent);
  agent.on('pageerror', (e) => errors.push(`agent: ${e.message}`));

  // 1. The agent opens the content library and picks an article.
  await agent.goto(`${running.server.base}/?devCode=demo-agent-1#/pages/content/index`);
  const articleRow = agent.locator('.content-row', { hasText: '文章' }).first();
  await articleRow.waitFor({ timeout: 20_000 });
  await shot(agent, '01-agent-content-library');
  const title = (await articleRow.locator('.content-row__title').innerText()).replace(/^文章\s*/, '').trim();
  await articleRow.click();

  // 2. Preview and share: on H5 the share is a link to the reader.
  const shareButton = agent.locator('#share-link');
  await shareButton.waitFor({ timeout: 15_000 });
  await agent.getByText(title).first().waitFor();
  await shot(agent, '02-agent-content-preview');
  await shareButton.click();
  const urlText = agent.locator('#share-url');
  await urlText.waitFor({ timeout: 15_000 });
  const shareUrl = (await urlText.innerText()).trim();
  assert.match(shareUrl, /#\/customer\/read\/index\?s=/);
  await urlText.scrollIntoViewIfNeeded();
  await shot(agent, '03-agent-share-link');

  // The poster: canvas drawing with the card and a QR code to its own share.
  await agent.locator('#make-poster').click();
  const poster = agent.locator('#poster-image');
  await poster.waitFor({ timeout: 15_000 });
  // Keep the poster image itself (a PNG data URL on H5), whole, as the artefact.
  const posterSrc = await poster.locator('img').getAttribute('src');
  assert.match(posterSrc || '', /^data:image\/png;base64,/);
  fs.writeFileSync(path.join(ARTIFACTS, '03b-agent-poster.png'), Buffer.from(posterSrc.split(',')[1], 'base64'));

  // 3. A customer (another WeChat identity) opens the link.
  const customerCtx = await running.browser.newContext(PHONE);
  const customer = await customerCtx.newPage();
  pages.push(customer);
  customer.on('response', async (res) => {
    if (res.url().includes('/api/') && res.status() >= 400) errors.push(`customer: ${res.status()} ${res.url()} ${await res.text().catch(() => '')}`);
  });
  customer.on('pageerror', (e) => errors.push(`customer: ${e.message}`));
  const events = [];
  customer.on('request', (req) => {
    if (req.url().endsWith('/api/events') && req.method() === 'POST') events.push(...JSON.parse(req.postData() || '{}').events);
  });
  const [origin, hash] = shareUrl.split('#');
  await customer.goto(`${origin.replace(/\/$/, '')}/?devCode=${CUSTOMER_CODE}#${hash}`);
  await customer.locator('#reader-title').waitFor({ timeout: 20_000 });
  assert.equal((await customer.locator('#reader-title').innerText()).trim(), title);
  await shot(customer, '04-customer-reader-top');
  // The first-open privacy notice sits over the foot of the article until read and dismissed.
  await customer.locator('#privacy-notice-ok').click();

  // 4. Reads to the end, with the wheel, like a person (usePageScroll sees it).
  await customer.mouse.move(195, 400);
  for (let i = 0; i < 40; i++) {
    await customer.mouse.wheel(0, 400);
    await customer.waitForTimeout(150);
  }
  await customer.locator('#agent-card').waitFor();
  await customer.waitForTimeout(1500);
  await shot(customer, '05-customer-reader-end-with-card');

  // 5. Leaves a lead: the consent box starts unticked; ticking it allows the submit.
  await customer.locator('#leave-lead').click();
  await customer.locator('#lead-name').waitFor({ timeout: 10_000 });
  await customer.locator('#lead-name input').fill(LEAD_NAME);
  await customer.locator('#lead-phone input').fill('13912345678');
  await customer.locator('#lead-budget input').fill('8000');
  await customer.locator('#need-critical_illness').click();
  await shot(customer, '06-customer-lead-form');
  await customer.locator('#lead-submit').click();
  await customer.getByText('请先阅读并勾选同意隐私说明').first().waitFor({ timeout: 5000 });
  await customer.locator('#lead-consent').click();
  // 重疾 is health data: the server wants its own consent, and the form asks for it.
  await customer.locator('#lead-submit').click();
  await customer.getByText('选择了医疗或重疾需求，请单独勾选同意，或取消这些选项').first().waitFor({ timeout: 5000 });
  await customer.locator('#lead-health-consent').click();
  await shot(customer, '07-customer-lead-consents');
  await customer.locator('#lead-submit').click();
  await customer.locator('#lead-done').waitFor({ timeout: 15_000 });
  await shot(customer, '08-customer-lead-done');

  // The queue delivers the reading events (a second's batching delay).
  const deadline = Date.now() + 15_000;
  while (!events.some((e) => e.type === 'read_complete') && Date.now() < deadline) await customer.waitForTimeout(250);
  const types = new Set(events.map((e) => e.type));
  assert.ok(types.has('open'), `events sent: ${[...types]}`);
  assert.ok(types.has('read_complete'), `events sent: ${[...types]}`);
  assert.ok(events.length < 15, `a read should send a handful of events, sent ${events.length}`);
  assert.equal(new Set(events.map((e) => e.clientEventId)).size, events.length, 'each event is sent once');

  // 6. The agent's radar shows who read what, how far.
  await reloadUntil(agent, `${running.server.base}/#/pages/radar/index`, title);
  const row = agent.locator('.radar-row', { hasText: title }).first();
  await row.waitFor();
  const rowText = await row.innerText();
  assert.match(rowText, /阅读 (9\d|100)%/);
  await shot(agent, '09-agent-radar');

  // 7. Today lists the follow-up for the new lead.
  await reloadUntil(agent, `${running.server.base}/#/pages/today/index`, LEAD_NAME, 45_000);
  await shot(agent, '10-agent-today');
  const task = agent.locator('.task', { hasText: LEAD_NAME }).first();
  assert.ok(await task.isVisible());

  // 8. Contacts: the grid and funnel, then the contact's detail from Today.
  await agent.goto(`${running.server.base}/#/pages/contacts/index`);
  await agent.getByText('销售漏斗（八阶段）').waitFor({ timeout: 15_000 });
  await shot(agent, '11-agent-contacts-grid-funnel');
  await agent.goto(`${running.server.base}/#/pages/today/index`);
  await agent.locator('.task__contact', { hasText: LEAD_NAME }).first().click();
  await agent.getByText('评分依据').waitFor({ timeout: 15_000 });
  await shot(agent, '12-agent-contact-detail');

  assert.deepEqual(errors, [], 'no uncaught page errors or failed API calls');
  failed = false;
  await agentCtx.close();
  await customerCtx.close();
});
