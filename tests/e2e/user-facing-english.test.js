// Issue 16.1: no word a person reads is English. Scans what people are actually shown:
// - the built mini program (dist/h5, and dist/weapp when built): texts the JS renders (JSX children,
//   titles, placeholders, toasts, empty and error texts) and text in WXML;
// - the server's console pages (/operator, /admin): their HTML text and their scripts' visible texts.
// The mini program must have none beyond the allow-list; the consoles' English is listed in
// english-known-in-consoles.json (the operator console's own words are being translated separately):
// a new English text fails, and a listed one that is gone must be taken off the list.
// Runs in the "mini program: browser end-to-end" stage of `npm test`, after the H5 build.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const DIST = path.join(ROOT, 'miniapp', 'dist');
const KNOWN_IN_CONSOLES = path.join(__dirname, 'english-known-in-consoles.json');

const CHINESE = /[\u4e00-\u9fff]/;
const ENGLISH = /[A-Za-z]{3,}|[A-Za-z]{2,}\s+[A-Za-z]{2,}/;

/**
 * Not words a person reads as English: units, formats, file types and brand spellings that Chinese
 * apps show as they are. A text made only of these (and digits, signs) passes.
 */
const ALLOWED_WORDS = new Set(['PNG', 'JPEG', 'JPG', 'WebP', 'GIF', 'CSV', 'csv', 'xlsx', 'Excel', 'YYYY', 'MM', 'DD', 'HH', 'KB', 'MB', 'iOS', 'Android', 'App', 'VIP', 'ID']);

/** True when a text shown to people reads as English (English words, no Chinese, not only allowed words). */
function readsAsEnglish(text) {
  if (CHINESE.test(text) || !ENGLISH.test(text) || /^https?:\/\//.test(text)) return false;
  const words = text.match(/[A-Za-z]+/g) || [];
  return !words.every((w) => ALLOWED_WORDS.has(w));
}

/** A JS string literal's value ("\u5168" → 全). */
function unquote(literal) {
  try {
    return JSON.parse(`"${literal.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\'/g, "'")}"`);
  } catch {
    return literal;
  }
}

/** Props whose string values are shown as text, in the compiled JSX and Taro calls (showToast({title}) …). */
const SHOWN_PROPS = 'children|title|placeholder|content|confirmText|cancelText|emptyText|error|label|hint|text|tip';
// key:"…" or key:cond?"…":"…", the string ending where the value ends (not `"wecom"===x`).
const SHOWN = new RegExp(`(?:^|[{,(\\s])(?:${SHOWN_PROPS}):(?:[\\w.$!]+\\?)?"((?:[^"\\\\]|\\\\.)*)"(?:\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)")?(?=[,})\\]])`, 'g');

/** Texts a compiled bundle shows people, that read as English. */
function englishInBundle(js) {
  const found = [];
  for (const match of js.matchAll(SHOWN)) {
    for (const literal of [match[1], match[2]]) {
      if (literal === undefined) continue;
      const text = unquote(literal);
      if (readsAsEnglish(text)) found.push(text);
    }
  }
  return found;
}

/** Text between tags of a WXML or HTML document (scripts and styles left out), and its shown attributes. */
function englishInMarkup(markup) {
  const stripped = markup.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ');
  const texts = [...stripped.matchAll(/>([^<>]+)</g)].map((m) => m[1].trim()).filter((t) => !/^https?:\/\//.test(t));
  const attributes = [...stripped.matchAll(/\s(?:placeholder|title|aria-label|alt)="([^"]*)"/g)].map((m) => m[1]);
  return [...texts, ...attributes].filter((t) => t && !/^\{\{.*\}\}$/.test(t) && readsAsEnglish(t));
}

/** Every file under a folder with one of these endings. */
function filesUnder(dir, endings) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, endings);
    return endings.some((e) => entry.name.endsWith(e)) ? [full] : [];
  });
}

/** English shown by a built client, as "file: text" lines. */
function englishInBuild(dir) {
  const lines = [];
  // Libraries (React, Taro, the chart library) are not our words: their bundles are left out.
  for (const file of filesUnder(dir, ['.js']).filter((f) => !/(^|[\\/])(\w+-)?vendors[\w.-]*\.js$|[\\/](taro|runtime)\.js$/.test(f))) {
    for (const text of englishInBundle(fs.readFileSync(file, 'utf8'))) lines.push(`${path.relative(DIST, file)}: ${text}`);
  }
  for (const file of filesUnder(dir, ['.wxml', '.html'])) {
    for (const text of englishInMarkup(fs.readFileSync(file, 'utf8'))) lines.push(`${path.relative(DIST, file)}: ${text}`);
  }
  return [...new Set(lines)];
}

