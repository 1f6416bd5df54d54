// 客经 内容运营台: a small page over the operator API. Every string from the server goes into the
// page as text; only article bodies (sanitised by the server) are rendered as HTML, and the page's
// Content-Security-Policy forbids inline script, so even that cannot run code. The helpers both
// consoles share (h, api, run, the message area) come from /console/console.js; the words for
// codes from shared's tables (contracts/content-labels.ts), served as /operator/labels.js.
'use strict';

const { $, h, fmt, toLocalInput, show, api, run, session, devLogin, roleNames, ApiError } = window.KejingConsole;
const {
  statuses: STATUS, kinds: KIND, tagFamilies: FAMILY, metrics: METRICS, actions: ACTIONS, fields: FIELDS, liveStatuses: LIVE, wordCategories: WORD_CATEGORY,
} = window.KEJING_LABELS;
// The analytics sort offers what moves customers first.
const SORT_ORDER = ['stageMoves', 'leads', 'completionPct', 'avgDepthPct', 'medianDepthPct', 'uniqueViewers', 'opens', 'shares', 'forwards'];
const TOKEN_KEY = 'kejing-operator-token';
const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const VIDEO_MAX_BYTES = 50 * 1024 * 1024;

const state = { page: 1, selected: null, tags: null, units: [], editing: null, keptBody: null, keptLiveUrl: null, quill: null };
session.token = sessionStorage.getItem(TOKEN_KEY) || '';

const badge = (status) => h('span', { className: `badge s-${status}` }, STATUS[status] || '未知状态');
/** A tag's display name; a code the tree does not know (a tag since removed) never shows as such. */
const tagName = (code) => {
  for (const fam of Object.values(state.tags || {})) {
    const stack = [...fam];
    while (stack.length) { const t = stack.pop(); if (t.code === code) return t.name; stack.push(...t.children); }
  }
  return '（已停用的标签）';
};
const emptyRow = (cols, text) => h('tr', {}, h('td', { colspan: cols, className: 'empty' }, text));

// ---- session ------------------------------------------------------------------------------
async function useToken(token) {
  session.token = token.trim();
  sessionStorage.setItem(TOKEN_KEY, session.token);
  // The admin bootstrap token opens no page here: it only sets up the first admin.
  const me = await api('GET', '/api/me');
  $('#who').textContent = `已登录：${roleNames(me.roles) || '访客'}`;
  if (!state.selected) $('#detail').replaceChildren(h('p', { className: 'hint' }, '选择一条内容，查看详情、预览和审核。'));
  await loadReference();
  await loadList();
}

async function loginWithDevCode() {
  const token = await devLogin($('#devcode').value.trim());
  $('#token').value = '';
  await useToken(token);
}

async function loadReference() {
  state.tags = await api('GET', '/api/tags');
  state.units = await api('GET', '/api/operator/org-units').catch(() => []);
  const tagSelect = $('#analytics-filters [name=tag]');
  tagSelect.replaceChildren(h('option', { value: '' }, '全部标签'));
  for (const [fam, list] of Object.entries(state.tags)) {
    const group = h('optgroup', { label: FAMILY[fam] || '其他' });
    const walk = (t, depth) => { group.append(h('option', { value: t.code }, `${'　'.repeat(depth)}${t.name}`)); t.children.forEach((c) => walk(c, depth + 1)); };
    list.forEach((t) => walk(t, 0));
    tagSelect.append(group);
  }
  const unitSelect = $('#analytics-filters [name=orgUnitId]');
  unitSelect.replaceChildren(h('option', { value: '' }, '全公司'), ...state.units.filter((u) => u.kind !== 'company').map((u) => h('option', { value: u.id }, `${u.kind === 'team' ? '　' : ''}${u.name}`)));
  fillParentTags();
}

