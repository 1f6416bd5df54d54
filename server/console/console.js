// What both desktop consoles share (内容运营台 /operator and 管理台 /admin), served once as
// /console/console.js: building elements, calling the API, and one message area where messages
// never hide each other. Every string from the server goes into the page as text, never as HTML.
'use strict';

(function consoleHelpers() {
  const LABELS = window.KEJING_LABELS || {};

  const $ = (sel) => document.querySelector(sel);

  /** Builds an element; children are nodes or strings (always text, never HTML). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'className') el.className = v;
      else if (k === 'value') el.value = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }

  const fmt = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');
  /** An ISO instant as the value of a datetime-local input, in the time zone of the browser. */
  const toLocalInput = (iso) => (iso ? new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '');

  // ---- messages ---------------------------------------------------------------------------
  // One area, messages stacked newest last. A success fades by its own timer and only itself; an
  // error stays until its × or the next action (run() clears errors when an action starts).
  const OK_MS = 4000;

  function area() {
    let box = $('#messages');
    if (!box) {
      box = h('div', { id: 'messages', role: 'status', 'aria-live': 'polite' });
      document.body.prepend(box);
    }
    return box;
  }

  /** Shows a message: kind 'ok' (fades) or 'error' (stays). `lines` are details under the text. */
  function show(text, kind, lines) {
    const close = h('button', { type: 'button', className: 'close', title: '关闭', 'aria-label': '关闭' }, '×');
    const item = h('div', { className: `message ${kind}`, role: kind === 'error' ? 'alert' : null },
      h('div', { className: 'text' }, text, lines && lines.length ? h('ul', {}, lines.map((l) => h('li', {}, l))) : null), close);
    close.addEventListener('click', () => item.remove());
    area().append(item);
    if (kind === 'ok') setTimeout(() => item.remove(), OK_MS);
    return item;
  }

  function clearErrors() {
    for (const m of document.querySelectorAll('#messages .message.error')) m.remove();
  }

  // ---- the API ----------------------------------------------------------------------------
  /** The Chinese message for an error code, from the table served with the labels (when there is one). */
  function messageFor(code, fallback) {
    const table = (window.KEJING_ERRORS && window.KEJING_ERRORS.messages) || LABELS.messages || {};
    const entry = code ? table[code] : undefined;
    return (typeof entry === 'string' ? entry : entry && entry.message) || fallback;
  }

  const fieldName = (field) => {
    const names = LABELS.fields || {};
    const base = String(field || '').replace(/\[\d+\]$/, '').split('.').pop();
    return names[field] || names[base] || '';
  };

  /** An error the API answered: its status, stable code, message for people and per-field details. */
  class ApiError extends Error {
    constructor(status, body) {
      const err = (body && body.error) || {};
      super(messageFor(err.code, err.message || `服务器暂时无法处理（${status}），请稍后再试`));
      this.status = status;
      this.code = err.code || null;
      this.details = (err.details || []).map((d) => ({ field: d.field, name: fieldName(d.field), reason: d.reason }));
    }
  }

  const session = { token: '' };

  async function api(method, path, body) {
    let res;
    try {
      const isBlob = typeof Blob !== 'undefined' && body instanceof Blob;
      res = await fetch(path, {
        method,
        headers: {
          ...(session.token ? { Authorization: `Bearer ${session.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': isBlob ? (body.type || 'application/octet-stream') : 'application/json' }),
        },
        body: body === undefined ? undefined : isBlob ? body : JSON.stringify(body),
      });
    } catch {
      throw new Error('连不上服务器，请检查网络后重试');
    }
    if (res.status === 204) return null;
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  /** A detail as people read it: "标题：不能为空", or the reason alone when the field has no name. */
  const detailLine = (d) => (d.name ? `${d.name}：${d.reason}` : d.reason);

  function showError(e) {
    show(e.message, 'error', e instanceof ApiError ? e.details.map(detailLine) : []);
  }

  /** Wraps an action: earlier errors go when it starts, its own error shows (and stays) if it fails. */
  const run = (fn) => async (...args) => {
    clearErrors();
    try { return await fn(...args); } catch (e) { showError(e); return undefined; }
  };

  /** Logs in with a dev code (the local fake WeChat only) and answers the session token. */
  async function devLogin(code) {
    if (!code) throw new Error('请输入开发登录码（仅在本地假微信下可用）');
    const data = await api('POST', '/api/auth/login', { code });
    return data.token;
  }

  const roleNames = (roles) => (roles || []).filter((r) => r !== 'viewer').map((r) => (LABELS.roles || {})[r] || '其他角色').join('、');

  window.KejingConsole = { $, h, fmt, toLocalInput, show, clearErrors, showError, api, run, session, devLogin, roleNames, ApiError, fieldName, detailLine };
}());
