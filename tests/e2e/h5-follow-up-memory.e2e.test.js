// Follow-up memory and the customer's privacy controls in real Chromium on the H5 build and the
// real server (demo data): on 今日 the agent opens 稍后 on a task (明天 / 下周 / 选个日期 / 设一个提醒…),
// sets a reminder from there, and finds it on the contact page; a new customer opening a shared
// article sees the first-open notice once, and 我的信息 shows what is held, with export, opt-out and
// erase. Screenshots (390x844) land in test-artifacts/e2e/ (memory-*.png, privacy-*.png).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ARTIFACTS, PHONE, wholePageShot, watchErrors: watch, serverAndChromium } = require('./browser');

const running = serverAndChromium();

/** What the phone shows: the viewport, with a sheet or a fixed notice where it sits. */
async function screen(page, name) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

test('the agent snoozes from 今日 and sets a reminder; a customer sees the notice once and their own data', async () => {
  const errors = [];
  const agentCtx = await running.browser.newContext(PHONE);
  const agent = await agentCtx.newPage();
  watch(agent, errors, 'agent');
  try {
    // 今日: 稍后 on the first task opens the snooze sheet.
    await agent.goto(`${running.server.base}/?devCode=demo-agent-1#/pages/today/index`);
    const firstTask = agent.locator('.task').first();
    await firstTask.waitFor({ timeout: 20_000 });
    const contactName = (await firstTask.locator('.task__contact').innerText()).trim();
    await firstTask.locator('.task__snooze').click();
    await agent.locator('#snooze-sheet').waitFor({ timeout: 10_000 });
    const sheetText = await agent.locator('#snooze-sheet').innerText();
    for (const words of ['稍后再跟进', '明天', '下周', '选个日期', '设一个提醒…']) assert.ok(sheetText.includes(words), `snooze sheet shows ${words}: ${sheetText}`);
    await screen(agent, 'memory-01-snooze-sheet');

    // 设一个提醒…: the reminder sheet for the same contact, filled and saved.
    await agent.locator('#snooze-remind').click();
    await agent.locator('#reminder-sheet').waitFor({ timeout: 10_000 });
    assert.ok((await agent.locator('#reminder-sheet .sheet__title').innerText()).includes(contactName));
    await agent.locator('#reminder-sheet .chip', { hasText: '每周' }).click();
    await agent.locator('#reminder-note textarea, textarea#reminder-note').first().fill('问问体检报告出来没有，顺便约周六面谈');
    await screen(agent, 'memory-02-reminder-sheet');
    const saved = agent.waitForResponse((r) => r.url().endsWith('/api/reminders') && r.request().method() === 'POST');
    await agent.locator('#reminder-save').click();
    const reminder = await (await saved).json();
    assert.equal(reminder.status, 'scheduled');
    assert.equal(reminder.repeat, 'weekly');
    await agent.locator('#reminder-sheet').waitFor({ state: 'detached', timeout: 10_000 });

    // The contact page lists it under 提醒.
    await agent.goto(`${running.server.base}/#/agent/contact/index?id=${encodeURIComponent(reminder.contactId)}`);
    const section = agent.locator('#contact-reminders');
    await section.getByText('问问体检报告出来没有，顺便约周六面谈').waitFor({ timeout: 20_000 });
    assert.match(await section.innerText(), /明天 09:00 · 每周/);
    await section.scrollIntoViewIfNeeded();
    await screen(agent, 'memory-03-contact-reminders');

    // A share link for the customer.
    await agent.goto(`${running.server.base}/#/pages/content/index`);
    const articleRow = agent.locator('.content-row', { hasText: '文章' }).first();
    await articleRow.waitFor({ timeout: 20_000 });
    await articleRow.click();
    await agent.locator('#share-link').waitFor({ timeout: 15_000 });
    await agent.locator('#share-link').click();
    await agent.locator('#share-url').waitFor({ timeout: 15_000 });
    const shareUrl = (await agent.locator('#share-url').innerText()).trim();

    // The customer's first open: the notice, over the foot of the article.
    const customerCtx = await running.browser.newContext(PHONE);
    const customer = await customerCtx.newPage();
    watch(customer, errors, 'customer');
    const [origin, hash] = shareUrl.split('#');
    await customer.goto(`${origin.replace(/\/$/, '')}/?devCode=memory-customer-${Date.now()}#${hash}`);
    await customer.locator('#privacy-notice').waitFor({ timeout: 20_000 });
    assert.match(await customer.locator('#privacy-notice').innerText(), /不会读取您的微信聊天、通讯录或位置/);
    await screen(customer, 'privacy-01-first-open-notice');
    await customer.locator('#privacy-notice-ok').click();
    await customer.locator('#privacy-notice').waitFor({ state: 'detached', timeout: 5_000 });
    // Shown once: opening the article again does not show it.
    await customer.reload();
    await customer.locator('#reader-title').waitFor({ timeout: 20_000 });
    await customer.waitForTimeout(500);
    assert.equal(await customer.locator('#privacy-notice').count(), 0);

    // 我的信息 from the foot of the article.
    await customer.locator('#my-data-link').click();
    await customer.getByText('我们保存了您的哪些信息').waitFor({ timeout: 20_000 });
    await customer.getByText('阅读和互动记录').waitFor({ timeout: 10_000 });
    await wholePageShot(customer, 'privacy-02-my-data');
    await customerCtx.close();

    assert.deepEqual(errors, []);
  } finally {
    await agentCtx.close();
  }
});