// ---- list and detail ----------------------------------------------------------------------
async function loadList() {
  const form = new FormData($('#filters'));
  const params = new URLSearchParams({ page: String(state.page), pageSize: '20' });
  for (const [k, v] of form) if (v) params.set(k, String(v));
  const page = await api('GET', `/api/operator/content?${params}`);
  const body = $('#items tbody');
  body.replaceChildren(...(page.items.length ? page.items.map((item) => h('tr', { className: `clickable${item.itemId === state.selected ? ' selected' : ''}`, 'data-item': item.itemId, onclick: run(() => openFromList(item.itemId)) },
    h('td', {}, item.title, item.publishedVersionId && item.status !== 'approved' && item.status !== 'retired' ? h('div', { className: 'small' }, '已有发布版本在分享中') : null),
    h('td', {}, KIND[item.kind] || '其他'), h('td', {}, badge(item.status)), h('td', { className: 'nowrap' }, `第 ${item.latestVersionNo} 版`), h('td', { className: 'small' }, fmt(item.updatedAt))))
    : [emptyRow(5, '没有符合条件的内容。可以换个条件，或点“新建”写一篇。')]));
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  $('#pager').replaceChildren(
    h('button', { type: 'button', disabled: state.page <= 1, onclick: run(async () => { state.page -= 1; await loadList(); }) }, '上一页'),
    h('span', {}, `第 ${state.page} / ${pages} 页，共 ${page.total} 条`),
    h('button', { type: 'button', disabled: state.page >= pages, onclick: run(async () => { state.page += 1; await loadList(); }) }, '下一页'));
}

const durationText = (sec) => (sec >= 60 ? `${Math.floor(sec / 60)} 分 ${sec % 60} 秒` : `${sec} 秒`);

function renderPreview(version) {
  const box = h('div', { className: 'preview' });
  box.append(h('h2', {}, version.title));
  if (version.summary) box.append(h('p', { className: 'small' }, version.summary));
  if (version.coverUrl) box.append(h('img', { src: version.coverUrl, alt: '封面' }));
  if (version.kind === 'video') {
    box.append(h('p', {}, '视频：', version.videoUrl ? '' : '未上传', version.durationSec ? `时长 ${durationText(version.durationSec)}` : ''));
    if (version.videoUrl) box.append(h('video', { src: version.videoUrl, controls: true, preload: 'metadata', playsinline: true, className: 'preview-video' }));
  }
  if (version.kind === 'live') {
    const end = version.liveEndsAt ? ` 至 ${fmt(version.liveEndsAt)}` : '';
    box.append(h('p', {}, `直播：${version.liveStartsAt ? fmt(version.liveStartsAt) : '时间待定'}${end}（${LIVE[version.liveStatus] || '时间待定'}）`));
    box.append(h('p', {}, '视频号ID：', version.channelsFinderId || '未填写（开播后客户看不到直播入口）'));
    if (version.replayUrl) box.append(h('p', {}, '回放：'), h('video', { src: version.replayUrl, controls: true, preload: 'metadata', playsinline: true, className: 'preview-video' }));
  }
  if (version.bodyHtml) {
    const body = h('div', { className: 'body' });
    body.innerHTML = version.bodyHtml; // sanitised by the server; CSP blocks script regardless
    box.append(body);
  }
  box.append(h('p', { className: 'small' }, '标签：', version.tags.map(tagName).join('、') || '无'));
  return box;
}

