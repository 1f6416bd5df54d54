// End to end in real Chromium against the real server: the operator's desktop page (/operator).
// A content operator opens an item with its preview and audit history and renames a tag by its
// name; writes an article in the rich-text editor with an uploaded image, sees only each kind's
// fields, submits it and is not offered 通过 (four eyes), while a second operator is and approves
// it; a success message does not hide the error that follows it. Screenshots land in
// test-artifacts/e2e/ (operator-*.png) at 1280 and 390 wide.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { readFileSync } = require('node:fs');
const { startServer } = require('./server-process');
const { H5_DIR, ARTIFACTS, launchChromium } = require('./browser');

const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const BOOTSTRAP = 'e2e-operator-bootstrap-token-0123456789';
// A 1×1 PNG: the uploads module checks the bytes, not the name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// The demo library's own 12-second clip (scripts/render-demo-videos.sh).
const MP4 = readFileSync(path.join(__dirname, '..', '..', 'content', 'demo', 'videos', 'medical-million.mp4'));

let server;
let browser;

before(async () => {
  server = await startServer({ h5Dir: H5_DIR, env: { ADMIN_BOOTSTRAP_TOKEN: BOOTSTRAP } });
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const call = async (method, url, token, body) => {
  const res = await fetch(`${server.base}${url}`, {
    method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(data)}`);
  return data;
};
const shot = (page, name, fullPage = true) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });

/** A staff member bound to a dev code: an invite from `inviter`, redeemed by the code's WeChat identity. */
async function bindStaff(inviter, staff, devCode) {
  const { inviteCode } = await call('POST', '/api/admin/staff', inviter, staff);
  const viewer = (await call('POST', '/api/auth/login', null, { code: devCode })).token;
  return (await call('POST', '/api/auth/bind', viewer, { inviteCode })).token;
}

/** A page on /operator logged in with a dev code; script errors and CSP refusals are collected. */
async function operatorPage(devCode, options = DESKTOP) {
  const page = await browser.newPage(options);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) errors.push(m.text()); });
  await page.goto(`${server.base}/operator`);
  await page.fill('#devcode', devCode);
  await page.click('#devlogin');
  await page.waitForSelector('#items tbody tr[data-item]');
  return { page, errors };
}

/** The fields of the editor a person can see, by their data-field. */
const visibleFields = (page) => page.$$eval('#editor .field', (els) => els.filter((e) => !e.hidden).map((e) => e.dataset.field));

test('an operator opens an item with its preview, history and who wrote it, then renames a tag by its name', async () => {
  const { page, errors } = await operatorPage('demo-operator-1');
  try {
    assert.match(await page.locator('#who').innerText(), /已登录：内容运营/);
    await page.locator('#items tbody tr').first().click();
    await page.waitForSelector('#detail .preview');
    await page.waitForSelector('#detail .history li');
    // Every demo item went through review: created, submitted, approved — each with who and when.
    const history = await page.locator('#detail .history').innerText();
    assert.match(history, /创建 第 1 版/);
    assert.match(history, /提交审核 第 1 版/);
    assert.match(history, /审核通过并发布 第 1 版/);
    assert.match(await page.locator('#detail .review').innerText(), /撰写：孙悦/);
    // Names, never codes: no tag code like "need:medical" and no field name anywhere on the page.
    assert.doesNotMatch(await page.locator('body').innerText(), /\b(need|audience|life_event|stage):[a-z_0-9]+|bodyHtml|coverUrl/);
    await shot(page, 'operator-01-detail');

    await page.click('nav button[data-tab=tags]');
    await page.waitForSelector('#tag-tree li');
    assert.doesNotMatch(await page.locator('#tag-tree').innerText(), /need:|audience:/);
    page.once('dialog', (dialog) => dialog.accept('医疗保障'));
    await page.locator('#tag-tree li[data-code="need:medical"] > button', { hasText: '改名' }).click();
    await page.waitForFunction(() => document.querySelector('#tag-tree')?.textContent?.includes('医疗保障'));
    await shot(page, 'operator-02-tag-renamed');

    const token = await page.evaluate(() => sessionStorage.getItem('kejing-operator-token'));
    const tree = await call('GET', '/api/tags', token);
    assert.deepEqual(tree.need.find((t) => t.code === 'need:medical')?.name, '医疗保障');
    assert.ok(!tree.need.some((t) => t.name === '医疗'), 'the old name is gone');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('an article written in the editor with an uploaded image goes to review; its author is not offered 通过, another operator is', async () => {
  // A second operator to review: the bootstrap token sets up an admin, who invites 周婷.
  const admin = await bindStaff(BOOTSTRAP, { name: '系统管理员', role: 'admin', orgUnitId: (await call('GET', '/api/admin/org-units', BOOTSTRAP)).find((u) => u.kind === 'company').id }, 'e2e-admin-1');
  const company = (await call('GET', '/api/admin/org-units', admin)).find((u) => u.kind === 'company');
  await bindStaff(admin, { name: '周婷', role: 'operator', orgUnitId: company.id }, 'demo-operator-2');

  const { page, errors } = await operatorPage('demo-operator-1');
  try {
    await page.click('nav button[data-tab=editor]');
    await page.waitForSelector('#tab-editor:not([hidden]) .ql-toolbar');
    // Each kind shows its own fields only.
    assert.deepEqual(await visibleFields(page), ['kind', 'title', 'summary', 'coverUrl', 'bodyHtml', 'tags']);
    await shot(page, 'operator-03-editor-article');
    await page.selectOption('#editor [name=kind]', 'video');
    assert.deepEqual(await visibleFields(page), ['kind', 'title', 'videoUrl', 'durationSec', 'summary', 'coverUrl', 'tags']);
    await shot(page, 'operator-04-editor-video');
    await page.selectOption('#editor [name=kind]', 'live');
    assert.deepEqual(await visibleFields(page), ['kind', 'title', 'channelsFinderId', 'liveStartsAt', 'liveEndsAt', 'replayUrl', 'summary', 'coverUrl', 'tags']);
    assert.equal(await page.locator('#editor [data-field=channelsFinderId] label').innerText(), '视频号ID');
    await shot(page, 'operator-05-editor-live');
    // A refused field is named in Chinese, under the field and in the message.
    await page.fill('#editor [name=title]', '周五晚八点：重疾险答疑直播');
    await page.click('#editor button[type=submit]');
    await page.waitForSelector('#editor .field[data-field=liveStartsAt] .field-error');
    assert.match(await page.locator('#messages .message.error').innerText(), /开播时间：直播需要开播时间/);
    await page.selectOption('#editor [name=kind]', 'article');

    // The article: a heading, bold, a list and an image uploaded through the toolbar.
    await page.fill('#editor [name=title]', '重疾险的三个误区');
    await page.fill('#editor [name=summary]', '买之前先看清这三点');
    await page.click('#body-editor .ql-editor');
    await page.keyboard.type('先看保障');
    await page.click('.ql-toolbar .ql-header .ql-picker-label');
    await page.click('.ql-toolbar .ql-header .ql-picker-item[data-value="2"]');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('保额要够，');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('至少五年收入');
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Enter');
    await page.click('.ql-toolbar button.ql-list[value=bullet]');
    await page.keyboard.type('轻症也要看');
    await page.keyboard.press('Enter');
    await page.keyboard.type('等待期别忽略');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const chooser = page.waitForEvent('filechooser');
    await page.click('.ql-toolbar button.ql-image');
    await (await chooser).setFiles({ name: 'chart.png', mimeType: 'image/png', buffer: PNG });
    await page.waitForSelector('#body-editor .ql-editor img[src*="/api/uploads/"]');
    await page.locator('#tag-picker label', { hasText: '重疾' }).first().locator('input').check();
    await shot(page, 'operator-06-editor-written');
    await page.click('#editor button[type=submit]');
    await page.waitForSelector('#tab-list:not([hidden]) #detail .review');

    // What the server kept is what the editor made: heading, bold, list and our image.
    const token = await page.evaluate(() => sessionStorage.getItem('kejing-operator-token'));
    const itemId = await page.locator('#items tbody tr.selected').getAttribute('data-item');
    const saved = await call('GET', `/api/operator/content/${itemId}`, token);
    assert.match(saved.latest.bodyHtml, /^<h2>先看保障<\/h2><p>保额要够，<strong>至少五年收入<\/strong><\/p><ul><li>轻症也要看<\/li><li>等待期别忽略<\/li><\/ul>/);
    assert.match(saved.latest.bodyHtml, /<img src="http:\/\/127\.0\.0\.1:\d+\/api\/uploads\/[0-9a-f]{64}" \/>/);
    assert.doesNotMatch(saved.latest.bodyHtml, /class=|&nbsp;|data-list/);

    // A success and then an error: both stay on screen, and the error outlives the success's timer.
    await page.click('#detail button[data-action=edit]');
    await page.fill('#editor [name=title]', '重疾险的三个误区：稳赚不赔的说法别信');
    await page.click('#editor button[type=submit]');
    await page.waitForSelector('#detail button[data-action=submit]');
    await page.click('#detail button[data-action=submit]');
    await page.waitForSelector('#messages .message.error');
    assert.match(await page.locator('#messages .message.ok').last().innerText(), /已保存为第 2 版草稿/, 'the save\'s success is still there');
    assert.match(await page.locator('#messages .message.error').innerText(), /稳赚/);
    await shot(page, 'operator-07-success-then-error', false);
    await page.waitForTimeout(4500);
    assert.equal(await page.locator('#messages .message.ok').count(), 0, 'the success faded on its own timer');
    assert.equal(await page.locator('#messages .message.error').count(), 1, 'the error stays until dismissed');
    await page.click('#messages .message.error .close');
    assert.equal(await page.locator('#messages .message').count(), 0);

    // Fixed and submitted: the author sees who may review, and no 通过.
    await page.click('#detail button[data-action=edit]');
    await page.fill('#editor [name=title]', '重疾险的三个误区');
    await page.click('#editor button[type=submit]');
    await page.waitForSelector('#detail button[data-action=submit]');
    await page.click('#detail button[data-action=submit]');
    await page.waitForFunction(() => document.querySelector('#detail .badge')?.textContent === '审核中');
    assert.equal(await page.locator('#detail button[data-action=approve]').count(), 0, 'no 通过 for the author');
    assert.match(await page.locator('#detail .review').innerText(), /撰写：孙悦　提交审核：孙悦[\s\S]*四眼原则[\s\S]*周婷/);
    assert.doesNotMatch(await page.locator('#detail').innerText(), /null|undefined/);
    const closes = page.locator('#messages .message .close');
    while (await closes.count()) await closes.first().click();
    await shot(page, 'operator-08-review-author');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#detail').screenshot({ path: path.join(ARTIFACTS, 'operator-08b-phone-review-author.png') });
    await page.setViewportSize(DESKTOP.viewport);

    // The reviewer: offered 通过, which publishes.
    const { page: reviewer, errors: reviewerErrors } = await operatorPage('demo-operator-2');
    try {
      await reviewer.click(`#items tbody tr[data-item="${itemId}"]`);
      await reviewer.waitForSelector('#detail button[data-action=approve]');
      assert.match(await reviewer.locator('#detail .review').innerText(), /你可以审核这一版/);
      await shot(reviewer, 'operator-09-review-reviewer');
      await reviewer.setViewportSize({ width: 390, height: 844 });
      await reviewer.locator('#detail').screenshot({ path: path.join(ARTIFACTS, 'operator-09b-phone-review-reviewer.png') });
      await reviewer.setViewportSize(DESKTOP.viewport);
      await reviewer.click('#detail button[data-action=approve]');
      await reviewer.waitForFunction(() => document.querySelector('#detail .badge')?.textContent === '已发布');
      assert.deepEqual(reviewerErrors, []);
    } finally {
      await reviewer.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('a video item gets its MP4 and cover uploaded in the page and plays from the API; a live item keeps its end and 视频号 when edited', async () => {
  const { page, errors } = await operatorPage('demo-operator-1');
  try {
    await page.click('nav button[data-tab=editor]');
    await page.waitForSelector('#tab-editor:not([hidden]) .ql-toolbar');
    await page.selectOption('#editor [name=kind]', 'video');
    await page.fill('#editor [name=title]', '一分钟看懂意外险');
    // A PNG renamed .mp4 is refused by its bytes, in Chinese.
    let chooser = page.waitForEvent('filechooser');
    await page.click('#video-upload');
    await (await chooser).setFiles({ name: 'fake.mp4', mimeType: 'video/mp4', buffer: PNG });
    await page.waitForSelector('#messages .message.error');
    assert.match(await page.locator('#messages .message.error').innerText(), /只支持 MP4 视频/);
    await page.click('#messages .message.error .close');
    // The real clip: uploaded, previewed, its running time filled in from the file.
    chooser = page.waitForEvent('filechooser');
    await page.click('#video-upload');
    await (await chooser).setFiles({ name: 'accident.mp4', mimeType: 'video/mp4', buffer: MP4 });
    await page.waitForSelector('#video-preview:not([hidden])');
    assert.match(await page.inputValue('#editor [name=videoUrl]'), /^\/api\/uploads\/[0-9a-f]{64}$/);
    assert.equal(await page.inputValue('#editor [name=durationMin]'), '0');
    assert.equal(await page.inputValue('#editor [name=durationSecPart]'), '12');
    assert.match(await page.locator('#messages .message.ok').last().innerText(), /视频已上传.*时长 12 秒/);
    // The browser's own player loads it from the API (it asks by byte ranges).
    await page.waitForFunction(() => document.querySelector('#video-preview').readyState >= 1);
    assert.equal(await page.evaluate(() => Math.round(document.querySelector('#video-preview').duration)), 12);
    chooser = page.waitForEvent('filechooser');
    await page.click('#cover-upload');
    await (await chooser).setFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
    await page.waitForSelector('#cover-preview:not([hidden])');
    await shot(page, 'operator-17-editor-video-uploaded');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#tab-editor').screenshot({ path: path.join(ARTIFACTS, 'operator-17b-phone-editor-video-uploaded.png') });
    await page.setViewportSize(DESKTOP.viewport);
    await page.click('#editor button[type=submit]');
    await page.waitForSelector('#tab-list:not([hidden]) #detail video.preview-video');
    const token = await page.evaluate(() => sessionStorage.getItem('kejing-operator-token'));
    const videoItem = await call('GET', `/api/operator/content/${await page.locator('#items tbody tr.selected').getAttribute('data-item')}`, token);
    assert.match(videoItem.latest.videoUrl, /^\/api\/uploads\/[0-9a-f]{64}$/);
    assert.match(videoItem.latest.coverUrl, /^\/api\/uploads\/[0-9a-f]{64}$/);
    assert.equal(videoItem.latest.durationSec, 12);
    const ranged = await fetch(`${server.base}${videoItem.latest.videoUrl}`, { headers: { range: 'bytes=0-1023' } });
    assert.equal(ranged.status, 206);
    assert.equal(ranged.headers.get('content-type'), 'video/mp4');
    assert.equal(ranged.headers.get('content-range'), `bytes 0-1023/${MP4.length}`);
    await shot(page, 'operator-18-detail-video');

    // The demo live: its end is in the form, and saving a new title keeps it.
    await page.fill('#filters [name=q]', '银发族');
    await page.click('#filters button[type=submit]');
    await page.locator('#items tbody tr[data-item]', { hasText: '银发族' }).first().click();
    await page.waitForSelector('#detail button[data-action=edit]');
    const liveId = await page.locator('#items tbody tr.selected').getAttribute('data-item');
    const before = await call('GET', `/api/operator/content/${liveId}`, token);
    assert.equal(before.latest.liveEndsAt, '2026-12-10T13:30:00.000Z');
    await page.click('#detail button[data-action=edit]');
    const endShown = await page.inputValue('#editor [name=liveEndsAt]');
    assert.equal(new Date(endShown).toISOString(), '2026-12-10T13:30:00.000Z', 'the end is in the form, in the browser\'s time zone');
    await page.fill('#editor [name=title]', '直播预告：银发族的健康与养老规划（周四晚八点）');
    await page.fill('#editor [name=channelsFinderId]', 'sphKejingDemo01');
    await shot(page, 'operator-19-editor-live-edit');
    await page.click('#editor button[type=submit]');
    await page.waitForSelector('#tab-list:not([hidden]) #detail .review');
    const after = await call('GET', `/api/operator/content/${liveId}`, token);
    assert.equal(after.latestVersionNo, before.latestVersionNo + 1);
    assert.equal(after.latest.title, '直播预告：银发族的健康与养老规划（周四晚八点）');
    assert.equal(after.latest.liveEndsAt, '2026-12-10T13:30:00.000Z', 'editing kept the end');
    assert.equal(after.latest.liveStartsAt, before.latest.liveStartsAt);
    assert.equal(after.latest.replayUrl, before.latest.replayUrl);
    assert.equal(after.latest.channelsFinderId, 'sphKejingDemo01');
    assert.match(await page.locator('#detail .preview').innerText(), /视频号ID：sphKejingDemo01/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('the operator page fits a phone: the list, the editor per kind and the review read at 390 wide', async () => {
  const { page, errors } = await operatorPage('demo-operator-1', PHONE);
  try {
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(await overflow() <= 0, 'no sideways scrolling on the list');
    await shot(page, 'operator-10-phone-list');
    await page.locator('#items tbody tr[data-item]').first().click();
    await page.waitForSelector('#detail .review');
    await shot(page, 'operator-11-phone-detail');
    await page.click('nav button[data-tab=editor]');
    await page.waitForSelector('#tab-editor:not([hidden]) .ql-toolbar');
    assert.ok(await overflow() <= 0, 'no sideways scrolling in the editor');
    await shot(page, 'operator-12-phone-editor-article');
    await page.selectOption('#editor [name=kind]', 'video');
    await shot(page, 'operator-13-phone-editor-video');
    await page.selectOption('#editor [name=kind]', 'live');
    await shot(page, 'operator-14-phone-editor-live');
    // A success, then an error at once: on a phone too both stay readable, stacked.
    await page.evaluate(() => window.KejingConsole.show('封面已上传', 'ok'));
    await page.click('#editor button[type=submit]');
    await page.waitForSelector('#messages .message.error');
    assert.equal(await page.locator('#messages .message').count(), 2);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'operator-15-phone-success-then-error', false);
    // An image pasted from another program (a data: URL) is not saved silently without it: the page asks for an upload.
    await page.selectOption('#editor [name=kind]', 'article');
    await page.fill('#editor [name=title]', '粘贴的图片');
    await page.evaluate(() => window.Quill.find(document.querySelector('#body-editor')).clipboard.dangerouslyPasteHTML(0, '<p>图如下</p><img src="data:image/png;base64,iVBORw0KGgo=">'));
    await page.click('#editor button[type=submit]');
    await page.waitForSelector('#editor .field[data-field=bodyHtml] .field-error');
    assert.match(await page.locator('#messages .message.error').innerText(), /正文：正文里有粘贴进来的图片尚未上传/);
    // The narrowest phone: still no sideways scrolling.
    await page.setViewportSize({ width: 320, height: 700 });
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.ok(await overflow() <= 0, 'no sideways scrolling at 320 wide');
    await shot(page, 'operator-16-phone320-editor');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
