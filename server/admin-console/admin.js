// 客经 管理台: a small page over the admin API for admins, managers and leaders. Every string from
// the server goes into the page as text (never HTML); the page's Content-Security-Policy forbids
// inline script. The helpers both consoles share (h, api, run, the message area) come from
// /console/console.js; role names from shared's table, served as /operator/labels.js.
'use strict';

const { $, h, fmt, show, api, run, session, devLogin, roleNames } = window.KejingConsole;
const ROLE = window.KEJING_LABELS.roles;
const KIND = { company: '总公司', branch: '分支机构', team: '团队' };
const STAGE = { 1: '有效名单', 2: '约访名单', 3: '有价值名单', 4: '开启保险话题', 5: '唤醒需求', 6: '制作建议书', 7: '递送建议书', 8: '异议处理与成交' };
const STEP = { contacts: '客户', tasks: '待办跟进', policies: '保单' };
// Which roles a unit kind takes (the server checks the same).
const ROLES_FOR_KIND = { team: ['agent', 'leader', 'operator', 'admin'], branch: ['manager', 'operator', 'admin'], company: ['manager', 'operator', 'admin'] };

const TABS = {
  staff: ['admin', 'manager'], handover: ['admin', 'manager'], pool: ['admin', 'manager', 'leader'], overdue: ['admin', 'manager', 'leader'],
  rules: ['admin', 'operator'], personas: ['admin', 'operator'],
};

const TOKEN_KEY = 'kejing-admin-token';
const state = { roles: [], units: [], staff: [], personas: [] };
session.token = sessionStorage.getItem(TOKEN_KEY) || '';

const has = (...roles) => roles.some((r) => state.roles.includes(r));
const unitName = (id) => (state.units.find((u) => u.id === id) || {}).name || '';
const serving = () => state.staff.filter((s) => !s.deactivatedAt && (s.role === 'agent' || s.role === 'leader'));
const option = (value, text) => h('option', { value }, text);

// ---- session ------------------------------------------------------------------------------
async function useToken(token) {
  session.token = token.trim();
  sessionStorage.setItem(TOKEN_KEY, session.token);
  const me = await api('GET', '/api/me');
  state.roles = me.roles || [];
  if (!has('admin', 'manager', 'leader', 'operator')) throw new Error('管理台仅对管理员、机构管理者、团队长和内容运营开放');
  // Staff and handover are for managers and admins; a leader works the pool and sees members'
  // overdue follow-ups; rules and persona templates are what operators keep.
  for (const [tab, roles] of Object.entries(TABS)) document.querySelector(`nav [data-tab=${tab}]`).hidden = !has(...roles);
  await refresh();
  openTab(Object.keys(TABS).find((tab) => has(...TABS[tab])));
  // Said last: a tab chosen while the console was still loading would be switched back by the line above.
  $('#who').textContent = `已登录：${roleNames(state.roles)}`;
}

async function loginWithDevCode() {
  const token = await devLogin($('#devcode').value.trim());
  $('#token').value = '';
  await useToken(token);
}

async function refresh() {
  if (has('admin', 'manager')) {
    state.units = await api('GET', '/api/admin/org-units');
    state.staff = await api('GET', '/api/admin/staff');
    renderOrg();
    renderStaff();
    renderHandoverForm();
  }
  if (has('admin', 'manager', 'leader')) {
    await loadPool();
    await loadOverdue();
  }
}