function visibilityEditor(d) {
  const chosen = new Set(d.visibility.orgUnitIds);
  const boxes = state.units.filter((u) => u.kind !== 'company').map((u) => h('label', {}, h('input', { type: 'checkbox', value: u.id, checked: chosen.has(u.id) }), `${u.kind === 'branch' ? '分公司' : '团队'}·${u.name} `));
  const from = h('input', { type: 'datetime-local', value: toLocalInput(d.visibility.visibleFrom), 'aria-label': '生效时间' });
  const until = h('input', { type: 'datetime-local', value: toLocalInput(d.visibility.visibleUntil), 'aria-label': '截止时间' });
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

/**
 * Who wrote the latest version, who submitted it, and — while it is in review — whether the
 * caller may approve it. The four-eyes rule is the server's; the page offers 通过 only to someone
 * the server will let approve, and tells the author whom to ask instead.
 */
function reviewBox(d) {
  const r = d.review;
  const author = r.authorName || '内容库导入';
  const submitter = r.submitterName ? `　提交审核：${r.submitterName}` : '';
  const lines = [h('div', {}, `撰写：${author}`, submitter)];
  if (d.status === 'in_review') {
    if (r.callerMayApprove) lines.push(h('div', { className: 'may-review' }, '你可以审核这一版：通过后营销员即可分享；驳回请写明原因。'));
    else {
      lines.push(h('div', { className: 'four-eyes' }, '这一版由你撰写或提交。按“四眼原则”须由另一位运营审核，你不能自己通过。',
        r.reviewerNames.length ? `可以请 ${r.reviewerNames.join('、')} 审核。` : '目前没有其他可审核的运营，请联系管理员。'));
    }
  }
  return h('div', { className: 'review' }, lines);
}

async function openDetail(itemId) {
  state.selected = itemId;
  const d = await api('GET', `/api/operator/content/${itemId}`);
  const act = (action, label, done, ask, className) => h('button', { type: 'button', className, 'data-action': action, onclick: run(async () => {
    let body = {};
    if (ask) {
      const reason = window.prompt(ask);
      if (reason === null) return;
      body = reason.trim() ? { reason: reason.trim() } : {};
    }
    await api('POST', `/api/operator/content/${itemId}/${action}`, body);
    show(done, 'ok');
    await openDetail(itemId);
    await loadList();
  }) }, label);
  const buttons = [];
  if (['draft', 'approved', 'rejected'].includes(d.status)) buttons.push(h('button', { type: 'button', 'data-action': 'edit', onclick: () => openEditor(d) }, '编辑'));
  if (d.status === 'draft') buttons.push(act('submit', '提交审核', '已提交审核，请另一位运营审核'));
  if (d.status === 'in_review' && d.review.callerMayApprove) {
    buttons.push(act('approve', '通过并发布', '已通过并发布，营销员现在可以分享', null, 'primary'), act('reject', '驳回', '已驳回，作者会看到原因', '驳回原因（作者会看到）：'));
  }
  if (d.status !== 'retired' && (['approved', 'rejected'].includes(d.status) || d.publishedVersionId)) buttons.push(act('retire', '下架', '已下架，客户打开旧的分享会看到“该内容已下架”', '下架原因（可空）：', 'danger'));
  const latestReview = d.versions[0];
  // Through h(): it drops the parts a state does not have (replaceChildren would print "null").
  $('#detail').replaceChildren(...h('div', {},
    h('h2', {}, d.title, ' ', badge(d.status)),
    h('p', { className: 'small' }, `${KIND[d.kind] || '其他'} · 最新第 ${d.latestVersionNo} 版${d.publishedVersionId ? ' · 已有发布版本' : ''}${d.sourceKey ? ' · 从内容库文件导入' : ''}`),
    reviewBox(d),
    latestReview && latestReview.rejectionReason ? h('p', { className: 'rejected' }, `驳回原因：${latestReview.rejectionReason}`) : '',
    buttons.length ? h('div', { className: 'actions' }, buttons) : null,
    visibilityEditor(d),
    h('h3', {}, `预览第 ${d.latestVersionNo} 版`),
    renderPreview(d.latest),
    h('h3', {}, '版本'),
    h('div', { className: 'scroll-x' }, h('table', {}, h('tbody', {}, d.versions.map((v) => h('tr', {},
      h('td', { className: 'nowrap' }, `第 ${v.versionNo} 版`), h('td', {}, v.title), h('td', {}, badge(v.status), v.versionId === d.publishedVersionId ? ' 发布中' : ''),
      h('td', { className: 'small' }, fmt(v.createdAt)),
      h('td', {}, h('button', { type: 'button', onclick: run(async () => {
        const version = await api('GET', `/api/operator/content/${itemId}/versions/${v.versionId}`);
        $('#detail .preview').replaceWith(renderPreview(version));
      }) }, '预览'))))))),
    h('h3', {}, '审计记录'),
    h('ul', { className: 'history' }, d.history.map((e) => h('li', {}, `${fmt(e.at)} ${e.actorName || (e.detail && e.detail.actorRole === 'bootstrap_admin' ? '初始管理员' : '系统')}：${ACTIONS[e.action.replace('content.', '')] || '其他操作'}`,
      e.detail && e.detail.versionNo ? ` 第 ${e.detail.versionNo} 版` : '', e.detail && e.detail.reason ? ` — ${e.detail.reason}` : ''))),
    h('p', {}, h('button', { type: 'button', onclick: run(() => showItemAnalytics(itemId)) }, '查看这条内容的数据')),
    h('div', { id: 'item-analytics' })).childNodes);
  for (const tr of document.querySelectorAll('#items tbody tr')) tr.classList.toggle('selected', tr.dataset.item === itemId);
}

/** From the list: on a phone the detail sits under the list, so the page goes to it. */
async function openFromList(itemId) {
  await openDetail(itemId);
  if (window.matchMedia('(max-width: 900px)').matches) $('#detail').scrollIntoView({ block: 'start' });
}

async function showItemAnalytics(itemId) {
  const a = await api('GET', `/api/operator/analytics/content/${itemId}`);
  $('#item-analytics').replaceChildren(h('div', { className: 'scroll-x' }, metricTable([{ label: '合计', metrics: a.metrics }, ...a.versions.map((v) => ({ label: `第 ${v.versionNo} 版`, metrics: v.metrics }))])));
}

function metricTable(rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, ''), METRICS.map(([, label]) => h('th', {}, label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, r.label), METRICS.map(([key]) => h('td', {}, r.metrics[key] === null ? '—' : String(r.metrics[key])))))));
}

