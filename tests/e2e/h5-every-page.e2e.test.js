// Every page of the mini program (app.config.ts), in real Chromium on the H5 build served by the
// real server with the demo data, at a 390 × 844 phone and at the narrowest 320-wide one: each
// page must load without a script error or an API answer of 400 or more, must not be wider than
// the screen, and is kept as a whole-page screenshot in test-artifacts/e2e/every-page-<width>-*.png
// for a person to look at. The agent's poster and the lead form's success state are kept too.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startServer, REPO } = require('./server-process');
const { H5_DIR, ARTIFACTS, PHONE, launchChromium, watchErrors } = require('./browser');

// E2E_WIDTHS=320 runs one width only (a quicker look after a CSS change).
const WIDTHS = (process.env.E2E_WIDTHS || '390,320').split(',').map(Number);
const CUSTOMER_CODE = `e2e-every-page-${Date.now().toString(36)}`;

/** The pages app.config.ts declares, main package and sub-packages, as "root/page". */
function configuredPages() {
  const config = fs.readFileSync(path.join(REPO, 'miniapp', 'src', 'app.config.ts'), 'utf8');
  const list = (text) => [...text.matchAll(/'([\w-]+\/[\w/-]+)'/g)].map((m) => m[1]);
  const main = list(config.match(/pages:\s*\[([^\]]*)\]/)[1]);
  const sub = [...config.matchAll(/\{\s*root:\s*'([\w-]+)',\s*pages:\s*\[([^\]]*)\]/g)].flatMap(([, root, pages]) => list(pages).map((p) => `${root}/${p}`));
  return [...main, ...sub];
}

let server;
let browser;
/** Ids the pages need, from the demo data through the API. */
const ids = {};

const api = (method, url, token, body) => server.api(method, url, token, body);

