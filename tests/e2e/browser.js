// What every browser test shares: the H5 build's folder, where screenshots go, and how Chromium starts.
const fs = require('node:fs');
const path = require('node:path');
const { before, after } = require('node:test');
const { REPO, startServer } = require('./server-process');

const MINIAPP = path.join(REPO, 'miniapp');
// playwright-core is a dev dependency of the mini program package, not of the root.
const { chromium } = require(require.resolve('playwright-core', { paths: [MINIAPP] }));

const H5_DIR = path.join(MINIAPP, 'dist', 'h5');
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };

/** Headless Debian Chromium; without the background-networking flags it keeps dialling out on this closed network. */
async function launchChromium() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A screenshot of the whole page: Taro H5 scrolls inside its page element, so Playwright's
 * fullPage alone stops at the viewport; the viewport grows to the content's height first.
 */
async function wholePageShot(page, name, scrollers = []) {
  await page.waitForTimeout(400); // fonts and first frames
  const height = await page.evaluate((extra) =>
    Math.max(...[document.documentElement, document.body, ...document.querySelectorAll(['.taro_page', '.taro_router', ...extra].join(', '))].map((e) => e.scrollHeight || 0)),
  scrollers);
  await page.setViewportSize({ width: PHONE.viewport.width, height: Math.min(Math.max(height, PHONE.viewport.height), 8000) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.setViewportSize(PHONE.viewport);
}

/** Collects what went wrong on a page (a script error, an API answer of 400 or more) into `errors`, marked with `who`. */
function watchErrors(page, errors, who) {
  page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
  page.on('response', async (res) => {
    if (res.url().includes('/api/') && res.status() >= 400) errors.push(`${who}: ${res.status()} ${res.url()} ${await res.text().catch(() => '')}`);
  });
}

/**
 * The real server (embedded default: SQLite, demo data, fake WeChat) serving the H5 build, and
 * Chromium, for one test file: started before its tests, stopped after them. The tests read
 * `.server` and `.browser` of what this returns.
 */
function serverAndChromium() {
  const running = { server: null, browser: null };
  before(async () => {
    running.server = await startServer({ h5Dir: H5_DIR });
    running.browser = await launchChromium();
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

module.exports = { H5_DIR, ARTIFACTS, PHONE, launchChromium, serverAndChromium, wholePageShot, watchErrors };