// ---- editor -------------------------------------------------------------------------------
/**
 * Uploads one image file through the uploads module and answers its path on the API
 * (/api/uploads/…): covers are kept as paths, which the clients load from whichever host serves the API.
 */
async function uploadImage(file) {
  if (!/^image\/(png|jpeg|webp)$/.test(file.type)) throw new Error('只支持 PNG、JPEG 或 WebP 图片');
  if (file.size > IMAGE_MAX_BYTES) throw new Error('图片不能超过 2 MB，请压缩后再上传');
  return (await api('POST', '/api/uploads', file)).url;
}

/** An image for the article's body: absolute, since the mini program renders the body with no base URL (this page is served by the API's own origin). */
async function uploadBodyImage(file) {
  return `${location.origin}${await uploadImage(file)}`;
}

/**
 * Uploads an MP4 for a video item or a live's replay; the server checks the bytes and reads the
 * running time. The page checks what it can first, so a wrong file is refused before a long upload.
 */
async function uploadVideo(file, progress) {
  if (file.type !== 'video/mp4' && !/\.mp4$/i.test(file.name)) throw new Error('只支持 MP4 视频，请用剪辑软件导出为 MP4 后再上传');
  if (file.size > VIDEO_MAX_BYTES) throw new Error('视频不能超过 50 MB，请压缩或剪短后再上传');
  progress.hidden = false;
  progress.textContent = `正在上传 ${(file.size / 1024 / 1024).toFixed(1)} MB 的视频，请稍候……`;
  try {
    return await api('POST', '/api/uploads/videos', file);
  } finally {
    progress.hidden = true;
  }
}

/** Asks for a file of the input's kind and answers it (null when the operator cancels). */
function pickFile(selector) {
  return new Promise((resolve) => {
    const input = $(selector);
    input.value = '';
    input.onchange = () => resolve(input.files && input.files[0] ? input.files[0] : null);
    input.oncancel = () => resolve(null);
    input.click();
  });
}
const pickImage = () => pickFile('#image-file');

function previewVideo(url) {
  const video = $('#video-preview');
  video.hidden = !url;
  if (url) video.src = url; else video.removeAttribute('src');
}

function setCover(url) {
  $('#editor').coverUrl.value = url || '';
  previewCover(url);
}

function previewCover(url) {
  const img = $('#cover-preview');
  img.hidden = !url;
  if (url) img.src = url; else img.removeAttribute('src');
}

const TOOLBAR_TITLES = {
  'ql-header': '标题级别', 'ql-bold': '加粗', 'ql-italic': '斜体', 'ql-underline': '下划线', 'ql-strike': '删除线', 'ql-blockquote': '引用',
  'ql-link': '插入链接', 'ql-image': '上传图片', 'ql-clean': '清除格式',
};

/** The rich-text editor (Quill 2, served from node_modules): what it can make, the sanitiser keeps. */
function createBodyEditor() {
  const insertImages = async (quill, range, files) => {
    let at = range ? range.index : quill.getLength();
    for (const file of files) {
      const url = await uploadBodyImage(file);
      quill.insertEmbed(at, 'image', url, 'user');
      at += 1;
    }
    quill.setSelection(at, 0, 'silent');
    show(files.length > 1 ? `已插入 ${files.length} 张图片` : '图片已上传并插入正文', 'ok');
  };
  const quill = new window.Quill('#body-editor', {
    theme: 'snow',
    placeholder: '在这里写正文……',
    modules: {
      toolbar: {
        container: [[{ header: [2, 3, false] }], ['bold', 'italic', 'underline', 'strike'], [{ list: 'ordered' }, { list: 'bullet' }], ['blockquote', 'link', 'image'], ['clean']],
        handlers: {
          image: run(async () => {
            const file = await pickImage();
            if (file) await insertImages(quill, quill.getSelection(true), [file]);
          }),
        },
      },
      // Pasted or dropped image files go to the uploads module too, never into the body as data: URLs.
      uploader: { mimetypes: ['image/png', 'image/jpeg', 'image/webp'], handler: (range, files) => run(insertImages)(quill, range, files) },
    },
  });
  for (const [cls, title] of Object.entries(TOOLBAR_TITLES)) for (const b of document.querySelectorAll(`#tab-editor .ql-toolbar .${cls}`)) b.title = title;
  for (const b of document.querySelectorAll('#tab-editor .ql-toolbar .ql-list')) b.title = b.value === 'ordered' ? '编号列表' : '项目符号列表';
  const linkInput = document.querySelector('#tab-editor .ql-tooltip input[data-link]');
  if (linkInput) linkInput.dataset.link = 'https://…';
  return quill;
}