/** A console script's shown texts: string literals passed to the page (h(…), show(…), textContent …) that read as English. */
function englishInConsoleScript(js) {
  const found = [];
  for (const match of js.matchAll(/(['`])((?:[^'`\\\n]|\\.)*)\1/g)) {
    const text = match[2];
    // Paths, selectors, headers, CSS and code are not read: only sentences and capitalised words.
    if (/[/#=<>{}()$]|^\.|^[a-z][\w-]*( [a-z][\w-]*)*$|^[A-Z][\w-]*-[\w-]+$|^use strict$/.test(text)) continue;
    if (!/\s/.test(text.trim()) && !/^[A-Z][a-z]+$/.test(text)) continue;
    if (readsAsEnglish(text)) found.push(text);
  }
  // Codes shown where a person reads: a field's code (bodyHtml) beside its reason, or "HTTP 502".
  for (const [pattern, what] of CODES_SHOWN) if (pattern.test(js)) found.push(what);
  return found;
}

const CODES_SHOWN = [
  [/\$\{d\.field\}/, 'shows a field\'s code (e.g. bodyHtml) beside its reason: use d.label (or KEJING_ERRORS.field)'],
  [/`HTTP \$\{/, 'shows "HTTP <status>" for an answer without a message: use KEJING_ERRORS.text(body, status)'],
];

function englishInConsoles() {
  const lines = [];
  for (const [folder, script] of [['operator', 'operator.js'], ['admin-console', 'admin.js']]) {
    const dir = path.join(ROOT, 'server', folder);
    for (const text of englishInMarkup(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'))) lines.push(`${folder}/index.html: ${text}`);
    for (const text of englishInConsoleScript(fs.readFileSync(path.join(dir, script), 'utf8'))) lines.push(`${folder}/${script}: ${text}`);
  }
  // The script both consoles share (messages, the API client).
  for (const text of englishInConsoleScript(fs.readFileSync(path.join(ROOT, 'server', 'console', 'console.js'), 'utf8'))) lines.push(`console/console.js: ${text}`);
  return [...new Set(lines)].sort();
}

test('the scanners find planted English and let Chinese, codes and allowed words pass', () => {
  assert.deepEqual(englishInBundle('(0,w.jsx)(r.Ss,{className:"x",children:"this content has been withdrawn"})'), ['this content has been withdrawn']);
  assert.deepEqual(englishInBundle('n.showToast({title:"Retry later",icon:"none"})'), ['Retry later']);
  assert.deepEqual(englishInBundle('{children:k?"Loading":"\\u52a0\\u8f7d"}'), ['Loading']);
  assert.deepEqual(englishInBundle('{children:"\\u8be5\\u5185\\u5bb9\\u5df2\\u4e0b\\u67b6",title:"PNG"}'), []);
  assert.deepEqual(englishInBundle('{children:"wecom"===k?"\\u52a0":"\\u5fae"}'), []);
  assert.deepEqual(englishInMarkup('<view>Retry</view><view>{{i.v}}</view><input placeholder="Invite code"/>'), ['Retry', 'Invite code']);
  assert.deepEqual(englishInConsoleScript("show('Saved the draft'); fetch('/api/x'); el.className = 'field-error';"), ['Saved the draft']);
});

test('the built mini program shows no English (dist/h5, and dist/weapp when built)', (t) => {
  const builds = ['h5', 'weapp'].filter((b) => fs.existsSync(path.join(DIST, b)));
  assert.ok(builds.includes('h5'), 'miniapp/dist/h5 is missing: build it first (`npm run test:e2e` in miniapp does)');
  const found = builds.flatMap((b) => englishInBuild(path.join(DIST, b)));
  t.diagnostic(`scanned ${builds.join(' and ')}: ${found.length} English texts`);
  assert.deepEqual(found, []);
});

test('the consoles show no English beyond the known list, and the list holds nothing that is gone', (t) => {
  const found = englishInConsoles();
  const known = JSON.parse(fs.readFileSync(KNOWN_IN_CONSOLES, 'utf8'));
  for (const line of found) t.diagnostic(`still English: ${line}`);
  assert.deepEqual(found.filter((line) => !known.includes(line)), [], 'new English on a console page: write it in Chinese');
  assert.deepEqual(known.filter((line) => !found.includes(line)), [], 'translated: take these off english-known-in-consoles.json');
});
