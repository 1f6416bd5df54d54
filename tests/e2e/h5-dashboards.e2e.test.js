// The dashboards in real Chromium on the H5 build and the real server: the agent's own KYB134
// with their plan (我的成长), the deal index on a contact, the leader's team (ranking, who
// slipped, coaching) and the manager's branch (funnel, 9-cell heat map, assets across teams).
// Two weeks of daily snapshots are stored first so trends and week-on-week changes exist.
// Screenshots land in test-artifacts/e2e/ (dashboard-*.png).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer } = require('./server-process');
const { H5_DIR, ARTIFACTS, PHONE, launchChromium, wholePageShot } = require('./browser');

let server;
let browser;

/** Waits until the demo's customers are scored (the worker runs after the demo loads). */
async function waitForScoredDemo(base) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'demo-agent-1' }) });
  const { token } = await login.json();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${base}/api/contacts/grid`, { headers: { authorization: `Bearer ${token}` } });
    const grid = res.ok ? await res.json() : null;
    const total = grid ? Object.values(grid.cells ?? grid).reduce((s, n) => s + (typeof n === 'number' ? n : 0), 0) : 0;
    if (total > 0 || Date.now() > deadline) return total;
    await new Promise((r) => setTimeout(r, 300));
  }
}

before(async () => {
  server = await startServer({ h5Dir: H5_DIR });
  await waitForScoredDemo(server.base);
  // The demo loader stores two weeks of snapshots itself, as the nightly job would have.
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * A screenshot; `whole` grows the viewport to the page's full height first (Taro H5 scrolls
 * inside its page element, so Playwright's fullPage alone stops at the viewport).
 */
async function shot(page, name, whole = true) {
  if (whole) return wholePageShot(page, name, ['.dashboard']);
  await page.waitForTimeout(400); // fonts and the charts' first frame
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Non-blank pixels on a chart canvas: F2 drew something. */
async function inkOf(page, canvasId) {
  return page.evaluate((id) => {
    const c = document.getElementById(id);
    if (!c || !c.getContext) return -1;
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
    return n;
  }, canvasId);
}

async function expectChart(page, canvasId) {
  const deadline = Date.now() + 10_000;
  let ink = -1;
  while (Date.now() < deadline) {
    ink = await inkOf(page, canvasId);
    if (ink > 500) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`chart #${canvasId} drew nothing (${ink} pixels)`);
}

/** A browser context for one demo person, collecting page errors and failed API calls. */
async function personPage(errors, who) {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
  page.on('response', async (res) => {
    if (res.url().includes('/api/') && res.status() >= 400) errors.push(`${who}: ${res.status()} ${res.url()} ${await res.text().catch(() => '')}`);
  });
  return { ctx, page };
}

function keepFailure(t, state) {
  t.after(async () => {
    if (!state.failed) return;
    console.error('page errors and failed API calls:', state.errors);
    await Promise.all(state.pages.map((p, i) => p.screenshot({ path: path.join(ARTIFACTS, `dashboard-failure-${state.name}-${i}.png`), fullPage: true }).catch(() => undefined)));
  });
}

test('agent: 我的成长 from the card tab (KASH, MCIP, activity, assets, funnel), then a contact\'s deal index', async (t) => {
  const state = { failed: true, errors: [], pages: [], name: 'agent' };
  keepFailure(t, state);
  const { ctx, page } = await personPage(state.errors, 'agent');
  state.pages.push(page);

  // Reading an article in the preview is the agent's own study (KYB134 Knowledge): sent on leaving.
  await page.goto(`${server.base}/?devCode=demo-agent-1#/pages/content/index`);
  const article = page.locator('.content-row', { hasText: '文章' }).first();
  await article.waitFor({ timeout: 20_000 });
  await article.click();
  await page.locator('#preview-root').waitFor({ timeout: 15_000 });
  await page.mouse.move(195, 400);
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(100);
  }
  const study = page.waitForRequest((r) => r.url().endsWith('/api/study') && r.method() === 'POST', { timeout: 10_000 });
  await page.goBack();
  const body = JSON.parse((await study).postData() || '{}');
  assert.ok(body.depthPct >= 10 && body.depthPct <= 100, `study depth ${body.depthPct}`);

  await page.goto(`${server.base}/#/pages/card/index`);
  await page.locator('#entry-growth').waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('#entry-team').count(), 0, 'an agent has no team entry');
  await shot(page, 'dashboard-01-agent-card-entry', false);
  await page.locator('#entry-growth').click();

  await page.locator('#kyb134-header').waitFor({ timeout: 20_000 });
  assert.match(await page.locator('#kyb134-header').innerText(), /王晓梅/);
  for (const title of ['我的能力指数', '我的提升计划', '线上活动', '三大资产', '保费预测与已签', '过程漏斗']) {
    await page.getByText(title, { exact: true }).first().waitFor();
  }
  assert.match(await page.locator('#mcip').innerText(), /本期提升重点：(知识|态度|技能|习惯)/);
  assert.match(await page.locator('#period-forecast').innerText(), /本周预计[\s\S]*本月预计[\s\S]*本季度预计[\s\S]*成交可能性/);
  assert.match(await page.locator('#kash').innerText(), /超过团队 \d+% 的伙伴/);
  await expectChart(page, 'kash-radar');
  await expectChart(page, 'activity-bars');
  await expectChart(page, 'agent-funnel');
  await shot(page, 'dashboard-02-agent-kyb134');

  // The heat map's fullest cell opens that cell's contacts; one of them shows the deal index.
  const cells = await page.locator('#assets .heat__cell').evaluateAll((els) => els.map((e) => ({ id: e.id, n: Number(e.querySelector('.heat__count').textContent) })));
  const fullest = cells.reduce((a, b) => (b.n > a.n ? b : a));
  assert.ok(fullest.n > 0, `the demo agent has scored contacts: ${JSON.stringify(cells)}`);
  await page.locator(`#${fullest.id}`).click();
  await page.locator('.contact-row__name').first().waitFor({ timeout: 15_000 });
  await page.locator('.contact-row__name').first().click();
  const deal = page.locator('#deal-index');
  await deal.getByText('成交概率', { exact: true }).waitFor({ timeout: 15_000 });
  const dealText = await deal.innerText();
  assert.match(dealText, /\d+%/);
  assert.match(dealText, /按阶段估算|成交模型|已成交|未成交/);
  await deal.scrollIntoViewIfNeeded();
  await shot(page, 'dashboard-03-agent-contact-deal-index', false);

  assert.deepEqual(state.errors, [], 'no uncaught page errors or failed API calls');
  state.failed = false;
  await ctx.close();
});

