// The morning list a page at a time in real Chromium on the H5 build and the real server (demo
// data): 25 more customers read the agent's article, so 今日 holds more than one page; the first 20
// come at once with the whole list's count, the rest when the agent scrolls to the bottom, and a
// task done leaves the count. Screenshots (390x844 and 320x640) land in test-artifacts/e2e/ (pages-*.png).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const { ARTIFACTS, PHONE, watchErrors: watch, serverAndChromium } = require('./browser');

const READERS = 25;
const running = serverAndChromium();

const api = (method, url, token, body) => running.server.api(method, url, token, body);

async function screen(page, name) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Customers who each open the agent's article and read 80 % of it: one follow-up each once scored. */
async function readers(agentToken, count) {
  const article = (await api('GET', '/api/content?kind=article', agentToken)).items[0];
  const { shareId } = await api('POST', '/api/shares', agentToken, { contentVersionId: article.versionId, channel: 'friend' });
  for (let i = 0; i < count; i += 1) {
    const token = (await api('POST', '/api/auth/login', null, { code: `pages-reader-${i}` })).token;
    await api('POST', `/api/shares/${encodeURIComponent(shareId)}/open`, token, {});
    const now = Date.now();
    await api('POST', '/api/events', token, {
      sentAtDeviceMs: now,
      events: [{ clientEventId: randomUUID(), type: 'read_progress', shareId, depthPct: 80, dwellMs: 60_000, createdAtDeviceMs: now }],
    });
  }
}

test('今日 shows the first 20 with the whole count, loads the rest at the bottom, and counts down as tasks are done', async () => {
  const errors = [];
  const agentToken = (await api('POST', '/api/auth/login', null, { code: 'demo-agent-1' })).token;
  const listedBefore = (await api('GET', '/api/tasks/today?limit=1', agentToken)).total;
  await readers(agentToken, READERS);
  const total = listedBefore + READERS;
  const deadline = Date.now() + 30_000;
  while ((await api('GET', '/api/tasks/today?limit=1', agentToken)).total < total) {
    assert.ok(Date.now() < deadline, 'every reading is scored within 30 s');
    await new Promise((r) => setTimeout(r, 300));
  }

  const ctx = await running.browser.newContext(PHONE);
  const agent = await ctx.newPage();
  watch(agent, errors, 'agent');
  try {
    await agent.goto(`${running.server.base}/?devCode=demo-agent-1#/pages/today/index`);
    await agent.locator('.task').first().waitFor({ timeout: 20_000 });
    assert.equal(await agent.locator('.task').count(), 20);
    assert.equal((await agent.locator('.today__count').innerText()).trim(), String(total));
    await screen(agent, 'pages-01-first-screen');

    // The next page is held back a moment, so that the button is seen at the bottom before it loads.
    const nextPage = (route) => setTimeout(() => route.continue().catch(() => undefined), 1500);
    await agent.route(/\/api\/tasks\/today\?.*after=/, nextPage);
    const more = agent.locator('#today-more');
    await more.scrollIntoViewIfNeeded();
    assert.equal((await more.innerText()).trim(), `还有 ${total - 20} 位客户 · 加载更多`);
    await agent.screenshot({ path: path.join(ARTIFACTS, 'pages-02-load-more.png') });
    await agent.unroute(/\/api\/tasks\/today\?.*after=/, nextPage);

    // Scrolling on at the bottom brings the next page (the button is there for a tap as well).
    for (let i = 0; i < 4 && (await agent.locator('.task').count()) < total; i += 1) {
      await agent.mouse.wheel(0, 1200);
      await agent.waitForTimeout(500);
    }
    await agent.waitForFunction((n) => document.querySelectorAll('.task').length === n, total, { timeout: 15_000 });
    await agent.locator('.today__end').waitFor({ timeout: 10_000 });
    assert.equal((await agent.locator('.today__end').innerText()).trim(), `已显示全部 ${total} 位`);
    assert.equal(await more.count(), 0);
    const ids = await agent.locator('.task').evaluateAll((els) => els.map((e) => e.id));
    assert.equal(new Set(ids).size, total, 'no task twice');
    await agent.locator('.today__end').scrollIntoViewIfNeeded();
    await screen(agent, 'pages-03-all-loaded');

    // 完成 on the first task: it leaves the list and the count.
    await agent.evaluate(() => window.scrollTo(0, 0));
    await agent.locator('.task').first().locator('.task__btn--done').click();
    await agent.waitForFunction((n) => document.querySelector('.today__count')?.textContent === String(n), total - 1, { timeout: 10_000 });
    assert.equal(await agent.locator('.task').count(), total - 1);

    // The narrowest phone.
    await agent.setViewportSize({ width: 320, height: 640 });
    await agent.route(/\/api\/tasks\/today\?.*after=/, nextPage);
    await agent.reload();
    await agent.locator('.task').first().waitFor({ timeout: 20_000 });
    await agent.locator('#today-more').scrollIntoViewIfNeeded();
    await agent.screenshot({ path: path.join(ARTIFACTS, 'pages-04-load-more-320.png') });
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});
