// End to end in real Chromium on the H5 build against the real server with the demo data: the demo
// library's video plays from the API (no outside host), the demo live shows its time from start to
// end, and the agent's radar names each share's channel (好友 / 群聊 / 朋友圈 / 海报) in Chinese.
// Screenshots at 390 and 320 wide land in test-artifacts/e2e/media-*.png.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer } = require('./server-process');
const { H5_DIR, ARTIFACTS, PHONE, launchChromium, watchErrors } = require('./browser');

const WIDTHS = [390, 320];
let server;
let browser;

const api = (method, url, token, body) => server.api(method, url, token, body);

before(async () => {
  server = await startServer({ h5Dir: H5_DIR, healthTimeoutMs: 300_000 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page at a phone's width, logged in by a dev code, with script errors collected. */
async function phonePage(width, devCode, hash, errors) {
  const context = await browser.newContext({ ...PHONE, viewport: { width, height: PHONE.viewport.height } });
  const page = await context.newPage();
  watchErrors(page, errors, hash);
  await page.goto(`${server.base}/?devCode=${devCode}#/${hash}`);
  // A customer's first open shows the privacy notice over the reader's foot; dismissed as a reader would.
  if (hash.startsWith('customer/')) {
    const notice = page.locator('#privacy-notice-ok');
    if (await notice.waitFor({ timeout: 15_000 }).then(() => true, () => false)) await notice.click();
  }
  return { page, context };
}

/** The whole scrolling page at this width (Taro H5 scrolls inside its page element). */
async function shotAt(page, width, name) {
  await page.setViewportSize({ width, height: PHONE.viewport.height });
  await page.waitForTimeout(800);
  // Loading a video can scroll Taro's page element; the shot starts at the top of the page.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.taro_page, .taro_router')) el.scrollTop = 0;
    window.scrollTo(0, 0);
  });
  const height = await page.evaluate(() =>
    Math.max(...[document.documentElement, document.body, ...document.querySelectorAll('.taro_page, .taro_router')].map((e) => e.scrollHeight || 0)));
  await page.setViewportSize({ width, height: Math.min(Math.max(height, PHONE.viewport.height), 8000) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  await page.setViewportSize({ width, height: PHONE.viewport.height });
}

test('the demo video plays from the API, the demo live shows its start and end, and the radar names each share\'s channel', async () => {
  const agent = (await api('POST', '/api/auth/login', null, { code: 'demo-agent-1' })).token;
  const items = (await api('GET', '/api/content?pageSize=100', agent)).items;
  const video = items.find((c) => c.title === '三分钟看懂百万医疗险');
  const live = items.find((c) => c.kind === 'live');
  const videoShare = (await api('POST', '/api/shares', agent, { contentVersionId: video.versionId, channel: 'friend' })).shareId;
  const liveShare = (await api('POST', '/api/shares', agent, { contentVersionId: live.versionId, channel: 'moments' })).shareId;
  const errors = [];

  for (const width of WIDTHS) {
    const customer = `e2e-media-customer-${width}`;
    const reader = await phonePage(width, customer, `customer/read/index?s=${encodeURIComponent(videoShare)}`, errors);
    const player = reader.page.locator('video').first();
    await player.waitFor({ state: 'attached', timeout: 60_000 });
    assert.match(await player.getAttribute('src'), /^http:\/\/127\.0\.0\.1:\d+\/api\/uploads\/[0-9a-f]{64}$/);
    // The browser loads the clip's header from the API (by byte ranges) and knows its length.
    await reader.page.waitForFunction(() => document.querySelector('video')?.readyState >= 1, null, { timeout: 20_000 });
    assert.equal(await reader.page.evaluate(() => Math.round(document.querySelector('video').duration)), 12);
    await shotAt(reader.page, width, 'media-reader-video');
    await reader.context.close();

    const liveReader = await phonePage(width, customer, `customer/read/index?s=${encodeURIComponent(liveShare)}`, errors);
    await liveReader.page.getByText('直播时间 12月10日 20:00–21:30').waitFor({ timeout: 60_000 });
    await shotAt(liveReader.page, width, 'media-reader-live');
    await liveReader.context.close();
  }

  // The agent's own preview plays the clip under the title too.
  for (const width of WIDTHS) {
    const preview = await phonePage(width, 'demo-agent-1', `agent/content/index?v=${encodeURIComponent(video.versionId)}`, errors);
    const player = preview.page.locator('video').first();
    await player.waitFor({ state: 'attached', timeout: 60_000 });
    assert.match(await player.getAttribute('src'), /\/api\/uploads\/[0-9a-f]{64}$/);
    await preview.page.waitForFunction(() => document.querySelector('video')?.readyState >= 1, null, { timeout: 20_000 });
    const [titleBottom, videoTop] = await preview.page.evaluate(() => [
      document.querySelector('.preview__title')?.getBoundingClientRect().bottom ?? 0,
      document.querySelector('.preview__video')?.getBoundingClientRect().top ?? -1,
    ]);
    assert.ok(videoTop >= titleBottom, `the player sits under the title (${videoTop} ≥ ${titleBottom})`);
    await shotAt(preview.page, width, 'media-agent-preview-video');
    await preview.context.close();
  }

  // The customers opened a 好友 share and a 朋友圈 one: the radar says which is which.
  const radar = await phonePage(390, 'demo-agent-1', 'pages/radar/index', errors);
  const row = (title) => radar.page.locator('.radar-row', { hasText: title }).first();
  await row(video.title).waitFor({ timeout: 60_000 });
  assert.equal(await row(video.title).locator('.radar-row__channel').innerText(), '好友');
  assert.equal(await row(live.title).locator('.radar-row__channel').innerText(), '朋友圈');
  for (const width of WIDTHS) await shotAt(radar.page, width, 'media-radar-channels');
  const overflow = await radar.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, 'the radar fits 320 wide');
  await radar.context.close();
  assert.deepEqual(errors, []);
});