/** The editor's HTML as the server stores it: semantic lists, ordinary spaces (Quill 2.0.3 writes &nbsp;). */
function bodyHtmlOf(quill) {
  const hasImage = quill.getContents().ops.some((op) => op.insert && typeof op.insert === 'object' && op.insert.image);
  if (quill.getText().trim() === '' && !hasImage) return undefined;
  return quill.getSemanticHTML().replace(/&nbsp;/g, ' ');
}

function renderTagPicker(selected) {
  const chosen = new Set(selected);
  $('#tag-picker').replaceChildren(...Object.entries(state.tags || {}).map(([fam, list]) => {
    const boxes = [];
    const walk = (t, depth) => { boxes.push(h('label', {}, h('input', { type: 'checkbox', name: 'tag', value: t.code, checked: chosen.has(t.code) }), `${depth ? '└' : ''}${t.name}`)); t.children.forEach((c) => walk(c, depth + 1)); };
    list.forEach((t) => walk(t, 0));
    return h('div', { className: 'tag-family' }, h('b', {}, FAMILY[fam] || '其他'), h('span', { className: 'tags' }, boxes));
  }));
}

/** Shows only the fields of the chosen kind, each with its label for that kind. */
function syncKindFields() {
  const kind = $('#editor [name=kind]').value;
  for (const field of document.querySelectorAll('#editor .field[data-kinds]')) field.hidden = !field.dataset.kinds.split(' ').includes(kind);
  for (const label of document.querySelectorAll('#editor [data-kind-label]')) label.hidden = !label.dataset.kindLabel.split(' ').includes(kind);
  clearFieldErrors();
}

function clearFieldErrors() {
  for (const el of document.querySelectorAll('#editor .field-error')) el.remove();
  for (const el of document.querySelectorAll('#editor .field.invalid')) el.classList.remove('invalid');
}

/** Marks a field as refused, with the reason under it; answers false when the field is not on the form. */
function markField(field, reason) {
  const box = document.querySelector(`#editor .field[data-field="${field}"]`);
  if (!box || box.hidden) return false;
  box.classList.add('invalid');
  box.append(h('div', { className: 'field-error' }, reason));
  return true;
}

function openEditor(detail) {
  state.editing = detail ? detail.itemId : null;
  const form = $('#editor');
  form.reset();
  const v = detail ? detail.latest : null;
  $('#editor-title').textContent = detail ? `编辑：${detail.title}（保存后生成第 ${detail.latestVersionNo + 1} 版草稿）` : '新建内容';
  form.kind.value = detail ? detail.kind : 'article';
  form.kind.disabled = Boolean(detail);
  state.quill.setContents([], 'silent');
  // A body the kind does not edit here (an imported video's notes) is kept as it is, not dropped.
  state.keptBody = v && v.kind !== 'article' && v.bodyHtml ? v.bodyHtml : null;
  if (v) {
    form.title.value = v.title; form.summary.value = v.summary || '';
    form.videoUrl.value = v.videoUrl || '';
    form.durationMin.value = v.durationSec === null ? '' : String(Math.floor(v.durationSec / 60));
    form.durationSecPart.value = v.durationSec === null ? '' : String(v.durationSec % 60);
    form.liveStartsAt.value = toLocalInput(v.liveStartsAt);
    form.liveEndsAt.value = toLocalInput(v.liveEndsAt);
    form.channelsFinderId.value = v.channelsFinderId || '';
    form.replayUrl.value = v.replayUrl || '';
    if (v.kind === 'article' && v.bodyHtml) state.quill.clipboard.dangerouslyPasteHTML(v.bodyHtml, 'silent');
  }
  setCover(v ? v.coverUrl : null);
  previewVideo(v && v.kind === 'video' ? v.videoUrl : null);
  // A live stream's own address (an API client may set one) is not edited here and is kept as it is.
  state.keptLiveUrl = v && v.kind === 'live' && v.videoUrl ? v.videoUrl : null;
  $('#body-note').classList.toggle('warn', Boolean(v && v.bodyHtml && /<table/i.test(v.bodyHtml)));
  renderTagPicker(v ? v.tags : []);
  syncKindFields();
  switchTab('editor');
}

