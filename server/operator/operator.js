// 客经 内容运营台: a small page over the operator API. Every string from the server goes into
// the page as text; only article bodies (sanitised by the server) are rendered as HTML, and the
// page's Content-Security-Policy forbids inline script, so even that cannot run code.
'use strict';

// The words for statuses, kinds, tag families, metrics and history steps come from shared's
// tables (contracts/content-labels.ts), which the server hands over as /operator/labels.js.
const { statuses: STATUS, kinds: KIND, tagFamilies: FAMILY, metrics: METRICS, actions: ACTIONS } = window.KEJING_LABELS;
// The analytics sort offers what moves customers first.
const SORT_ORDER = ['stageMoves', 'leads', 'completionPct', 'avgDepthPct', 'medianDepthPct', 'uniqueViewers', 'opens', 'shares', 'forwards'];

const state = { token: sessionStorage.getItem('kejing-operator-token') || '', page: 1, selected: null, tags: null, units: [], editing: null };
const $ = (sel) => document.querySelector(sel);

/** Builds an element; children are nodes or strings (always text, never HTML). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'className') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

function show(text, kind) {
  const box = $('#message');
  box.textContent = text;
  box.className = kind;
  box.hidden = false;
  if (kind === 'ok') setTimeout(() => { box.hidden = true; }, 3000);
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${state.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data && data.error) || { message: `HTTP ${res.status}` };
    const details = (err.details || []).map((d) => `· ${d.field}: ${d.reason}`).join('\n');
    throw new Error(`${err.message}${details ? `\n${details}` : ''}`);
  }
  return data;
}

const run = (fn) => async (...args) => {
  try { await fn(...args); } catch (e) { show(e.message, 'error'); }
};

const fmt = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');
const badge = (status) => h('span', { className: `badge s-${status}` }, STATUS[status] || status);
const tagName = (code) => {
  for (const fam of Object.values(state.tags || {})) {
    const stack = [...fam];
    while (stack.length) { const t = stack.pop(); if (t.code === code) return t.name; stack.push(...t.children); }
  }
  return code;
};

// ---- session ------------------------------------------------------------------------------
async function useToken(token) {
  state.token = token.trim();
  sessionStorage.setItem('kejing-operator-token', state.token);
  try {
    // The admin bootstrap token opens no page here: it only sets up the first admin.
    const me = await api('GET', '/api/me');
    $('#who').textContent = `已登录：${(me.roles || []).join(', ')}`;
    await loadReference();
    await loadList();
  } catch (e) { show(e.message, 'error'); }
}

async function devLogin() {
  const code = $('#devcode').value.trim();
  if (!code) return show('请输入开发登录码（仅在本地假微信下可用）', 'error');
  const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  const data = await res.json();
  if (!res.ok) return show(data.error ? data.error.message : '登录失败', 'error');
  $('#token').value = '';
  await useToken(data.token);
}

async function loadReference() {
  state.tags = await api('GET', '/api/tags');
  state.units = await api('GET', '/api/operator/org-units').catch(() => []);
  const tagSelect = $('#analytics-filters [name=tag]');
  tagSelect.replaceChildren(h('option', { value: '' }, '全部标签'));
  for (const [fam, list] of Object.entries(state.tags)) {
    const group = h('optgroup', { label: FAMILY[fam] || fam });
    const walk = (t, depth) => { group.append(h('option', { value: t.code }, `${'　'.repeat(depth)}${t.name}`)); t.children.forEach((c) => walk(c, depth + 1)); };
    list.forEach((t) => walk(t, 0));
    tagSelect.append(group);
  }
  const unitSelect = $('#analytics-filters [name=orgUnitId]');
  unitSelect.replaceChildren(h('option', { value: '' }, '全公司'), ...state.units.filter((u) => u.kind !== 'company').map((u) => h('option', { value: u.id }, `${u.kind === 'team' ? '　' : ''}${u.name}`)));
}

// ---- list and detail ----------------------------------------------------------------------
async function loadList() {
  const form = new FormData($('#filters'));
  const params = new URLSearchParams({ page: String(state.page), pageSize: '20' });
  for (const [k, v] of form) if (v) params.set(k, String(v));
  const page = await api('GET', `/api/operator/content?${params}`);
  const body = $('#items tbody');
  body.replaceChildren(...page.items.map((item) => h('tr', { className: `clickable${item.itemId === state.selected ? ' selected' : ''}`, onclick: run(() => openDetail(item.itemId)) },
    h('td', {}, item.title, item.publishedVersionId && item.status !== 'approved' ? h('span', { className: 'small' }, '（有已发布版本）') : null),
    h('td', {}, KIND[item.kind]), h('td', {}, badge(item.status)), h('td', {}, `v${item.latestVersionNo}`), h('td', { className: 'small' }, fmt(item.updatedAt)))));
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  $('#pager').replaceChildren(
    h('button', { type: 'button', disabled: state.page <= 1, onclick: run(async () => { state.page -= 1; await loadList(); }) }, '上一页'),
    h('span', {}, `第 ${state.page} / ${pages} 页，共 ${page.total} 条`),
    h('button', { type: 'button', disabled: state.page >= pages, onclick: run(async () => { state.page += 1; await loadList(); }) }, '下一页'));
}

function renderPreview(version) {
  const box = h('div', { className: 'preview' });
  box.append(h('h2', {}, version.title));
  if (version.summary) box.append(h('p', { className: 'small' }, version.summary));
  if (version.coverUrl) box.append(h('img', { src: version.coverUrl, alt: '封面' }));
  if (version.videoUrl) box.append(h('p', {}, '视频：', h('a', { href: version.videoUrl, target: '_blank', rel: 'noopener' }, version.videoUrl), version.durationSec ? ` （${version.durationSec} 秒）` : ''));
  if (version.liveStartsAt) box.append(h('p', {}, `直播：${fmt(version.liveStartsAt)}（${version.liveStatus}）`, version.replayUrl ? ` 回放 ${version.replayUrl}` : ''));
  if (version.bodyHtml) {
    const body = h('div');
    body.innerHTML = version.bodyHtml; // sanitised by the server; CSP blocks script regardless
    box.append(body);
  }
  box.append(h('p', { className: 'small' }, '标签：', version.tags.map(tagName).join('、') || '无'));
  return box;
}

function visibilityEditor(d) {
  const chosen = new Set(d.visibility.orgUnitIds);
  const boxes = state.units.filter((u) => u.kind !== 'company').map((u) => h('label', {}, h('input', { type: 'checkbox', value: u.id, checked: chosen.has(u.id) }), `${u.kind === 'branch' ? '分公司' : '团队'}·${u.name} `));
  const local = (iso) => (iso ? new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '');
  const from = h('input', { type: 'datetime-local', value: local(d.visibility.visibleFrom) });
  const until = h('input', { type: 'datetime-local', value: local(d.visibility.visibleUntil) });
  const save = run(async () => {
    const orgUnitIds = boxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    await api('PUT', `/api/operator/content/${d.itemId}/visibility`, {
      orgUnitIds, visibleFrom: from.value ? new Date(from.value).toISOString() : null, visibleUntil: until.value ? new Date(until.value).toISOString() : null,
    });
    show('可见范围已保存', 'ok');
    await openDetail(d.itemId);
  });
  return h('details', {}, h('summary', {}, `可见范围：${d.visibility.orgUnitIds.length === 0 ? '全公司' : `${d.visibility.orgUnitIds.length} 个机构/团队`}${d.visibility.visibleFrom || d.visibility.visibleUntil ? `，${fmt(d.visibility.visibleFrom)} 至 ${fmt(d.visibility.visibleUntil)}` : ''}`),
    h('p', { className: 'small' }, '不勾选任何机构即全公司可见。'), h('div', {}, boxes), h('p', {}, '生效 ', from, ' 截止 ', until), h('button', { type: 'button', onclick: save }, '保存可见范围'));
}

async function openDetail(itemId) {
  state.selected = itemId;
  const d = await api('GET', `/api/operator/content/${itemId}`);
  const act = (action, label, ask) => h('button', { type: 'button', onclick: run(async () => {
    let body = {};
    if (ask) {
      const reason = window.prompt(ask);
      if (reason === null) return;
      body = { reason };
    }
    await api('POST', `/api/operator/content/${itemId}/${action}`, body);
    show(`${label}：完成`, 'ok');
    await openDetail(itemId);
    await loadList();
  }) }, label);
  const buttons = [];
  if (['draft', 'approved', 'rejected'].includes(d.status)) buttons.push(h('button', { type: 'button', onclick: () => openEditor(d) }, '编辑'));
  if (d.status === 'draft') buttons.push(act('submit', '提交审核'));
  if (d.status === 'in_review') buttons.push(act('approve', '审核通过并发布'), act('reject', '驳回', '驳回原因（作者会看到）：'));
  if (d.status !== 'retired' && (['approved', 'rejected'].includes(d.status) || d.publishedVersionId)) buttons.push(act('retire', '下架', '下架原因（可空）：'));
  const latestReview = d.versions[0];
  $('#detail').replaceChildren(
    h('h2', {}, d.title, ' ', badge(d.status)),
    h('p', { className: 'small' }, `${KIND[d.kind]} · 最新 v${d.latestVersionNo}${d.publishedVersionId ? ' · 已有发布版本' : ''}${d.sourceKey ? ` · 导入自 ${d.sourceKey}` : ''}`),
    latestReview && latestReview.rejectionReason ? h('p', { className: 'error' }, `驳回原因：${latestReview.rejectionReason}`) : '',
    h('div', { className: 'actions' }, buttons),
    visibilityEditor(d),
    h('h3', {}, `预览 v${d.latestVersionNo}`),
    renderPreview(d.latest),
    h('h3', {}, '版本'),
    h('table', {}, h('tbody', {}, d.versions.map((v) => h('tr', {},
      h('td', {}, `v${v.versionNo}`), h('td', {}, v.title), h('td', {}, badge(v.status), v.versionId === d.publishedVersionId ? ' 发布中' : ''),
      h('td', { className: 'small' }, fmt(v.createdAt)),
      h('td', {}, h('button', { type: 'button', onclick: run(async () => {
        const version = await api('GET', `/api/operator/content/${itemId}/versions/${v.versionId}`);
        $('#detail .preview').replaceWith(renderPreview(version));
      }) }, '预览')))))),
    h('h3', {}, '审计记录'),
    h('ul', { className: 'history' }, d.history.map((e) => h('li', {}, `${fmt(e.at)} ${e.actorName || (e.detail && e.detail.actorRole) || '系统'}：${ACTIONS[e.action.replace('content.', '')] || e.action}`,
      e.detail && e.detail.versionNo ? ` v${e.detail.versionNo}` : '', e.detail && e.detail.reason ? ` — ${e.detail.reason}` : ''))),
    h('p', {}, h('button', { type: 'button', onclick: run(() => showItemAnalytics(itemId)) }, '查看这条内容的数据')),
    h('div', { id: 'item-analytics' }));
  for (const tr of document.querySelectorAll('#items tbody tr')) tr.classList.remove('selected');
}

async function showItemAnalytics(itemId) {
  const a = await api('GET', `/api/operator/analytics/content/${itemId}`);
  $('#item-analytics').replaceChildren(metricTable([{ label: '合计', metrics: a.metrics }, ...a.versions.map((v) => ({ label: `v${v.versionNo}`, metrics: v.metrics }))]));
}

function metricTable(rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, ''), METRICS.map(([, label]) => h('th', {}, label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, r.label), METRICS.map(([key]) => h('td', {}, r.metrics[key] === null ? '—' : String(r.metrics[key])))))));
}

// ---- editor -------------------------------------------------------------------------------
function renderTagPicker(selected) {
  const chosen = new Set(selected);
  $('#tag-picker').replaceChildren(...Object.entries(state.tags || {}).map(([fam, list]) => {
    const boxes = [];
    const walk = (t, depth) => { boxes.push(h('label', {}, h('input', { type: 'checkbox', name: 'tag', value: t.code, checked: chosen.has(t.code) }), `${depth ? '└' : ''}${t.name}`)); t.children.forEach((c) => walk(c, depth + 1)); };
    list.forEach((t) => walk(t, 0));
    return h('div', { className: 'tag-family' }, h('b', {}, FAMILY[fam] || fam), boxes);
  }));
}

function syncKindFields() {
  const kind = $('#editor [name=kind]').value;
  for (const label of document.querySelectorAll('#editor label[class]')) label.hidden = !label.classList.contains(`kind-${kind}`);
}

function openEditor(detail) {
  state.editing = detail ? detail.itemId : null;
  const form = $('#editor');
  form.reset();
  const v = detail ? detail.latest : null;
  $('#editor-title').textContent = detail ? `编辑：${detail.title}（保存后生成 v${detail.latestVersionNo + 1}）` : '新建内容';
  form.kind.value = detail ? detail.kind : 'article';
  form.kind.disabled = Boolean(detail);
  if (v) {
    const local = (iso) => (iso ? new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '');
    form.title.value = v.title; form.summary.value = v.summary || ''; form.coverUrl.value = v.coverUrl || ''; form.bodyHtml.value = v.bodyHtml || '';
    form.videoUrl.value = v.videoUrl || ''; form.durationSec.value = v.durationSec ?? ''; form.liveStartsAt.value = local(v.liveStartsAt);
    form.replayUrl.value = v.replayUrl || '';
  }
  renderTagPicker(v ? v.tags : []);
  syncKindFields();
  switchTab('editor');
}

async function saveEditor(event) {
  event.preventDefault();
  const form = event.target;
  const text = (name) => (form[name].value.trim() === '' ? undefined : form[name].value.trim());
  const time = (name) => (form[name].value ? new Date(form[name].value).toISOString() : undefined);
  const body = {
    title: form.title.value.trim(), summary: text('summary'), coverUrl: text('coverUrl'), bodyHtml: text('bodyHtml'), videoUrl: text('videoUrl'),
    durationSec: form.durationSec.value === '' ? undefined : Number(form.durationSec.value), liveStartsAt: time('liveStartsAt'), liveEndsAt: time('liveEndsAt'),
    replayUrl: text('replayUrl'), tags: [...form.querySelectorAll('input[name=tag]:checked')].map((i) => i.value),
  };
  const saved = state.editing
    ? await api('PUT', `/api/operator/content/${state.editing}`, body)
    : await api('POST', '/api/operator/content', { kind: form.kind.value, ...body });
  show(`已保存为 v${saved.latestVersionNo}（草稿），可预览后提交审核`, 'ok');
  switchTab('list');
  await loadList();
  await openDetail(saved.itemId);
}

// ---- analytics, words, tags ---------------------------------------------------------------
async function loadAnalytics(event) {
  if (event) event.preventDefault();
  const form = new FormData($('#analytics-filters'));
  const params = new URLSearchParams();
  for (const [k, v] of form) {
    if (!v) continue;
    if (k === 'from' || k === 'to') params.set(k, new Date(`${v}T00:00:00+08:00`).toISOString());
    else params.set(k, String(v));
  }
  const rows = await api('GET', `/api/operator/analytics/content?${params}`);
  $('#ranking thead').replaceChildren(h('tr', {}, h('th', {}, '#'), h('th', {}, '内容'), h('th', {}, '状态'), METRICS.map(([, l]) => h('th', {}, l))));
  $('#ranking tbody').replaceChildren(...rows.map((r) => h('tr', { className: 'clickable', onclick: run(async () => { switchTab('list'); await openDetail(r.itemId); }) },
    h('td', {}, String(r.rank)), h('td', {}, r.title), h('td', {}, badge(r.status)), METRICS.map(([k]) => h('td', {}, r.metrics[k] === null ? '—' : String(r.metrics[k]))))));
  params.delete('tag');
  const tagRows = await api('GET', `/api/operator/analytics/tags?${params}`);
  $('#tag-ranking thead').replaceChildren(h('tr', {}, h('th', {}, '#'), h('th', {}, '标签'), h('th', {}, '内容数'), METRICS.map(([, l]) => h('th', {}, l))));
  $('#tag-ranking tbody').replaceChildren(...tagRows.map((r) => h('tr', {}, h('td', {}, String(r.rank)), h('td', {}, `${r.name}（${r.tag}）`), h('td', {}, String(r.items)),
    METRICS.map(([k]) => h('td', {}, r.metrics[k] === null ? '—' : String(r.metrics[k]))))));
}

async function loadWords() {
  const words = await api('GET', '/api/operator/forbidden-words');
  $('#words tbody').replaceChildren(...words.map((w) => h('tr', {}, h('td', {}, w.word), h('td', {}, w.category), h('td', { className: 'small' }, fmt(w.createdAt)),
    h('td', {}, h('button', { type: 'button', onclick: run(async () => { if (!window.confirm(`删除禁用词“${w.word}”？`)) return; await api('DELETE', `/api/operator/forbidden-words/${w.id}`); await loadWords(); }) }, '删除')))));
}

async function addWord(event) {
  event.preventDefault();
  const form = event.target;
  await api('POST', '/api/operator/forbidden-words', { word: form.word.value.trim(), ...(form.category.value ? { category: form.category.value } : {}) });
  form.reset();
  show('已添加', 'ok');
  await loadWords();
}

function renderTagTree() {
  const walk = (t) => h('li', {}, `${t.name} `, h('span', { className: 'small' }, t.code), ' ',
    h('button', { type: 'button', className: 'small', title: '只改显示名，代码不变', onclick: run(() => renameTag(t)) }, '改名'),
    t.children.length ? h('ul', {}, t.children.map(walk)) : null);
  $('#tag-tree').replaceChildren(...Object.entries(state.tags || {}).map(([fam, list]) => h('div', {}, h('h3', {}, FAMILY[fam] || fam), h('ul', {}, list.map(walk)))));
}

async function addTag(event) {
  event.preventDefault();
  const form = event.target;
  await api('POST', '/api/operator/tags', { family: form.family.value, code: form.code.value.trim(), name: form.name.value.trim(), ...(form.parentCode.value.trim() ? { parentCode: form.parentCode.value.trim() } : {}) });
  form.reset();
  state.tags = await api('GET', '/api/tags');
  renderTagTree();
  show('标签已添加', 'ok');
}

/** Only the display name changes: content and contacts refer to the code. */
async function renameTag(tag) {
  const answer = window.prompt(`「${tag.name}」改名为（代码 ${tag.code} 不变）`, tag.name);
  const name = answer === null ? '' : answer.trim();
  if (!name || name === tag.name) return;
  await api('PUT', `/api/operator/tags/${encodeURIComponent(tag.code)}`, { name });
  state.tags = await api('GET', '/api/tags');
  renderTagTree();
  show('标签已改名', 'ok');
}

