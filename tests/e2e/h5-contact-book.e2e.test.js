// The contact book in real Chromium on the H5 build and the real server (demo data): the agent
// adds a contact by hand through the form, finds it from 客户's search bar by a phone's last 4
// digits and by a filter chip, opens it (profile, phone masked), writes a note that shows in the
// timeline, and taps 拨打 (an audited reveal, then the phone call). Screenshots land in
// test-artifacts/e2e/ (contact-book-*.png).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { PHONE, wholePageShot, serverAndChromium } = require('./browser');

const running = serverAndChromium();

test('agent adds 林姐 by hand, finds her by phone tail and chip, writes a note, and calls her', async () => {
  const errors = [];
  const ctx = await running.browser.newContext(PHONE);
  const watch = (p) => {
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('response', async (res) => {
      if (res.url().includes('/api/') && res.status() >= 400) errors.push(`${res.status()} ${res.url()} ${await res.text().catch(() => '')}`);
    });
  };
  let page = await ctx.newPage();
  watch(page);
  try {
    // 添加客户 from 客户.
    await page.goto(`${running.server.base}/?devCode=demo-agent-1#/pages/contacts/index`);
    await page.locator('#contact-add').waitFor({ timeout: 20_000 });
    await page.locator('#contact-add').click();
    await page.locator('#edit-remark input, input#edit-remark, #edit-remark').first().waitFor({ timeout: 15_000 });
    const fill = async (id, text) => page.locator(`#${id} input, input#${id}`).first().fill(text);
    await fill('edit-remark', '林姐（瑜伽课）');
    await fill('edit-real-name', '林晓燕');
    await page.locator('#edit-gender-female').click();
    await fill('edit-wechat', 'linxy_2019');
    await fill('edit-relationship', '瑜伽课同学');
    await page.locator('#edit-add-phone').click();
    await fill('edit-phone-0', '13766554321');
    await page.locator('#edit-add-member').click();
    await page.locator('.edit__member input').first().fill('豆豆');
    await fill('edit-tag', 'P100');
    await page.locator('#edit-add-tag').click();
    await fill('edit-tag', '宝妈');
    await page.locator('#edit-add-tag').click();
    await wholePageShot(page, 'contact-book-01-add-form');
    await page.locator('#edit-save').click();

    // The new contact's page: profile with the phone masked.
    const profile = page.locator('#contact-profile');
    await profile.waitFor({ timeout: 15_000 });
    const profileText = await profile.innerText();
    for (const s of ['林晓燕', '女', '137****4321', '客户当面提供', 'linxy_2019', '瑜伽课同学', '手动添加', '豆豆', 'P100', '宝妈']) assert.ok(profileText.includes(s), `profile shows ${s}: ${profileText}`);
    assert.ok(!profileText.includes('13766554321'), 'the full phone is not on the page');

    // A note, then it is in the timeline.
    await page.locator('#note-new textarea, textarea#note-new').first().fill('女儿豆豆4岁，想了解少儿重疾和教育金');
    await page.locator('#note-save').click();
    await page.getByText('女儿豆豆4岁，想了解少儿重疾和教育金').waitFor({ timeout: 10_000 });
    assert.match(await page.locator('.timeline__item--note').first().innerText(), /跟进记录 · 王晓梅/);

    // The edit form, filled from the running.server.
    await page.locator('#contact-edit').click();
    await page.locator('#edit-save').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('#edit-remark input, input#edit-remark').first().inputValue(), '林姐（瑜伽课）');
    await wholePageShot(page, 'contact-book-03-edit-form');

    await page.goBack();
    await page.locator('#contact-profile').waitFor({ timeout: 10_000 });
    // 拨打: one audited reveal, then the dial (H5 hands tel:<number> to the phone; the browser here has nothing to dial with).
    const reveal = page.waitForResponse((r) => r.url().endsWith('/reveal-phone') && r.request().method() === 'POST');
    await page.locator('#contact-call').click();
    assert.deepEqual(await (await reveal).json(), { phone: '13766554321', from: 'agent' });
    await wholePageShot(page, 'contact-book-02-contact-page');

    // 客户 in a fresh tab of the same session: search by the phone's last 4 digits, then filter chips.
    await page.close();
    page = await ctx.newPage();
    watch(page);
    await page.goto(`${running.server.base}/#/pages/contacts/index`);
    await page.locator('#contact-search').waitFor({ timeout: 20_000 });
    await page.locator('#contact-search input, input#contact-search').first().fill('4321');
    await page.getByText('找到 1 位客户').waitFor({ timeout: 10_000 });
    assert.match(await page.locator('.contact-row__name').first().innerText(), /林姐（瑜伽课）/);
    await wholePageShot(page, 'contact-book-04-search-phone-tail');
    await page.locator('#contact-search-clear').click();
    await page.getByText('九宫格（信任 × 意向）').waitFor({ timeout: 10_000 });
    await page.locator('#chip-manual').click();
    await page.locator('#chip-manual.chip--active').waitFor({ timeout: 10_000 });
    await page.getByText('找到 1 位客户').waitFor({ timeout: 10_000 });
    await page.locator('#chip-manual').click();
    await page.locator('#chip-recent').click();
    await page.locator('#chip-recent.chip--active').waitFor({ timeout: 10_000 });
    // The demo's readers touched this week; 林姐 was added by hand and never touched.
    await page.locator('.contact-row__name', { hasNotText: '林姐' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.contact-row__name', { hasText: '林姐' }).count(), 0);
    await wholePageShot(page, 'contact-book-05-search-chip');

    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});