/** A full http(s) address, or a file uploaded to this API (kept as its path). */
const URL_PATTERN = /^(https?:\/\/\S+|\/api\/uploads\/[0-9a-f]{64})$/i;
const CHANNELS_ID_PATTERN = /^sph[A-Za-z0-9_-]{3,60}$/;

/** The draft from the form: only the fields of the chosen kind, checked by the page first, in Chinese. */
function draftFromForm(form) {
  const kind = form.kind.value;
  const shown = (field) => { const box = form.querySelector(`.field[data-field="${field}"]`); return box && !box.hidden; };
  const text = (name) => (shown(name) && form[name].value.trim() !== '' ? form[name].value.trim() : undefined);
  const time = (name) => (shown(name) && form[name].value ? new Date(form[name].value).toISOString() : undefined);
  const errors = [];
  const body = { title: form.title.value.trim(), tags: [...form.querySelectorAll('input[name=tag]:checked')].map((i) => i.value) };
  for (const name of ['summary', 'coverUrl', 'videoUrl', 'replayUrl', 'channelsFinderId']) body[name] = text(name);
  if (kind === 'live' && state.keptLiveUrl) body.videoUrl = state.keptLiveUrl;
  body.liveStartsAt = time('liveStartsAt');
  body.liveEndsAt = time('liveEndsAt');
  if (shown('durationSec') && (form.durationMin.value !== '' || form.durationSecPart.value !== '')) {
    body.durationSec = Number(form.durationMin.value || 0) * 60 + Number(form.durationSecPart.value || 0);
  }
  body.bodyHtml = shown('bodyHtml') ? bodyHtmlOf(state.quill) : state.keptBody || undefined;
  if (!body.title) errors.push(['title', '请填写标题']);
  for (const name of ['coverUrl', 'videoUrl', 'replayUrl']) if (body[name] && !URL_PATTERN.test(body[name])) errors.push([name, '请填写以 https:// 开头的完整地址']);
  if (kind === 'article' && !body.bodyHtml) errors.push(['bodyHtml', '文章需要正文']);
  // An image pasted from another program arrives as data inside the page; the server would drop it.
  if (body.bodyHtml && /<img[^>]+src="(data|blob):/i.test(body.bodyHtml)) errors.push(['bodyHtml', '正文里有粘贴进来的图片尚未上传：请删除它，再用工具栏的图片按钮上传']);
  if (kind === 'video' && !body.videoUrl) errors.push(['videoUrl', '视频需要上传 MP4 或填写播放地址']);
  if (body.channelsFinderId && !CHANNELS_ID_PATTERN.test(body.channelsFinderId)) errors.push(['channelsFinderId', '视频号ID以 sph 开头，请从视频号助手复制']);
  if (kind === 'live' && !body.liveStartsAt) errors.push(['liveStartsAt', '直播需要开播时间']);
  if (body.liveStartsAt && body.liveEndsAt && body.liveEndsAt <= body.liveStartsAt) errors.push(['liveEndsAt', '结束时间要晚于开播时间']);
  if (kind === 'poster' && !body.coverUrl) errors.push(['coverUrl', '海报需要一张海报图']);
  if (body.durationSec !== undefined && (!Number.isInteger(body.durationSec) || body.durationSec < 0 || body.durationSec > 86400)) errors.push(['durationSec', '时长要在 0 到 24 小时之间']);
  return { kind, body, errors };
}

async function saveEditor(event) {
  event.preventDefault();
  const form = event.target;
  clearFieldErrors();
  const { kind, body, errors } = draftFromForm(form);
  if (errors.length) {
    for (const [field, reason] of errors) markField(field, reason);
    throw new Error(`还不能保存：${errors.map(([field, reason]) => `${FIELDS[field] || ''}${FIELDS[field] ? '：' : ''}${reason}`).join('；')}`);
  }
  let saved;
  try {
    saved = state.editing
      ? await api('PUT', `/api/operator/content/${state.editing}`, body)
      : await api('POST', '/api/operator/content', { kind, ...body });
  } catch (e) {
    // The server names the fields it refuses: each reason goes under its field too.
    if (e instanceof ApiError) for (const d of e.details) markField(d.field.replace(/\[\d+\]$/, ''), d.reason);
    throw e;
  }
  show(`已保存为第 ${saved.latestVersionNo} 版草稿，预览无误后可提交审核`, 'ok');
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
  const cols = METRICS.length + 3;
  const rows = await api('GET', `/api/operator/analytics/content?${params}`);
  $('#ranking thead').replaceChildren(h('tr', {}, h('th', {}, '#'), h('th', {}, '内容'), h('th', {}, '状态'), METRICS.map(([, l]) => h('th', {}, l))));
  $('#ranking tbody').replaceChildren(...(rows.length ? rows.map((r) => h('tr', { className: 'clickable', onclick: run(async () => { switchTab('list'); await openDetail(r.itemId); }) },
    h('td', {}, String(r.rank)), h('td', {}, r.title), h('td', {}, badge(r.status)), METRICS.map(([k]) => h('td', {}, r.metrics[k] === null ? '—' : String(r.metrics[k])))))
    : [emptyRow(cols, '这段时间还没有数据')]));
  params.delete('tag');
  const tagRows = await api('GET', `/api/operator/analytics/tags?${params}`);
  $('#tag-ranking thead').replaceChildren(h('tr', {}, h('th', {}, '#'), h('th', {}, '标签'), h('th', {}, '内容数'), METRICS.map(([, l]) => h('th', {}, l))));
  $('#tag-ranking tbody').replaceChildren(...(tagRows.length ? tagRows.map((r) => h('tr', {}, h('td', {}, String(r.rank)), h('td', {}, r.name), h('td', {}, String(r.items)),
    METRICS.map(([k]) => h('td', {}, r.metrics[k] === null ? '—' : String(r.metrics[k])))))
    : [emptyRow(cols, '这段时间还没有数据')]));
}

async function loadWords() {
  const words = await api('GET', '/api/operator/forbidden-words');
  $('#words tbody').replaceChildren(...(words.length ? words.map((w) => h('tr', {}, h('td', {}, w.word), h('td', {}, WORD_CATEGORY[w.category] || '其他'), h('td', { className: 'small' }, fmt(w.createdAt)),
    h('td', {}, h('button', { type: 'button', onclick: run(async () => { if (!window.confirm(`删除禁用词“${w.word}”？`)) return; await api('DELETE', `/api/operator/forbidden-words/${w.id}`); show(`已删除“${w.word}”`, 'ok'); await loadWords(); }) }, '删除'))))
    : [emptyRow(4, '还没有禁用词')]));
}

async function addWord(event) {
  event.preventDefault();
  const form = event.target;
  const word = form.word.value.trim();
  if (!word) throw new Error('请填写禁用词');
  await api('POST', '/api/operator/forbidden-words', { word, category: form.category.value });
  form.word.value = '';
  show(`已添加禁用词“${word}”`, 'ok');
  await loadWords();
}

function renderTagTree() {
  const walk = (t) => h('li', { 'data-code': t.code }, `${t.name} `,
    h('button', { type: 'button', className: 'small', title: '只改显示名，已打标的内容和客户不受影响', onclick: run(() => renameTag(t)) }, '改名'),
    t.children.length ? h('ul', {}, t.children.map(walk)) : null);
  $('#tag-tree').replaceChildren(...Object.entries(state.tags || {}).map(([fam, list]) => h('div', {}, h('h3', {}, FAMILY[fam] || '其他'), h('ul', {}, list.map(walk)))));
}

/** The upper tags a new tag may sit under: the chosen family's, by name. */
function fillParentTags() {
  const form = $('#tag-form');
  const list = (state.tags || {})[form.family.value] || [];
  const options = [h('option', { value: '' }, '无上级标签')];
  const walk = (t, depth) => { options.push(h('option', { value: t.code }, `${'　'.repeat(depth)}${t.name}`)); t.children.forEach((c) => walk(c, depth + 1)); };
  list.forEach((t) => walk(t, 0));
  form.parentCode.replaceChildren(...options);
}

async function addTag(event) {
  event.preventDefault();
  const form = event.target;
  const name = form.name.value.trim();
  const code = form.code.value.trim();
  if (!name) throw new Error('请填写标签名称');
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(code)) throw new Error('英文代码：请用 1–40 个英文字母、数字、下划线或连字符');
  await api('POST', '/api/operator/tags', { family: form.family.value, code, name, ...(form.parentCode.value ? { parentCode: form.parentCode.value } : {}) });
  form.name.value = ''; form.code.value = '';
  state.tags = await api('GET', '/api/tags');
  renderTagTree();
  fillParentTags();
  show(`标签“${name}”已添加`, 'ok');
}