test('leader: 团队看板 from Today (ranking, who slipped, coaching list), then a member\'s KYB134', async (t) => {
  const state = { failed: true, errors: [], pages: [], name: 'leader' };
  keepFailure(t, state);
  const { ctx, page } = await personPage(state.errors, 'leader');
  state.pages.push(page);

  await page.goto(`${server.base}/?devCode=demo-leader-1#/pages/today/index`);
  await page.locator('#entry-team').waitFor({ timeout: 20_000 });
  await page.locator('#entry-growth').waitFor();
  await shot(page, 'dashboard-04-leader-today-entries', false);
  await page.locator('#entry-team').click();

  await page.locator('#team-header').waitFor({ timeout: 20_000 });
  assert.match(await page.locator('#team-header').innerText(), /浦东精英一组/);
  for (const title of ['团队排名', '谁在下滑', '辅导清单（OMIP）', '成员能力对比', '触网分层', '团队资产', '过程漏斗']) {
    await page.getByText(title, { exact: true }).first().waitFor();
  }
  const ranking = await page.locator('#ranking').innerText();
  assert.match(ranking, /王晓梅/);
  assert.match(ranking, /李建国/);
  assert.doesNotMatch(ranking, /张丽|陈志强/, 'only this team\'s members');
  await expectChart(page, 'team-ranking');
  await expectChart(page, 'team-kash');
  await shot(page, 'dashboard-05-leader-team');

  await page.locator('#ranking .member', { hasText: '王晓梅' }).first().click();
  await page.locator('#kyb134-header').waitFor({ timeout: 20_000 });
  assert.match(await page.locator('#kyb134-header').innerText(), /王晓梅/);
  await page.getByText('个人提升计划', { exact: true }).waitFor();
  await page.getByText('MCIP', { exact: true }).waitFor();
  await shot(page, 'dashboard-06-leader-member-kyb134', false);

  assert.deepEqual(state.errors, [], 'no uncaught page errors or failed API calls');
  state.failed = false;
  await ctx.close();
});

test('manager: 机构看板 from Today (funnel, trend, 9-cell heat map, assets across teams), then a team', async (t) => {
  const state = { failed: true, errors: [], pages: [], name: 'manager' };
  keepFailure(t, state);
  const { ctx, page } = await personPage(state.errors, 'manager');
  state.pages.push(page);

  await page.goto(`${server.base}/?devCode=demo-manager-1#/pages/today/index`);
  await page.locator('#entry-org').waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('#entry-growth').count(), 0, 'a manager has no KYB134 of their own');
  await page.getByText('跟进清单供营销员使用').waitFor();
  await shot(page, 'dashboard-07-manager-today-entry', false);
  await page.locator('#entry-org').click();

  await page.locator('#org-header').waitFor({ timeout: 20_000 });
  assert.match(await page.locator('#org-header').innerText(), /上海分公司/);
  for (const title of ['过程漏斗', '漏斗趋势', '客户九宫格热力图', '各团队资产', '机构资产', '触网分层']) {
    await page.getByText(title, { exact: true }).first().waitFor();
  }
  const heat = await page.locator('#heat-map').innerText();
  assert.match(heat, /共 \d+ 位客户/);
  const children = await page.locator('#children').innerText();
  assert.match(children, /浦东精英一组/);
  assert.match(children, /浦东精英二组/);
  await expectChart(page, 'org-funnel');
  await expectChart(page, 'org-trend');
  await expectChart(page, 'org-children');
  await shot(page, 'dashboard-08-manager-branch');

  await page.locator('#children .unit', { hasText: '浦东精英二组' }).first().click();
  await page.locator('#team-header').waitFor({ timeout: 20_000 });
  assert.match(await page.locator('#team-header').innerText(), /浦东精英二组/);
  await shot(page, 'dashboard-09-manager-team-drilldown');

  assert.deepEqual(state.errors, [], 'no uncaught page errors or failed API calls');
  state.failed = false;
  await ctx.close();
});
