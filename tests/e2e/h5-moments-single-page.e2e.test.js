// Issue 16.5 in real Chromium: a shared article opened as WeChat's Moments single-page mode shows it
// (scene 1154, simulated on H5 by ?enterScene=1154): no login, an anonymous open counted for the
// share, and everything that needs the person points to 前往小程序. Screenshots at 390 and 320 wide.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ARTIFACTS, PHONE, wholePageShot, watchErrors, serverAndChromium } = require('./browser');

const running = serverAndChromium();

const api = (method, url, token, body) => running.server.api(method, url, token, body);

test('a Moments visitor reads the shared article without a login and is sent to 前往小程序 for the rest', async () => {
  const agentToken = (await api('POST', '/api/auth/login', null, { code: 'demo-agent-1' })).token;
  const articles = await api('GET', '/api/content?kind=article', agentToken);
  const article = articles.items[0];
  const { shareId } = await api('POST', '/api/shares', agentToken, { contentVersionId: article.versionId, channel: 'moments' });

  for (const width of [390, 320]) {
    const ctx = await running.browser.newContext({ ...PHONE, viewport: { width, height: PHONE.viewport.height } });
    const page = await ctx.newPage();
    const errors = [];
    watchErrors(page, errors, `moments-${width}`);
    const calls = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/')) calls.push(`${req.method()} ${new URL(req.url()).pathname}`);
    });
    await page.goto(`${running.server.base}/#/customer/read/index?s=${encodeURIComponent(shareId)}&enterScene=1154`);
    await page.locator('#single-page-invite').waitFor({ timeout: 30_000 });
    await page.getByText(article.title).first().waitFor();
    assert.ok(!calls.includes('POST /api/auth/login'), `no login in single-page mode: ${calls.join(', ')}`);
    assert.equal(calls.filter((c) => c === 'POST /api/shares/glance').length, 1);
    assert.ok(await page.locator('#single-page-go').isVisible(), 'the stand-in for WeChat\'s 前往小程序 bar');
    await page.setViewportSize({ width, height: PHONE.viewport.height });
    await page.screenshot({ path: path.join(ARTIFACTS, `moments-single-page-${width}.png`) });
    if (width === PHONE.viewport.width) await wholePageShot(page, `moments-single-page-${width}-whole`);
    if (width === 390) {
      // The lead form needs a login: the page says where to go instead of opening it.
      await page.locator('#leave-lead').click();
      await page.getByText('进入小程序后即可留下联系方式').waitFor({ timeout: 5000 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'moments-single-page-390-lead-hint.png') });
    }
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});