/** Only the display name changes: content and contacts refer to the tag, not its name. */
async function renameTag(tag) {
  const answer = window.prompt(`「${tag.name}」改名为：`, tag.name);
  const name = answer === null ? '' : answer.trim();
  if (!name || name === tag.name) return;
  await api('PUT', `/api/operator/tags/${encodeURIComponent(tag.code)}`, { name });
  state.tags = await api('GET', '/api/tags');
  renderTagTree();
  show(`已改名为“${name}”`, 'ok');
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
  const options = (names, codes) => codes.map((code) => h('option', { value: code }, names[code]));
  $('#filters [name=status]').append(...options(STATUS, Object.keys(STATUS)));
  $('#filters [name=kind]').append(...options(KIND, Object.keys(KIND)));
  $('#editor [name=kind]').append(...options(KIND, Object.keys(KIND)));
  // Stage tags are the eight stages themselves: operators add tags to the other families only.
  $('#tag-form [name=family]').append(...options(FAMILY, Object.keys(FAMILY).filter((f) => f !== 'stage')));
  $('#analytics-filters [name=sort]').append(...options(Object.fromEntries(METRICS), SORT_ORDER));
  $('#word-form [name=category]').append(...options(WORD_CATEGORY, Object.keys(WORD_CATEGORY)));
  $('#word-form [name=category]').value = 'operator';
}