function switchTab(name) {
  for (const b of document.querySelectorAll('nav button')) b.classList.toggle('active', b.dataset.tab === name);
  for (const s of document.querySelectorAll('main > section')) s.hidden = s.id !== `tab-${name}`;
  if (name === 'words') run(loadWords)();
  if (name === 'tags') renderTagTree();
  if (name === 'analytics') run(loadAnalytics)();
}

/** The selects whose options are codes with shared's words (the HTML holds only their "all" choice). */
function fillCodeSelects() {
  const options = (names, codes) => codes.map((code) => h('option', { value: code }, names[code] || code));
  $('#filters [name=status]').append(...options(STATUS, Object.keys(STATUS)));
  $('#filters [name=kind]').append(...options(KIND, Object.keys(KIND)));
  $('#editor [name=kind]').append(...options(KIND, Object.keys(KIND)));
  // Stage tags are the eight stages themselves: operators add tags to the other families only.
  $('#tag-form [name=family]').append(...options(FAMILY, Object.keys(FAMILY).filter((f) => f !== 'stage')));
  $('#analytics-filters [name=sort]').append(...options(Object.fromEntries(METRICS), SORT_ORDER));
}

document.addEventListener('DOMContentLoaded', () => {
  fillCodeSelects();
  $('#login').addEventListener('submit', (e) => { e.preventDefault(); run(useToken)($('#token').value); });
  $('#devlogin').addEventListener('click', run(devLogin));
  $('#logout').addEventListener('click', () => { sessionStorage.removeItem('kejing-operator-token'); state.token = ''; $('#who').textContent = ''; $('#items tbody').replaceChildren(); });
  for (const b of document.querySelectorAll('nav button')) {
    b.addEventListener('click', () => (b.dataset.tab === 'editor' ? openEditor(null) : switchTab(b.dataset.tab)));
  }
  $('#filters').addEventListener('submit', (e) => { e.preventDefault(); state.page = 1; run(loadList)(); });
  $('#editor').addEventListener('submit', run(saveEditor));
  $('#editor [name=kind]').addEventListener('change', syncKindFields);
  $('#editor-cancel').addEventListener('click', () => switchTab('list'));
  $('#analytics-filters').addEventListener('submit', run(loadAnalytics));
  $('#word-form').addEventListener('submit', run(addWord));
  $('#tag-form').addEventListener('submit', run(addTag));
  if (state.token) run(useToken)(state.token);
});
