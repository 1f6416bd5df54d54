// End to end in real Chromium against the real server (demo data): the admin console (/admin).
// The manager 赵明 deactivates the agent 李建国, handing his contacts to 王晓梅: his token is
// refused at once and he cannot log in again; his contacts, their history, open follow-ups and the policy he sold
// are 王晓梅's, and her mini program contact page says 移交自 李建国. Then some of 张丽's contacts
// go to the team pool and one is allocated; the operator edits the persona templates the card
// page reads. Screenshots land in test-artifacts/e2e/ (admin-*.png, handover-*.png).
const { test, before, after } = require('node:test');
const { randomUUID } = require('node:crypto');
const assert = require('node:assert/strict');
const path = require('node:path');
const { startServer } = require('./server-process');
const { H5_DIR, ARTIFACTS, PHONE, launchChromium, wholePageShot } = require('./browser');

const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };

let server;
let browser;

before(async () => {
  server = await startServer({ h5Dir: H5_DIR });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const call = async (method, url, token, body) => {
  const res = await fetch(`${server.base}${url}`, {
    method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
};
const loginAs = async (code) => (await call('POST', '/api/auth/login', null, { code })).body.token;
const shot = (page, name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

async function consolePage(devCode) {
  const page = await browser.newPage(DESKTOP);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.base}/admin`);
  await page.fill('#devcode', devCode);
  await page.click('#devlogin');
  await page.waitForSelector('#who:not(:empty)');
  return { page, errors };
}

test('an agent leaves: his contacts, history and open follow-ups are at the receiver, and his token is refused', async () => {
  const leaverToken = await loginAs('demo-agent-2');
  const leaverContacts = (await call('GET', '/api/contacts', leaverToken)).body.items.map((c) => c.contactId);
  assert.ok(leaverContacts.length > 0, '李建国 has demo contacts');
  const leaverTasks = (await call('GET', '/api/tasks/today?limit=100', leaverToken)).body.tasks.map((t) => t.contactId);
  // A policy he sold, which must go with its client.
  const sold = await call('POST', `/api/contacts/${leaverContacts[0]}/policies`, leaverToken, {
    clientEventId: randomUUID(), productName: '守护重疾', need: 'critical_illness', insurer: '客经人寿', policyNumber: 'HANDOVER-0001',
    insuredRelation: 'self', annualPremiumFen: 500_000, paymentFrequency: 'annual', paymentTermYears: 20, effectiveDate: '2026-10-01',
  });
  assert.equal(sold.status, 201, JSON.stringify(sold.body));

  const { page, errors } = await consolePage('demo-manager-1');
  try {
    await page.waitForSelector('#staff tbody tr');
    await page.waitForSelector('#org-tree li');
    await shot(page, 'admin-01-staff');

    await page.locator('#staff tbody tr', { hasText: '李建国' }).locator('button', { hasText: '停用并移交' }).click();
    const receiver = page.locator('#staff-action select');
    const wang = await receiver.locator('option', { hasText: '王晓梅' }).getAttribute('value');
    await receiver.selectOption(wang);
    await shot(page, 'admin-02-deactivate-form');
    await page.click('#confirm-deactivate');
    await page.waitForSelector('#staff-action .result');
    const summary = await page.locator('#staff-action .result').innerText();
    assert.match(summary, new RegExp(`${leaverContacts.length}位客户已移交给王晓梅`));
    await shot(page, 'admin-03-deactivated');

    // The leaver's session ended at once, and he cannot log in again.
    assert.equal((await call('GET', '/api/contacts', leaverToken)).status, 401);
    const again = await call('POST', '/api/auth/login', null, { code: 'demo-agent-2' });
    assert.equal(again.status, 403);
    assert.equal(again.body.error.code, 'staff_deactivated');

    // The receiver holds his contacts with their history and open follow-ups.
    const wangToken = await loginAs('demo-agent-1');
    const wangContacts = (await call('GET', '/api/contacts?pageSize=100', wangToken)).body.items.map((c) => c.contactId);
    for (const id of leaverContacts) assert.ok(wangContacts.includes(id), `contact ${id} is 王晓梅's`);
    const wangTasks = (await call('GET', '/api/tasks/today?limit=100', wangToken)).body.tasks.map((t) => t.contactId);
    for (const id of leaverTasks) assert.ok(wangTasks.includes(id), `the follow-up of ${id} is on 王晓梅's morning list`);
    const detail = (await call('GET', `/api/contacts/${leaverContacts[0]}`, wangToken)).body;
    assert.equal(detail.handedOverFrom.agentName, '李建国');
    assert.ok(detail.timeline.length > 0, 'the history came along');
    const policies = (await call('GET', `/api/contacts/${leaverContacts[0]}/policies`, wangToken)).body;
    assert.deepEqual(policies.map((p) => p.policyId), [sold.body.policyId], 'his policy is with its client at 王晓梅');

    // 王晓梅's mini program contact page says whom the contact came from.
    const phone = await browser.newContext(PHONE);
    const mini = await phone.newPage();
    await mini.goto(`${server.base}/?devCode=demo-agent-1#/agent/contact/index?id=${encodeURIComponent(leaverContacts[0])}`);
    await mini.locator('#contact-profile').waitFor({ timeout: 20_000 });
    assert.match(await mini.locator('#contact-profile').innerText(), /移交自\s*李建国/);
    await wholePageShot(mini, 'handover-01-contact-handed-over');
    await mini.goto(`${server.base}/?devCode=demo-agent-1#/pages/card/index`);
    await mini.getByText('家庭守护').first().waitFor({ timeout: 20_000 });
    await wholePageShot(mini, 'handover-02-card-persona-templates');
    await phone.close();
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('the manager hands some contacts to the team pool and allocates one; the console lists overdue follow-ups', async () => {
  const { page, errors } = await consolePage('demo-manager-1');
  try {
    await page.click('nav button[data-tab=handover]');
    const form = page.locator('#handover');
    const zhang = await form.locator('[name=fromAgentId] option', { hasText: '张丽' }).getAttribute('value');
    await form.locator('[name=fromAgentId]').selectOption(zhang);
    await page.check('#handover [name=scope][value=some]');
    await page.waitForSelector('#handover-contacts input');
    await page.locator('#handover-contacts input').first().check();
    await shot(page, 'admin-04-handover-form');
    await page.click('#handover button[type=submit]');
    await page.waitForSelector('#handover-result .result');
    assert.match(await page.locator('#handover-result').innerText(), /1位客户已移交给浦东精英二组公海/);

    await page.click('nav button[data-tab=pool]');
    await page.waitForSelector('#pool tbody tr select');
    assert.match(await page.locator('#pool tbody').innerText(), /张丽/);
    await shot(page, 'admin-05-pool');
    const row = page.locator('#pool tbody tr').first();
    await row.locator('select').selectOption({ label: '陈志强' });
    await row.locator('button', { hasText: '分配' }).click();
    await page.waitForFunction(() => document.querySelector('#messages')?.textContent?.includes('陈志强'));

    await page.click('nav button[data-tab=overdue]');
    await shot(page, 'admin-06-overdue');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('an operator keeps the persona templates and the follow-up rules in the console', async () => {
  const { page, errors } = await consolePage('demo-operator-1');
  try {
    await page.waitForSelector('#tab-rules:not([hidden]) #rule-list tbody tr');
    // The first rule's action reworded and published: validated and checked like content.
    await page.locator('#rule-list tbody tr').first().locator('input').nth(1).fill('1小时内电话回访，确认需求与预算');
    await page.click('#rules-publish');
    await page.waitForSelector('#messages .message.ok');
    assert.match(await page.locator('#messages .message.ok').last().innerText(), /已发布新规则/);
    await shot(page, 'admin-07-rules');
    const rulesToken = await page.evaluate(() => sessionStorage.getItem('kejing-admin-token'));
    const published = (await call('GET', '/api/follow-up-rules', rulesToken)).body;
    assert.equal(published.rules[0].task.action, '1小时内电话回访，确认需求与预算');
    // A forbidden word in a message is refused, naming the rule and the word.
    await page.locator('#rule-list tbody tr').first().locator('textarea').fill('{contactName}您好，这款产品保证收益，稳赚不赔');
    await page.click('#rules-publish');
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .message.error')].some((m) => m.textContent.includes('稳赚不赔')));
    await shot(page, 'admin-07b-rules-refused');
    await page.click('nav button[data-tab=personas]');
    await page.waitForSelector('#personas tbody tr');
    // An unknown placeholder is refused with the field and reason, in Chinese.
    await page.click('#persona-add');
    const last = page.locator('#personas tbody tr').last();
    await last.locator('input').nth(0).fill('gold_service');
    await last.locator('input').nth(1).fill('金牌服务');
    await last.locator('textarea').fill('我是{名字}，全程陪伴');
    await page.click('#persona-save');
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .message.error')].some((m) => m.textContent.includes('只能使用{姓名}和{公司}占位')));
    await last.locator('textarea').fill('我是{姓名}，理赔、保全全程陪伴。');
    await page.click('#persona-save');
    await page.waitForFunction(() => [...document.querySelectorAll('#messages .message.ok')].some((m) => m.textContent.includes('名片模板已保存')));
    await shot(page, 'admin-08-personas');
    const token = await page.evaluate(() => sessionStorage.getItem('kejing-admin-token'));
    const names = (await call('GET', '/api/card/persona-templates', token)).body.map((p) => p.name);
    assert.ok(names.includes('金牌服务'));
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('a leader claims a contact from the team pool in the mini program (390x844)', async () => {
  const managerToken = await loginAs('demo-manager-1');
  const wang = (await call('GET', '/api/admin/staff', managerToken)).body.find((s) => s.name === '王晓梅');
  const wangContacts = (await call('GET', `/api/admin/staff/${wang.staffId}/contacts`, managerToken)).body;
  const pooled = wangContacts[wangContacts.length - 1];
  const handed = await call('POST', '/api/admin/handovers', managerToken, { fromAgentId: wang.staffId, contactIds: [pooled.contactId] });
  assert.equal(handed.body.receiverName, '浦东精英一组公海');

  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${server.base}/?devCode=demo-leader-1#/pages/contacts/index`);
    await page.locator('#contact-pool').waitFor({ timeout: 20_000 });
    await wholePageShot(page, 'handover-03-contacts-pool-entry');
    await page.locator('#contact-pool').click();
    const row = page.locator(`#pool-${pooled.contactId}`);
    await row.waitFor({ timeout: 20_000 });
    assert.match(await row.innerText(), /移交自王晓梅/);
    await wholePageShot(page, 'handover-04-pool');
    await row.getByText('认领').click();
    await page.locator('#contact-profile').waitFor({ timeout: 20_000 });
    assert.match(await page.locator('#contact-profile').innerText(), /移交自\s*王晓梅/);
    await wholePageShot(page, 'handover-05-claimed');
    const leader = (await call('GET', '/api/admin/staff', managerToken)).body.find((s) => s.name === '刘芳');
    const held = (await call('GET', `/api/admin/staff/${leader.staffId}/contacts`, managerToken)).body.map((c) => c.contactId);
    assert.deepEqual(held, [pooled.contactId], 'the claimed contact is the leader\'s own');
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }
});