document.addEventListener('DOMContentLoaded', () => {
  fillCodeSelects();
  state.quill = createBodyEditor();
  $('#login').addEventListener('submit', (e) => { e.preventDefault(); run(useToken)($('#token').value); });
  $('#devlogin').addEventListener('click', run(loginWithDevCode));
  $('#logout').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); session.token = ''; $('#who').textContent = ''; $('#items tbody').replaceChildren(); show('已退出', 'ok'); });
  for (const b of document.querySelectorAll('nav button')) {
    b.addEventListener('click', () => (b.dataset.tab === 'editor' ? openEditor(null) : switchTab(b.dataset.tab)));
  }
  $('#filters').addEventListener('submit', (e) => { e.preventDefault(); state.page = 1; run(loadList)(); });
  $('#editor').addEventListener('submit', run(saveEditor));
  $('#editor [name=kind]').addEventListener('change', syncKindFields);
  $('#editor-cancel').addEventListener('click', () => switchTab('list'));
  $('#cover-upload').addEventListener('click', run(async () => {
    const file = await pickImage();
    if (!file) return;
    setCover(await uploadImage(file));
    show('封面已上传', 'ok');
  }));
  $('#editor [name=coverUrl]').addEventListener('change', (e) => previewCover(URL_PATTERN.test(e.target.value.trim()) ? e.target.value.trim() : null));
  $('#video-upload').addEventListener('click', run(async () => {
    const file = await pickFile('#video-file');
    if (!file) return;
    const video = await uploadVideo(file, $('#video-progress'));
    const form = $('#editor');
    form.videoUrl.value = video.url;
    previewVideo(video.url);
    if (video.durationSec !== null) {
      form.durationMin.value = String(Math.floor(video.durationSec / 60));
      form.durationSecPart.value = String(video.durationSec % 60);
    }
    show(`视频已上传（${(video.sizeBytes / 1024 / 1024).toFixed(1)} MB${video.durationSec !== null ? `，时长 ${durationText(video.durationSec)}` : ''}）`, 'ok');
  }));
  $('#editor [name=videoUrl]').addEventListener('change', (e) => previewVideo(URL_PATTERN.test(e.target.value.trim()) ? e.target.value.trim() : null));
  $('#replay-upload').addEventListener('click', run(async () => {
    const file = await pickFile('#video-file');
    if (!file) return;
    $('#editor').replayUrl.value = (await uploadVideo(file, $('#replay-progress'))).url;
    show('回放视频已上传', 'ok');
  }));
  $('#analytics-filters').addEventListener('submit', run(loadAnalytics));
  $('#word-form').addEventListener('submit', run(addWord));
  $('#tag-form').addEventListener('submit', run(addTag));
  $('#tag-form [name=family]').addEventListener('change', fillParentTags);
  if (session.token) run(useToken)(session.token);
});