before(async () => {
  server = await startServer({ h5Dir: H5_DIR, healthTimeoutMs: 300_000 });
  browser = await launchChromium();
  const agent = (await api('POST', '/api/auth/login', null, { code: 'demo-agent-1' })).token;
  const content = (await api('GET', '/api/content?pageSize=100', agent)).items;
  ids.article = content.find((c) => c.kind === 'article').versionId;
  ids.contact = (await api('GET', '/api/contacts?pageSize=5', agent)).items[0].contactId;
  ids.share = (await api('POST', '/api/shares', agent, { contentVersionId: ids.article, channel: 'friend' })).shareId;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Who opens each page, with which query; every configured page must be here. */
const VISITS = {
  'pages/today/index': { who: 'demo-agent-1' },
  'pages/content/index': { who: 'demo-agent-1' },
  'pages/radar/index': { who: 'demo-agent-1' },
  'pages/contacts/index': { who: 'demo-agent-1' },
  'pages/card/index': { who: 'demo-agent-1' },
  'customer/read/index': { who: CUSTOMER_CODE, query: () => `s=${encodeURIComponent(ids.share)}` },
  'customer-info/lead/index': { who: CUSTOMER_CODE, query: () => `s=${encodeURIComponent(ids.share)}` },
  'customer-info/my-data/index': { who: CUSTOMER_CODE },
  'agent/content/index': { who: 'demo-agent-1', query: () => `v=${encodeURIComponent(ids.article)}` },
  'agent/contact-list/index': { who: 'demo-agent-1' },
  'agent/contact/index': { who: 'demo-agent-1', query: () => `id=${encodeURIComponent(ids.contact)}` },
  'agent/contact-edit/index': { who: 'demo-agent-1' },
  'agent/notices/index': { who: 'demo-agent-1' },
  'agent/notice-settings/index': { who: 'demo-agent-1' },
  'agent/pool/index': { who: 'demo-agent-1' },
  'agent/contact-import/index': { who: 'demo-agent-1' },
  'agent/policy-edit/index': { who: 'demo-agent-1', query: () => `contactId=${encodeURIComponent(ids.contact)}` },
  'dashboard/agent/index': { who: 'demo-agent-1' },
  'dashboard/team/index': { who: 'demo-leader-1' },
  'dashboard/org/index': { who: 'demo-manager-1' },
};

/** Waits until the page has drawn its data: no loading text left (or 10 s), then a moment for images. */
async function settle(page, pagePath) {
  // Generous: this machine is shared, and the first visit of a sub-package downloads its chunk.
  await page.locator('.taro_page').first().waitFor({ state: 'attached', timeout: 60_000 }).catch((e) => {
    throw new Error(`${pagePath} did not open: ${e.message}`);
  });
  const deadline = Date.now() + 10_000;
  await page.waitForTimeout(800);
  while (Date.now() < deadline && (await page.getByText(/加载中/).filter({ visible: true }).count()) > 0) await page.waitForTimeout(300);
  await page.waitForTimeout(1200);
}

/** The whole scrolling page at this width (Taro H5 scrolls inside its page element). */
async function wholeShot(page, width, name) {
  const height = await page.evaluate(() =>
    Math.max(...[document.documentElement, document.body, ...document.querySelectorAll('.taro_page, .taro_router')].map((e) => e.scrollHeight || 0)));
  await page.setViewportSize({ width, height: Math.min(Math.max(height, PHONE.viewport.height), 9000) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width, height: PHONE.viewport.height });
}

/** Elements wider than the screen: the page must fit 320 px without sideways scrolling. */
async function overflowing(page, width) {
  return page.evaluate((w) => {
    const out = [];
    for (const el of document.querySelectorAll('.taro_page:not([style*="display: none"]) *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 1 && getComputedStyle(el).position !== 'fixed' && !el.closest('.taro-scroll-view__scroll-x, [class*="scroll"]')) {
        out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} right=${Math.round(r.right)}`);
      }
    }
    return out.slice(0, 5);
  }, width);
}

for (const width of WIDTHS) {
  test(`every page of app.config.ts loads cleanly and fits a ${width}-wide phone`, async () => {
    const pages = configuredPages();
    assert.deepEqual(pages.filter((p) => !VISITS[p]), [], 'a page of app.config.ts has no visit here');
    const problems = [];
    const contexts = new Map();
    for (const pagePath of pages) {
      const visit = VISITS[pagePath];
      if (!contexts.has(visit.who)) contexts.set(visit.who, await browser.newContext({ ...PHONE, viewport: { width, height: PHONE.viewport.height } }));
      const page = await contexts.get(visit.who).newPage();
      const errors = [];
      watchErrors(page, errors, pagePath);
      const query = visit.query ? `?${visit.query()}` : '';
      await page.goto(`${server.base}/?devCode=${visit.who}#/${pagePath}${query}`);
      await settle(page, pagePath);
      // The customer's first-open notice covers the reader's foot; dismissed as a reader would.
      const notice = page.locator('#privacy-notice-ok');
      if (await notice.isVisible().catch(() => false)) {
        await notice.click();
        await page.waitForTimeout(300);
      }
      const name = `every-page-${width}-${pagePath.replace(/\/index$/, '').replace(/\//g, '-')}`;
      await wholeShot(page, width, name);
      const wide = await overflowing(page, width);
      if (wide.length > 0) problems.push(`${pagePath} is wider than ${width}px: ${wide.join(', ')}`);
      if (pagePath === 'agent/content/index') {
        // The poster, drawn on a canvas (a data URL on H5), kept whole.
        await page.locator('#make-poster').click();
        const poster = page.locator('#poster-image img');
        await poster.waitFor({ timeout: 15_000 });
        const src = await poster.getAttribute('src');
        fs.writeFileSync(path.join(ARTIFACTS, `every-page-${width}-poster.png`), Buffer.from(String(src).split(',')[1], 'base64'));
        await wholeShot(page, width, `${name}-with-poster`);
      }
      if (pagePath === 'customer-info/lead/index') {
        await page.locator('#lead-name input').fill('钱女士');
        await page.locator('#lead-phone input').fill('13912340000');
        await page.locator('#lead-consent').click();
        await page.locator('#lead-submit').click();
        await page.getByText('提交成功').first().waitFor({ timeout: 10_000 });
        await page.waitForTimeout(500);
        await wholeShot(page, width, `${name}-done`);
        const doneWide = await overflowing(page, width);
        if (doneWide.length > 0) problems.push(`lead success is wider than ${width}px: ${doneWide.join(', ')}`);
      }
      problems.push(...errors);
      await page.close();
    }
    for (const context of contexts.values()) await context.close();
    assert.deepEqual(problems, []);
  });
}