function openTab(name) {
  document.querySelectorAll('nav button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
  document.querySelectorAll('main > section').forEach((s) => { s.hidden = s.id !== `tab-${name}`; });
  if (name === 'rules') run(loadRules)();
  if (name === 'personas') run(loadPersonas)();
}

// ---- org tree and staff -------------------------------------------------------------------
function renderOrg() {
  const children = (parentId) => state.units.filter((u) => u.parentId === parentId || (parentId === null && !state.units.some((p) => p.id === u.parentId)));
  const seen = new Set();
  const branch = (unit) => {
    seen.add(unit.id);
    const members = state.staff.filter((s) => s.orgUnitId === unit.id && !s.deactivatedAt).length;
    const kids = state.units.filter((u) => u.parentId === unit.id);
    return h('li', {}, h('span', { className: 'kind' }, KIND[unit.kind] || unit.kind), unit.name, h('span', { className: 'small' }, `　${members}人`),
      kids.length ? h('ul', {}, kids.map(branch)) : null);
  };
  $('#org-tree').replaceChildren(...children(null).filter((u) => !seen.has(u.id)).map(branch));
  const form = $('#invite');
  // Only units the caller may staff: a manager invites agents and leaders into teams.
  const rolesFor = (unit) => (ROLES_FOR_KIND[unit.kind] || []).filter((r) => has('admin') || r === 'agent' || r === 'leader');
  form.orgUnitId.replaceChildren(...state.units.filter((u) => rolesFor(u).length > 0).map((u) => option(u.id, `${KIND[u.kind]}·${u.name}`)));
  const fillRoles = () => {
    const unit = state.units.find((u) => u.id === form.orgUnitId.value);
    form.role.replaceChildren(...(unit ? rolesFor(unit) : []).map((r) => option(r, ROLE[r])));
  };
  form.orgUnitId.onchange = fillRoles;
  fillRoles();
}

function renderStaff() {
  const showLeft = $('#show-left').checked;
  const rows = state.staff.filter((s) => showLeft || !s.deactivatedAt).map((s) => {
    const status = s.deactivatedAt ? h('span', { className: 'badge s-left' }, `已停用 ${fmt(s.deactivatedAt)}`)
      : s.bound ? h('span', { className: 'badge s-active' }, '在职') : h('span', { className: 'badge s-unbound' }, '待绑定微信');
    const actions = s.deactivatedAt ? '' : h('span', { className: 'actions' },
      h('button', { type: 'button', onclick: () => moveForm(s) }, '调动/改角色'),
      h('button', { type: 'button', onclick: () => deactivateForm(s) }, '停用并移交'));
    return h('tr', { className: s.deactivatedAt ? 'left' : '' }, h('td', {}, s.name), h('td', {}, ROLE[s.role] || s.role), h('td', {}, s.orgUnitName),
      h('td', {}, String(s.contactCount)), h('td', {}, status), h('td', {}, actions));
  });
  $('#staff tbody').replaceChildren(...rows);
}

function moveForm(s) {
  const unit = h('select', { name: 'orgUnitId' }, state.units.map((u) => option(u.id, `${KIND[u.kind]}·${u.name}`)));
  unit.value = s.orgUnitId;
  const role = h('select', { name: 'role' }, Object.keys(ROLE).filter((r) => r !== 'viewer' && (has('admin') || r === 'agent' || r === 'leader')).map((r) => option(r, ROLE[r])));
  role.value = s.role;
  $('#staff-action').replaceChildren(h('h3', {}, `调动「${s.name}」`), h('div', { className: 'row' }, '调往 ', unit, ' 角色 ', role,
    h('button', { type: 'button', onclick: run(async () => {
      const body = { ...(unit.value !== s.orgUnitId ? { orgUnitId: unit.value } : {}), ...(role.value !== s.role ? { role: role.value } : {}) };
      const updated = await api('PATCH', `/api/admin/staff/${s.staffId}`, body);
      show(`已将${updated.name}调至${updated.orgUnitName}（${ROLE[updated.role]}），其客户随之调动`, 'ok');
      $('#staff-action').replaceChildren();
      await refresh();
    }) }, '确认'), h('button', { type: 'button', onclick: () => $('#staff-action').replaceChildren() }, '取消')),
  h('p', { className: 'small' }, '客户跟随本人；新团队的团队长即刻可见，原团队不再可见。'));
}

function deactivateForm(s) {
  const receiver = h('select', { name: 'receiver' }, option('', `${s.orgUnitName}公海`),
    serving().filter((x) => x.staffId !== s.staffId).map((x) => option(x.staffId, `${x.name}（${x.orgUnitName}）`)));
  const holds = s.role === 'agent' || s.role === 'leader';
  $('#staff-action').replaceChildren(h('h3', {}, `停用「${s.name}」`),
    h('p', {}, `停用后其所有登录立即失效，且不能再登录或绑定。${holds ? `其${s.contactCount}位客户连同历史与待办跟进移交给：` : ''}`),
    holds ? h('div', { className: 'row' }, receiver) : null,
    h('div', { className: 'row' }, h('button', { type: 'button', id: 'confirm-deactivate', onclick: run(async () => {
      const done = await api('POST', `/api/admin/staff/${s.staffId}/deactivate`, receiver.value ? { receiverAgentId: receiver.value } : {});
      $('#staff-action').replaceChildren(handoverSummary(done.handover, `已停用${s.name}`));
      show(`已停用${s.name}`, 'ok');
      await refresh();
    }) }, '确认停用'), h('button', { type: 'button', onclick: () => $('#staff-action').replaceChildren() }, '取消')));
}

function handoverSummary(result, title) {
  const steps = result.steps.map((st) => `${STEP[st.step] || st.step}${st.moved}`).join('，');
  return h('div', { className: 'result' }, h('b', {}, title), h('p', {}, `${result.moved}位客户已移交给${result.receiverName || '—'}（${steps}）`),
    result.skipped.length ? h('ul', {}, result.skipped.map((k) => h('li', {}, k.reason))) : null);
}

async function invite(event) {
  event.preventDefault();
  const form = event.target;
  const created = await api('POST', '/api/admin/staff', { name: form.name.value.trim(), role: form.role.value, orgUnitId: form.orgUnitId.value });
  $('#invite-result').textContent = `邀请码：${created.inviteCode}（${fmt(created.inviteExpiresAt)}前有效，请本人在小程序“绑定”页输入）`;
  form.name.value = '';
  await refresh();
}

// ---- handover -----------------------------------------------------------------------------
function renderHandoverForm() {
  const form = $('#handover');
  const holders = state.staff.filter((s) => (s.role === 'agent' || s.role === 'leader') && s.contactCount > 0);
  const keep = form.fromAgentId.value;
  form.fromAgentId.replaceChildren(option('', '请选择'), ...holders.map((s) => option(s.staffId, `${s.name}（${s.orgUnitName}，${s.contactCount}位客户${s.deactivatedAt ? '，已停用' : ''}）`)));
  form.fromAgentId.value = holders.some((s) => s.staffId === keep) ? keep : '';
  fillReceivers();
}

function fillReceivers() {
  const form = $('#handover');
  const from = state.staff.find((s) => s.staffId === form.fromAgentId.value);
  form.receiver.replaceChildren(option('', from ? `${from.orgUnitName}公海` : '所在团队公海'),
    ...serving().filter((s) => !from || s.staffId !== from.staffId).map((s) => option(s.staffId, `${s.name}（${s.orgUnitName}）`)));
}

async function loadHandoverContacts() {
  const form = $('#handover');
  const box = $('#handover-contacts');
  if (!form.fromAgentId.value || form.scope.value !== 'some') return box.replaceChildren();
  const contacts = await api('GET', `/api/admin/staff/${form.fromAgentId.value}/contacts`);
  box.replaceChildren(...contacts.map((c) => h('label', {}, h('input', { type: 'checkbox', name: 'contact', value: c.contactId }), `${c.displayName}　`,
    h('span', { className: 'small' }, `${STAGE[c.stage]}，最近互动 ${fmt(c.lastTouchAt)}`))));
}

async function handOver(event) {
  event.preventDefault();
  const form = event.target;
  if (!form.fromAgentId.value) throw new Error('请选择移出人');
  const some = form.scope.value === 'some';
  const contactIds = [...document.querySelectorAll('#handover-contacts input:checked')].map((i) => i.value);
  if (some && contactIds.length === 0) throw new Error('请勾选要移交的客户');
  const result = await api('POST', '/api/admin/handovers', {
    fromAgentId: form.fromAgentId.value, ...(some ? { contactIds } : {}), ...(form.receiver.value ? { receiverAgentId: form.receiver.value } : {}),
  });
  $('#handover-result').replaceChildren(handoverSummary(result, '移交完成'));
  show('移交完成', 'ok');
  await refresh();
  await loadHandoverContacts();
}

// ---- the pool and overdue follow-ups --------------------------------------------------------
async function loadPool() {
  const pool = await api('GET', '/api/pool');
  const agentsOf = (unitId) => serving().filter((s) => s.orgUnitId === unitId);
  $('#pool tbody').replaceChildren(...(pool.length ? pool.map((c) => {
    const pick = h('select', {}, option('', '选择营销员'), agentsOf(c.poolOrgUnitId).map((s) => option(s.staffId, s.name)));
    const allocate = h('button', { type: 'button', onclick: run(async () => {
      if (!pick.value) throw new Error('请选择要分配给的营销员');
      await api('POST', `/api/pool/${c.contactId}/allocate`, { agentId: pick.value });
      show(`已将${c.displayName}分配给${pick.selectedOptions[0].textContent}`, 'ok');
      await refresh();
    }) }, '分配');
    return h('tr', {}, h('td', {}, c.displayName), h('td', {}, c.poolName), h('td', {}, c.handedOverFromName || '—'), h('td', {}, fmt(c.pooledAt)),
      h('td', {}, fmt(c.lastTouchAt)), h('td', {}, STAGE[c.stage]), h('td', {}, has('admin', 'manager', 'leader') && agentsOf(c.poolOrgUnitId).length ? [pick, allocate] : '—'));
  }) : [h('tr', {}, h('td', { colspan: 7, className: 'hint' }, '公海里暂时没有客户'))]));
}

async function loadOverdue() {
  const rows = await api('GET', '/api/admin/overdue-follow-ups');
  $('#overdue tbody').replaceChildren(...(rows.length ? rows.map((r) => h('tr', {}, h('td', {}, r.agentName), h('td', {}, r.orgUnitName), h('td', {}, String(r.overdue)), h('td', {}, fmt(r.oldestDueAt))))
    : [h('tr', {}, h('td', { colspan: 4, className: 'hint' }, '没有逾期的跟进'))]));
}

// ---- follow-up rules ------------------------------------------------------------------------
const CHANNEL = { call: '打电话', message: '发微信', meet: '约见面', observe: '先留意' };
const PRIORITY = { 1: '最急', 2: '急', 3: '一般', 4: '不急', 5: '最缓' };

async function loadRules() {
  const set = await api('GET', '/api/follow-up-rules');
  state.rules = JSON.parse(JSON.stringify(set.rules));
  $('#rules-version').textContent = `当前生效：${set.version === 'default' ? '默认规则' : '运营发布的规则'}，共${set.rules.length}条`;
  renderRules();
}

/** Each rule's wording and timing as a form; its trigger conditions are edited in the JSON view (高级). */
function renderRules() {
  $('#rules').value = JSON.stringify(state.rules, null, 2);
  const field = (rule, key, el) => { el.addEventListener('input', () => { key(rule, el.value); $('#rules').value = JSON.stringify(state.rules, null, 2); }); return el; };
  $('#rule-list tbody').replaceChildren(...state.rules.map((r, i) => h('tr', {},
    h('td', {}, String(i + 1)),
    h('td', {}, field(r, (x, v) => { x.name = v; }, h('input', { value: r.name, size: 22 }))),
    h('td', {}, field(r, (x, v) => { x.task.action = v; }, h('input', { value: r.task.action, size: 26 }))),
    h('td', {}, field(r, (x, v) => { x.task.channel = v; }, h('select', {}, Object.entries(CHANNEL).map(([k, v]) => h('option', { value: k, selected: (r.task.channel || 'message') === k }, v))))),
    h('td', {}, field(r, (x, v) => { x.task.messageTemplate = v; }, h('textarea', { rows: 2 }, r.task.messageTemplate))),
    h('td', {}, field(r, (x, v) => { x.task.dueInHours = Number(v); }, h('input', { type: 'number', min: 0, value: r.task.dueInHours, className: 'narrow' }))),
    h('td', {}, field(r, (x, v) => { x.task.priority = Number(v); }, h('select', {}, Object.entries(PRIORITY).map(([k, v]) => h('option', { value: k, selected: String(r.task.priority) === k }, v))))))));
}

async function publishRules() {
  let rules;
  if ($('#rules-advanced').open) {
    try { rules = JSON.parse($('#rules').value); } catch (e) { throw new Error(`规则不是合法的 JSON：${e.message}`); }
  } else rules = state.rules;
  const set = await api('PUT', '/api/follow-up-rules', { rules });
  show(`已发布新规则，共${set.rules.length}条`, 'ok');
  await loadRules();
}

// ---- persona templates ----------------------------------------------------------------------
async function loadPersonas() {
  state.personas = await api('GET', '/api/card/persona-templates');
  renderPersonas();
}

function renderPersonas() {
  $('#personas tbody').replaceChildren(...state.personas.map((p, i) => h('tr', {},
    h('td', {}, h('input', { value: p.code, oninput: (e) => { p.code = e.target.value.trim(); }, size: 14 })),
    h('td', {}, h('input', { value: p.name, oninput: (e) => { p.name = e.target.value; }, size: 10 })),
    h('td', {}, h('textarea', { rows: 2, oninput: (e) => { p.introTemplate = e.target.value; } }, p.introTemplate)),
    h('td', {}, h('button', { type: 'button', onclick: () => { state.personas.splice(i, 1); renderPersonas(); } }, '删除')))));
}

async function savePersonas() {
  state.personas = await api('PUT', '/api/admin/persona-templates', { templates: state.personas });
  renderPersonas();
  show('名片模板已保存', 'ok');
}

// ---- wiring ---------------------------------------------------------------------------------
document.addEventListener('DOMContentLoaded', () => {
  $('#login').addEventListener('submit', (e) => { e.preventDefault(); run(useToken)($('#token').value); });
  $('#devlogin').addEventListener('click', run(loginWithDevCode));
  $('#logout').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); location.reload(); });
  document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => openTab(b.dataset.tab)));
  $('#show-left').addEventListener('change', renderStaff);
  $('#invite').addEventListener('submit', run(invite));
  $('#handover').addEventListener('submit', run(handOver));
  $('#handover').fromAgentId.addEventListener('change', run(async () => { fillReceivers(); await loadHandoverContacts(); }));
  document.querySelectorAll('#handover [name=scope]').forEach((r) => r.addEventListener('change', run(loadHandoverContacts)));
  $('#rules-publish').addEventListener('click', run(publishRules));
  $('#rules-reload').addEventListener('click', run(loadRules));
  $('#persona-add').addEventListener('click', () => { state.personas.push({ code: '', name: '', introTemplate: '我是{姓名}，' }); renderPersonas(); });
  $('#persona-save').addEventListener('click', run(savePersonas));
  if (session.token) run(useToken)(session.token);
});
